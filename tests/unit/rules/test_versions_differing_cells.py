"""DUP-VERSION's cell comparison (issue 26 made it compare cached values table by table): the
same cells in the same printed order as a cell-by-cell walk, whatever is skipped."""

from __future__ import annotations

from gik_desk.model import CellDiff, CellRef, Report, Span
from gik_desk.model.cell import Cell
from gik_desk.model.table import Table
from gik_desk.rules.versions import differing_cells


def _table(name: str, values: dict[tuple[str, str], int | None]) -> Table:
    cells = {
        (row, col): Cell(name, row, col, v, "" if v is None else str(v), None)
        for (row, col), v in values.items()
    }
    return Table(name, "t2021", cells)


def _report(rid: str, tables: dict[str, dict[tuple[str, str], int | None]]) -> Report:
    return Report(
        id=rid,
        source=f"{rid}.txt",
        index=0,
        text="",
        span=Span(0, 0),
        agency="某区人民政府",
        agency_key="某区人民政府",
        year=2023,
        template="t2021",
        tables={name: _table(name, values) for name, values in tables.items()},
    )


def test_copies_differ_in_nothing() -> None:
    cells = {"active": {("r1", "c1"): 3, ("r1", "c2"): None}, "appeals": {("a", "b"): 0}}
    a, b = _report("a", cells), _report("b", cells)
    assert differing_cells(a, b) == []
    assert differing_cells(a, b, {}) == []


def test_differences_in_printed_order_with_missing_cells_and_tables() -> None:
    here = _report(
        "here",
        {
            "appeals": {("x", "y"): 1},
            "active": {("r1", "c1"): 3, ("r2", "c1"): 5, ("r3", "c1"): None},
            "legacy": {("l", "m"): 7},
        },
    )
    there = _report(
        "there",
        {
            "active": {("r9", "c9"): 2, ("r1", "c1"): 4, ("r2", "c1"): 5},
            "appeals": {("x", "y"): 1},
            "applications": {("p", "q"): 6},
        },
    )
    expected = [
        CellDiff(CellRef("active", "r1", "c1"), 3, 4),
        CellDiff(CellRef("active", "r9", "c9"), None, 2),
        CellDiff(CellRef("applications", "p", "q"), None, 6),
        CellDiff(CellRef("legacy", "l", "m"), 7, None),
    ]
    cache: dict[int, dict[str, dict[tuple[str, str], object]]] = {}
    assert differing_cells(here, there) == expected
    assert differing_cells(here, there, cache) == expected
    assert differing_cells(here, there, cache) == expected  # from the cached values
    assert differing_cells(there, here, cache) == [
        CellDiff(CellRef("active", "r9", "c9"), 2, None),
        CellDiff(CellRef("active", "r1", "c1"), 4, 3),
        CellDiff(CellRef("applications", "p", "q"), 6, None),
        CellDiff(CellRef("legacy", "l", "m"), None, 7),
    ]
