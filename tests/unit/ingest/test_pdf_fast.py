"""Issue 19: the fast PDF reader on pages made to trip it (reportlab, generated at test time
by ``tests/unit/ingest/pdfgen.py``). Expected cells are keyed by hand from what the pages print.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gik_desk.ingest import read_document
from gik_desk.model import Document, NativeTable
from tests.unit.ingest import pdfgen
from tests.unit.ingest.conftest import assert_spans_index_cells

APPLY = [
    (0, 0, "项目"),
    (0, 1, "自然人"),
    (0, 2, "法人"),
    (0, 3, "总计"),
    (1, 0, "一、本年新收政府信息公开申请数量"),
    (1, 1, "31"),
    (1, 2, "4"),
    (1, 3, "35"),
    (2, 0, "二、上年结转政府信息公开申请数量"),
    (2, 1, "2"),
    (2, 2, "0"),
    (2, 3, "2"),
    (3, 0, "（一）予以公开"),
    (3, 1, "20"),
    (3, 2, "3"),
    (3, 3, "23"),
]


def _cells(t: NativeTable) -> list[tuple[int, int, str]]:
    assert all(c.rowspan == 1 and c.colspan == 1 for c in t.cells)
    return [(c.row, c.col, c.text) for c in t.cells]


def _fast(doc: Document) -> None:
    assert doc.meta["pdf_fallback_pages"] == []
    assert doc.warnings == ()


def _box_of(doc: Document, text: str, after: int = 0) -> tuple[float, float, float, float]:
    at = doc.text.index(text, after)
    box = next(b for b in doc.boxes if b.start <= at < b.end)
    return box.x0, box.top, box.x1, box.bottom


def test_text_drawn_out_of_reading_order_reads_in_page_order(tmp_path: Path) -> None:
    doc = read_document(pdfgen.out_of_order_pdf(tmp_path / "order.pdf"))
    _fast(doc)
    assert doc.text.splitlines()[:3] == [
        "某某县人民政府2023年政府信息公开工作年度报告",
        "本年度依申请公开情况见下表。",
        "三、收到和处理政府信息公开申请情况",
    ]
    (table,) = doc.tables
    assert _cells(table) == APPLY
    assert "一、本年新收政府信息公开申请数量 | 31 | 4 | 35 |\n" in doc.text
    assert_spans_index_cells(doc)


def test_rotated_page_reads_as_displayed_and_boxes_use_the_displayed_page(
    tmp_path: Path,
) -> None:
    doc = read_document(pdfgen.rotated_page_pdf(tmp_path / "rot.pdf"))
    _fast(doc)
    assert doc.text.splitlines()[0] == "表三：收到和处理政府信息公开申请情况"
    (table,) = doc.tables
    assert _cells(table) == APPLY
    # 35 is drawn in the landscape page's last column (x 520–600) and second row, whose
    # rules lie 97 and 119 pt below the displayed top edge (595 − 520 + 22, + 22)
    x0, top, x1, bottom = _box_of(doc, "35")
    assert 520 < x0 < x1 < 600
    assert 97 < top < bottom < 119


def test_table_across_a_page_break_is_two_tables_one_per_page(tmp_path: Path) -> None:
    doc = read_document(pdfgen.page_break_pdf(tmp_path / "break.pdf"))
    _fast(doc)
    first, second = doc.tables
    assert (first.page, second.page) == (1, 2)
    assert _cells(first) == APPLY[:12]
    assert _cells(second) == [
        (0, 0, "（一）予以公开"),
        (0, 1, "20"),
        (0, 2, "3"),
        (0, 3, "23"),
        (1, 0, "（二）部分公开"),
        (1, 1, "1"),
        (1, 2, "0"),
        (1, 3, "1"),
    ]
    page2 = doc.pages[1].slice(doc.text)
    assert page2.index("（二）部分公开 | 1 | 0 | 1 |") < page2.index("四、政府信息公开行政复议")
    assert {b.page for b in doc.boxes} == {0, 1}


def test_table_without_rules_reads_as_text_lines_in_order(tmp_path: Path) -> None:
    doc = read_document(pdfgen.unruled_pdf(tmp_path / "bare.pdf"))
    assert doc.tables == ()  # no rules: not a table page, pdfium's text as printed
    assert doc.meta["table_pages"] == []
    assert [ln.split() for ln in doc.text.splitlines()] == [
        ["三、收到和处理政府信息公开申请情况"],
        ["项目", "自然人", "法人", "总计"],
        ["一、本年新收政府信息公开申请数量", "31", "4", "35"],
        ["二、上年结转政府信息公开申请数量", "2", "0", "2"],
        ["（一）予以公开", "20", "3", "23"],
    ]
    # a box per token: 31 sits in the second column (drawn at x = 60 + 230)
    x0, _, x1, _ = _box_of(doc, "31")
    assert 289 < x0 < x1 < 310


def test_turned_text_page_falls_back_to_pdfplumber_quietly(tmp_path: Path) -> None:
    doc = read_document(pdfgen.turned_header_pdf(tmp_path / "turned.pdf"))
    assert doc.meta["pdf_fallback_pages"] == [1]
    assert doc.warnings == ()  # a reading detail, not a problem: the table is fully read
    (table,) = doc.tables
    assert [(c.row, c.col, c.text, c.rowspan) for c in table.cells] == [
        (0, 0, "申请人情况", 3),
        (0, 1, "自然人", 1),
        (0, 2, "总计", 1),
        (1, 1, "31", 1),
        (1, 2, "35", 1),
        (2, 1, "2", 1),
        (2, 2, "2", 1),
    ]
    assert_spans_index_cells(doc)
    # the fallback page has boxes too: 35 in the third column (x 180–260)
    x0, _, x1, _ = _box_of(doc, "35")
    assert 180 < x0 < x1 < 260


def test_sample_pdfs_need_no_pdfplumber(pdf_dir: Path) -> None:
    """The fast path reads every sample page, so pdfplumber is never even imported."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from gik_desk.ingest import read_document\n"
        f"for p in sorted(Path({str(pdf_dir)!r}).glob('*.pdf')):\n"
        "    assert read_document(p).meta['pdf_fallback_pages'] == [], p\n"
        "print('pdfplumber' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "False"


def test_a_page_of_crossing_rules_is_read_as_text_and_flagged(tmp_path: Path) -> None:
    doc = read_document(pdfgen.rule_storm_pdf(tmp_path / "storm.pdf"))
    assert doc.tables == ()
    assert "本年新收政府信息公开申请数量 35" in doc.text
    assert doc.warnings == ("第 1 页的表格无法识别(TooManyRulesError),已按文字读取,请人工核对",)
    assert doc.meta["pdf_fallback_pages"] == []  # pdfplumber would drown in them too
