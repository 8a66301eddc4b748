"""The reviewer's work in one SQLite file: statuses, notes, annotations and the event log.

Every reviewer action is written with its event row in one ``BEGIN IMMEDIATE`` transaction
(WAL + ``synchronous=FULL``; ``journal_mode=DELETE`` on network drives), so a killed process
loses nothing that was reported done. Findings are keyed by ``Finding.key``: a finding seen
again keeps its review; one that no longer occurs is marked resolved, never deleted.
"""

from __future__ import annotations

import getpass
import os
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from gik_desk import atomic
from gik_desk.model.review import (
    ReviewSnapshot,
)
from gik_desk.workspace import guard, records
from gik_desk.workspace.annotations import Annotations
from gik_desk.workspace.assignments import Assignments
from gik_desk.workspace.base import dump_json
from gik_desk.workspace.blobs import Blobs
from gik_desk.workspace.errors import WorkspaceError
from gik_desk.workspace.keyed import KeyedCells
from gik_desk.workspace.memory import IDENTITY, DeskMemory
from gik_desk.workspace.migrations import SCHEMA_VERSION, check_identity, migrate
from gik_desk.workspace.netpath import is_network_path
from gik_desk.workspace.reviews import Reviews
from gik_desk.workspace.sent_letters import SentLetters
from gik_desk.workspace.sync import Sync

NetworkCheck = Callable[[Path], bool]


def _default_reviewer() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some services, containers): still record something
        return "审核人"


class Workspace(
    Reviews, Annotations, DeskMemory, Sync, SentLetters, KeyedCells, Blobs, Assignments
):
    """One open ``.gikdb``. Use ``Workspace.open(path)``; close it or use it as a context.

    This module opens the file (journal mode, migrations, identity) and gives the one write
    transaction; each concern is a module of its own: ``reviews``, ``annotations``, ``memory``
    (the desk's), ``sync`` (storing an audit), ``keyed`` (figures keyed into unread cells),
    ``team`` (assignments, the lead, colleagues' changes)."""

    is_team = False  # a team workspace on PostgreSQL (``team.TeamWorkspace``) says True

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
        read_only: bool = False,
    ) -> Workspace:
        """Open or create ``path``; refuse (``WorkspaceError``) a newer, foreign or corrupt file.
        A ``postgresql://`` URL opens a team workspace (``team.TeamWorkspace``, issue 28); the
        file options do not apply to it.

        ``network`` says whether the path is on a network drive: a bool, a check function, or
        None for ``is_network_path``. Network drives get ``journal_mode=DELETE`` (no WAL).
        ``busy_timeout`` is how long (seconds) to wait for another program's lock.
        ``read_only`` (letters, issue 27): nothing is written, not even the session guard, so
        a workspace on a read-only drive or medium opens; one that needs a migration first is
        opened for writing as usual.
        """
        from gik_desk.workspace import team_url

        if team_url.is_team_url(path):  # a team workspace on PostgreSQL (issue 28)
            from gik_desk.workspace import team

            return team.TeamWorkspace.open_url(team_url.normal_url(path), create=create)
        p = Path(path)
        if read_only and p.is_file() and _looks_like_sqlite(p):
            ws = cls._open_read_only(p, busy_timeout)
            if ws is not None:
                return ws
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

    @classmethod
    def _open_read_only(cls, p: Path, busy_timeout: float) -> Workspace | None:
        """``p`` through SQLite's read-only mode (``immutable`` when even that needs a write,
        a WAL file on a read-only medium); None when it needs a migration first."""
        from urllib.request import pathname2url

        guard.check_wal(p)
        url = pathname2url(str(p.resolve()))
        for extra in ("", "&immutable=1"):
            try:
                conn = sqlite3.connect(
                    f"file:{url}?mode=ro{extra}",
                    uri=True,
                    isolation_level=None,
                    timeout=busy_timeout,
                )
            except sqlite3.Error as exc:
                raise guard.classify(p, exc, busy_timeout) from exc
            try:
                conn.execute("PRAGMA trusted_schema = OFF")
                conn.execute("BEGIN")
                version = check_identity(conn, p)
                guard.check_schema(conn, p, version)
                conn.execute("COMMIT")
                break
            except sqlite3.OperationalError as exc:
                conn.close()
                if "unable to open" not in str(exc).lower() or extra:
                    raise guard.classify(p, exc, busy_timeout) from exc
            except BaseException:
                conn.close()
                raise
        if version != SCHEMA_VERSION:
            conn.close()
            return None
        ws = cls(conn, p, "ro")
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

    def is_lead(self) -> bool:
        """A personal workspace has no roles: its reviewer may do everything a lead may."""
        return True

    def reconnect(self) -> None:
        """Take up the workspace again after it was out of reach: a file's connection
        serves as it is (a team workspace connects anew)."""

    def reachable(self) -> WorkspaceError | None:
        """Whether the workspace takes a write again (issue 28: the desk retries off the UI
        thread): a connection of the calling thread's own opens, takes the write lock and
        lets it go at once. None when it can; else why not."""
        try:
            if not self.path.is_file():  # connecting would create an empty file there
                return WorkspaceError(
                    "unreachable", f"工作区「{self.path}」无法访问(文件不在原处)。"
                )
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=1.0)
        except (sqlite3.Error, OSError) as exc:
            return guard.classify(self.path, sqlite3.OperationalError(str(exc)), 1.0)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        except sqlite3.Error as exc:
            return guard.classify(self.path, exc, 1.0)
        finally:
            conn.close()
        return None

    def pragma(self, name: str) -> object:
        """Read one PRAGMA (tests and diagnostics: journal_mode, integrity_check, ...)."""
        if not name.replace("_", "").isalnum():
            raise ValueError(name)
        return self._conn.execute(f"PRAGMA {name}").fetchone()[0]

    def snapshot(self) -> ReviewSnapshot:
        reviews, events = self.reviews(), self.events()
        return ReviewSnapshot(
            reviews=reviews,
            annotations=tuple(self.annotations()),
            events=tuple(events),
            workspace_path=str(self.path),
            workspace_id=self.identity(),
            outward=self.outward_texts(),
            damaged=records.damage_lines(reviews, events) + self._state_damage(),
        )


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
        # the workspace's own id (issue 27): written into 导出基准, so a workbook exported
        # from another workspace is refused on import. Kept in the desk table (no migration).
        conn.execute(
            "INSERT OR IGNORE INTO desk (name, value) VALUES (?, ?)",
            (IDENTITY, dump_json(secrets.token_hex(8))),
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
