"""The original beside its reading (issue 18): the published page, and where a figure sits on it.

PDF: pages rendered by pdfium as raw RGBx bytes (the UI wraps them in an image; no Qt here),
cached; ``Report.boxes`` (``TextBox``, one per printed token) give any span its rectangles: a
box belongs to a span when their offsets overlap. The reverse, a point on a page, finds the box
under it and the cell whose span that box overlaps.

HTML, Word and Excel: the file is read again (the report keeps its text, not the grids) and its
own tables are written as HTML, the chosen cell marked, for a rich-text widget to show.
"""

from __future__ import annotations

import html
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from gik_desk.ingest.pdfium_lock import PDFIUM
from gik_desk.jobs import CancelToken, Progress
from gik_desk.model import CellRef, Document, Finding, NativeTable, Report, Span, TextBox

PAGE_CACHE_BYTES = 256 << 20  # rendered pages kept: ~55 A4 pages at 1.5 px/pt, ~8 at 4
MARK_ANCHOR = "gik-mark"  # the anchor the marked cell carries, for scrolling to it
_pdfium_lock = PDFIUM  # pdfium is not thread-safe: one call at a time in the whole process
_pages: OrderedDict[tuple[str, int, float], PageImage] = OrderedDict()
_sizes: dict[str, tuple[tuple[float, float], ...]] = {}
_documents: OrderedDict[tuple[str, str], Document] = OrderedDict()


@dataclass(frozen=True, slots=True)
class PageImage:
    """One rendered page: ``height`` rows of ``stride`` bytes, 4 bytes a pixel (R, G, B, unused)."""

    page: int
    scale: float
    width: int
    height: int
    stride: int
    data: bytes


# ---- PDF pages ---------------------------------------------------------------------------------
def page_sizes(path: str | Path) -> tuple[tuple[float, float], ...]:
    """Each page's (width, height) in points; ``()`` when pdfium cannot open the file."""
    import pypdfium2 as pdfium

    key = str(path)
    if key not in _sizes:
        with _pdfium_lock:
            try:
                pdf = pdfium.PdfDocument(key)
            except (pdfium.PdfiumError, OSError):
                return ()
            try:
                _sizes[key] = tuple(pdf.get_page_size(i) for i in range(len(pdf)))
            finally:
                pdf.close()
    return _sizes[key]


def page_count(path: str | Path) -> int:
    return len(page_sizes(path))


def render_page(path: str | Path, page: int, scale: float) -> PageImage:
    """Page ``page`` (0-based) at ``scale`` pixels a point, from the cache when it has it."""
    import pypdfium2 as pdfium

    key = (str(path), page, round(scale, 3))
    with _pdfium_lock:
        hit = _pages.get(key)
        if hit is not None:
            _pages.move_to_end(key)
            return hit
        pdf = pdfium.PdfDocument(str(path))
        try:
            p = pdf[page]
            try:
                bitmap = p.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
                image = PageImage(
                    page, scale, bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer)
                )
            finally:
                p.close()
        finally:
            pdf.close()
        _pages[key] = image
        while len(_pages) > 1 and sum(len(p.data) for p in _pages.values()) > PAGE_CACHE_BYTES:
            _pages.popitem(last=False)
        return image


def render_pages(
    path: str | Path, pages: Sequence[int], scale: float, cancel: CancelToken
) -> Generator[Progress, None, int]:
    """A job: render ``pages`` in order, each as a ``Progress`` payload (for the UI to show as
    it comes); returns how many were rendered."""
    for i, page in enumerate(pages):
        cancel.check()
        image = render_page(path, page, scale)
        yield Progress(i + 1, len(pages), f"第 {page + 1} 页", payload=image)
    return len(pages)


# ---- spans <-> boxes ---------------------------------------------------------------------------
def span_boxes(boxes: Sequence[TextBox], spans: Iterable[Span]) -> list[TextBox]:
    """The boxes whose offsets overlap any of ``spans`` (``boxes`` sorted by start, as
    ingest leaves them); a zero-width span (a blank cell) has none."""
    starts = [b.start for b in boxes]
    longest = max((b.end - b.start for b in boxes), default=0)
    out: list[TextBox] = []
    seen: set[int] = set()
    for span in spans:
        if span.end <= span.start:
            continue
        i = bisect_left(starts, span.start - longest)
        while i < len(boxes) and boxes[i].start < span.end:
            b = boxes[i]
            if b.end > span.start and i not in seen:
                seen.add(i)
                out.append(b)
            i += 1
    return out


def cell_span(report: Report, ref: CellRef) -> Span | None:
    table = report.tables.get(ref.table)
    cell = table.cell(ref.row, ref.col) if table is not None else None
    return cell.span if cell is not None else None


def cell_boxes(report: Report, ref: CellRef) -> list[TextBox]:
    """Where the characters this cell was read from are printed."""
    span = cell_span(report, ref)
    return span_boxes(report.boxes, [span]) if span is not None else []


def finding_boxes(report: Report, finding: Finding) -> list[TextBox]:
    """Where a finding's spans are printed."""
    return span_boxes(report.boxes, finding.spans)


def focus_boxes(report: Report, finding: Finding) -> list[TextBox]:
    """What to scroll to for a finding: its first cell (the one a correction changes), else
    its earliest span."""
    for ref in finding.cells[:1]:
        boxes = cell_boxes(report, ref)
        if boxes:
            return boxes
    return span_boxes(report.boxes, sorted(finding.spans)[:1])


def report_pages(report: Report) -> list[int]:
    """The pages this report's text was printed on (a file may hold several reports)."""
    pages = {b.page for b in span_boxes(report.boxes, [report.span])}
    return list(range(min(pages), max(pages) + 1)) if pages else []


def _cells_by_start(report: Report) -> list[tuple[Span, CellRef]]:
    out = [
        (cell.span, CellRef(cell.table, cell.row, cell.col))
        for table in report.tables.values()
        for cell in table.cells.values()
        if cell.span is not None and len(cell.span) > 0
    ]
    out.sort(key=lambda p: p[0].start)
    return out


def cell_at(report: Report, page: int, x: float, y: float, slack: float = 1.5) -> CellRef | None:
    """The cell whose printed characters lie under the point (points, top-left origin)."""
    hits = [
        b
        for b in report.boxes
        if b.page == page
        and b.x0 - slack <= x <= b.x1 + slack
        and b.top - slack <= y <= b.bottom + slack
    ]
    if not hits:
        return None
    cells = _cells_by_start(report)
    for b in sorted(hits, key=lambda b: (b.x1 - b.x0) * (b.bottom - b.top)):
        for span, ref in cells:
            if span.start < b.end and span.end > b.start:
                return ref
    return None


def finding_at(
    report: Report, findings: Iterable[Finding], page: int, x: float, y: float
) -> Finding | None:
    """The most severe finding with a box under the point."""
    hits = [
        f
        for f in findings
        if any(
            b.page == page and b.x0 <= x <= b.x1 and b.top <= y <= b.bottom
            for b in finding_boxes(report, f)
        )
    ]
    return min(hits, key=lambda f: f.severity.rank) if hits else None


# ---- HTML, Word, Excel: the file's own tables ----------------------------------------------------
def load_document(report: Report) -> Document:
    """The report's file read again (the report keeps its text, not the grids); cached.

    Raises ``IngestError`` (a Chinese message) when it can no longer be read, and says so when
    the file changed since it was audited (its offsets would point elsewhere).
    """
    from gik_desk.ingest import read_document
    from gik_desk.model import IngestError

    key = (report.source, report.file_sha256)
    doc = _documents.get(key)
    if doc is None:
        doc = read_document(Path(report.source))
        if report.file_sha256 and doc.sha256 != report.file_sha256:
            raise IngestError("changed", "文件在审核后已被修改，原件与审核结果对不上，请重新打开。")
        _documents[key] = doc
        while len(_documents) > 8:
            _documents.popitem(last=False)
    return doc


def load_document_job(report: Report, cancel: CancelToken) -> Generator[Progress, None, Document]:
    """``load_document`` as a job, for the UI's thread pool."""
    cancel.check()
    yield Progress(0, 1, "读取原件")
    return load_document(report)


def report_tables(report: Report, doc: Document) -> list[NativeTable]:
    """The document's tables inside this report, in the order they are printed."""
    return sorted(
        (t for t in doc.tables if report.span.start <= t.span.start < report.span.end),
        key=lambda t: t.span.start,
    )


def grid_cell(report: Report, doc: Document, ref: CellRef) -> tuple[int, int, int] | None:
    """(table index in ``report_tables``, row, col) of the grid cell a canonical cell was read
    from: the one whose span holds the cell's span."""
    span = cell_span(report, ref)
    if span is None:
        return None
    for ti, table in enumerate(report_tables(report, doc)):
        if not (table.span.start <= span.start <= table.span.end):
            continue
        for c in table.cells:
            if c.span.start <= span.start and span.end <= max(c.span.end, c.span.start):
                return ti, c.row, c.col
    return None


def cell_in_grid(report: Report, doc: Document, table: int, row: int, col: int) -> CellRef | None:
    """The canonical cell read from grid cell (row, col) of ``report_tables[table]``, if any."""
    tables = report_tables(report, doc)
    if not 0 <= table < len(tables):
        return None
    for c in tables[table].cells:
        if c.row <= row < c.row + c.rowspan and c.col <= col < c.col + c.colspan:
            for span, ref in _cells_by_start(report):
                if c.span.start <= span.start and span.end <= c.span.end:
                    return ref
            return None
    return None


def document_html(
    report: Report,
    doc: Document,
    marked: CellRef | None = None,
    tints: Mapping[CellRef, str] | None = None,
    mark_colour: str = "#ffd54f",
) -> str:
    """The report's part of the file as HTML: its lines as paragraphs, its tables as tables.

    ``marked`` gets ``mark_colour`` and the ``MARK_ANCHOR``; ``tints`` colour other cells
    (a finding's cells by severity). Every table is written row by row with its own spans, so
    a rich-text widget's table cell (row, col) is the grid's (``cell_in_grid``).
    """
    colours: dict[tuple[int, int, int], str] = {}
    for ref, colour in (tints or {}).items():
        at = grid_cell(report, doc, ref)
        if at is not None:
            colours[at] = colour
    mark = grid_cell(report, doc, marked) if marked is not None else None
    parts = ['<html><body style="font-size: 10pt">']
    pos = report.span.start
    for ti, table in enumerate(report_tables(report, doc)):
        parts += _paragraphs(doc.text[pos : table.span.start])
        parts.append('<table border="1" cellspacing="0" cellpadding="3">')
        for r, row in enumerate(table.rows()):
            parts.append("<tr>")
            for c in row:
                attrs = ""
                if c.rowspan > 1:
                    attrs += f' rowspan="{c.rowspan}"'
                if c.colspan > 1:
                    attrs += f' colspan="{c.colspan}"'
                fill = mark_colour if mark == (ti, r, c.col) else colours.get((ti, r, c.col))
                if fill:
                    attrs += f' bgcolor="{fill}"'
                text = html.escape(c.text) or "&nbsp;"
                if mark == (ti, r, c.col):
                    text = f'<a name="{MARK_ANCHOR}"></a><b>{text}</b>'
                parts.append(f"<td{attrs}>{text}</td>")
            parts.append("</tr>")
        parts.append("</table>")
        pos = table.span.end + 1
    parts += _paragraphs(doc.text[pos : report.span.end])
    parts.append("</body></html>")
    return "".join(parts)


def _paragraphs(text: str) -> list[str]:
    return [f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip()]
