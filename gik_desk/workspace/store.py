"""The reviewer's work in one SQLite file: statuses, notes, annotations and the event log.

Every reviewer action is written with its event row in one ``BEGIN IMMEDIATE`` transaction
(WAL + ``synchronous=FULL``; ``journal_mode=DELETE`` on network drives), so a killed process
loses nothing that was reported done. Findings are keyed by ``Finding.key``: a finding seen
again keeps its review; one that no longer occurs is marked resolved, never deleted.
"""

from __future__ import annotations

import getpass
import json
import os
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from gik_desk import __version__
from gik_desk.model import Finding, Report
from gik_desk.model.batch import Batch
from gik_desk.model.review import (
    Annotation,
    Event,
    FindingReview,
    KeyedValue,
    ReportState,
    ReviewSnapshot,
    ReviewStatus,
)
from gik_desk.workspace import anchors, atomic, guard, records
from gik_desk.workspace.actions import (
    Action,
    AddAnnotation,
    DeleteAnnotation,
    EditAnnotationNote,
    ImportReview,
    KeyCell,
    RestoreStatuses,
    SetCurrentVersion,
    SetNote,
    SetOutward,
    SetReportState,
    SetStatus,
)
from gik_desk.workspace.errors import WorkspaceError
from gik_desk.workspace.migrations import check_identity, migrate
from gik_desk.workspace.netpath import is_network_path

NetworkCheck = Callable[[Path], bool]


@dataclass(frozen=True, slots=True)
class SyncResult:
    """What one audit changed in the workspace, for the status bar and tests."""

    audit_id: int
    new: tuple[str, ...] = ()  # finding keys never seen before (待核实)
    kept: tuple[str, ...] = ()  # seen before and still there: review kept
    reopened: tuple[str, ...] = ()  # had been resolved, occur again
    resolved: tuple[str, ...] = ()  # no longer occur: shown as resolved
    reanchored: tuple[str, ...] = ()  # annotation ids whose position moved
    orphaned: tuple[str, ...] = ()  # annotation ids newly orphaned (see Workspace.orphans())


def _default_reviewer() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some services, containers): still record something
        return "审核人"


def reason_required(status: ReviewStatus) -> str:
    """The refusal when 已排除 or 例外 would be set without a word of why."""
    return f"标为「{status.label}」须说明理由：请先在备注中写明理由，再设置此状态。"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class Workspace:
    """One open ``.gikdb``. Use ``Workspace.open(path)``; close it or use it as a context."""

    def __init__(self, conn: sqlite3.Connection, path: Path, journal_mode: str) -> None:
        self._conn = conn
        self.path = path
        self.journal_mode = journal_mode
        self.reviewer = _default_reviewer()
        self._busy_timeout = 10.0

    # ---- opening ------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        network: NetworkCheck | bool | None = None,
        busy_timeout: float = 10.0,
    ) -> Workspace:
        """Open or create ``path``; refuse (``WorkspaceError``) a newer, foreign or corrupt file.

        ``network`` says whether the path is on a network drive: a bool, a check function, or
        None for ``is_network_path``. Network drives get ``journal_mode=DELETE`` (no WAL).
        ``busy_timeout`` is how long (seconds) to wait for another program's lock.
        """
        p = Path(path)
        exists = p.exists() and p.stat().st_size > 0
        if not exists and not create:
            raise WorkspaceError("missing", f"工作区文件「{p}」不存在。")
        if p.is_dir():
            raise WorkspaceError("not-workspace", f"「{p}」是一个文件夹,不是工作区文件。")
        if not exists:
            p.parent.mkdir(parents=True, exist_ok=True)
        atomic.sweep_temps(p.parent)  # side files a crash left next to the workspace
        if exists and not _looks_like_sqlite(p):
            raise WorkspaceError(
                "corrupt",
                f"工作区「{p}」已损坏或不是 GIK Desk 工作区(文件头不是 SQLite 数据库)。"
                "文件未被改动;请从备份恢复,或另选一个位置新建工作区。",
            )
        if network is None:
            on_network = is_network_path(p)
        elif isinstance(network, bool):
            on_network = network
        else:
            on_network = network(p)
        if exists and guard.read_only(p):  # mode bits: even an administrator keeps it as it is
            raise guard.classify(p, sqlite3.OperationalError("readonly file"), busy_timeout)
        if exists:
            guard.unlock_shm(p)
            guard.check_wal(p)  # before SQLite can replay a foreign one
        try:
            conn = sqlite3.connect(p, isolation_level=None, timeout=busy_timeout)
        except sqlite3.Error as exc:
            raise guard.classify(p, exc, busy_timeout) from exc
        try:
            conn.execute("PRAGMA trusted_schema = OFF")  # nothing in the file runs functions
            # one read snapshot: another process migrating meanwhile must not show this one
            # the old version number beside the new tables
            conn.execute("BEGIN")
            version = check_identity(conn, p)
            guard.check_schema(conn, p, version)  # version 0: any object at all is foreign
            conn.execute("COMMIT")
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            mode = "delete" if on_network else "wal"
            got = _set_journal_mode(conn, mode, busy_timeout)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn, version)
            _new_epoch(conn, str(got).lower())
        except sqlite3.Error as exc:  # locked, read-only, disk full, corrupt
            conn.close()
            raise guard.classify(p, exc, busy_timeout) from exc
        except BaseException:
            conn.close()
            raise
        ws = cls(conn, p, str(got).lower())
        ws._busy_timeout = busy_timeout
        return ws

    def reopen(self) -> Workspace:
        """A second connection to this open workspace, for another thread (a job that stores
        an audit off the UI thread, issue 13). The file was checked when it was opened."""
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=self._busy_timeout)
        except sqlite3.Error as exc:
            raise guard.classify(self.path, exc, self._busy_timeout) from exc
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            conn.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout * 1000)}")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            conn.close()
            raise guard.classify(self.path, exc, self._busy_timeout) from exc
        ws = Workspace(conn, self.path, self.journal_mode)
        ws.reviewer = self.reviewer
        ws._busy_timeout = self._busy_timeout
        return ws

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; it also rewrites the WAL guard row (``guard.check_wal``).
        SQLite errors (locked, read-only, disk full) become a ``WorkspaceError``."""
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE wal_guard SET writes = writes + 1 WHERE id = 1")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise guard.classify(self.path, exc, self._busy_timeout) from exc
        try:
            yield conn
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                raise guard.classify(self.path, exc, self._busy_timeout) from exc
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise guard.classify(self.path, exc, self._busy_timeout) from exc

    def pragma(self, name: str) -> object:
        """Read one PRAGMA (tests and diagnostics: journal_mode, integrity_check, ...)."""
        if not name.replace("_", "").isalnum():
            raise ValueError(name)
        return self._conn.execute(f"PRAGMA {name}").fetchone()[0]

    # ---- reading ------------------------------------------------------------------------
    def review(self, key: str) -> FindingReview:
        row = self._conn.execute(
            "SELECT f.key, r.status, r.note, r.reviewer, r.updated, f.resolved "
            "FROM findings f LEFT JOIN reviews r ON r.finding_key = f.key WHERE f.key = ?",
            (key,),
        ).fetchone()
        return FindingReview(key) if row is None else records.review_from_row(row)

    def reviews(self) -> dict[str, FindingReview]:
        """Every finding the workspace knows, resolved ones included, with its review."""
        rows = self._conn.execute(
            "SELECT f.key, r.status, r.note, r.reviewer, r.updated, f.resolved "
            "FROM findings f LEFT JOIN reviews r ON r.finding_key = f.key ORDER BY f.rowid"
        )
        return {row[0]: records.review_from_row(row) for row in rows}

    def finding_json(self, key: str) -> dict[str, object] | None:
        """The finding as last audited (kept for resolved findings the current batch lacks)."""
        row = self._conn.execute("SELECT finding FROM findings WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    def annotations(self, report_key: str | None = None) -> list[Annotation]:
        """All annotations (or one report's); orphans carry ``orphan_reason``."""
        sql = f"SELECT {records.ANNOTATION_COLS} FROM annotations"
        params: tuple[str, ...] = ()
        if report_key is not None:
            sql += " WHERE report_key = ?"
            params = (report_key,)
        rows = self._conn.execute(sql + " ORDER BY created, id", params)
        return [records.annotation_from_row(r) for r in rows]

    def outward(self, key: str) -> str:
        """A finding's outward text (对外意见), "" when none was written."""
        row = self._conn.execute(
            "SELECT text FROM outward_texts WHERE finding_key = ?", (key,)
        ).fetchone()
        return str(row[0]) if row else ""

    def outward_texts(self) -> dict[str, str]:
        """Every non-empty outward text, by finding key."""
        rows = self._conn.execute("SELECT finding_key, text FROM outward_texts WHERE text != ''")
        return {str(k): str(t) for k, t in rows}

    def keyed_values(self) -> list[KeyedValue]:
        """Every figure keyed into an unread cell (issue 29)."""
        rows = self._conn.execute(
            "SELECT report_key, cell, source, file_sha256, text, reviewer, updated "
            "FROM keyed_cells ORDER BY rowid"
        )
        return [KeyedValue(*(str(v) for v in row)) for row in rows]

    def key_cell_action(
        self, report_key: str, cell: str, source: str, sha256: str, text: str
    ) -> KeyCell:
        row = self._conn.execute(
            "SELECT text FROM keyed_cells WHERE report_key = ? AND cell = ?", (report_key, cell)
        ).fetchone()
        return KeyCell(report_key, cell, source, sha256, str(row[0]) if row else "", text)

    def report_sources(self) -> list[str]:
        """The files the stored reports were read from, in the order first stored."""
        rows = self._conn.execute("SELECT source FROM reports GROUP BY source ORDER BY min(rowid)")
        return [str(r[0]) for r in rows]

    def version_slots(self) -> dict[tuple[str, str], str]:
        """The stored version slot of each (body+year key, source): read-only, for callers
        that re-read files without recording a new audit (letters from the command line)."""
        rows = self._conn.execute("SELECT report_key, source, slot FROM versions")
        return {(str(k), str(src)): str(slot) for k, src, slot in rows}

    def current_versions(self) -> dict[str, str]:
        """The reviewer's 现行版本 marks: body+year key → version slot."""
        return dict(self._conn.execute("SELECT report_key, slot FROM current_versions"))

    def current_action(self, report: Report) -> SetCurrentVersion:
        """Mark ``report``'s version as the current one of its body and year."""
        key = anchors.body_year_key(report)
        return SetCurrentVersion(key, self.current_versions().get(key), report.version)

    def known_files(self) -> dict[str, tuple[str, int | None, float | None]]:
        """Each file as the last audit read it: path → (raw sha256, size, mtime)."""
        rows = self._conn.execute("SELECT path, sha256, size, mtime FROM files")
        return {path: (sha, size, mtime) for path, sha, size, mtime in rows}

    def desk(self) -> dict[str, object]:
        """What the desk remembered (issue 13): name → the JSON value it stored."""
        out: dict[str, object] = {}
        for name, value in self._conn.execute("SELECT name, value FROM desk"):
            try:
                out[name] = json.loads(value)
            except ValueError:  # a damaged row: forgotten, never fatal
                continue
        return out

    def remember(self, items: Mapping[str, object]) -> None:
        """Store desk items (one transaction, no event: this is not reviewer work)."""
        with self._transaction() as conn:
            conn.executemany(
                "INSERT INTO desk (name, value) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                [(name, _json(value)) for name, value in items.items()],
            )

    def report_states(self) -> dict[str, ReportState]:
        """The reviewer's sign-off per report key (a report not listed is 未开始)."""
        rows = self._conn.execute("SELECT report_key, state FROM report_states")
        return {k: ReportState(v) for k, v in rows}

    def report_state_action(self, report_key: str, state: ReportState) -> SetReportState:
        before = self.report_states().get(report_key, ReportState.NOT_STARTED)
        return SetReportState(report_key, before, state)

    def seen(self) -> set[str]:
        """Finding keys the reviewer has had in the detail pane (the 未查看 filter)."""
        return {k for (k,) in self._conn.execute("SELECT finding_key FROM seen")}

    def mark_seen(self, key: str) -> bool:
        """Remember that ``key`` was shown; True when it is the first time. Not a reviewer
        decision, so no event row and no undo."""
        with self._transaction() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO seen (finding_key, time) VALUES (?, ?)",
                (key, anchors.now_iso()),
            )
            return bool(cur.rowcount)

    def orphans(self) -> list[Annotation]:
        return [a for a in self.annotations() if a.orphan_reason]

    def events(self) -> list[Event]:
        rows = self._conn.execute(
            "SELECT id, time, who, action, target, before, after FROM events ORDER BY id"
        )
        return [Event(*r) for r in rows]

    def changed_by(self, who: str) -> set[str]:
        """Finding keys whose status or note ``who`` ever changed (the 我改过的 filter)."""
        out: set[str] = set()
        rows = self._conn.execute(
            "SELECT action, target FROM events WHERE who = ? AND action IN "
            "('set_status', 'set_note')",
            (who,),
        )
        for action, target in rows:
            if action == "set_note":
                out.add(str(target))
                continue
            try:
                out.update(str(k) for k in json.loads(target))
            except (ValueError, TypeError):
                continue
        return out

    def finding_events(self, key: str) -> list[Event]:
        """The events that touched one finding (its status, alone or in a bulk change; its
        note), oldest first: the detail pane's history."""
        rows = self._conn.execute(
            "SELECT id, time, who, action, target, before, after FROM events "
            "WHERE action IN ('set_status', 'set_note') AND (target = ? OR instr(target, ?) > 0) "
            "ORDER BY id",
            (key, _json(key)),
        )
        return [Event(*r) for r in rows]

    def snapshot(self) -> ReviewSnapshot:
        return ReviewSnapshot(
            reviews=self.reviews(),
            annotations=tuple(self.annotations()),
            events=tuple(self.events()),
            workspace_path=str(self.path),
            outward=self.outward_texts(),
        )

    # ---- reviewer actions ---------------------------------------------------------------
    def apply(self, action: Action, who: str | None = None) -> Event:
        """Write ``action`` and its event row in ONE transaction; return the logged event."""
        who = who or self.reviewer
        now = anchors.now_iso()
        with self._transaction() as conn:
            try:
                target, before, after = self._write(conn, action, who, now)
            except sqlite3.IntegrityError as exc:
                raise WorkspaceError("conflict", f"无法执行「{action.text}」:{exc}") from exc
            cur = conn.execute(
                "INSERT INTO events (time, who, action, target, before, after) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (now, who, action.name, target, before, after),
            )
            event_id = int(cur.lastrowid or 0)
        return Event(event_id, now, who, action.name, target, before, after)

    # builders that read ``before`` from the store, so inverse() restores what was there
    def status_action(self, keys: Iterable[str], status: ReviewStatus) -> SetStatus:
        chosen = tuple(dict.fromkeys(keys))
        return SetStatus(chosen, tuple(self.review(k).status for k in chosen), status)

    def note_action(self, key: str, note: str) -> SetNote:
        return SetNote(key, self.review(key).note, note)

    def outward_action(self, key: str, text: str) -> SetOutward:
        return SetOutward(key, self.outward(key), text)

    def annotation_note_action(self, annotation_id: str, note: str) -> EditAnnotationNote:
        row = self._conn.execute(
            "SELECT note FROM annotations WHERE id = ?", (annotation_id,)
        ).fetchone()
        if row is None:
            raise WorkspaceError("unknown-annotation", f"找不到批注 {annotation_id}。")
        return EditAnnotationNote(annotation_id, row[0], note)

    def _write(
        self, conn: sqlite3.Connection, action: Action, who: str, now: str
    ) -> tuple[str, str, str]:
        if isinstance(action, SetStatus | RestoreStatuses):
            afters = (
                (action.after,) * len(action.keys)
                if isinstance(action, SetStatus)
                else action.after
            )
            befores: list[ReviewStatus] = []
            for key, status in zip(action.keys, afters, strict=True):
                was, note = self._row_review(conn, key)
                if isinstance(action, SetStatus) and status.needs_reason and not note.strip():
                    raise WorkspaceError("reason-required", reason_required(status))
                befores.append(was)
                conn.execute(
                    "INSERT INTO reviews (finding_key, status, reviewer, updated) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (finding_key) DO UPDATE SET "
                    "status = excluded.status, reviewer = excluded.reviewer, "
                    "updated = excluded.updated",
                    (key, ReviewStatus(status).value, who, now),
                )
            return (
                _json(list(action.keys)),
                _json([s.value for s in befores]),
                _json([ReviewStatus(s).value for s in afters]),
            )
        if isinstance(action, SetNote):
            current, before = self._row_review(conn, action.key)
            if current.needs_reason and not action.after.strip() and before.strip():
                raise WorkspaceError("reason-required", reason_required(current))
            conn.execute(
                "INSERT INTO reviews (finding_key, status, note, reviewer, updated) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (finding_key) DO UPDATE SET "
                "note = excluded.note, reviewer = excluded.reviewer, updated = excluded.updated",
                (action.key, ReviewStatus.PENDING.value, action.after, who, now),
            )
            return action.key, before, action.after
        if isinstance(action, SetOutward):
            self._row_review(conn, action.key)  # an unknown finding is refused, as for notes
            row = conn.execute(
                "SELECT text FROM outward_texts WHERE finding_key = ?", (action.key,)
            ).fetchone()
            conn.execute(
                "INSERT INTO outward_texts (finding_key, text, reviewer, updated) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (finding_key) DO UPDATE SET "
                "text = excluded.text, reviewer = excluded.reviewer, updated = excluded.updated",
                (action.key, action.after, who, now),
            )
            return action.key, row[0] if row else "", action.after
        if isinstance(action, AddAnnotation):
            a = action.annotation
            hints = conn.execute(
                "SELECT text_sha256, raw_sha256 FROM reports WHERE report_key = ? AND source = ?",
                (a.report_key, a.source),
            ).fetchone() or ("", "")
            conn.execute(
                f"INSERT INTO annotations ({records.ANNOTATION_COLS}, text_sha256, raw_sha256) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    a.id,
                    a.report_key,
                    a.source,
                    a.exact,
                    a.prefix,
                    a.suffix,
                    a.start,
                    a.end,
                    a.cell,
                    a.note,
                    a.author or who,
                    a.created or now,
                    a.orphan_reason,
                    *hints,
                ),
            )
            return a.id, "", _json(records.annotation_json(a))
        if isinstance(action, DeleteAnnotation):
            a = action.annotation
            gone = conn.execute("DELETE FROM annotations WHERE id = ?", (a.id,)).rowcount
            if not gone:
                raise WorkspaceError("unknown-annotation", f"找不到批注 {a.id}。")
            return a.id, _json(records.annotation_json(a)), ""
        if isinstance(action, EditAnnotationNote):
            row = conn.execute(
                "SELECT note FROM annotations WHERE id = ?", (action.annotation_id,)
            ).fetchone()
            if row is None:
                raise WorkspaceError("unknown-annotation", f"找不到批注 {action.annotation_id}。")
            conn.execute(
                "UPDATE annotations SET note = ? WHERE id = ?",
                (action.after, action.annotation_id),
            )
            return action.annotation_id, row[0], action.after
        if isinstance(action, SetCurrentVersion):
            row = conn.execute(
                "SELECT slot FROM current_versions WHERE report_key = ?", (action.report_key,)
            ).fetchone()
            if action.after is None:
                conn.execute(
                    "DELETE FROM current_versions WHERE report_key = ?", (action.report_key,)
                )
            else:
                conn.execute(
                    "INSERT INTO current_versions (report_key, slot) VALUES (?, ?) "
                    "ON CONFLICT (report_key) DO UPDATE SET slot = excluded.slot",
                    (action.report_key, action.after),
                )
            return action.report_key, row[0] if row else "", action.after or ""
        if isinstance(action, ImportReview):
            return self._write_import(conn, action, who, now)
        if isinstance(action, KeyCell):
            row = conn.execute(
                "SELECT text FROM keyed_cells WHERE report_key = ? AND cell = ?",
                (action.report_key, action.cell),
            ).fetchone()
            if action.after:
                conn.execute(
                    "INSERT INTO keyed_cells (report_key, cell, source, file_sha256, text, "
                    "reviewer, updated) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (report_key, cell) DO UPDATE SET source = excluded.source, "
                    "file_sha256 = excluded.file_sha256, text = excluded.text, "
                    "reviewer = excluded.reviewer, updated = excluded.updated",
                    (
                        action.report_key,
                        action.cell,
                        action.source,
                        action.sha256,
                        action.after,
                        who,
                        now,
                    ),
                )
            else:
                conn.execute(
                    "DELETE FROM keyed_cells WHERE report_key = ? AND cell = ?",
                    (action.report_key, action.cell),
                )
            target = f"{action.report_key}#{action.cell}"
            return target, str(row[0]) if row else "", action.after
        if isinstance(action, SetReportState):
            row = conn.execute(
                "SELECT state FROM report_states WHERE report_key = ?", (action.report_key,)
            ).fetchone()
            conn.execute(
                "INSERT INTO report_states (report_key, state) VALUES (?, ?) "
                "ON CONFLICT (report_key) DO UPDATE SET state = excluded.state",
                (action.report_key, action.after.value),
            )
            old_state = str(row[0]) if row else ReportState.NOT_STARTED.value
            return action.report_key, old_state, action.after.value
        raise TypeError(f"not a reviewer action: {action!r}")

    def _write_import(
        self, conn: sqlite3.Connection, action: ImportReview, who: str, now: str
    ) -> tuple[str, str, str]:
        """Every change of a workbook import, or none: a finding that changed since the import
        was planned is a conflict (the whole import is refused, nothing is overwritten)."""
        before: dict[str, dict[str, str]] = {}
        after: dict[str, dict[str, str]] = {}
        for c in action.changes:
            status, note = self._row_review(conn, c.key)
            if (status, note) != (c.before_status, c.before_note):
                raise WorkspaceError(
                    "conflict",
                    f"「{action.text}」未执行：工作区中的这条问题已被改动，请重新导入。({c.key})",
                )
            conn.execute(
                "INSERT INTO reviews (finding_key, status, note, reviewer, updated) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (finding_key) DO UPDATE SET "
                "status = excluded.status, note = excluded.note, reviewer = excluded.reviewer, "
                "updated = excluded.updated",
                (c.key, ReviewStatus(c.after_status).value, c.after_note, who, now),
            )
            before[c.key] = {"status": c.before_status.value, "note": c.before_note}
            after[c.key] = {"status": c.after_status.value, "note": c.after_note}
        return action.source, _json(before), _json(after)

    def _row_review(self, conn: sqlite3.Connection, key: str) -> tuple[ReviewStatus, str]:
        known = conn.execute("SELECT 1 FROM findings WHERE key = ?", (key,)).fetchone()
        if known is None:
            raise WorkspaceError("unknown-finding", f"工作区中没有这个问题：{key}")
        row = conn.execute(
            "SELECT status, note FROM reviews WHERE finding_key = ?", (key,)
        ).fetchone()
        if row is None:
            return ReviewStatus.PENDING, ""
        return ReviewStatus.parse(row[0]), row[1]

    def _status_in(self, conn: sqlite3.Connection, key: str) -> ReviewStatus:
        return self._row_review(conn, key)[0]

    # ---- audits -------------------------------------------------------------------------
    def sync_batch(
        self,
        batch: Batch,
        *,
        rule_versions: Mapping[str, str] | None = None,
        before_commit: Callable[[], None] | None = None,
    ) -> SyncResult:
        """Store one audit: files, reports, findings; keep reviews, resolve the vanished,
        re-anchor annotations on the new text. All in one transaction.

        Versions (CONTRIBUTING.md "Finding identity"): each report takes the version slot the
        workspace stored for its file (re-linked by raw sha256 when the file moved), a new
        version of a known body+year a slot of its own; ``batch.reports`` and
        ``batch.findings`` are then re-keyed in place, so every view uses the stored keys.
        ``before_commit`` may raise (a cancelled job) to roll the whole audit back.
        """
        from gik_desk.rules import versions  # here: the window starts without the rules

        now = anchors.now_iso()
        scope_sources = set(batch.sources) | {r.source for r in batch.reports}
        with self._transaction() as conn:
            reports = self._assign_versions(conn, list(batch.reports), scope_sources)
            old_slots = {r.id: r.version for r in batch.reports}
            findings = versions.rekey(batch.findings, old_slots, {r.id: r.version for r in reports})
            by_id = {r.id: r for r in reports}
            rkeys = {r.id: anchors.report_key(r) for r in reports}
            scope_sources |= {r.source for r in reports}
            scope_keys = set(rkeys.values())
            audit_id = int(
                conn.execute(
                    "INSERT INTO audits (time, tool_version, rule_versions) VALUES (?, ?, ?)",
                    (now, __version__, _json(dict(rule_versions or {}))),
                ).lastrowid
                or 0
            )
            self._store_files(conn, batch, audit_id)
            old_starts = {
                (k, s): st
                for k, s, st in conn.execute("SELECT report_key, source, span_start FROM reports")
            }
            self._store_reports(conn, reports, rkeys, scope_sources, audit_id)
            new, kept, reopened = self._store_findings(conn, findings, by_id, rkeys, audit_id)
            resolved = self._resolve_missing(conn, audit_id, scope_keys, scope_sources)
            moved, orphaned = self._reanchor(
                conn, reports, rkeys, scope_keys, scope_sources, old_starts
            )
            counts = {
                "new": len(new),
                "kept": len(kept),
                "reopened": len(reopened),
                "resolved": len(resolved),
                "orphaned": len(orphaned),
            }
            conn.execute(
                "INSERT INTO events (time, who, action, target, before, after) "
                "VALUES (?, ?, 'sync', ?, '', ?)",
                (now, self.reviewer, f"audit:{audit_id}", _json(counts)),
            )
            if before_commit is not None:
                before_commit()
        batch.reports, batch.findings = reports, findings
        return SyncResult(
            audit_id,
            tuple(new),
            tuple(kept),
            tuple(reopened),
            tuple(resolved),
            tuple(moved),
            tuple(orphaned),
        )

    def _assign_versions(
        self, conn: sqlite3.Connection, reports: list[Report], batch_sources: set[str]
    ) -> list[Report]:
        """Each report with its stored version slot and the reviewer's current mark.

        A file seen before keeps its slot; a file not seen before whose raw sha256 matches a
        stored version whose file is not in this batch is that version moved or renamed
        (re-linked: it keeps the slot); any other file is a new version: the empty slot when its
        body+year has no version yet, else a slot from its file. Stored in ``versions``.
        """
        from gik_desk.rules import versions

        rows = conn.execute(
            "SELECT report_key, source, idx, slot, raw_sha256 FROM versions"
        ).fetchall()
        known = {(k, src): slot for k, src, _i, slot, _sha in rows}
        taken: dict[str, set[str]] = {}
        movable: dict[tuple[str, str], tuple[str, str]] = {}
        for k, src, _i, slot, sha in rows:
            taken.setdefault(k, set()).add(slot)
            if sha and src not in batch_sources:
                movable.setdefault((k, sha), (src, slot))
        chosen: dict[str, str] = {}
        current: dict[tuple[str, int], str] = {}
        marks = self.current_versions()
        for r in reports:
            group = versions.group_key(r)
            if group is None:
                continue
            key = anchors.body_year_key(r)
            slots = taken.setdefault(key, set())
            slot = known.get((key, r.source))
            if slot is None:
                moved = movable.pop((key, r.file_sha256), None)
                if moved is not None:  # the same bytes under a new name: the same version
                    slot = moved[1]
                    conn.execute(
                        "DELETE FROM versions WHERE report_key = ? AND source = ?",
                        (key, moved[0]),
                    )
                else:
                    slot = "" if not slots else versions.file_slot(r)
                    base, n = slot, 1
                    while slot in slots:
                        n += 1
                        slot = f"{base}~{n}"
                slots.add(slot)
            chosen[r.id] = slot
            if key in marks:
                current[group] = marks[key]
            conn.execute(
                "INSERT INTO versions (report_key, source, idx, slot, raw_sha256) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (report_key, source) DO UPDATE SET "
                "idx = excluded.idx, slot = excluded.slot, raw_sha256 = excluded.raw_sha256",
                (key, r.source, r.index, slot, r.file_sha256),
            )
        return versions.assign(reports, chosen, current)

    def _store_files(self, conn: sqlite3.Connection, batch: Batch, audit_id: int) -> None:
        shas = {r.source: r.file_sha256 for r in batch.reports if r.file_sha256}
        for source in dict.fromkeys([*batch.sources, *shas]):
            try:
                st = os.stat(source)
                size: int | None = st.st_size
                mtime: float | None = st.st_mtime
            except OSError:
                size = mtime = None
            conn.execute(
                "INSERT INTO files (path, sha256, size, mtime, last_audit) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, "
                "mtime = excluded.mtime, last_audit = excluded.last_audit",
                (source, shas.get(source, ""), size, mtime, audit_id),
            )

    def _store_reports(
        self,
        conn: sqlite3.Connection,
        reports: list[Report],
        rkeys: Mapping[str, str],
        scope_sources: set[str],
        audit_id: int,
    ) -> None:
        for source in scope_sources:  # a re-read file holds exactly the reports found now
            conn.execute("DELETE FROM reports WHERE source = ?", (source,))
        for r in reports:
            conn.execute(
                "INSERT OR REPLACE INTO reports (report_key, source, id, idx, agency, agency_key, "
                "year, template, text_sha256, raw_sha256, span_start, span_end, last_audit) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rkeys[r.id],
                    r.source,
                    r.id,
                    r.index,
                    r.agency,
                    r.agency_key,
                    r.year,
                    r.template,
                    anchors.report_text_sha256(r),
                    r.file_sha256,
                    r.span.start,
                    r.span.end,
                    audit_id,
                ),
            )

    def _store_findings(
        self,
        conn: sqlite3.Connection,
        findings: Iterable[Finding],
        by_id: Mapping[str, Report],
        rkeys: Mapping[str, str],
        audit_id: int,
    ) -> tuple[list[str], list[str], list[str]]:
        known = {k: bool(res) for k, res in conn.execute("SELECT key, resolved FROM findings")}
        new: list[str] = []
        kept: list[str] = []
        reopened: list[str] = []
        seen: set[str] = set()
        for f in findings:
            if f.key in seen:  # the same finding twice (a report in two files): first one wins
                continue
            seen.add(f.key)
            report = by_id.get(f.report_id)
            rkey = rkeys.get(f.report_id, f.report_id)
            source = report.source if report is not None else ""
            blob = {**f.to_json(), "report_id": f.report_id}
            row = (
                f.rule,
                f.severity.value,
                f.message,
                rkey,
                source,
                _json([c.key for c in f.cells]),
                audit_id,
                _json(blob),
                f.key,
            )
            if f.key in known:
                (reopened if known[f.key] else kept).append(f.key)
                conn.execute(
                    "UPDATE findings SET rule = ?, severity = ?, message = ?, report_key = ?, "
                    "source = ?, cells = ?, last_audit = ?, finding = ?, resolved = 0 "
                    "WHERE key = ?",
                    row,
                )
            else:
                new.append(f.key)
                conn.execute(
                    "INSERT INTO findings (rule, severity, message, report_key, source, cells, "
                    "last_audit, finding, key, first_audit, resolved) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                    (*row, audit_id),
                )
        return new, kept, reopened

    def _resolve_missing(
        self,
        conn: sqlite3.Connection,
        audit_id: int,
        scope_keys: set[str],
        scope_sources: set[str],
    ) -> list[str]:
        """Findings of the reports and files this audit covered that it did not find again."""
        gone = [
            key
            for key, rkey, source in conn.execute(
                "SELECT key, report_key, source FROM findings "
                "WHERE resolved = 0 AND (last_audit IS NULL OR last_audit != ?)",
                (audit_id,),
            ).fetchall()
            if rkey in scope_keys or source in scope_sources
        ]
        conn.executemany("UPDATE findings SET resolved = 1 WHERE key = ?", [(k,) for k in gone])
        return gone

    def _reanchor(
        self,
        conn: sqlite3.Connection,
        reports: list[Report],
        rkeys: Mapping[str, str],
        scope_keys: set[str],
        scope_sources: set[str],
        old_starts: Mapping[tuple[str, str], int],
    ) -> tuple[list[str], list[str]]:
        moved: list[str] = []
        orphaned: list[str] = []
        rows = conn.execute(f"SELECT {records.ANNOTATION_COLS} FROM annotations").fetchall()
        for row in rows:
            a = records.annotation_from_row(row)
            if a.report_key not in scope_keys and a.source not in scope_sources:
                continue
            report = anchors.find_report(reports, rkeys, a)
            start, end, source = a.start, a.end, a.source
            text_sha = raw_sha = None
            if report is None:
                reason = f"重新读取后找不到该批注所在的报告({anchors.describe_key(a.report_key)})"
            else:
                old_start = old_starts.get((a.report_key, a.source))
                expected = None if old_start is None else report.span.start + a.start - old_start
                found = anchors.reanchor(
                    a,
                    report.text,
                    region=report.span,
                    expected_start=expected,
                    cell_span=anchors.cell_span(report, a.cell),
                )
                if isinstance(found, str):
                    reason = found
                else:
                    reason = ""
                    start, end = found
                    source = report.source
                    text_sha, raw_sha = anchors.report_text_sha256(report), report.file_sha256
            if reason and not a.orphan_reason:
                orphaned.append(a.id)
            if not reason and (start, end, source) != (a.start, a.end, a.source):
                moved.append(a.id)
            conn.execute(
                'UPDATE annotations SET start = ?, "end" = ?, source = ?, orphan_reason = ?, '
                "text_sha256 = coalesce(?, text_sha256), raw_sha256 = coalesce(?, raw_sha256) "
                "WHERE id = ?",
                (start, end, source, reason, text_sha, raw_sha, a.id),
            )
        return moved, orphaned


def _set_journal_mode(conn: sqlite3.Connection, mode: str, busy_timeout: float) -> str:
    """Switch the journal mode, waiting like any other write would.

    SQLite answers a journal-mode change that meets another connection's lock with "locked"
    at once, without its busy handler: two desks creating one new workspace together would
    refuse each other. So the change is retried here until ``busy_timeout`` runs out, and
    skipped when the file already has the mode (the usual case: nothing to lock for)."""
    deadline = time.monotonic() + busy_timeout
    while True:
        now = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
        if now == mode:
            return now
        try:
            return str(conn.execute(f"PRAGMA journal_mode = {mode}").fetchone()[0]).lower()
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if ("locked" not in text and "busy" not in text) or time.monotonic() > deadline:
                raise
        time.sleep(0.01 + secrets.randbelow(40) / 1000)


def _new_epoch(conn: sqlite3.Connection, journal_mode: str) -> None:
    """Start a session: a fresh random epoch, checkpointed into the file itself, so a WAL this
    session leaves (after a crash) carries it and a WAL from another copy does not."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "UPDATE wal_guard SET epoch = ?, writes = writes + 1 WHERE id = 1",
            (secrets.token_hex(16),),
        )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    if journal_mode == "wal":
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"
