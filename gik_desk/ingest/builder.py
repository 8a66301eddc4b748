"""Writes ``Document.text`` for structured formats and ties every grid cell to its characters.

A table row becomes one line ``cell | cell | cell |``: a merged cell once at its origin, a blank
cell as nothing between two bars (``a |  | 3 |``), its ``GridCell.span`` zero-width there.
"""

from __future__ import annotations

import re

from gik_desk.ingest.cjk import fold_radicals
from gik_desk.ingest.grid import Grid, Placed
from gik_desk.model import GridCell, NativeTable, Span

_WS = re.compile(r"\s+")


def collapse(text: str) -> str:
    """Cell and block text: whitespace runs (NBSP, ideographic space, newlines) to one space."""
    return _WS.sub(" ", text).strip()


def join_lines(text: str) -> str:
    """Join lines a PDF or Word wrapped inside a cell: no space between two CJK characters.

    Row-group labels printed one character per line (三、\\n本\\n年…) become one word again.
    """
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    out = ""
    for ln in lines:
        if (
            out
            and (out[-1].isascii() and out[-1].isalnum())
            and (ln[0].isascii() and ln[0].isalnum())
        ):
            out += " "
        out += ln
    return collapse(out)


class TextBuilder:
    """Accumulates the decoded text; offsets are code points into the final string."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self.tables: list[NativeTable] = []

    @property
    def offset(self) -> int:
        return self._len

    def _write(self, s: str) -> None:
        self._parts.append(s)
        self._len += len(s)

    def line(self, text: str) -> None:
        """A line of prose; empty lines are dropped so blank markup adds no noise."""
        text = fold_radicals(text.replace("\n", " ").strip())
        if text:
            self._write(text + "\n")

    def table(self, grid: Grid, page: int | None = None) -> NativeTable | None:
        """Write a grid as row lines; returns the ``NativeTable`` (None for an empty grid)."""
        if not grid.cells:
            return None
        by_row: dict[int, list[Placed]] = {}
        for c in grid.cells:
            by_row.setdefault(c.row, []).append(c)
        start = self._len
        out: list[GridCell] = []
        for r in sorted(by_row):
            for i, c in enumerate(sorted(by_row[r], key=lambda p: p.col)):
                if i:
                    self._write(" ")
                text = fold_radicals(collapse(c.text))
                at = self._len
                self._write(text)
                out.append(
                    GridCell(c.row, c.col, text, Span(at, at + len(text)), c.rowspan, c.colspan)
                )
                self._write(" |")
            self._write("\n")
        table = NativeTable(tuple(out), grid.n_rows, grid.n_cols, Span(start, self._len - 1), page)
        self.tables.append(table)
        return table

    def checkpoint(self) -> tuple[int, int, int]:
        return len(self._parts), self._len, len(self.tables)

    def rollback(self, mark: tuple[int, int, int]) -> None:
        """Forget everything written since ``checkpoint`` (a page that failed half-way)."""
        n_parts, length, n_tables = mark
        del self._parts[n_parts:]
        self._len = length
        del self.tables[n_tables:]

    def text(self) -> str:
        return "".join(self._parts)
