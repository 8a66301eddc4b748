"""The desk's memory and the batch edits a reviewer makes between audits (issue 13).

A workspace remembers the files its batch was read from (in order) and where the reviewer
stood: the chosen report and finding, scroll positions. Starting on it reads those files again
(``open_batch``), and ``file_changes`` says which are gone and which changed since the last
audit stored them. ``reload_files`` re-reads changed files and ``remove_files`` drops files; both
audit the whole batch again, since year-over-year pairs cross files. Every long step is a
cancellable job (``jobs.Job``); a cancelled one returns nothing, so the old batch stands.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gik_desk.jobs import CancelToken, Job, Progress
from gik_desk.model.batch import Batch

if TYPE_CHECKING:
    from gik_desk.workspace import Workspace

FILES = "files"
SELECTION = "selection"
NOT_FOUND = "not-found"


@dataclass(frozen=True, slots=True)
class DeskPlace:
    """Where the reviewer stood: the chosen report (its id, else its file and index), the
    chosen finding's key and named scroll positions (view name → scroll bar value)."""

    report_id: str = ""
    report_source: str = ""
    report_index: int = -1
    finding_key: str = ""
    scroll: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "report_id": self.report_id,
            "report_source": self.report_source,
            "report_index": self.report_index,
            "finding_key": self.finding_key,
            "scroll": dict(self.scroll),
        }

    @classmethod
    def from_json(cls, value: object) -> DeskPlace:
        if not isinstance(value, dict):
            return cls()
        scroll = value.get("scroll")
        return cls(
            str(value.get("report_id") or ""),
            str(value.get("report_source") or ""),
            _int(value.get("report_index"), -1),
            str(value.get("finding_key") or ""),
            {str(k): _int(v, 0) for k, v in scroll.items()} if isinstance(scroll, dict) else {},
        )


def _int(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


# ---- memory -------------------------------------------------------------------------------


def remembered_files(ws: Workspace) -> list[str]:
    files = ws.desk().get(FILES)
    return [str(f) for f in files] if isinstance(files, list) else []


def remembered_place(ws: Workspace) -> DeskPlace:
    return DeskPlace.from_json(ws.desk().get(SELECTION))


def remember_files(ws: Workspace, files: Sequence[str]) -> str:
    """Store the batch's files; "" when stored, else the Chinese reason it was refused."""
    return _remember(ws, {FILES: list(dict.fromkeys(files))})


def remember_place(ws: Workspace, place: DeskPlace) -> str:
    return _remember(ws, {SELECTION: place.to_json()})


def _remember(ws: Workspace, items: dict[str, object]) -> str:
    from gik_desk.workspace import WorkspaceError

    try:
        ws.remember(items)
    except WorkspaceError as exc:  # locked, read-only, disk full: said, never fatal
        return exc.message
    return ""


def batch_files(batch: Batch, before: Sequence[str] = ()) -> list[str]:
    """The files to remember for ``batch``: those remembered ``before`` that are still part of
    it (read, unreadable or missing: a missing file is kept, the drive may come back), then
    every other file it holds, in batch order."""
    held = set(batch.sources) | {r.source for r in batch.reports}
    held |= {p.source for p in batch.problems}
    out = [f for f in before if f in held]
    out += [s for s in [*batch.sources, *(r.source for r in batch.reports)] if s not in out]
    return list(dict.fromkeys(out))


def find_place(batch: Batch, place: DeskPlace) -> tuple[str | None, str | None]:
    """The remembered report id and finding key as they are in ``batch`` now (None: gone). A
    report re-read from a changed file has a new id: it is found by its file and index."""
    report = batch.report(place.report_id) if place.report_id else None
    if report is None and place.report_source:
        report = next(
            (
                r
                for r in batch.reports
                if r.source == place.report_source and r.index == place.report_index
            ),
            None,
        )
    finding = next((f for f in batch.findings if f.key == place.finding_key), None)
    if finding is not None and (report is None or finding.report_id != report.id):
        report = batch.report(finding.report_id)
    return (report.id if report else None), (finding.key if finding else None)


# ---- what changed on disk -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileChanges:
    missing: tuple[str, ...] = ()  # remembered, not found now
    changed: tuple[str, ...] = ()  # other bytes than the last audit read (re-audited)


def file_changes(ws: Workspace | None, batch: Batch) -> FileChanges:
    """Compare a batch just read with what the workspace's last audit stored, before the new
    audit is synced over it."""
    missing = tuple(p.source for p in batch.problems if p.code == NOT_FOUND)
    if ws is None:
        return FileChanges(missing)
    known = ws.known_files()
    shas: dict[str, str] = {}
    for r in batch.reports:
        shas.setdefault(r.source, r.file_sha256)
    changed = tuple(
        src for src, sha in shas.items() if src in known and known[src][0] and known[src][0] != sha
    )
    return FileChanges(missing, changed)


def changed_on_disk(ws: Workspace | None, sources: Iterable[str]) -> list[str]:
    """Files whose size or modification time differ from what the last audit stored."""
    if ws is None:
        return []
    known = ws.known_files()
    out = []
    for src in sources:
        stored = known.get(src)
        if stored is None:
            continue
        try:
            st = os.stat(src)
        except OSError:
            continue  # gone: a reload says so
        if (st.st_size, st.st_mtime) != (stored[1], stored[2]):
            out.append(src)
    return out


# ---- storing a batch off the UI thread --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Loaded:
    """A batch job's result: the batch, what changed on disk, and whether the job stored the
    audit in the workspace already (``stored``) or the caller still has to (``refused`` says
    why it could not)."""

    batch: Batch
    changes: FileChanges
    stored: bool = False
    refused: str = ""


def stored(job: Job[Batch], ws: Workspace | None, cancel: CancelToken) -> Job[Loaded]:
    """Run a batch job, then store its audit in ``ws`` on a connection of this thread (a large
    batch's sync takes seconds: not on the UI thread). Cancelled before the commit, the audit
    is rolled back; once committed the result is delivered, so workspace and desk agree."""
    from gik_desk.services.review import store_audit
    from gik_desk.workspace import WorkspaceError

    batch = yield from job
    if ws is None or not (batch.reports or batch.problems or batch.sources):
        return Loaded(batch, file_changes(None, batch))
    cancel.check()
    n = len(batch.sources)
    yield Progress(n, n, "保存到工作区")
    try:
        with ws.reopen() as here:
            changes = file_changes(here, batch)
            store_audit(here, batch, before_commit=cancel.check)  # as ReviewSession.sync
    except WorkspaceError as exc:  # locked, read-only, full: the desk shows the batch anyway
        return Loaded(batch, file_changes(None, batch), refused=exc.message)
    return Loaded(batch, changes, stored=True)
