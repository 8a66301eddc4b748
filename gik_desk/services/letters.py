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

from gik_desk.jobs import CancelToken, Job, Progress
from gik_desk.model.batch import Batch
from gik_desk.model.letter import LetterHead
from gik_desk.model.review import ReviewSnapshot


@dataclass(frozen=True, slots=True)
class LettersResult:
    """What a run wrote, and for which bodies it wrote nothing and why."""

    written: tuple[tuple[str, Path, int], ...] = ()  # (body, file, items)
    skipped: tuple[tuple[str, str], ...] = ()  # (body, why no letter)
    problems: tuple[str, ...] = ()  # files that could not be re-read (workspace_letters)

    def lines(self) -> list[str]:
        """The outcome in Chinese, one line per letter, skipped body and problem."""
        out = [f"已生成：{body}（{n} 项）→ {path}" for body, path, n in self.written]
        out += [f"未生成：{body}：{why}" for body, why in self.skipped]
        out += [f"未能读取：{p}" for p in self.problems]
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
) -> Job[LettersResult]:
    """One .docx per body with something to send, in ``out_dir``; yields a step per letter."""
    from gik_desk.export.letters import letter_filename, plan_letters, write_letter

    head = head or LetterHead()
    plan = plan_letters(batch, review, bodies)
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"「{folder}」不是文件夹，审核意见无法写入。")
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    written: list[tuple[str, Path, int]] = []
    total = len(plan.letters)
    yield Progress(0, total, "生成审核意见")
    for i, letter in enumerate(plan.letters, 1):
        if cancel is not None:
            cancel.check()
        path = write_letter(letter, head, folder / letter_filename(letter.body, taken))
        written.append((letter.body, path, letter.n_items))
        yield Progress(i, total, letter.body)
    return LettersResult(tuple(written), plan.skipped)


def workspace_letters(
    workspace: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    head: LetterHead | None = None,
    bodies: Iterable[str] | None = None,
    cancel: CancelToken | None = None,
    *,
    workers: int | None = None,
) -> Job[LettersResult]:
    """Letters from a workspace alone: its files re-read, its statuses, outward texts, version
    slots and 现行版本 marks applied. Raises ``WorkspaceError`` for a missing or foreign file."""
    from gik_desk.model import versions
    from gik_desk.services.batch import open_batch, reaudit_versions
    from gik_desk.workspace import Workspace, body_year_key

    with Workspace.open(workspace, create=False) as ws:
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
        batch.findings = versions.rekey(
            batch.findings, old, {r.id: r.version for r in batch.reports}
        )
        reaudit_versions(batch)  # year pairs across files follow the reviewer's marks
        review = ws.snapshot()
    problems = gone + [f"{p.source}：{p.message}" for p in batch.problems]
    result = yield from write_letters(batch, review, out_dir, head, bodies, cancel)
    return LettersResult(result.written, result.skipped, tuple(problems))
