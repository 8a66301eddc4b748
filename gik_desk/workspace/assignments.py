"""A team's batch (issue 28), the desk's part: who holds each body or report, whether this
reviewer is the lead, and what colleagues changed since a cursor (a concern of ``Workspace``).

Plain SQL only (``?`` parameters, no SQLite function): the PostgreSQL store reuses this mixin
through its dialect adapter. There ``is_lead`` becomes the role check and ``wait_for_change``
waits on LISTEN/NOTIFY; on SQLite every reviewer leads and waiting is sleeping, then polling.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import fields

from gik_desk.model import decode
from gik_desk.workspace.actions import Assign, ReopenReport, Touched
from gik_desk.workspace.base import StorePart

BODY = "body:"
REPORT = "report:"
POLL_SECONDS = 0.5  # how often ``wait_for_change`` looks by default (≤ 1 s: issue 28)


def body_target(agency_key: str) -> str:
    return f"{BODY}{agency_key}"


def report_target(report_key: str) -> str:
    return f"{REPORT}{report_key}"


def holder(assignments: dict[str, str], report_key: str, agency_key: str) -> str:
    """Who holds a report: its own assignment, else its body's; "" when nobody."""
    return assignments.get(report_target(report_key)) or assignments.get(
        body_target(agency_key), ""
    )


def _keys(value: str) -> tuple[str, ...]:
    try:
        got = decode.payload(value)
    except decode.DamagedValueError:
        return ()
    return tuple(str(k) for k in got) if isinstance(got, list) else ()


def _annotation_report(before: str, after: str) -> str:
    for text in (after, before):
        try:
            got = decode.payload(text) if text else None
        except decode.DamagedValueError:
            continue
        if isinstance(got, dict) and isinstance(got.get("report_key"), str):
            return str(got["report_key"])
    return ""


def _import_keys(before: str, after: str) -> tuple[str, ...]:
    keys: dict[str, None] = {}
    for text in (before, after):
        try:
            got = decode.payload(text) if text else None
        except decode.DamagedValueError:
            continue
        if isinstance(got, dict):
            keys.update(dict.fromkeys(str(k) for k in got))
    return tuple(keys)


def touched_by(action: str, target: str, before: str, after: str) -> Touched:
    """What one logged event touched, read back from its row: the same ``Touched`` the action
    said when it was applied, so a colleague's change takes the desk's own refresh path."""
    if action == "set_status":
        return Touched(findings=_keys(target))
    if action in ("set_note", "set_outward"):
        return Touched(findings=(target,))
    if action in ("import_review", "revert_import_review"):
        return Touched(findings=_import_keys(before, after))
    if action in ("add_annotation", "delete_annotation", "edit_annotation_note"):
        return Touched(annotations=(_annotation_report(before, after),))
    if action == "set_current_version":
        return Touched(versions=(target,))
    if action in ("set_report_state", ReopenReport.name):
        return Touched(reports=(target,))
    if action == "set_rectification":
        return Touched(items=(target,))
    if action == "key_cell":
        return Touched(cells=(target.split("#", 1)[0],))
    if action == Assign.name:
        return Touched(assignments=_keys(target))
    return Touched()  # a letter recorded as sent, a sync: nothing a view shows per key


def merged(parts: Iterable[Touched]) -> Touched:
    """Several ``Touched`` as one, each key once, in order."""
    seen: dict[str, dict[str, None]] = {f.name: {} for f in fields(Touched)}
    for part in parts:
        for name, keys in seen.items():
            keys.update(dict.fromkeys(getattr(part, name)))
    return Touched(**{name: tuple(keys) for name, keys in seen.items()})


class Assignments(StorePart):
    """Assignments, the lead's rights and colleagues' changes (issue 28)."""

    _data_version: int | None = None

    def is_lead(self) -> bool:
        """May this reviewer assign and reopen a signed-off report? A personal SQLite
        workspace has one reviewer, who leads; the team store asks the server's role."""
        return True

    def assignments(self) -> dict[str, str]:
        """Holder per target (``body:<agency_key>`` / ``report:<report_key>``)."""
        return {
            decode.text(t): decode.text(r)
            for t, r in self._conn.execute("SELECT target, reviewer FROM assignments")
        }

    def assign_action(self, targets: Iterable[str], reviewer: str) -> Assign:
        """Give ``targets`` to ``reviewer`` ("" takes them away); ``before`` read here, so the
        inverse restores what was there."""
        chosen = tuple(dict.fromkeys(targets))
        held = self.assignments()
        return Assign(chosen, tuple(held.get(t, "") for t in chosen), (reviewer,) * len(chosen))

    def reviewers_known(self) -> list[str]:
        """Every name the workspace has seen act or hold something, sorted (the 分配给… list)."""
        names = {decode.text(w) for (w,) in self._conn.execute("SELECT DISTINCT who FROM events")}
        names.update(self.assignments().values())
        return sorted(n for n in names if n.strip())

    # ---- colleagues' changes ----------------------------------------------------------------
    def change_cursor(self) -> int:
        """The newest event's id: what ``changes_since`` counts from (0 = an empty log)."""
        row = self._conn.execute("SELECT max(id) FROM events").fetchone()
        return int(row[0] or 0)

    def change_events(self, cursor: int) -> tuple[int, list[tuple[int, str, Touched]]]:
        """Events after ``cursor`` (event ids only grow): the new cursor and, per event, its
        id, who did it and what it touched. Cheap when nothing changed: SQLite's
        ``data_version`` says whether any other connection committed since the last look."""
        version = self._peek_version()
        if version is not None and version == self._data_version:
            return cursor, []
        rows = self._conn.execute(
            "SELECT id, who, action, target, before, after FROM events WHERE id > ? ORDER BY id",
            (cursor,),
        ).fetchall()
        self._data_version = version
        out = []
        for eid, who, action, target, before, after in rows:
            texts = [decode.text(v) for v in (action, target, before, after)]
            out.append((int(eid), decode.text(who), touched_by(*texts)))
        return (out[-1][0] if out else cursor), out

    def changes_since(self, cursor: int, skip: Iterable[int] = ()) -> tuple[int, Touched]:
        """Everything the log says changed after ``cursor`` as one ``Touched`` (events whose
        id is in ``skip`` — this desk's own — left out), and the new cursor."""
        own = set(skip)
        new, events = self.change_events(cursor)
        return new, merged(t for eid, _who, t in events if eid not in own)

    def wait_for_change(self, timeout: float) -> None:
        """Block until something may have changed or ``timeout`` seconds pass. SQLite has no
        wake-up: sleep, and let the caller poll. The PostgreSQL store waits on NOTIFY."""
        time.sleep(max(0.0, timeout))

    def _peek_version(self) -> int | None:
        try:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except Exception:  # not SQLite (the team store): always read the log
            return None
