"""PDF: pypdfium2 for page text (1.4 ms/page), pdfplumber only on pages that hold the tables.

pdfplumber costs ~70 ms a page (ECOSYSTEM.md row 6), so it opens only pages with vector paths
whose text names a table (本年新收, 第二十条 …). On those pages doubled "fake bold" characters
are dropped (``dedupe_chars``), tables become row lines and the prose around them keeps its
reading order. Radical code points (⼯ for 工) are folded by the text builder.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from gik_desk.ingest.builder import TextBuilder, join_lines
from gik_desk.ingest.errors import ingest_error
from gik_desk.ingest.grid import Grid, Placed, normalise
from gik_desk.ingest.limits import Limits
from gik_desk.ingest.pdfboxes import (
    Glyph,
    line_boxes,
    page_text_boxes,
    pdfium_glyphs,
    plumber_glyphs,
    table_boxes,
)
from gik_desk.model import Document, Span, TextBox

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


@dataclass(frozen=True, slots=True)
class _PageScan:
    text: str
    n_chars: int
    n_rules: int  # line-like vector paths (table rules); white background boxes do not count
    image_cover: float  # share of the page area images cover
    broken: bool = False  # pdfium could not load the page
    glyphs: tuple[Glyph, ...] = ()  # where pdfium printed each character (Document.boxes)

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


def read(path: Path, data: bytes, sha256: str, limits: Limits) -> Document:
    scans = _scan(data, limits)
    if all(s.n_chars <= SCANNED_CHARS for s in scans if not s.broken):
        if any(s.image_cover > 0.5 for s in scans):
            raise ingest_error("scanned-pdf", f"{len(scans)} pages without a text layer")
        raise ingest_error("empty-pdf", f"{len(scans)} pages, no text")
    warnings = [f"第 {i + 1} 页已损坏,无法读取,请人工核对" for i, s in enumerate(scans) if s.broken]
    warnings += [
        f"第 {i + 1} 页是扫描图像,没有文字层,该页内容需人工核对"
        for i, s in enumerate(scans)
        if s.scanned
    ]
    table_pages = [i for i, s in enumerate(scans) if s.maybe_table]
    out = TextBuilder()
    pages: list[Span] = []
    boxes: list[TextBox] = []
    plumber = _open_plumber(data) if table_pages else None
    if table_pages and plumber is None:
        warnings.append("PDF 结构异常,表格无法识别,已按文字读取,请人工核对")
    try:
        for i, scan in enumerate(scans):
            start = out.offset
            done = False
            if plumber is not None and i in table_pages:
                mark = out.checkpoint()
                try:
                    hidden = _table_page(plumber.pages[i], i, out, limits, boxes)
                    done = True
                    if hidden:
                        warnings.append(
                            f"第 {i + 1} 页有 {hidden} 个看不见的字符(白色或在页面之外),"
                            "已忽略未读,请对照原文件核对"
                        )
                except Exception as exc:  # pdfminer raises dozens of types; pdfium text stands
                    out.rollback(mark)
                    del boxes[next((k for k, b in enumerate(boxes) if b.page == i), len(boxes)) :]
                    warnings.append(
                        f"第 {i + 1} 页的表格无法识别({type(exc).__name__}),已按文字读取,请人工核对"
                    )
            if not done:
                lines: list[tuple[int, str]] = []
                for line in scan.text.split("\n"):
                    lines.append((out.offset, line.strip()))
                    out.line(line)
                boxes += page_text_boxes(lines, scan.glyphs, i)
            pages.append(Span(start, out.offset))
    finally:
        if plumber is not None:
            _close_quietly(plumber)
    return Document(
        source=str(path),
        kind="pdf",
        text=out.text(),
        sha256=sha256,
        tables=tuple(out.tables),
        pages=tuple(pages),
        boxes=tuple(sorted(boxes, key=lambda b: (b.start, b.end))),
        meta={"pages": len(scans), "table_pages": [i + 1 for i in table_pages]},
        warnings=tuple(warnings),
    )


def _scan(data: bytes, limits: Limits) -> list[_PageScan]:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ingest_error("encrypted-pdf", str(exc)) from exc
        raise ingest_error("corrupt-pdf", str(exc)) from exc
    try:
        n = len(pdf)
        if n == 0:
            raise ingest_error("corrupt-pdf", "no pages")
        if n > limits.max_pdf_pages:
            raise ingest_error("too-many-pages", f"{n} pages > {limits.max_pdf_pages}")
        scans: list[_PageScan] = []
        for i in range(n):
            try:
                scans.append(_scan_page(pdf[i]))
            except pdfium.PdfiumError:
                scans.append(_PageScan("", 0, 0, 0.0, broken=True))
        if all(s.broken for s in scans):
            raise ingest_error("corrupt-pdf", "no page loads")
        return scans
    finally:
        pdf.close()


def _scan_page(page: Any) -> _PageScan:
    try:
        textpage = page.get_textpage()
        try:
            raw = textpage.get_text_range()
            glyphs = tuple(pdfium_glyphs(textpage, page.get_size()[1]))  # ~1.5 ms a page
        finally:
            textpage.close()
        text = _CTRL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
        width, height = page.get_size()
        area = max(width * height, 1.0)
        n_rules = 0
        covered = 0.0
        for obj in page.get_objects():
            if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
                left, bottom, right, top = obj.get_bounds()
                if min(right - left, top - bottom) < 3:
                    n_rules += 1
            elif obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                left, bottom, right, top = obj.get_bounds()
                w = max(0.0, min(right, width) - max(left, 0.0))
                h = max(0.0, min(top, height) - max(bottom, 0.0))
                covered += w * h
        n_chars = sum(1 for ch in text if not ch.isspace())
        return _PageScan(text, n_chars, n_rules, min(covered / area, 1.0), glyphs=glyphs)
    finally:
        page.close()


def _open_plumber(data: bytes) -> Any:
    """pdfplumber on the same bytes, or None when pdfminer cannot parse what pdfium could."""
    import pdfplumber  # the slow reader, only for table pages

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
    seen: set[tuple[str, int, int]] = set()
    for ch in chars:
        x, y = int(ch["x0"]), int(ch["top"])
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                if (ch["text"], x + dx, y + dy) in seen:
                    return True
        seen.add((ch["text"], x, y))
    return False


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


def _table_page(
    page: Any, index: int, out: TextBuilder, limits: Limits, printed: list[TextBox]
) -> int:
    """Write the page's prose and tables (and where they were ``printed``); returns how many
    invisible characters were dropped."""
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
    glyphs = plumber_glyphs(page.chars)
    for _, is_table, item in items:
        if is_table:
            grid, bboxes = _grid(item, limits)
            printed += table_boxes(out.table(grid, page=index + 1), bboxes, glyphs, index)
        else:
            glyphs_of_line = plumber_glyphs(item["chars"])
            printed += line_boxes(out.offset, item["text"].strip(), glyphs_of_line, index)
            out.line(item["text"])
    return hidden


def _n_cols(table: Any) -> int:
    return max((len(r.cells) for r in table.rows), default=0)


def _edges(values: list[float]) -> list[float]:
    """Distinct rule positions, merging values within a point of each other."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > 1.0:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def _grid(table: Any, limits: Limits) -> tuple[Grid, dict[tuple[int, int], Any]]:
    """Cells from pdfplumber's bboxes: a merged cell covers several rule intervals (and each
    origin's bbox, for the cell's text boxes)."""
    bboxes = [c for r in table.rows for c in r.cells if c is not None]
    xs = _edges([b[0] for b in bboxes] + [b[2] for b in bboxes])
    ys = _edges([b[1] for b in bboxes] + [b[3] for b in bboxes])
    texts = table.extract()
    placed: list[Placed] = []
    origins: dict[tuple[int, int], Any] = {}
    for ri, row in enumerate(table.rows):
        for ci, bbox in enumerate(row.cells):
            if bbox is None:
                continue
            c0, c1 = _index(xs, bbox[0]), _index(xs, bbox[2])
            r0, r1 = _index(ys, bbox[1]), _index(ys, bbox[3])
            text = texts[ri][ci] or ""
            origins.setdefault((r0, c0), bbox)
            placed.append(Placed(r0, c0, join_lines(text), max(r1 - r0, 1), max(c1 - c0, 1)))
    return normalise(placed, limits), origins
