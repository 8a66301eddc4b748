"""PDF: pypdfium2 for the text and, on pages that hold tables, for the tables too (issue 19).

Every page's text comes from pdfium (a few ms a page). A page whose drawing has rules and
whose text names a table (本年新收, 第二十条 …) is read from pdfium's character boxes and drawn
lines by ``pdfium_tables``, which finds tables as pdfplumber's ``lines`` strategy does at a fraction
of its cost. pdfplumber (imported only then) reads a page the fast reader cannot vouch for;
such pages are listed in ``Document.meta["pdf_fallback_pages"]``. On table pages doubled
"fake bold" characters are dropped, invisible (white, off-page) ones ignored and counted,
tables become row lines and the prose around them keeps its reading order. Radical code
points (⼯ for 工) are folded by the text builder.

``Document.boxes``: one box per printed token, in the displayed page's points, top-left origin.
"""

from __future__ import annotations

import bisect
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from gik_desk.ingest import ocr
from gik_desk.ingest import pdfium_tables as fast
from gik_desk.ingest.builder import TextBuilder, join_lines
from gik_desk.ingest.cjk import fold_radicals
from gik_desk.ingest.errors import ingest_error
from gik_desk.ingest.grid import Placed, normalise
from gik_desk.ingest.limits import Limits
from gik_desk.ingest.pdfium_lock import PDFIUM
from gik_desk.model import Document, IngestError, Span, TextBox

TABLE_WORDS = (
    "本年新收",
    "第二十条",
    "行政复议",
    "行政诉讼",
    "结转",
    "信息内容",
    "申请人情况",
    "予以公开",
    "不予公开",
    "统计表",
    "依申请公开",
)
MIN_RULES = 2
SCANNED_CHARS = 20  # a page with no more characters than this has no real text layer
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LINE = re.compile(r"[^\r\n]+")
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class _PageScan:
    text: str
    n_chars: int
    n_rules: int  # line-like vector paths (table rules); white background boxes do not count
    image_cover: float  # share of the page area images cover
    broken: bool = False  # pdfium could not load the page
    ocr_chars: int = 0  # characters OCR read on a scanned page (issue 29)

    @property
    def maybe_table(self) -> bool:
        return (
            not self.broken
            and self.n_rules >= MIN_RULES
            and any(w in self.text for w in TABLE_WORDS)
        )

    @property
    def scanned(self) -> bool:
        return self.n_chars <= SCANNED_CHARS and self.image_cover > 0.5


class _PlumberUnavailableError(Exception):
    """pdfminer cannot parse what pdfium could: no fallback for a page."""


class _Reader:
    """One pass over the pages; pdfplumber is opened the first time a page needs it."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        self.data = data
        self.limits = limits
        self.out = TextBuilder()
        self.boxes: list[TextBox] = []
        self.warnings: list[str] = []
        self.fallback_pages: list[int] = []
        self.ocr_pages: list[int] = []  # 1-based pages read by OCR
        self.ocr_cells: list[list[object]] = []  # [start, end, confidence, unread, options]
        self._plumber: Any = None
        self._plumber_failed = False

    def plumber_page(self, index: int) -> Any:
        if self._plumber is None and not self._plumber_failed:
            self._plumber = _open_plumber(self.data)
            if self._plumber is None:
                self._plumber_failed = True
                self.warnings.append("PDF 结构异常,表格无法识别,已按文字读取,请人工核对")
        if self._plumber is None:
            raise _PlumberUnavailableError
        return self._plumber.pages[index]

    def close(self) -> None:
        if self._plumber is not None:
            _close_quietly(self._plumber)


@dataclass(slots=True)
class _Page:
    """A loaded page while it is read: its pdfium handles, frame and drawing."""

    index: int
    textpage: Any
    frame: fast.Frame
    objects: fast.Objects
    raw_text: str


def read(path: Path, data: bytes, sha256: str, limits: Limits) -> Document:
    with PDFIUM:  # one page at a time in pdfium, so the 原件 view may render between pages
        pdf = _open(data, limits)
    reader = _Reader(data, limits)
    scans: list[_PageScan] = []
    pages: list[Span] = []
    table_pages: list[int] = []
    try:
        for i in range(len(pdf)):
            start = reader.out.offset
            with PDFIUM:
                scan = _read_page(pdf, i, reader)
            scans.append(scan)
            if scan.maybe_table:
                table_pages.append(i)
            pages.append(Span(start, reader.out.offset))
        if all(s.broken for s in scans):
            raise ingest_error("corrupt-pdf", "no page loads")
    finally:
        with PDFIUM:
            reader.close()
            pdf.close()
    if all(s.n_chars + s.ocr_chars <= SCANNED_CHARS for s in scans if not s.broken):
        if any(s.image_cover > 0.5 for s in scans):
            raise ingest_error("scanned-pdf", f"{len(scans)} pages without a text layer")
        raise ingest_error("empty-pdf", f"{len(scans)} pages, no text")
    warnings = [f"第 {i + 1} 页已损坏,无法读取,请人工核对" for i, s in enumerate(scans) if s.broken]
    warnings += [
        f"第 {i + 1} 页是扫描图像,没有文字层,该页内容需人工核对"
        for i, s in enumerate(scans)
        if s.scanned and i + 1 not in reader.ocr_pages
    ]
    if reader.ocr_pages:
        listed = "、".join(str(p) for p in reader.ocr_pages)
        warnings.append(
            f"第 {listed} 页是扫描图像,已由 OCR 识别,识别的数字已在表中标出,请对照原件核对"
        )
    out = reader.out
    return Document(
        source=str(path),
        kind="pdf",
        text=out.text(),
        sha256=sha256,
        tables=tuple(out.tables),
        pages=tuple(pages),
        boxes=tuple(sorted(reader.boxes, key=lambda b: (b.start, b.end))),
        meta={
            "pages": len(scans),
            "table_pages": [i + 1 for i in table_pages],
            "pdf_fallback_pages": reader.fallback_pages,
            **(
                {"ocr": {"pages": reader.ocr_pages, "dpi": ocr.OCR_DPI, "cells": reader.ocr_cells}}
                if reader.ocr_pages
                else {}
            ),
        },
        warnings=tuple(warnings + reader.warnings),
    )


def _open(data: bytes, limits: Limits) -> Any:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ingest_error("encrypted-pdf", str(exc)) from exc
        raise ingest_error("corrupt-pdf", str(exc)) from exc
    n = len(pdf)
    if n == 0:
        pdf.close()
        raise ingest_error("corrupt-pdf", "no pages")
    if n > limits.max_pdf_pages:
        pdf.close()
        raise ingest_error("too-many-pages", f"{n} pages > {limits.max_pdf_pages}")
    return pdf


def _read_page(pdf: Any, index: int, reader: _Reader) -> _PageScan:
    """Scan one page and write its text (and tables) while pdfium has it loaded."""
    try:
        page = pdf[index]
    except pdfium.PdfiumError:
        return _PageScan("", 0, 0, 0.0, broken=True)
    try:
        textpage = page.get_textpage()
        try:
            raw = textpage.get_text_range()
            text = _CTRL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
            frame = fast.Frame(page.get_cropbox(), page.get_rotation())
            wants = any(w in text for w in TABLE_WORDS)
            objects = fast.scan_objects(page.raw, frame, want_edges=wants)
            n_chars = sum(1 for ch in text if not ch.isspace())
            scan = _PageScan(text, n_chars, objects.n_rules, objects.covered)
            loaded = _Page(index, textpage.raw, frame, objects, raw)
            done = False
            if scan.scanned and ocr.enabled():
                n_ocr = _ocr_page(page, index, reader)
                return _PageScan(text, n_chars, objects.n_rules, objects.covered, ocr_chars=n_ocr)
            if scan.maybe_table:
                done = _try_table_page(loaded, reader)
            if not done:
                _text_page(loaded, reader)
            return scan
        finally:
            textpage.close()
    except pdfium.PdfiumError:
        return _PageScan("", 0, 0, 0.0, broken=True)
    finally:
        page.close()


def _try_table_page(page: _Page, reader: _Reader) -> bool:
    out = reader.out
    mark = out.checkpoint()
    n_boxes = len(reader.boxes)
    try:
        hidden = _table_page(page, reader)
    except _PlumberUnavailableError:
        out.rollback(mark)
        del reader.boxes[n_boxes:]
        return False
    except Exception as exc:  # pdfminer raises dozens of types; pdfium text stands
        out.rollback(mark)
        del reader.boxes[n_boxes:]
        reader.warnings.append(
            f"第 {page.index + 1} 页的表格无法识别({type(exc).__name__}),已按文字读取,请人工核对"
        )
        return False
    if hidden:
        reader.warnings.append(
            f"第 {page.index + 1} 页有 {hidden} 个看不见的字符(白色或在页面之外),"
            "已忽略未读,请对照原文件核对"
        )
    return True


def _table_page(page: _Page, reader: _Reader) -> int:
    """Write a table page's prose and tables; returns how many invisible characters it had.

    The fast reader first; pdfplumber when it cannot vouch for the page.
    """
    out = reader.out
    mark = out.checkpoint()
    n_boxes = len(reader.boxes)
    try:
        return _fast_page(page, reader)
    except (IngestError, fast.TooManyRulesError):
        raise  # pdfplumber would fail the same way, only slower
    except Exception:  # UnreadableError, or pdfium refusing a call: pdfplumber reads the page
        out.rollback(mark)
        del reader.boxes[n_boxes:]
    reader.fallback_pages.append(page.index + 1)
    return _plumber_page(reader.plumber_page(page.index), page.index, reader)


# ---- text pages: pdfium's own text ----------------------------------------------------------


def _text_page(page: _Page, reader: _Reader) -> None:
    """pdfium's text, line by line; a box per token from pdfium's rectangles."""
    raw = page.raw_text
    out = reader.out
    tp = page.textpage
    exact = len(raw) == pdfium_c.FPDFText_CountChars(tp)  # text index = character index
    for m in _LINE.finditer(raw):
        line = m.group()
        index = list(range(m.start(), m.end()))
        if _CTRL.search(line):
            kept = [(ch, k) for ch, k in zip(line, index, strict=True) if not _CTRL.match(ch)]
            line = "".join(ch for ch, _ in kept)
            index = [k for _, k in kept]
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        start = out.offset
        out.line(stripped)
        if not exact:
            continue
        for tok in _TOKEN.finditer(stripped):
            first = index[lead + tok.start()]
            last = index[lead + tok.end() - 1]
            rect = fast.range_box(tp, page.frame, first, last - first + 1)
            if rect is not None:
                reader.boxes.append(
                    TextBox(start + tok.start(), start + tok.end(), page.index, *rect)
                )


# ---- table pages: the fast reader -------------------------------------------------------------


def _fast_page(page: _Page, reader: _Reader) -> int:
    if page.objects.turned_text:
        raise fast.UnreadableError("text turned against the page")
    chars, hidden = fast.read_chars(
        page.textpage, page.raw_text, page.frame, page.objects.white_text
    )
    if fast.has_doubled(chars):
        chars = fast.dedupe(chars)
    tables = [
        t
        for t in fast.find_tables(page.objects.h_edges, page.objects.v_edges)
        if len({c[0] for c in t}) >= 2  # one column = a framed text box
    ]
    boxes = [fast.bbox(t) for t in tables]
    prose = [c for c in chars if not fast.inside(c, boxes)] if boxes else chars
    items: list[tuple[float, int, int]] = []
    lines = fast.lines_of(prose)
    for k, ln in enumerate(lines):
        items.append((min(c.top for w in ln for c in w), 0, k))
    items += [(b[1], 1, k) for k, b in enumerate(boxes)]
    items.sort(key=lambda it: (it[0], it[1]))
    for _, is_table, k in items:
        if is_table:
            _fast_table(tables[k], boxes[k], chars, page.index, reader)
        else:
            _write_line(fast.line_text(lines[k]), [lines[k]], page.index, reader)
    return hidden


def _write_line(text: str, lines: list[list[list[fast.Ch]]], index: int, reader: _Reader) -> None:
    start = reader.out.offset
    reader.out.line(text)
    written = fold_radicals(text.replace("\n", " ").strip())
    if written:
        reader.boxes += fast.align_boxes(written, start, lines, index)


def _fast_table(
    cells: list[fast.Rect],
    box: fast.Rect,
    chars: list[fast.Ch],
    index: int,
    reader: _Reader,
) -> None:
    """A table's cells from the characters whose centres fall in them."""
    xs = sorted({c[0] for c in cells} | {c[2] for c in cells})
    ys = sorted({c[1] for c in cells} | {c[3] for c in cells})
    slot: dict[tuple[int, int], list[int]] = {}  # a character goes to every cell holding it
    for k, (x0, top, x1, bottom) in enumerate(cells):
        for r in range(ys.index(top), ys.index(bottom)):
            for c in range(xs.index(x0), xs.index(x1)):
                slot.setdefault((r, c), []).append(k)
    members: list[list[fast.Ch]] = [[] for _ in cells]
    x_lo, top_lo, x_hi, bottom_hi = box
    for ch in chars:
        h = (ch.x0 + ch.x1) / 2
        v = (ch.top + ch.bottom) / 2
        if not (x_lo <= h < x_hi and top_lo <= v < bottom_hi):
            continue
        for k in slot.get((bisect.bisect_right(ys, v) - 1, bisect.bisect_right(xs, h) - 1), ()):
            members[k].append(ch)
    order = sorted(range(len(cells)), key=lambda k: (cells[k][1], cells[k][0]))
    sources = [(cells[k], fast.lines_of(members[k])) for k in order]
    _write_table(sources, index, reader)


def _write_table(
    sources: list[tuple[fast.Rect, list[list[list[fast.Ch]]]]],
    index: int,
    reader: _Reader,
    texts: list[str] | None = None,
    marks: list[ocr.OcrCell] | None = None,
) -> None:
    """Cells (row by row) with their lines of words: the grid, its text and boxes.

    ``texts`` (pdfplumber's own cell text) replaces the text made from the lines when given;
    ``marks`` (OCR) the confidence of each source cell's figure, kept with its span.
    """
    bxs = [b for b, _ in sources]
    xs = fast.merge_edges([b[0] for b in bxs] + [b[2] for b in bxs])
    ys = fast.merge_edges([b[1] for b in bxs] + [b[3] for b in bxs])
    placed: list[Placed] = []
    lines_at: dict[tuple[int, int], list[list[list[fast.Ch]]]] = {}
    marks_at: dict[tuple[int, int], ocr.OcrCell] = {}
    for k, (b, lines) in enumerate(sources):
        c0, c1 = _index(xs, b[0]), _index(xs, b[2])
        r0, r1 = _index(ys, b[1]), _index(ys, b[3])
        text = texts[k] if texts is not None else "\n".join(fast.line_text(ln) for ln in lines)
        placed.append(Placed(r0, c0, join_lines(text), max(r1 - r0, 1), max(c1 - c0, 1)))
        lines_at.setdefault((r0, c0), lines)
        if marks is not None:
            marks_at.setdefault((r0, c0), marks[k])
    table = reader.out.table(normalise(placed, reader.limits), page=index + 1)
    if table is None:
        return
    for cell in table.cells:
        mark = marks_at.get((cell.row, cell.col))
        if mark is not None and mark.figure and mark.chars:
            s, e = cell.span.start, cell.span.end
            reader.ocr_cells.append([s, e, round(mark.conf, 4), mark.unread, list(mark.options)])
        if cell.span.start == cell.span.end:
            continue
        lines = lines_at.get((cell.row, cell.col), [])
        reader.boxes += fast.align_boxes(cell.text, cell.span.start, lines, index)


# ---- scanned pages: OCR (issue 29) ---------------------------------------------------------


def _ocr_page(page: Any, index: int, reader: _Reader) -> int:
    """A scanned page read by OCR, written as a table page is: prose lines and tables in
    reading order, each token boxed where it sits on the scan. Returns the characters read."""
    import numpy as np

    bitmap = page.render(scale=ocr.OCR_DPI / 72)
    try:
        rgb = np.array(bitmap.to_pil().convert("RGB"))
    finally:
        bitmap.close()
    h, w = rgb.shape[:2]
    read = ocr.read_bitmap(rgb, w * 72 / ocr.OCR_DPI, h * 72 / ocr.OCR_DPI)
    n_boxes = len(reader.boxes)
    tables = [[c.rect for c in t] for t in read.tables]
    boxes = [fast.bbox(t) for t in tables]
    items: list[tuple[float, int, int]] = []
    lines = fast.lines_of([ocr.as_ch(c) for c in read.prose])
    for k, ln in enumerate(lines):
        items.append((min(c.top for wd in ln for c in wd), 0, k))
    items += [(b[1], 1, k) for k, b in enumerate(boxes)]
    items.sort(key=lambda it: (it[0], it[1]))
    for _, is_table, k in items:
        if is_table:
            cells = sorted(read.tables[k], key=lambda c: (c.rect[1], c.rect[0]))
            sources = [(c.rect, fast.lines_of([ocr.as_ch(ch) for ch in c.chars])) for c in cells]
            _write_table(sources, index, reader, marks=cells)
        else:
            _write_line(fast.line_text(lines[k]), [lines[k]], index, reader)
    for i in range(n_boxes, len(reader.boxes)):  # straightened page -> the scan as displayed
        b = reader.boxes[i]
        corners = [read.to_page(x, y) for x in (b.x0, b.x1) for y in (b.top, b.bottom)]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        reader.boxes[i] = TextBox(b.start, b.end, b.page, min(xs), min(ys), max(xs), max(ys))
    reader.ocr_pages.append(index + 1)
    return len(read.prose) + sum(len(c.chars) for t in read.tables for c in t)


# ---- table pages: pdfplumber, the fallback ----------------------------------------------------


def _open_plumber(data: bytes) -> Any:
    """pdfplumber on the same bytes, or None when pdfminer cannot parse what pdfium could."""
    import pdfplumber  # the slow reader, only for pages the fast one cannot vouch for

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception:  # pdfminer raises many types for broken files; pdfium text still stands
        return None


def _close_quietly(plumber: Any) -> None:
    """pdfplumber's close() walks the page list again, so a damaged page tree raises there too."""
    try:
        plumber.close()
    except Exception:  # the document is read already; nothing left to report
        plumber.stream.close()


def _has_doubled_chars(chars: list[dict[str, Any]]) -> bool:
    """Fake bold prints each glyph twice a fraction of a point apart; ``dedupe_chars`` costs
    ~10 ms a page, so run it only when two equal characters sit within a point of each other."""
    return fast.has_doubled([_ch(c) for c in chars])


def _ch(obj: dict[str, Any]) -> fast.Ch:
    return fast.Ch(obj["text"], obj["x0"], obj["top"], obj["x1"], obj["bottom"], obj["bottom"])


def _keep(obj: dict[str, Any]) -> bool:
    """Drop filled, unstroked boxes (white line backgrounds, shading): they are not rules."""
    if obj.get("object_type") != "rect" or obj.get("stroke"):
        return True
    return not (obj.get("width", 0) > 3 and obj.get("height", 0) > 3)


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


_WHITE = frozenset({(1,), (1, 1, 1), (0, 0, 0, 0)})  # gray, RGB, CMYK white


def _is_white(color: Any) -> bool:
    if not isinstance(color, tuple | list) or not color:
        return False
    try:
        return tuple(round(float(v), 2) for v in color) in _WHITE
    except (TypeError, ValueError):  # a pattern name: not plain white
        return False


def _visible(page: Any) -> tuple[Any, int]:
    """The page without characters a reader cannot see: white fill, or outside the page.

    A white "9" printed after each table number made 340 read as 3409 (issue 10); such text
    is dropped and counted, so the caller can flag the page.
    """
    x0, top, x1, bottom = page.bbox
    hidden = 0

    def keep(obj: dict[str, Any]) -> bool:
        nonlocal hidden
        if obj.get("object_type") != "char":
            return True
        off = obj["x1"] <= x0 or obj["x0"] >= x1 or obj["bottom"] <= top or obj["top"] >= bottom
        if off or _is_white(obj.get("non_stroking_color")):
            hidden += 1
            return False
        return True

    visible = page.filter(keep)
    _ = visible.chars  # filter is lazy: count now
    return visible, hidden


def _plumber_page(page: Any, index: int, reader: _Reader) -> int:
    """pdfplumber's reading of a table page (prose and tables); returns the invisible count."""
    page, hidden = _visible(page.filter(_keep))
    if _has_doubled_chars(page.chars):
        page = page.dedupe_chars()
    tables = [t for t in page.find_tables() if _n_cols(t) >= 2]  # one column = a framed text box
    boxes = [t.bbox for t in tables]
    prose = page.filter(lambda o: o.get("object_type") != "char" or not _inside(o, boxes))
    items: list[tuple[float, int, Any]] = [
        (ln["top"], 0, ln) for ln in prose.extract_text_lines(return_chars=True)
    ]
    items += [(t.bbox[1], 1, t) for t in tables]
    items.sort(key=lambda it: (it[0], it[1]))
    chars = [_ch(c) for c in page.chars] if tables else []
    for _, is_table, item in items:
        if is_table:
            _plumber_table(item, chars, index, reader)
        else:
            words = [[_ch(c) for c in item["chars"] if not c["text"].isspace()]]
            _write_line(item["text"], [words], index, reader)
    return hidden


def _plumber_table(table: Any, chars: list[fast.Ch], index: int, reader: _Reader) -> None:
    """Cells from pdfplumber's bboxes and text; the characters of each cell give its boxes."""
    texts = table.extract()
    sources: list[tuple[fast.Rect, list[list[list[fast.Ch]]]]] = []
    plain: list[str] = []
    for ri, row in enumerate(table.rows):
        for ci, cell in enumerate(row.cells):
            if cell is None:
                continue
            sources.append((cell, fast.lines_of([c for c in chars if fast.in_cell(c, cell)])))
            plain.append(texts[ri][ci] or "")
    _write_table(sources, index, reader, plain)


def _n_cols(table: Any) -> int:
    return max((len(r.cells) for r in table.rows), default=0)


def _index(edges: list[float], v: float) -> int:
    """The nearest edge (the lower one on a tie)."""
    i = bisect.bisect_left(edges, v)
    if i == 0:
        return 0
    if i == len(edges) or v - edges[i - 1] <= edges[i] - v:
        return i - 1
    return i
