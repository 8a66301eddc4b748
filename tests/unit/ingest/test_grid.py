"""The one grid normaliser: flow placement (HTML) and explicit cells (DOCX/PDF/XLSX)."""

from __future__ import annotations

import pytest

from gik_desk.ingest.grid import Placed, SrcCell, normalise, place_flow
from gik_desk.ingest.limits import Limits
from gik_desk.model import IngestError


def _t(grid_cells: tuple[Placed, ...]) -> list[tuple[int, int, str, int, int]]:
    return [(c.row, c.col, c.text, c.rowspan, c.colspan) for c in grid_cells]


def test_flow_cells_skip_columns_covered_from_above() -> None:
    g = place_flow(
        [
            [SrcCell("g", rowspan=3), SrcCell("a", colspan=2), SrcCell("1")],
            [SrcCell("b"), SrcCell("c", rowspan=2), SrcCell("2")],
            [SrcCell("d"), SrcCell("3")],
        ],
        Limits(),
    )
    assert (g.n_rows, g.n_cols) == (3, 4)
    assert _t(g.cells) == [
        (0, 0, "g", 3, 1),
        (0, 1, "a", 1, 2),
        (0, 3, "1", 1, 1),
        (1, 1, "b", 1, 1),
        (1, 2, "c", 2, 1),
        (1, 3, "2", 1, 1),
        (2, 1, "d", 1, 1),
        (2, 3, "3", 1, 1),
    ]


def test_huge_spans_are_clamped() -> None:
    g = place_flow([[SrcCell("x", rowspan=10**9, colspan=10**9)], [SrcCell("y")]], Limits())
    assert g.cells[0].colspan == 1000
    assert g.cells[0].rowspan == 2
    assert g.cells[1].col == 1000


def test_table_over_the_slot_budget_is_refused() -> None:
    rows = [[SrcCell("x", colspan=1000)] for _ in range(300)]
    with pytest.raises(IngestError) as err:
        place_flow(rows, Limits())
    assert err.value.code == "table-too-large"


def test_explicit_cells_with_overlap_keep_the_first_origin() -> None:
    g = normalise(
        [Placed(0, 0, "a", 2, 2), Placed(1, 1, "hidden"), Placed(0, 2, "b"), Placed(2, 0, "c")],
        Limits(),
    )
    assert _t(g.cells) == [(0, 0, "a", 2, 2), (0, 2, "b", 1, 1), (2, 0, "c", 1, 1)]
    assert (g.n_rows, g.n_cols) == (3, 3)


def test_explicit_cell_inside_an_earlier_span_is_dropped() -> None:
    g = normalise(
        [
            Placed(0, 0, "a"),
            Placed(1, 0, "b"),
            Placed(0, 1, "long", 3, 1),
            Placed(2, 1, "in the way"),
        ],
        Limits(),
    )
    assert (0, 1, "long", 3, 1) in _t(g.cells)
    assert all(c.text != "in the way" for c in g.cells)


def test_explicit_span_running_into_a_placed_cell_is_shortened() -> None:
    g = normalise([Placed(0, 2, "tall", 2, 1), Placed(1, 0, "wide", 1, 3)], Limits())
    assert _t(g.cells) == [(0, 2, "tall", 2, 1), (1, 0, "wide", 1, 2)]
