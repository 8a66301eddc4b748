"""What ingest hands to parse: decoded text plus the native tables a format has."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gik_desk.model.span import Span


class IngestError(Exception):
    """A file (or part of one) that cannot be read; becomes a ``problems`` entry.

    ``code`` is stable (OUTPUT.md), ``message`` is Chinese and says what the reviewer can do.
    """

    def __init__(self, code: str, message: str, detail: str = "") -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.detail = detail

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str, str]]:
        """Survive pickling, so a worker process can raise it back to the batch."""
        return (type(self), (self.code, self.message, self.detail))


@dataclass(frozen=True, slots=True)
class TextBox:
    """Where a stretch ``[start, end)`` of ``Document.text`` was printed on a PDF page.

    ``page`` is 0-based; the rectangle is in PDF points with the origin at the page's top-left
    (pdfplumber's ``x0, top, x1, bottom``; pdfium's bottom-left boxes are flipped to it). A cell's
    boxes are those overlapping its source span, so any span the parser ties a figure to can be
    drawn on the rendered page (issue 18). One box per printed token (a run of characters on
    one line), not per character.
    """

    start: int
    end: int
    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class GridCell:
    """A cell of a native table at its origin; covered positions of a merge are not repeated.

    ``span`` points into ``Document.text`` where the ingest step wrote this cell's text
    (a zero-width span for a blank cell).
    """

    row: int
    col: int
    text: str
    span: Span
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True, slots=True)
class NativeTable:
    """A table as the format structured it (HTML/DOCX/PDF/XLSX), after merge expansion."""

    cells: tuple[GridCell, ...]
    n_rows: int
    n_cols: int
    span: Span
    page: int | None = None

    def rows(self) -> list[list[GridCell]]:
        out: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        for r in out:
            r.sort(key=lambda c: c.col)
        return out


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded file. ``text`` is what the source pane shows and what spans index.

    For structured formats the ingest step writes each table row as one line,
    ``cell | cell | cell |``, a merged cell once at its origin; ``tables`` keeps the grid.
    """

    source: str
    kind: str  # txt | html | docx | pdf | xlsx
    text: str
    sha256: str
    encoding: str | None = None
    tables: tuple[NativeTable, ...] = ()
    pages: tuple[Span, ...] = ()  # PDF: the text of each page
    boxes: tuple[TextBox, ...] = ()  # PDF: printed boxes of the text, sorted by ``start``
    meta: dict[str, Any] = field(default_factory=dict)  # e.g. {"published": "2024-02-03"}
    warnings: tuple[str, ...] = ()
