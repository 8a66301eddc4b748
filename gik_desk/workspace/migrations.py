"""Forward-only schema migrations, one function per ``user_version`` step.

``MIGRATIONS[i]`` takes a database at version ``i`` to ``i + 1``. A file whose version is newer
than ``len(MIGRATIONS)`` was written by a newer GIK Desk and is refused, never rewritten.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from gik_desk.model.review import STATUS_LABELS
from gik_desk.workspace.errors import WorkspaceError
from gik_desk.workspace.schema import (
    APPLICATION_ID,
    SCHEMA_ASSIGNMENTS,
    SCHEMA_BLOBS,
    SCHEMA_DESK,
    SCHEMA_KEYED,
    SCHEMA_OUTWARD,
    SCHEMA_REVIEW_STATE,
    SCHEMA_ROW_VERSIONS,
    SCHEMA_SENT_LETTERS,
    SCHEMA_V1,
    SCHEMA_V2,
    SCHEMA_V3,
)

Migration = Callable[[sqlite3.Connection], None]


def _v0_to_v1(conn: sqlite3.Connection) -> None:
    for statement in _statements(SCHEMA_V1):
        conn.execute(statement)


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    for statement in _statements(SCHEMA_V2):
        conn.execute(statement)


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    """Versions: the report each body+year was first stored with becomes its empty-slot
    version, so a second file seen later never takes its statuses (no key is rewritten)."""
    for statement in _statements(SCHEMA_V3):
        conn.execute(statement)
    conn.execute(
        "INSERT OR IGNORE INTO versions (report_key, source, idx, slot, raw_sha256) "
        "SELECT report_key, source, idx, '', raw_sha256 FROM reports WHERE rowid IN "
        "(SELECT min(rowid) FROM reports GROUP BY report_key)"
    )


def _add_outward_texts(conn: sqlite3.Connection) -> None:
    """Outward texts (对外意见, issue 17): a table of their own, so no released table changes."""
    for statement in _statements(SCHEMA_OUTWARD):
        conn.execute(statement)


def _add_desk(conn: sqlite3.Connection) -> None:
    """The desk's memory (issue 13): the files open and the reviewer's place among them."""
    for statement in _statements(SCHEMA_DESK):
        conn.execute(statement)


def _add_review_state(conn: sqlite3.Connection) -> None:
    """Issue 14: report sign-off states and the findings the reviewer has seen."""
    for statement in _statements(SCHEMA_REVIEW_STATE):
        conn.execute(statement)


def _add_sent_letters(conn: sqlite3.Connection) -> None:
    """Issue 30: letters recorded as sent, and the reviewer's word on each item's outcome."""
    for statement in _statements(SCHEMA_SENT_LETTERS):
        conn.execute(statement)


def _add_keyed_cells(conn: sqlite3.Connection) -> None:
    """Issue 29: figures reviewers keyed into cells no reader could read."""
    for statement in _statements(SCHEMA_KEYED):
        conn.execute(statement)


def _add_row_versions(conn: sqlite3.Connection) -> None:
    """Issue 28: a version on every review row (stale changes refused) and the action id of
    each event (a replayed journal skips what was applied)."""
    for statement in _statements(SCHEMA_ROW_VERSIONS):
        conn.execute(statement)


def _add_assignments(conn: sqlite3.Connection) -> None:
    """Issue 28: who holds each body or report of a team's batch (the lead assigns)."""
    for statement in _statements(SCHEMA_ASSIGNMENTS):
        conn.execute(statement)


def _add_blobs(conn: sqlite3.Connection) -> None:
    """Issue 28: report files stored once by sha256, travelling with a team workspace."""
    for statement in _statements(SCHEMA_BLOBS):
        conn.execute(statement)


def _statements(script: str) -> list[str]:
    """Split a DDL script at complete statements (triggers hold inner semicolons)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def _v3_to_v4(conn: sqlite3.Connection) -> None:
    """Statuses as stable codes (issue 12): a renamed label must never orphan a stored status.
    The event log keeps the words it was written with (it is append-only); readers take both
    (``ReviewStatus.parse``)."""
    for status, label in STATUS_LABELS.items():
        conn.execute("UPDATE reviews SET status = ? WHERE status = ?", (status.value, label))
    marks = ",".join("?" * len(STATUS_LABELS))
    unknown = conn.execute(
        f"SELECT status FROM reviews WHERE status NOT IN ({marks}) LIMIT 1",
        [s.value for s in STATUS_LABELS],
    ).fetchone()
    if unknown is not None:  # refuse rather than let a status fall back to 待核实 unseen
        raise sqlite3.DatabaseError(f"malformed review status {unknown[0]!r}")


# 4: status codes (issue 12), 5: outward texts (issue 17), 6: the desk's memory (issue 13),
# 7: report sign-off and seen findings (issue 14), 8: sent letters and 整改复核 (issue 30),
# 9: keyed cells (issue 29), then issue 28's: 10 row versions and event action ids,
# 11 assignments, 12 file bytes (the team workspace's report files)
MIGRATIONS: list[Migration] = [
    _v0_to_v1,
    _v1_to_v2,
    _v2_to_v3,
    _v3_to_v4,
    _add_outward_texts,
    _add_desk,
    _add_review_state,
    _add_sent_letters,
    _add_keyed_cells,
    _add_row_versions,
    _add_assignments,
    _add_blobs,
]

SCHEMA_VERSION = len(MIGRATIONS)


def check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """Its ``user_version``, or refuse it; reads only, so a refused file is untouched."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        n_objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.OperationalError:
        raise  # locked or unreadable right now: not a verdict on the file
    except sqlite3.DatabaseError as exc:
        raise _corrupt(path, str(exc)) from exc
    if check != "ok":
        raise _corrupt(path, str(check))
    if app_id == 0 and version == 0 and n_objects == 0:
        return 0  # an empty SQLite file: nothing in it to lose
    if app_id != APPLICATION_ID:
        raise WorkspaceError(
            "not-workspace",
            f"文件「{path}」不是 GIK Desk 工作区(application_id = {app_id:#x})。"
            "为避免覆盖其中的数据,未打开此文件;请选择一个 .gikdb 工作区文件或新建工作区。",
        )
    if version < 0:  # no GIK Desk writes it: a damaged or hand-edited header, not foreign objects
        raise WorkspaceError(
            "corrupt",
            f"工作区「{path}」已损坏：数据格式版本号无效(user_version = {version})。"
            "文件未被改动;请从备份恢复,或另选一个位置新建工作区。",
        )
    if version > SCHEMA_VERSION:
        raise WorkspaceError(
            "newer-version",
            f"工作区「{path}」由更新版本的 GIK Desk 创建(数据格式版本 {version},"
            f"本程序只支持到 {SCHEMA_VERSION})。为避免损坏数据,未打开此文件;"
            "请升级 GIK Desk 后再打开。",
        )
    return int(version)


def _corrupt(path: Path, detail: str) -> WorkspaceError:
    return WorkspaceError(
        "corrupt",
        f"工作区「{path}」已损坏或不是 GIK Desk 工作区({detail})。"
        "文件未被改动;请从备份恢复,或另选一个位置新建工作区。",
    )


def migrate(conn: sqlite3.Connection, version: int) -> int:
    """Run every step from ``version`` up, each in its own transaction with its version bump.

    The version is read again under the write lock: a second process creating the same new
    workspace at the same moment waits, then finds the step done instead of redoing it.
    """
    while version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        now = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if now != version:
            conn.execute("ROLLBACK")
            version = now
            continue
        try:
            if version == 0:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version += 1
    return version
