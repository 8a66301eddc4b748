"""Row versions (issue 28): each review row's version, its stamp after a write, and the row
as a conflict shows it. An action is refused when the row moved past the version it was made
on; written (or deleted), the row takes the next version. Versions live in ``row_versions``
(a row without an entry: 1 when it exists, 0 when not). The stamp is a compare-and-set, so a
store without SQLite's one writer (the team server) refuses a race as well. Plain ``?`` SQL,
so the team store runs it as it is."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from gik_desk.model import decode
from gik_desk.model.rectification import Outcome
from gik_desk.model.review import ReportState, ReviewStatus
from gik_desk.workspace.errors import Conflict, ReviewConflict, RowState, WorkspaceError
from gik_desk.workspace.schema import ROW_KEYS

GONE = "（已删除）"


def _where(table: str) -> str:
    return " AND ".join(f"{col} = ?" for col in ROW_KEYS[table])


def _row_key(key: tuple[str, ...]) -> str:
    return "\t".join(key)


def _stored(conn: sqlite3.Connection, table: str, key: tuple[str, ...]) -> int | None:
    row = conn.execute(
        "SELECT version FROM row_versions WHERE tbl = ? AND row_key = ?", (table, _row_key(key))
    ).fetchone()
    if row is None:
        return None
    return row[0] if isinstance(row[0], int) else -1  # damaged: one value, always the same


def version(conn: sqlite3.Connection, table: str, key: tuple[str, ...]) -> int:
    """The row's version: its entry, else 1 when the row exists and 0 when not."""
    stored = _stored(conn, table, key)
    if stored is not None:
        return stored
    exists = conn.execute(f"SELECT 1 FROM {table} WHERE {_where(table)}", key).fetchone()
    return 0 if exists is None else 1


def stamp(conn: sqlite3.Connection, table: str, key: tuple[str, ...], was: int) -> None:
    """The row just written (or deleted) moves from version ``was`` to the next; refused
    (``WorkspaceError``, the whole action rolled back) when another writer moved it first."""
    stored = _stored(conn, table, key)
    if stored is None and was in (0, 1):
        conn.execute(
            "INSERT INTO row_versions (tbl, row_key, version) VALUES (?, ?, ?)",
            (table, _row_key(key), was + 1),
        )
        return
    moved = conn.execute(
        "UPDATE row_versions SET version = ? WHERE tbl = ? AND row_key = ? AND version = ?",
        (was + 1, table, _row_key(key), was),
    ).rowcount
    if moved != 1:
        raise WorkspaceError("conflict", f"「{_row_key(key)}」刚被他人改动，本次操作未保存。")


def after(base: int | None) -> int | None:
    """The version a row has once an action made on ``base`` is written: what its inverse
    (the undo) is made on."""
    return None if base is None else base + 1


def _last_writer(conn: sqlite3.Connection, target: str) -> tuple[str, str]:
    row = conn.execute(
        "SELECT who, time FROM events WHERE target = ? ORDER BY id DESC LIMIT 1", (target,)
    ).fetchone()
    return ("", "") if row is None else (str(row[0]), str(row[1]))


def row_state(conn: sqlite3.Connection, table: str, key: tuple[str, ...]) -> RowState:
    """The row as it is now, in words (theirs, in a conflict)."""
    v = version(conn, table, key)
    w = _where(table)
    if table == "reviews":
        row = conn.execute(f"SELECT status, note, reviewer, updated FROM {table} WHERE {w}", key)
        got = row.fetchone()
        if got is None:
            return RowState(ReviewStatus.PENDING.label, version=v)
        try:
            label = decode.status(got[0]).label
        except decode.DamagedValueError:
            label = ReviewStatus.PENDING.label
        return RowState(label, str(got[1]), str(got[2]), str(got[3]), v)
    if table in ("outward_texts", "keyed_cells"):
        got = conn.execute(f"SELECT text, reviewer, updated FROM {table} WHERE {w}", key).fetchone()
        if got is None:
            return RowState(GONE if table == "keyed_cells" else "", version=v)
        return RowState(str(got[0]), "", str(got[1]), str(got[2]), v)
    if table == "rectification":
        got = conn.execute(f"SELECT outcome, note, reviewer, updated FROM {table} WHERE {w}", key)
        one = got.fetchone()
        if one is None:
            return RowState(GONE, version=v)
        try:
            label = Outcome.parse(str(one[0])).label
        except ValueError:
            label = str(one[0])
        return RowState(label, str(one[1]), str(one[2]), str(one[3]), v)
    if table == "annotations":
        got = conn.execute(f"SELECT note, author, created FROM {table} WHERE {w}", key).fetchone()
        if got is None:
            return RowState(GONE, version=v)
        who, when = _last_writer(conn, key[0])
        return RowState(str(got[0]), "", who or str(got[1]), when or str(got[2]), v)
    column = "state" if table == "report_states" else "slot"
    got = conn.execute(f"SELECT {column} FROM {table} WHERE {w}", key).fetchone()
    who, when = _last_writer(conn, key[0])
    if got is None:
        return RowState(GONE, "", who, when, v)
    value = str(got[0])
    if table == "report_states" and value in set(ReportState):
        value = ReportState(value).label
    return RowState(value, "", who, when, v)


def conflict(
    conn: sqlite3.Connection, table: str, key: tuple[str, ...], base: int, yours: RowState
) -> Conflict:
    return Conflict("#".join(key), row_state(conn, table, key), yours, base)


def check(
    conn: sqlite3.Connection,
    action: object,
    table: str,
    key: tuple[str, ...],
    base: int | None,
    yours: RowState,
    retry: Callable[[int], object] | None = None,
) -> int:
    """The row's version now; ``ReviewConflict`` when the action was made on another one
    (``base`` None: an action from before versions, taken as it is). ``retry`` makes the
    same intent on the version the row has now (keep mine)."""
    now = version(conn, table, key)
    if base is None or now == base:
        return now
    found = (conflict(conn, table, key, base, yours),)
    raise ReviewConflict(action, found, retry=retry(now) if retry is not None else None)
