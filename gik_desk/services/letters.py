"""审核意见 letters as a cancellable job (issue 17): the desk and the CLI both call these.

``write_letters`` builds them from a batch in memory and a review snapshot (the desk);
``workspace_letters`` from a workspace alone (``gik-desk letters``): it re-reads the files the
workspace's reports came from, gives each the version slot the workspace stored for it (no
audit is recorded and no review changes) and then writes the same letters.
Which findings a letter carries and why: ``gik_desk.export.letters``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gik_desk.atomic import TargetRefusedError, path_key, same_file
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
    missing: tuple[str, ...] = ()  # the workspace's files that are not there (issue 23)
    sent: tuple[SentLetter, ...] = ()  # each letter as it is recorded in the workspace (issue 30)
    damaged: tuple[str, ...] = ()  # workspace rows that could not be read (issue 27)

    def lines(self) -> list[str]:
        """The outcome in Chinese, one line per letter, skipped body and problem."""
        out = [f"已生成：{body}（{n} 项）→ {path}" for body, path, n in self.written]
        out += [f"未生成：{body}：{why}" for body, why in self.skipped]
        out += [f"注意：{p}" for p in self.problems]  # each names its file and what went wrong
        out += list(self.damaged)
        if not self.written:
            out.append("没有生成任何审核意见。")
        return out


@dataclass(frozen=True, slots=True)
class LetterGuard:
    """What letters must never replace (issue 23): the batch's input files, the workspace (and
    its side files), and any existing file the workspace did not record writing (``recorded``:
    path key → sha256 of the letter it wrote there; None without a workspace, when an existing
    .docx may be replaced as before)."""

    inputs: tuple[str, ...] = ()
    workspace: str | None = None
    recorded: Mapping[str, str] | None = None

    def refusal(self, target: Path) -> str | None:
        """Why ``target`` may not be written, or None."""
        if self.workspace:
            ws = Path(self.workspace)
            for side in ("", "-wal", "-shm", "-journal"):
                if same_file(target, ws.with_name(ws.name + side)):
                    return "该文件是审核工作区，写出审核意见会毁掉审核记录"
        if any(same_file(target, Path(src)) for src in self.inputs):
            return "该文件是审核的输入文件(一份年报)，不能被审核意见覆盖"
        if self.recorded is None or not target.exists():
            return None
        if self.recorded.get(path_key(target)) != file_sha256(target):
            return "已有同名文件，且不是本工作区写出的审核意见(或写出后已被修改)"
        return None


def file_sha256(path: str | os.PathLike[str]) -> str:
    """The sha256 of a file's bytes, read in blocks; "" when it cannot be read."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return ""
    return h.hexdigest()


class LettersWriteError(OSError):
    """A letter that could not be written, saying which letters were written before it
    (issue 27: a full disk used to stop a run without a word about the letters already out).
    ``str()`` is the Chinese sentence the CLI and the window show."""

    def __init__(self, target: Path, cause: OSError, written: tuple[Path, ...]) -> None:
        super().__init__(cause.errno, cause.strerror)
        self.target, self.cause, self.written = target, cause, written

    def __str__(self) -> str:
        from gik_desk.atomic import write_cause

        done = (
            f"此前已写出 {len(self.written)} 封：" + "、".join(str(p) for p in self.written)
            if self.written
            else "此前没有写出任何一封"
        )
        return f"未能写出「{self.target}」：{write_cause(self.cause)}。{done}。"


def write_letters(
    batch: Batch,
    review: ReviewSnapshot,
    out_dir: str | os.PathLike[str],
    head: LetterHead | None = None,
    bodies: Iterable[str] | None = None,
    cancel: CancelToken | None = None,
    guard: LetterGuard | None = None,
    *,
    reviewer: str = "",
    record_in: str | os.PathLike[str] | None = None,
) -> Job[LettersResult]:
    """One .docx per body with something to send, in ``out_dir``; yields a step per letter.

    Every target is checked against ``guard`` before any is written: a refusal raises
    ``TargetRefusedError`` naming the file, and nothing is written (issue 23). Each letter
    written is recorded as sent in the workspace at ``record_in`` at once, on this thread's own
    connection, so a cancel or a crash later never leaves a letter unrecorded (issue 30); that
    record is also what lets a later run replace the file (``LetterGuard``)."""
    from gik_desk.export.letters import letter_filename, plan_letters, write_letter
    from gik_desk.services.rectification import sent_record
    from gik_desk.workspace.anchors import now_iso

    head = head or LetterHead()
    plan = plan_letters(batch, review, bodies)
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"「{folder}」不是文件夹，审核意见无法写入。")
    taken: set[str] = set()
    targets = [folder / letter_filename(letter.body, taken) for letter in plan.letters]
    guard = guard or LetterGuard(inputs=tuple(batch.sources))
    for target in targets:
        why = guard.refusal(target)
        if why is not None:
            raise TargetRefusedError(target, why)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[tuple[str, Path, int]] = []
    sent: list[SentLetter] = []
    unrecorded: list[str] = []
    total = len(plan.letters)
    yield Progress(0, total, "生成审核意见")
    for i, (letter, target) in enumerate(zip(plan.letters, targets, strict=True), 1):
        if cancel is not None:
            cancel.check()
        try:
            path = write_letter(letter, head, target)
        except OSError as exc:
            if isinstance(exc, TargetRefusedError) and not written:
                raise  # refused before anything was written: the refusal says it all
            raise LettersWriteError(target, exc, tuple(p for _b, p, _n in written)) from exc
        written.append((letter.body, path, letter.n_items))
        record = sent_record(letter, path, batch, reviewer, now_iso())
        if record_in is not None:
            recorded(record_in, record, reviewer, unrecorded)
        sent.append(record)
        yield Progress(i, total, letter.body)
    return LettersResult(tuple(written), plan.skipped, tuple(unrecorded), sent=tuple(sent))


def workspace_batch(
    ws: Workspace,
    workspace: Path,
    cancel: CancelToken | None = None,
    *,
    workers: int | None = None,
) -> Job[tuple[Batch, list[str], tuple[str, ...], dict[str, str]]]:
    """The batch a workspace holds: its files re-read (found where they were stored, beside the
    workspace, or moved: by their stored sha256 near the workspace and its files), each report
    given the version slot the workspace stored for it and the reviewer's 现行版本 marks
    followed (nothing is recorded). Returns it with the lines naming what could not be read or
    was found moved, the stored sources not found, and where each found one was read."""
    from gik_desk.model import versions
    from gik_desk.services.batch import open_batch, reaudit_versions
    from gik_desk.workspace import body_year_key

    sources = ws.report_sources()
    slots = ws.version_slots()
    marks = ws.current_versions()
    found = {s: _locate(s, workspace) for s in sources}
    moved = _relink(found, ws.known_files(), workspace)
    found.update(moved)
    stored_as = {str(p): s for s, p in found.items() if p is not None}
    missing = tuple(s for s, p in found.items() if p is None)
    notes = [f"{s}：文件已不存在，其报告未生成审核意见" for s in missing]
    notes += [f"{s}：已移动，按 sha256 在 {p} 找到并读取" for s, p in moved.items()]
    batch = Batch()
    if stored_as:
        batch = yield from open_batch(list(stored_as), cancel, workers=workers)
    chosen: dict[str, str] = {}
    current: dict[tuple[str, int], str] = {}
    for r in batch.reports:
        key = body_year_key(r)
        slot = slots.get((key, stored_as.get(r.source, r.source)))
        if slot is not None:
            chosen[r.id] = slot
        group = versions.group_key(r)
        if group is not None and key in marks:
            current[group] = marks[key]
    old = {r.id: r.version for r in batch.reports}
    batch.reports = versions.assign(batch.reports, chosen, current)
    batch.findings = versions.rekey(batch.findings, old, {r.id: r.version for r in batch.reports})
    reaudit_versions(batch)  # year pairs across files follow the reviewer's marks
    problems = notes + [f"{p.source}：{p.message}" for p in batch.problems]
    return batch, problems, missing, stored_as


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

    with Workspace.open(workspace, create=False, read_only=True) as ws:  # letters only read it
        batch, problems, missing, stored_as = yield from workspace_batch(
            ws, Path(workspace), cancel, workers=workers
        )
        review = ws.snapshot()
        guard = LetterGuard(
            tuple(ws.report_sources()) + tuple(stored_as),
            str(workspace),
            recorded_letters(ws.sent_letters().letters),
        )
    result = yield from write_letters(
        batch, review, out_dir, head, bodies, cancel, guard, reviewer=reviewer, record_in=workspace
    )
    return LettersResult(
        result.written,
        result.skipped,
        (*problems, *result.problems),
        missing,
        result.sent,
        review.damaged,
    )


def recorded_letters(letters: Iterable[SentLetter]) -> dict[str, str]:
    """Path key → sha256 of every letter the workspace recorded writing (the latest wins): a
    later run may replace such a file while its bytes are still the ones written, never a
    file edited since or made by someone else (issue 23)."""
    return {path_key(Path(x.path)): x.sha256 for x in letters}


def _locate(source: str, workspace: Path) -> Path | None:
    """Where a stored source is now: as stored (absolute since issue 23), else, for a path an
    older command line stored relative to where it ran, beside the workspace; None if neither."""
    path = Path(source)
    if path.is_absolute():
        return path if path.exists() else None
    for base in (Path.cwd(), workspace.resolve().parent):
        if (base / path).exists():
            return (base / path).absolute()
    return None


_SCAN_LIMIT = 5000  # files looked at in all when re-linking: a bounded look, never a disk crawl


def _relink(
    found: Mapping[str, Path | None],
    known: Mapping[str, tuple[str, int | None, float | None]],
    workspace: Path,
) -> dict[str, Path]:
    """Stored sources not found where stored, found again by their raw sha256 (issue 23), as
    an audit re-links a moved file: looked for in the folders the workspace and its files sit
    (or sat) in and their direct subfolders (a file moved into a sibling folder), by size
    first, then bytes; never by name alone. A match already in use or found twice is left out."""
    wanted: dict[str, str] = {}  # sha256 → stored source
    sizes: set[int | None] = set()
    for source, path in found.items():
        sha, size, _mtime = known.get(source, ("", None, None))
        if path is None and sha:
            wanted[sha] = source
            sizes.add(size)
    if not wanted:
        return {}
    roots = [workspace.resolve().parent] + [Path(s).parent for s in found if Path(s).is_absolute()]
    roots += [p.parent for p in found.values() if p is not None]
    in_use = {str(p) for p in found.values() if p is not None}
    hits: dict[str, list[Path]] = {}
    seen: set[Path] = set()
    budget = _SCAN_LIMIT
    for folder in dict.fromkeys(_with_subfolders(dict.fromkeys(roots))):
        if budget < 0:
            break
        for file in _files(folder):
            budget -= 1
            if budget < 0:
                break
            if file in seen or str(file) in in_use:
                continue
            seen.add(file)
            try:
                size = file.stat().st_size
            except OSError:
                continue
            if None not in sizes and size not in sizes:
                continue
            sha = file_sha256(file)
            if sha in wanted:
                hits.setdefault(wanted[sha], []).append(file)
    return {source: paths[0] for source, paths in hits.items() if len(paths) == 1}


def _with_subfolders(roots: Iterable[Path]) -> Iterable[Path]:
    """Each existing folder, then its direct subfolders."""
    for root in roots:
        if not root.is_dir():
            continue
        yield root
        try:
            yield from sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink())
        except OSError:
            continue


def _files(folder: Path) -> list[Path]:
    """The plain files directly in ``folder`` (none when it cannot be listed)."""
    try:
        return sorted(p.absolute() for p in folder.iterdir() if p.is_file())
    except OSError:
        return []


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

    with Workspace.open(workspace, create=False, read_only=True) as ws:  # only read here
        batch, problems, missing, _stored = yield from workspace_batch(
            ws, Path(workspace), cancel, workers=workers
        )
        found = rectification(batch, ws.sent_letters().letters, ws.rectification_decisions())
    wanted = set(bodies) if bodies is not None else None
    if wanted is not None:
        found = [b for b in found if b.letter.body in wanted or b.letter.body_key in wanted]
    if not found:
        why = "工作区中没有发给该机关的审核意见" if wanted else "工作区中没有已发出的审核意见"
        named = "、".join(sorted(wanted)) if wanted else "（全部机关）"
        return LettersResult((), ((named, f"{why}，无需复核"),), tuple(problems), missing)
    result = yield from write_follow_up(
        found, batch, out_dir, head, cancel, reviewer=reviewer, record_in=workspace
    )
    return LettersResult(
        result.written, result.skipped, (*problems, *result.problems), missing, result.sent
    )
