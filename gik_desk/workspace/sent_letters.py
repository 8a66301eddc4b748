"""Letters as sent, and the reviewer's word on each item (issue 30), in the workspace's tables.

Rows of ``sent_letters`` are append-only (triggers refuse UPDATE and DELETE): what a body was
told stays as it was told. A value read back that is not what this module writes (a tampered
row) is skipped with its id in ``damaged``, never a crash.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from gik_desk.model.finding import CellRef
from gik_desk.model.rectification import Outcome, SentItem, SentLetter, SentReport
from gik_desk.workspace import rowversions
from gik_desk.workspace.actions import SetRectification
from gik_desk.workspace.anchors import now_iso
from gik_desk.workspace.base import StorePart

_MAX_JSON = 64 * 1024 * 1024  # a letter's record is kilobytes; anything near this is not ours


def bounded_json(text: object) -> Any:
    """Decode a stored JSON value; ``ValueError`` for one too large or too deep to be ours."""
    if not isinstance(text, str) or len(text) > _MAX_JSON:
        raise ValueError("not a stored letter")
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise ValueError("nested too deep") from exc


_COLS = "id, body, body_key, written, path, sha256, reviewer, follow_up, items, reports"


def _item_json(item: SentItem) -> dict[str, Any]:
    return {
        "n": item.n,
        "report_key": item.report_key,
        "finding_keys": list(item.finding_keys),
        "rules": list(item.rules),
        "text": item.text,
        "cell": item.cell.to_json() if item.cell is not None else None,
        "printed": item.printed,
        "asked": item.asked,
        "outward": item.outward,
        "messages": list(item.messages),
    }


def _report_json(report: SentReport) -> dict[str, Any]:
    return {
        "report_key": report.report_key,
        "body_year": report.body_year,
        "year": report.year,
        "source": report.source,
        "text_sha256": report.text_sha256,
        "figures": report.figures,
        "identities": list(report.identities),
    }


def _number(value: Any) -> int | float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    raise ValueError("not a number")


def _item(d: dict[str, Any]) -> SentItem:
    cell = d.get("cell")
    return SentItem(
        n=int(d["n"]),
        report_key=str(d["report_key"]),
        finding_keys=tuple(str(k) for k in d.get("finding_keys", [])),
        rules=tuple(str(r) for r in d.get("rules", [])),
        text=str(d.get("text", "")),
        cell=CellRef(str(cell["table"]), str(cell["row"]), str(cell["col"])) if cell else None,
        printed=_number(d.get("printed")),
        asked=_number(d.get("asked")),
        outward=str(d.get("outward", "")),
        messages=tuple(str(m) for m in d.get("messages", [])),
    )


def _report(d: dict[str, Any]) -> SentReport:
    figures = {str(k): v for k, v in dict(d.get("figures", {})).items()}
    year = d.get("year")
    return SentReport(
        report_key=str(d["report_key"]),
        body_year=str(d["body_year"]),
        year=int(year) if year is not None else None,
        source=str(d.get("source", "")),
        text_sha256=str(d.get("text_sha256", "")),
        figures={k: n for k, v in figures.items() if (n := _number(v)) is not None},
        identities=tuple(str(i) for i in d.get("identities", [])),
    )


def record(conn: sqlite3.Connection, letter: SentLetter) -> int:
    """Insert one letter as sent (its ``id`` is ignored) and return the id it was given."""
    cur = conn.execute(
        "INSERT INTO sent_letters (body, body_key, written, path, sha256, reviewer, follow_up, "
        "items, reports) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            letter.body,
            letter.body_key,
            letter.written,
            letter.path,
            letter.sha256,
            letter.reviewer,
            int(letter.follow_up),
            json.dumps([_item_json(i) for i in letter.items], ensure_ascii=False),
            json.dumps([_report_json(r) for r in letter.reports], ensure_ascii=False),
        ),
    )
    return int(cur.lastrowid or 0)


@dataclass(frozen=True, slots=True)
class Loaded:
    letters: tuple[SentLetter, ...]
    damaged: tuple[int, ...] = ()  # ids of rows that could not be read


def load(conn: sqlite3.Connection) -> Loaded:
    """Every sent letter, oldest first."""
    letters: list[SentLetter] = []
    damaged: list[int] = []
    for row in conn.execute(f"SELECT {_COLS} FROM sent_letters ORDER BY id"):
        try:
            items = bounded_json(row[8])
            reports = bounded_json(row[9])
            if not isinstance(items, list) or not isinstance(reports, list):
                raise ValueError("not a list")
            letters.append(
                SentLetter(
                    id=int(row[0]),
                    body=str(row[1]),
                    body_key=str(row[2]),
                    written=str(row[3]),
                    path=str(row[4]),
                    sha256=str(row[5]),
                    reviewer=str(row[6]),
                    follow_up=bool(row[7]),
                    items=tuple(_item(d) for d in items),
                    reports=tuple(_report(d) for d in reports),
                )
            )
        except (ValueError, TypeError, KeyError, AttributeError):
            damaged.append(int(row[0]) if isinstance(row[0], int) else -1)
    return Loaded(tuple(letters), tuple(damaged))


def decisions(conn: sqlite3.Connection) -> dict[str, tuple[Outcome, str]]:
    """The reviewer's outcome and reason per item key (rows with an unknown code skipped)."""
    out: dict[str, tuple[Outcome, str]] = {}
    for key, code, note in conn.execute("SELECT item_key, outcome, note FROM rectification"):
        try:
            out[str(key)] = (Outcome.parse(str(code)), str(note))
        except ValueError:
            continue
    return out


def decision(conn: sqlite3.Connection, key: str) -> tuple[Outcome | None, str]:
    row = conn.execute(
        "SELECT outcome, note FROM rectification WHERE item_key = ?", (key,)
    ).fetchone()
    if row is None:
        return None, ""
    try:
        return Outcome.parse(str(row[0])), str(row[1])
    except ValueError:
        return None, str(row[1])


def write_decision(
    conn: sqlite3.Connection, key: str, outcome: Outcome | None, note: str, who: str, now: str
) -> None:
    if outcome is None:
        conn.execute("DELETE FROM rectification WHERE item_key = ?", (key,))
        return
    conn.execute(
        "INSERT INTO rectification (item_key, outcome, note, reviewer, updated) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (item_key) DO UPDATE SET outcome = excluded.outcome, "
        "note = excluded.note, reviewer = excluded.reviewer, updated = excluded.updated",
        (key, outcome.value, note, who, now),
    )


def decision_json(decision: tuple[Outcome | None, str]) -> str:
    """A decision as the event log stores it (before/after of ``set_rectification``)."""
    outcome, note = decision
    return json.dumps(
        {"outcome": outcome.value if outcome else None, "note": note},
        ensure_ascii=False,
        sort_keys=True,
    )


class SentLetters(StorePart):
    """The concern of ``Workspace`` that records letters as sent (issue 30)."""

    def record_letter(self, letter: SentLetter, who: str | None = None) -> int:
        """Record a letter as sent, with its event row; returns the id it was given. A
        regenerated letter is another row: a record is never rewritten."""
        who = who or self.reviewer
        now = now_iso()
        with self._transaction() as conn:
            letter_id = record(conn, letter)
            conn.execute(
                "INSERT INTO events (time, who, action, target, before, after) "
                "VALUES (?, ?, ?, ?, '', ?)",
                (now, who, "send_letter", f"letter:{letter_id}", letter.path),
            )
        return letter_id

    def sent_letters(self) -> Loaded:
        return load(self._conn)

    def rectification_decisions(self) -> dict[str, tuple[Outcome, str]]:
        return decisions(self._conn)

    def rectification_action(
        self, key: str, outcome: Outcome | None, note: str = ""
    ) -> SetRectification:
        base = rowversions.version(self._conn, "rectification", (key,))
        return SetRectification(key, decision(self._conn, key), (outcome, note), base)
