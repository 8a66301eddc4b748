"""Helpers every ingest test uses."""

from __future__ import annotations

from gik_desk.model import Document


def assert_spans_index_cells(doc: Document) -> None:
    """Every grid cell's span slices exactly its text out of ``Document.text``."""
    for table in doc.tables:
        assert table.span.slice(doc.text)
        for cell in table.cells:
            assert cell.span.slice(doc.text) == cell.text, cell
            assert table.span.contains(cell.span)


def grid(doc: Document, index: int) -> list[tuple[int, int, str, int, int]]:
    return [(c.row, c.col, c.text, c.rowspan, c.colspan) for c in doc.tables[index].cells]
