"""Issue 2: a PDF with ruled cells in a real, embedded CJK font parses to the same tables.

Tianqiao 2021's tables (keyed by hand in ``tests/unit/ingest/tianqiao.py``) are laid out as an
HTML page, printed by Qt (QTextDocument → QPdfWriter) in Noto Sans CJK SC — embedded, and known
to copy some ideographs out as Kangxi radicals (ECOSYSTEM.md #13) — then read back through
ingest and parse and compared cell by cell with the HTML page's own parse.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QPageSize, QPdfWriter, QTextDocument

from gik_desk.ingest import read_document
from gik_desk.model import Report
from gik_desk.parse import parse_document
from tests.unit.ingest import builders as bld
from tests.unit.ingest import tianqiao as tq

BLOCKS = bld.template_report(tq.TITLE, tq.ACTIVE, tq.APPLICATIONS, tq.APPEALS, tq.INTRO)


def _print_pdf(html: str, path: Path) -> str:
    doc = QTextDocument()
    font = QFont("Noto Sans CJK SC")
    font.setPointSize(8)
    doc.setDefaultFont(font)
    doc.setHtml(html.replace("<table", '<table border="1" cellspacing="0" cellpadding="2"'))
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(300)
    doc.setPageSize(writer.pageLayout().paintRectPixels(300).size().toSizeF())
    doc.print_(writer)
    del writer  # the file is finished when the writer goes
    return QFontInfo(font).family()


def _values(report: Report) -> dict[str, dict[tuple[str, str], object]]:
    return {
        name: {k: (c.value, c.fill.value) for k, c in t.cells.items()}
        for name, t in report.tables.items()
    }


def test_qt_printed_pdf_in_an_embedded_cjk_font_parses_like_the_html(
    qapp: object, tmp_path: Path
) -> None:
    if not any("CJK" in f for f in QFontDatabase.families()):
        # the property under test is that real font's (Kangxi radicals on copy): not the bundled
        pytest.skip("no system Noto Sans CJK font: apt-get install fonts-noto-cjk")
    html_path = tmp_path / "r.html"
    html_path.write_bytes(bld.make_html(BLOCKS))
    family = _print_pdf(html_path.read_text("utf-8"), tmp_path / "r.pdf")
    assert "CJK" in family or "YaHei" in family or "SimSun" in family

    (from_html,) = parse_document(read_document(html_path))
    pdf_doc = read_document(tmp_path / "r.pdf")
    (from_pdf,) = parse_document(pdf_doc)

    assert (from_pdf.agency, from_pdf.year) == ("济南市天桥区人民政府", 2021)
    assert _values(from_pdf) == _values(from_html)
    assert all(t.complete for t in from_pdf.tables.values())
    apps = from_pdf.tables["applications"]
    assert apps.value("other.no_supplement", "total") == 1  # as printed, not as it should be
    assert apps.value("new", "total") == 358
    for table in from_pdf.tables.values():
        for cell in table.cells.values():
            if cell.is_number and cell.span is not None:
                printed = pdf_doc.text[cell.span.start : cell.span.end]
                assert float(printed.replace("+", "")) == cell.value, cell.key
