"""Issue 19 / 18: ``Document.boxes`` say where each printed token of a PDF sits on its page."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from gik_desk.ingest import read_document
from gik_desk.model import Document, TextBox
from gik_desk.parse import parse_path


def _pdfium_char_boxes(path: Path, page: int, char: str) -> list[tuple[float, float, float, float]]:
    """pdfium's own (tight) boxes of ``char`` on a page, flipped to top-left origin."""
    pdf = pdfium.PdfDocument(path)
    try:
        pg = pdf[page]
        height = pg.get_size()[1]
        tp = pg.get_textpage()
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        out = []
        for i in range(pdfium_c.FPDFText_CountChars(tp)):
            if chr(pdfium_c.FPDFText_GetUnicode(tp, i)) != char:
                continue
            pdfium_c.FPDFText_GetCharBox(tp, i, left, right, bottom, top)
            out.append((left.value, height - top.value, right.value, height - bottom.value))
        return out
    finally:
        pdf.close()


def _contains(box: TextBox, rect: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = rect
    return box.x0 <= x0 and box.top <= top and box.x1 >= x1 and box.bottom >= bottom


def test_hongze_2023_review_total_is_boxed_where_pdfium_prints_it(pdf_dir: Path) -> None:
    path = pdf_dir / "hongzequ_2023.pdf"
    reports, _ = parse_path(path)
    report = reports[0]
    cell = report.tables["appeals"].cell("count", "review.total")
    assert cell is not None
    assert cell.span is not None
    assert cell.value == 0  # 行政复议 总计, printed 0 (keyed in tests/data/expected/tables)
    digit = report.text[cell.span.start : cell.span.end]
    assert digit == "0"
    doc = read_document(path)
    table_page = next(
        i
        for i, s in enumerate(doc.pages)
        if "行政复议" in s.slice(doc.text)
        and "总计" in s.slice(doc.text)
        and s.start <= cell.span.start < s.end
    )
    over = [
        b
        for b in doc.boxes
        if b.start < cell.span.end and cell.span.start < b.end and b.page == table_page
    ]
    assert over, "no box over the cell's span"
    pdfium_boxes = _pdfium_char_boxes(path, table_page, digit)
    assert any(_contains(b, r) for b in over for r in pdfium_boxes)
    # and the box is that one printed 0: no other 0 of the page lies inside it
    assert sum(_contains(over[0], r) for r in pdfium_boxes) == 1


def _check_boxes(doc: Document) -> None:
    """Every box indexes printed text on a real page, in order, and no token is left out."""
    assert doc.boxes
    last = 0
    for b in doc.boxes:
        assert 0 <= b.start < b.end <= len(doc.text)
        assert b.start >= last
        last = b.end
        assert doc.pages[b.page].start <= b.start
        assert b.end <= doc.pages[b.page].end
        assert b.x0 < b.x1
        assert b.top < b.bottom
        assert not doc.text[b.start : b.end].isspace()
        assert "\n" not in doc.text[b.start : b.end]
    covered = [False] * len(doc.text)
    for b in doc.boxes:
        covered[b.start : b.end] = [True] * (b.end - b.start)
    missed = [
        i for i, ch in enumerate(doc.text) if not ch.isspace() and ch != "|" and not covered[i]
    ]
    assert missed == []


def test_sample_pdfs_box_every_printed_character(pdf_dir: Path) -> None:
    for name in ("hongzequ_2023.pdf", "hongzequ_2024.pdf", "huaian_2024.pdf"):
        _check_boxes(read_document(pdf_dir / name))
