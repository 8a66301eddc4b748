"""Statuses, notes, outward texts, sign-offs, what was seen, the event log, and applying a
reviewer action with its event row in one transaction (a concern of ``Workspace``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from gik_desk.model.review import (
    Event,
    FindingReview,
    ReportState,
    ReviewStatus,
)
from gik_desk.workspace import anchors, records
from gik_desk.workspace.actions import (
    Action,
    SetNote,
    SetOutward,
    SetReportState,
    SetStatus,
    row_review,
)
from gik_desk.workspace.base import StorePart, decode_event, dump_json
from gik_desk.workspace.errors import WorkspaceError


class Reviews(StorePart):
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

    def events(self) -> list[Event]:
        rows = self._conn.execute(
            "SELECT id, time, who, action, target, before, after FROM events ORDER BY id"
        )
        return [decode_event(r) for r in rows]

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
            (key, dump_json(key)),
        )
        return [decode_event(r) for r in rows]

    def apply(self, action: Action, who: str | None = None) -> Event:
        """Write ``action`` and its event row in ONE transaction; return the logged event."""
        who = who or self.reviewer
        now = anchors.now_iso()
        with self._transaction() as conn:
            try:
                if not hasattr(action, "write"):
                    raise TypeError(f"not a reviewer action: {action!r}")
                target, before, after = action.write(conn, who, now)
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

    def _row_review(self, conn: sqlite3.Connection, key: str) -> tuple[ReviewStatus, str]:
        return row_review(conn, key)

    def _status_in(self, conn: sqlite3.Connection, key: str) -> ReviewStatus:
        return self._row_review(conn, key)[0]
