"""Twelve real crawled reports (tests/data/real) against the values keyed by hand (issue 9).

The crawler printed one cell per line and collapsed runs of identical lines: 表三 and 表四
must still equal the keys cell for cell (derived cells marked); a 表二 cell the text leaves
ambiguous must be named unread, never guessed.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from gik_desk.model import Fill, Report
from gik_desk.parse import parse_path

REAL = Path(__file__).parents[2] / "data" / "real"
EXPECTED = REAL / "expected"
_REPORTS = json.loads((EXPECTED / "reports.json").read_text("utf-8"))
_TABLES = sorted((EXPECTED / "tables").glob("*.json"))


@cache
def _parsed(name: str) -> tuple[Report, ...]:
    reports, _ = parse_path(REAL / name)
    return tuple(reports)


def _cells(exp: dict, table: str) -> dict[tuple[str, str], float]:
    rows = exp["tables"].get(table, {})
    return {(r, c): v for r, cols in rows.items() for c, v in cols.items()}


def test_every_real_file_is_keyed() -> None:
    files = {p.name for p in REAL.glob("*.txt")}
    assert files == {e["file"] for e in _REPORTS}
    assert len(files) == 12


@pytest.mark.parametrize("exp", _REPORTS, ids=lambda e: e["file"][:-4])
def test_body_year_and_template_as_keyed(exp: dict) -> None:
    reports = _parsed(exp["file"])
    assert len(reports) == 1
    r = reports[exp["index"]]
    assert (r.agency, r.year, r.template) == (exp["agency"], exp["year"], exp["template"])
    templates = {k: v for k, v in r.table_templates.items() if k != "legacy"}
    assert templates == exp["table_templates"]
    assert r.is_report is exp["is_report"]


@pytest.mark.parametrize("path", _TABLES, ids=lambda p: p.stem)
def test_tables_three_and_four_equal_the_keys_cell_for_cell(path: Path) -> None:
    exp = json.loads(path.read_text("utf-8"))
    r = _parsed(exp["file"])[exp["index"]]
    derived = set(exp["derived"])
    for name in ("applications", "appeals"):
        t = r.tables[name]
        wanted = _cells(exp, name)
        got = {k: c.value for k, c in t.cells.items() if c.fill is not Fill.MISSING}
        wrong = {k: (v, got.get(k)) for k, v in wanted.items() if got.get(k) != v}
        assert not wrong, f"{name}: keyed vs read {wrong}"
        assert set(got) == set(wanted), f"{name}: cells not keyed {set(got) - set(wanted)}"
        assert t.complete, (name, t.missing)
        for (row, col), c in t.cells.items():
            assert c.derived is (f"{name}/{row}/{col}" in derived), (row, col)
            assert c.span is not None
            printed = r.text[c.span.start : c.span.end]
            assert printed.strip(), (row, col)


@pytest.mark.parametrize("path", _TABLES, ids=lambda p: p.stem)
def test_table_two_cells_equal_the_keys_or_are_named_unread(path: Path) -> None:
    exp = json.loads(path.read_text("utf-8"))
    r = _parsed(exp["file"])[exp["index"]]
    t = r.tables["active"]
    wanted = _cells(exp, "active")
    ambiguous = exp.get("ambiguous", {})
    for (row, col), v in wanted.items():
        assert t.cells[row, col].value == v, (row, col)
    for key, alternatives in ambiguous.items():
        _, row, col = key.split("/")
        c = t.cells[row, col]
        assert c.value is None
        assert sorted(c.alternatives) == sorted(alternatives)
    keyed = set(wanted) | {tuple(k.split("/")[1:]) for k in ambiguous}
    read = {k for k, c in t.cells.items() if c.fill is not Fill.MISSING}
    assert read == keyed


_LEDGER = json.loads((EXPECTED / "findings.json").read_text("utf-8"))


@pytest.mark.parametrize("exp", _REPORTS, ids=lambda e: e["file"][:-4])
def test_findings_equal_the_hand_keyed_ledger(exp: dict) -> None:
    from gik_desk.rules import audit

    found = audit(list(_parsed(exp["file"])))
    assert not [f for f in found if f.severity == "error"]
    wanted = list(_LEDGER[exp["file"]])
    left = list(found)
    for w in wanted:
        phrases = w["contains"] if isinstance(w["contains"], list) else [w["contains"]]
        match = next(
            (
                f
                for f in left
                if f.rule == w["rule"]
                and f.severity == w["severity"]
                and (f.cells[0].table if f.cells else None) == w["table"]
                and all(p in f.message for p in phrases)
            ),
            None,
        )
        assert match is not None, (w, [(f.rule, f.message[:80]) for f in left])
        left.remove(match)
    assert not left, [(f.rule, f.message[:80]) for f in left]


_LEGACY = json.loads((EXPECTED / "legacy.json").read_text("utf-8"))


@pytest.mark.parametrize("name", [k for k in _LEGACY if not k.startswith("_")])
def test_old_statistics_table_read_as_keyed(name: str) -> None:
    """The 附表 of a crawled pre-2019 page: every row as keyed, an ambiguous one named."""
    exp = _LEGACY[name]
    t = _parsed(name)[0].tables["legacy"]
    got = {r: [t.cells[r, "year"].value, t.cells[r, "cumulative"].value] for r, _ in t.cells}
    for row, (year, total) in exp["rows"].items():
        assert got.pop(row) == [year, total], row
    for row, (years, totals) in exp["ambiguous"].items():
        assert got.pop(row) == [None, None]
        assert sorted(t.cells[row, "year"].alternatives) == years
        assert sorted(t.cells[row, "cumulative"].alternatives) == totals
    assert not got
