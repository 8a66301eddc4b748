"""A personal workspace moved into a team one (issue 28, ``gik-desk workspace push``).

Everything a reviewer decided goes across in ONE transaction of the target: the audited
structure it hangs on (files, reports, findings, versions; rows the target lacks), statuses,
notes and their reasons, outward texts, sign-offs, 现行版本 marks, keyed figures, annotations,
what was seen, the report files' bytes, and the whole event log with each event's action,
target, before, after and original time. The target's server writes ``who`` (the pushing role,
for a reviewer role): each copied event's original reviewer is kept in the one ``push`` event's
text (event id → original name), so nothing of who did what is lost.

A decision that differs in both (a finding decided one way here and another way there) is never
overwritten: it is listed as a conflict and the team's stays. Sent letters and their 整改复核
decisions stay behind (their keys are the personal workspace's letter ids).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from gik_desk.model.review import ReportState, ReviewStatus
from gik_desk.workspace import anchors
from gik_desk.workspace.base import dump_json
from gik_desk.workspace.store import Workspace

# the audited structure decisions hang on: copied where the target lacks the row
STRUCTURE = ("files", "reports", "findings", "versions")
# reviewer decisions: (table, key columns, compared columns, the "nothing decided" value)
DECISIONS: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[Any, ...]], ...] = (
    ("reviews", ("finding_key",), ("status", "note"), (ReviewStatus.PENDING.value, "")),
    ("outward_texts", ("finding_key",), ("text",), ("",)),
    ("report_states", ("report_key",), ("state",), (ReportState.NOT_STARTED.value,)),
    ("current_versions", ("report_key",), ("slot",), ()),
    ("keyed_cells", ("report_key", "cell"), ("text",), ("",)),
    ("annotations", ("id",), ("note",), ()),
)
KINDS = {
    "reviews": "审核状态与备注",
    "outward_texts": "对外意见",
    "report_states": "报告审核进度",
    "current_versions": "现行版本",
    "keyed_cells": "录入数值",
    "annotations": "批注",
}


@dataclass(frozen=True, slots=True)
class PushConflict:
    """One decision made differently in both: the team's stays, this lists the other."""

    kind: str  # the table
    key: str
    team: str  # the team workspace's, JSON
    personal: str  # the pushed workspace's, JSON

    def line(self) -> str:
        return (
            f"冲突(conflict)：{KINDS.get(self.kind, self.kind)} {self.key}："
            f"团队工作区为 {self.team}，个人工作区为 {self.personal}，保留团队工作区的，未覆盖"
        )


@dataclass(frozen=True, slots=True)
class PushResult:
    copied: dict[str, int] = field(default_factory=dict)  # table → rows written
    events: int = 0
    files: int = 0  # report files whose bytes were stored
    conflicts: tuple[PushConflict, ...] = ()

    def lines(self) -> list[str]:
        done = "，".join(f"{KINDS.get(t, t)} {n}" for t, n in self.copied.items() if n)
        out = [
            f"已迁入(pushed)：{done or '无新的审核决定'}；"
            f"操作记录 {self.events} 条，文件 {self.files} 个"
        ]
        return out + [c.line() for c in self.conflicts]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")]


def push(source: Workspace, target: Workspace) -> PushResult:
    """Move ``source``'s work into ``target`` (one transaction of the target)."""
    src = source._conn
    copied: dict[str, int] = {}
    conflicts: list[PushConflict] = []
    now = anchors.now_iso()
    with target._transaction() as dst:
        for table in STRUCTURE:
            cols = _columns(src, table)
            rows = src.execute(f"SELECT {_list(cols)} FROM {table}").fetchall()
            marks = ", ".join("?" * len(cols))
            n = 0
            for row in rows:
                cur = dst.execute(
                    f"INSERT OR IGNORE INTO {table} ({_list(cols)}) VALUES ({marks})", tuple(row)
                )
                n += max(cur.rowcount, 0)
            copied[table] = n
        for table, key_cols, compared, empty in DECISIONS:
            copied[table] = _decisions(src, dst, table, key_cols, compared, empty, conflicts)
        seen = src.execute("SELECT finding_key, time FROM seen").fetchall()
        for key, time in seen:
            dst.execute("INSERT OR IGNORE INTO seen (finding_key, time) VALUES (?, ?)", (key, time))
        originals: dict[str, str] = {}
        events = src.execute(
            "SELECT id, time, who, action, target, before, after FROM events ORDER BY id"
        ).fetchall()
        for _id, time, who, action, tgt, before, after in events:
            cur = dst.execute(
                "INSERT INTO events (time, who, action, target, before, after) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (time, who, action, tgt, before, after),
            )
            originals[str(cur.lastrowid)] = str(who)
        record = {
            "source": str(source.path),
            "workspace_id": source.identity(),
            "who": originals,
            "conflicts": len(conflicts),
        }
        dst.execute(
            "INSERT INTO events (time, who, action, target, before, after) "
            "VALUES (?, ?, 'push_workspace', ?, '', ?)",
            (now, target.reviewer, str(source.path), dump_json(record)),
        )
        blobs = src.execute("SELECT sha256, size, name, data FROM blobs").fetchall()
        n_files = 0
        for sha, size, name, data in blobs:
            cur = dst.execute(
                "INSERT OR IGNORE INTO blobs (sha256, size, name, data) VALUES (?, ?, ?, ?)",
                (sha, size, name, bytes(data)),
            )
            n_files += max(cur.rowcount, 0)
    sources = [str(r[0]) for r in src.execute("SELECT path FROM files")]
    n_files += len(target.store_files(sources))  # the files still on this machine
    return PushResult(copied, len(events), n_files, tuple(conflicts))


def _list(cols: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f'"{c}"' for c in cols)


def _decisions(
    src: sqlite3.Connection,
    dst: sqlite3.Connection,
    table: str,
    key_cols: tuple[str, ...],
    compared: tuple[str, ...],
    empty: tuple[Any, ...],
    conflicts: list[PushConflict],
) -> int:
    """Copy one table of decisions: where the team has none (or nothing decided) it is
    written; where both decided alike nothing happens; where they differ it is listed."""
    cols = [c for c in _columns(src, table) if c != "rowid"]
    where = " AND ".join(f'"{c}" = ?' for c in key_cols)
    marks = ", ".join("?" * len(cols))
    n = 0
    for row in src.execute(f"SELECT {_list(cols)} FROM {table}").fetchall():
        values = dict(zip(cols, row, strict=True))
        key = tuple(values[c] for c in key_cols)
        mine = tuple(values[c] for c in compared)
        if empty and mine == empty:
            continue  # nothing decided here: nothing to move
        theirs = dst.execute(f"SELECT {_list(compared)} FROM {table} WHERE {where}", key).fetchone()
        if theirs is not None and tuple(theirs) == mine:
            continue
        if theirs is not None and not (empty and tuple(theirs) == empty):
            conflicts.append(
                PushConflict(
                    table,
                    "#".join(str(k) for k in key),
                    json.dumps(list(theirs), ensure_ascii=False),
                    json.dumps(list(mine), ensure_ascii=False),
                )
            )
            continue
        if theirs is not None:
            dst.execute(f"DELETE FROM {table} WHERE {where}", key)
        dst.execute(f"INSERT INTO {table} ({_list(cols)}) VALUES ({marks})", tuple(row))
        n += 1
    return n
