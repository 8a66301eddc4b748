"""审核意见 letters as a cancellable job (issue 17): the desk and the CLI both call these.

``write_letters`` builds them from a batch in memory and a review snapshot (the desk);
``workspace_letters`` from a workspace alone (``gik-desk letters``): it re-reads the files the
workspace's reports came from, gives each the version slot the workspace stored for it (no
audit is recorded and no review changes) and then writes the same letters.
Which findings a letter carries and why: ``gik_desk.export.letters``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gik_desk.jobs import CancelToken, Job, Progress
from gik_desk.model.batch import Batch
from gik_desk.model.letter import LetterHead
from gik_desk.model.rectification import SentLetter
from gik_desk.model.review import ReviewSnapshot

if TYPE_CHECKING:
    from gik_desk.workspace import Workspace


@dataclass(frozen=True, slots=True)
class LettersResult:
    """What a run wrote, and for which bodies it wrote nothing and why."""

    written: tuple[tuple[str, Path, int], ...] = ()  # (body, file, items)
    skipped: tuple[tuple[str, str], ...] = ()  # (body, why no letter)
    problems: tuple[str, ...] = ()  # files not re-read, letters written but not recorded
    sent: tuple[SentLetter, ...] = ()  # each letter as it is recorded in the workspace (issue 30)

    def lines(self) -> list[str]:
        """The outcome in Chinese, one line per letter, skipped body and problem."""
        out = [f"已生成：{body}（{n} 项）→ {path}" for body, path, n in self.written]
        out += [f"未生成：{body}：{why}" for body, why in self.skipped]
        out += [f"注意：{p}" for p in self.problems]  # each names its file and what went wrong
        if not self.written:
            out.append("没有生成任何审核意见。")
        return out


def write_letters(
    batch: Batch,
    review: ReviewSnapshot,
    out_dir: str | os.PathLike[str],
    head: LetterHead | None = None,
    bodies: Iterable[str] | None = None,
    cancel: CancelToken | None = None,
    *,
    reviewer: str = "",
    record_in: str | os.PathLike[str] | None = None,
) -> Job[LettersResult]:
    """One .docx per body with something to send, in ``out_dir``; yields a step per letter.
    Each letter written is recorded as sent in the workspace at ``record_in`` at once (on this
    thread's own connection), so a cancel or a crash later never leaves a letter unrecorded."""
    from gik_desk.export.letters import letter_filename, plan_letters, write_letter
    from gik_desk.services.rectification import sent_record
    from gik_desk.workspace.anchors import now_iso

    head = head or LetterHead()
    plan = plan_letters(batch, review, bodies)
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"「{folder}」不是文件夹，审核意见无法写入。")
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    written: list[tuple[str, Path, int]] = []
    sent: list[SentLetter] = []
    unrecorded: list[str] = []
    total = len(plan.letters)
    yield Progress(0, total, "生成审核意见")
    for i, letter in enumerate(plan.letters, 1):
        if cancel is not None:
            cancel.check()
        path = write_letter(letter, head, folder / letter_filename(letter.body, taken))
        written.append((letter.body, path, letter.n_items))
        record = sent_record(letter, path, batch, reviewer, now_iso())
        if record_in is not None:
            recorded(record_in, record, reviewer, unrecorded)
        sent.append(record)
        yield Progress(i, total, letter.body)
    return LettersResult(tuple(written), plan.skipped, tuple(unrecorded), sent=tuple(sent))


def workspace_batch(
    ws: Workspace, cancel: CancelToken | None = None, *, workers: int | None = None
) -> Job[tuple[Batch, list[str]]]:
    """The batch a workspace holds: its files re-read, each report given the version slot the
    workspace stored for it and the reviewer's 现行版本 marks followed (nothing is recorded).
    Returns it with the lines naming files that could not be read."""
    from gik_desk.rules import versions
    from gik_desk.services import open_batch, reaudit_versions
    from gik_desk.workspace import body_year_key

    sources = ws.report_sources()
    slots = ws.version_slots()
    marks = ws.current_versions()
    there = [s for s in sources if os.path.exists(s)]
    gone = [f"{s}：文件已不存在，其报告未生成审核意见" for s in sources if s not in there]
    batch = Batch()
    if there:
        batch = yield from open_batch(there, cancel, workers=workers)
    chosen: dict[str, str] = {}
    current: dict[tuple[str, int], str] = {}
    for r in batch.reports:
        key = body_year_key(r)
        slot = slots.get((key, r.source))
        if slot is not None:
            chosen[r.id] = slot
        group = versions.group_key(r)
        if group is not None and key in marks:
            current[group] = marks[key]
    old = {r.id: r.version for r in batch.reports}
    batch.reports = versions.assign(batch.reports, chosen, current)
    batch.findings = versions.rekey(batch.findings, old, {r.id: r.version for r in batch.reports})
    reaudit_versions(batch)  # year pairs across files follow the reviewer's marks
    return batch, gone + [f"{p.source}：{p.message}" for p in batch.problems]


def workspace_letters(
    workspace: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    head: LetterHead | None = None,
    bodies: Iterable[str] | None = None,
    cancel: CancelToken | None = None,
    *,
    workers: int | None = None,
    reviewer: str = "",
) -> Job[LettersResult]:
    """Letters from a workspace alone: its files re-read, its statuses, outward texts, version
    slots and 现行版本 marks applied; each letter written is recorded in it as sent (issue 30).
    Raises ``WorkspaceError`` for a missing or foreign file."""
    from gik_desk.workspace import Workspace

    with Workspace.open(workspace, create=False) as ws:
        batch, problems = yield from workspace_batch(ws, cancel, workers=workers)
        review = ws.snapshot()
    result = yield from write_letters(
        batch, review, out_dir, head, bodies, cancel, reviewer=reviewer, record_in=workspace
    )
    return LettersResult(result.written, result.skipped, (*problems, *result.problems), result.sent)


def recorded(
    workspace: str | os.PathLike[str], letter: SentLetter, reviewer: str, problems: list[str]
) -> bool:
    """Record one letter as sent; a workspace that refuses (busy, read only, damaged) leaves
    the letter written and says so, never silently (整改复核 would not know of it)."""
    import sqlite3

    from gik_desk.workspace import WorkspaceError

    try:
        record_sent(workspace, [letter], reviewer)
    except (WorkspaceError, sqlite3.Error, OSError) as exc:
        why = exc.message if isinstance(exc, WorkspaceError) else str(exc)
        problems.append(
            f"{letter.path}：已写出，但未能记入审核工作区（{why}），整改复核不会包含此意见"
        )
        return False
    return True


def record_sent(
    workspace: str | os.PathLike[str], sent: Iterable[SentLetter], reviewer: str = ""
) -> list[int]:
    """Record letters written as sent in the workspace at ``workspace``; their ids."""
    from gik_desk.workspace import Workspace

    letters = list(sent)
    if not letters:
        return []
    with Workspace.open(workspace, create=False) as ws:
        return [ws.record_letter(letter, who=reviewer or None) for letter in letters]


def workspace_follow_up(
    workspace: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    head: LetterHead | None = None,
    bodies: Iterable[str] | None = None,
    cancel: CancelToken | None = None,
    *,
    workers: int | None = None,
    reviewer: str = "",
) -> Job[LettersResult]:
    """复核意见 from a workspace alone (``gik-desk letters --follow-up``): each body's latest
    letter judged against the files the workspace holds; a letter per body with items still
    open, each recorded as sent."""
    from gik_desk.services.rectification import rectification, write_follow_up
    from gik_desk.workspace import Workspace

    with Workspace.open(workspace, create=False) as ws:
        batch, problems = yield from workspace_batch(ws, cancel, workers=workers)
        found = rectification(batch, ws.sent_letters().letters, ws.rectification_decisions())
    wanted = set(bodies) if bodies is not None else None
    if wanted is not None:
        found = [b for b in found if b.letter.body in wanted or b.letter.body_key in wanted]
    if not found:
        why = "工作区中没有发给该机关的审核意见" if wanted else "工作区中没有已发出的审核意见"
        named = "、".join(sorted(wanted)) if wanted else "（全部机关）"
        return LettersResult((), ((named, f"{why}，无需复核"),), tuple(problems))
    result = yield from write_follow_up(
        found, batch, out_dir, head, cancel, reviewer=reviewer, record_in=workspace
    )
    return LettersResult(result.written, result.skipped, (*problems, *result.problems), result.sent)
