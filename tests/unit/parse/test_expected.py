"""Parsed reports against the values keyed by hand into tests/data/expected (never by the parser).

Every header fact of every seed report and PDF, every cell of every template table, and for
every number cell the printed text under its span reads as the value.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from parse_seeds import EXPECTED, parsed, report_at

from gik_desk.model import Fill
from gik_desk.parse.numbers import read_cell

_REPORTS = EXPECTED / "reports.json"
_TABLE_FILES = sorted((EXPECTED / "tables").glob("*.json")) if EXPECTED.exists() else []


def _expected_reports() -> list[dict]:
    if not _REPORTS.exists():
        return []
    return json.loads(_REPORTS.read_text("utf-8"))


@pytest.mark.parametrize("exp", _expected_reports(), ids=lambda e: f"{e['file']}#{e['index']}")
def test_report_header_matches_hand_keyed(exp: dict) -> None:
    r = report_at(exp["file"], exp["index"])
    assert r.agency == exp["agency"]
    assert r.year == exp["year"]
    assert r.template == exp["template"]
    assert dict(r.table_templates) == exp["table_templates"]
    assert r.is_report


def test_report_count_per_file_matches_hand_keyed() -> None:
    exp = _expected_reports()
    assert len(exp) == 22  # 19 seed reports + 3 PDFs
    assert len(_TABLE_FILES) == 11  # 8 template reports in the seeds + 3 PDFs
    files = {e["file"] for e in exp}
    for f in files:
        n = sum(1 for e in exp if e["file"] == f)
        assert len(parsed(f)) == n, f


@pytest.mark.parametrize("path", _TABLE_FILES, ids=lambda p: p.stem)
def test_every_cell_matches_hand_keyed(path: Path) -> None:
    exp = json.loads(path.read_text("utf-8"))
    r = report_at(exp["file"], exp["index"])
    for table, rows in exp["tables"].items():
        t = r.tables.get(table)
        assert t is not None, f"{table} not read"
        wanted = {(row, col): v for row, cols in rows.items() for col, v in cols.items()}
        got = {k: c.value for k, c in t.cells.items() if c.fill is not Fill.MISSING}
        mismatches = {
            k: (v, got.get(k, "<missing>"))
            for k, v in wanted.items()
            if got.get(k, "<missing>") != v
        }
        assert not mismatches, f"{table}: expected vs parsed {mismatches}"
        extra = set(got) - set(wanted)
        assert not extra, f"{table}: cells not in the expected table {sorted(extra)}"
        assert t.complete, (table, t.missing)
        for c in t.cells.values():
            if c.is_number and not c.derived:
                assert c.span is not None
                printed = r.text[c.span.start : c.span.end]
                cell = read_cell(printed)
                assert cell is not None, (c.key, printed)
                assert cell.value == c.value, (c.key, printed)
                assert (cell.start, cell.end) == (0, len(printed)), (c.key, printed)
