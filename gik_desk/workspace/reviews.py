"""Statuses, notes, outward texts, sign-offs, what was seen, the event log, and applying a
reviewer action with its event row in one transaction (a concern of ``Workspace``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from gik_desk.model import decode
from gik_desk.model.review import (
    Event,
    FindingReview,
    ReportState,
    ReviewStatus,
)
from gik_desk.workspace import anchors, records, rowversions
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
        try:
            value = None if row is None else decode.payload(row[0])
        except decode.DamagedValueError:  # a damaged row: the finding is shown without its details
            return None
        return value if isinstance(value, dict) else None

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
        out: dict[str, ReportState] = {}
        for k, v in self._conn.execute("SELECT report_key, state FROM report_states"):
            try:
                out[decode.text(k)] = decode.report_state(v)
            except decode.DamagedValueError:  # shown as 未开始 and listed by ``damage()``
                continue
        return out

    def report_state_action(self, report_key: str, state: ReportState) -> SetReportState:
        before = self.report_states().get(report_key, ReportState.NOT_STARTED)
        base = self.row_version("report_states", report_key)
        return SetReportState(report_key, before, state, base)

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
                keys = decode.payload(target)
            except decode.DamagedValueError:
                continue
            if isinstance(keys, list):
                out.update(str(k) for k in keys)
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

    def damage(self) -> tuple[str, ...]:
        """One line per stored row that could not be read (issue 27), for every command's
        stderr and the window's status bar. Reading never repairs: the rows stay as they are."""
        return records.damage_lines(self.reviews(), self.events()) + self._state_damage()

    def _state_damage(self) -> tuple[str, ...]:
        return tuple(
            f"{decode.DAMAGED_WORD}：报告 {decode.shown(k)} 的审核进度"
            f"(未知的报告审核进度「{decode.shown(v, 40)}」)，按未开始显示，未改动"
            for k, v in self._conn.execute("SELECT report_key, state FROM report_states")
            if v not in set(ReportState)
        )

    def apply(self, action: Action, who: str | None = None, action_id: str = "") -> Event:
        """Write ``action`` and its event row in ONE transaction; return the logged event.

        ``action_id`` (a journaled action's, issue 28) is stored with the event: an action
        whose id is already logged is not written again (its event is returned), so a journal
        replayed after a crash mid-replay applies each action once. ``ReviewConflict`` when a
        row moved past the version the action was made on (nothing written)."""
        who = who or self.reviewer
        now = anchors.now_iso()
        with self._transaction() as conn:
            if action_id:
                done = conn.execute(
                    "SELECT e.id, e.time, e.who, e.action, e.target, e.before, e.after "
                    "FROM applied_actions a JOIN events e ON e.id = a.event_id "
                    "WHERE a.action_id = ?",
                    (action_id,),
                ).fetchone()
                if done is not None:
                    return decode_event(done)
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
            if action_id:
                conn.execute(
                    "INSERT INTO applied_actions (action_id, event_id) VALUES (?, ?)",
                    (action_id, event_id),
                )
        return Event(event_id, now, who, action.name, target, before, after)

    def logged(self, action_id: str) -> bool:
        """Whether the action with this id (a journaled one, issue 28) is in the log."""
        row = self._conn.execute(
            "SELECT 1 FROM applied_actions WHERE action_id = ?", (action_id,)
        ).fetchone()
        return row is not None

    # builders that read ``before`` from the store, so inverse() restores what was there

    # and ``base`` (issue 28): the row version the action is made on

    def row_version(self, table: str, *key: str) -> int:
        """A review row's version (0: no row), what an action built now is made on."""
        return rowversions.version(self._conn, table, key)

    def status_action(self, keys: Iterable[str], status: ReviewStatus) -> SetStatus:
        chosen = tuple(dict.fromkeys(keys))
        base = tuple(self.row_version("reviews", k) for k in chosen)
        return SetStatus(chosen, tuple(self.review(k).status for k in chosen), status, base)

    def note_action(self, key: str, note: str) -> SetNote:
        return SetNote(key, self.review(key).note, note, self.row_version("reviews", key))

    def outward_action(self, key: str, text: str) -> SetOutward:
        base = self.row_version("outward_texts", key)
        return SetOutward(key, self.outward(key), text, base)

    def _row_review(self, conn: sqlite3.Connection, key: str) -> tuple[ReviewStatus, str]:
        return row_review(conn, key)

    def _status_in(self, conn: sqlite3.Connection, key: str) -> ReviewStatus:
        return self._row_review(conn, key)[0]
