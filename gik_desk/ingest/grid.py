"""The one grid normaliser every structured format uses (ECOSYSTEM.md row 3).

HTML gives cells in flow order (positions implied by earlier rowspans); DOCX, PDF and XLSX give
explicit positions. Both end as ``Placed`` cells on one grid, spans clamped (WHATWG: colspan
≤ 1000, rowspan ≤ 65534) and bounded by ``Limits.max_table_slots`` so no span is a hang.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gik_desk.ingest.errors import ingest_error
from gik_desk.ingest.limits import Limits


@dataclass(frozen=True, slots=True)
class SrcCell:
    """A cell as an HTML row lists it: text plus the spans it asks for (0 = to the end)."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(slots=True)
class Placed:
    """A cell at its origin on the grid (mutable while a reader extends a vertical merge)."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True, slots=True)
class Grid:
    cells: tuple[Placed, ...]
    n_rows: int
    n_cols: int


def _clamp(value: int, top: int) -> int:
    return max(1, min(value, top))


def place_flow(rows: Sequence[Sequence[SrcCell]], limits: Limits) -> Grid:
    """Place HTML-style rows: each cell takes the next column not covered from above."""
    n_rows = len(rows)
    covered: dict[int, list[tuple[int, int]]] = {}
    placed: list[Placed] = []
    budget = limits.max_table_slots
    n_cols = 0
    for r, row in enumerate(rows):
        spans = sorted(covered.pop(r, []))
        i = 0
        c = 0
        for cell in row:
            c, i = _skip(spans, i, c)
            cs = _clamp(cell.colspan, limits.max_colspan)
            rs = n_rows - r if cell.rowspan == 0 else _clamp(cell.rowspan, limits.max_rowspan)
            rs = max(1, min(rs, n_rows - r))
            placed.append(Placed(r, c, cell.text, rs, cs))
            budget -= rs
            if budget < 0:
                raise ingest_error("table-too-large", f"rowspans exceed {limits.max_table_slots}")
            for rr in range(r + 1, r + rs):
                covered.setdefault(rr, []).append((c, c + cs))
            c += cs
            n_cols = max(n_cols, c)
        if n_cols * n_rows > limits.max_table_slots:
            raise ingest_error("table-too-large", f"{n_rows} x {n_cols}")
    return Grid(tuple(placed), n_rows, n_cols)


def _skip(spans: list[tuple[int, int]], i: int, c: int) -> tuple[int, int]:
    """Advance column ``c`` past the sorted covered intervals of this row."""
    while i < len(spans):
        a, b = spans[i]
        if b <= c:
            i += 1
        elif a <= c:
            c = b
            i += 1
        else:
            break
    return c, i


def normalise(cells: Sequence[Placed], limits: Limits) -> Grid:
    """Explicitly positioned cells: clamp spans, drop cells whose origin is already covered."""
    if not cells:
        return Grid((), 0, 0)
    n_rows = max(c.row + 1 for c in cells)
    n_cols = max(c.col + 1 for c in cells)
    for c in cells:
        c.rowspan = _clamp(c.rowspan, limits.max_rowspan)
        c.colspan = _clamp(c.colspan, limits.max_colspan)
        n_rows = max(n_rows, c.row + c.rowspan)
        n_cols = max(n_cols, c.col + c.colspan)
    if n_rows * n_cols > limits.max_table_slots:
        raise ingest_error("table-too-large", f"{n_rows} x {n_cols}")
    owner: dict[tuple[int, int], int] = {}
    kept: list[Placed] = []
    for c in sorted(cells, key=lambda p: (p.row, p.col)):
        if (c.row, c.col) in owner:
            continue
        # shrink a span that runs into a cell already placed (broken source files do this)
        while c.colspan > 1 and any((c.row, cc) in owner for cc in range(c.col, c.col + c.colspan)):
            c.colspan -= 1
        for rr in range(c.row, c.row + c.rowspan):
            if any((rr, cc) in owner for cc in range(c.col, c.col + c.colspan)):
                c.rowspan = rr - c.row
                break
        c.rowspan = max(c.rowspan, 1)
        for rr in range(c.row, c.row + c.rowspan):
            for cc in range(c.col, c.col + c.colspan):
                owner[(rr, cc)] = 1
        kept.append(c)
    return Grid(tuple(kept), n_rows, n_cols)
