"""Tianqiao 2021 rendered as HTML, DOCX, PDF, XLSX and GB18030 text reads the same in each.

Ingest level: every structured format yields identical grids (the one normaliser) and identical
row lines. Parse level: every format, the text one included, parses to identical tables
whose values are the ones keyed by hand in ``tianqiao.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gik_desk.ingest import read_document
from gik_desk.model import Document
from tests.unit.ingest import builders as bld
from tests.unit.ingest import tianqiao as tq
from tests.unit.ingest.conftest import assert_spans_index_cells

STRUCTURED = ("html", "docx", "pdf", "xlsx")
BLOCKS = bld.template_report(tq.TITLE, tq.ACTIVE, tq.APPLICATIONS, tq.APPEALS, tq.INTRO)
TABLES = [b for b in BLOCKS if isinstance(b, bld.T)]
# 镕 is outside GB2312: a page declaring gb2312 over GB18030 bytes must still decode it.
RONG = "1998年朱镕基同志视察天桥区政务大厅。"
HTML_BLOCKS = [BLOCKS[0], RONG, *BLOCKS[1:]]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("tianqiao2021")
    out = {
        "html": d / "r.html",
        "docx": bld.make_docx(BLOCKS, d / "r.docx"),
        "pdf": bld.make_pdf(BLOCKS, d / "r.pdf"),
        "xlsx": bld.make_xlsx(BLOCKS, d / "r.xlsx"),
        "txt": d / "r.txt",
    }
    out["html"].write_bytes(bld.make_html(HTML_BLOCKS, charset="gb2312", encoding="gb18030"))
    out["txt"].write_bytes(bld.make_text(BLOCKS).encode("gb18030"))
    return out


@pytest.fixture(scope="module")
def docs(rendered: dict[str, Path]) -> dict[str, Document]:
    return {fmt: read_document(p) for fmt, p in rendered.items()}


@pytest.mark.parametrize("fmt", STRUCTURED)
def test_each_format_recovers_the_published_grids(docs: dict[str, Document], fmt: str) -> None:
    doc = docs[fmt]
    got = [[(c.row, c.col, c.text, c.rowspan, c.colspan) for c in t.cells] for t in doc.tables]
    assert got == [bld.grid_tuples(t) for t in TABLES]
    assert_spans_index_cells(doc)


@pytest.mark.parametrize("fmt", STRUCTURED)
def test_each_format_writes_the_same_row_lines(docs: dict[str, Document], fmt: str) -> None:
    doc = docs[fmt]
    for native, table in zip(doc.tables, TABLES, strict=True):
        assert native.span.slice(doc.text).split("\n") == bld.row_lines(table)


def test_blank_cell_is_blank_in_every_format(docs: dict[str, Document]) -> None:
    row_key, col = tq.BLANK
    label = next(r.label for r in bld.app_rows_spec() if r.key == row_key)
    for fmt in STRUCTURED:
        row = next(r for r in docs[fmt].tables[1].rows() if r and r[0].text == label)
        assert [c.text for c in row][1 + col] == "", fmt
        assert len(row[1 + col].span) == 0


def test_gb18030_text_holds_the_same_row_lines(docs: dict[str, Document]) -> None:
    assert docs["txt"].encoding == "gb18030"
    with pytest.raises(UnicodeEncodeError):
        RONG.encode("gb2312")
    assert RONG in docs["html"].text
    for table in TABLES:
        assert "\n".join(bld.row_lines(table)) in docs["txt"].text
        assert "\n".join(bld.row_lines(table)) in docs["html"].text


def _values(doc: Document) -> dict[str, dict[tuple[str, str], object]]:
    from gik_desk.parse import parse_document

    reports = parse_document(doc)
    assert len(reports) == 1, [r.title for r in reports]
    return {
        name: {(c.row, c.col): c.value for c in t.cells.values()}
        for name, t in reports[0].tables.items()
    }


def _need_parser() -> None:
    """The parser is built: its absence is a failure, never a skip."""
    from gik_desk.parse import parse_document

    assert callable(parse_document)


def test_every_structured_format_parses_to_identical_tables(docs: dict[str, Document]) -> None:
    _need_parser()
    expected = _values(docs["html"])
    assert expected["applications"][("new", "natural")] == 340
    assert expected["applications"][("other.no_supplement", "total")] == 1
    assert expected["applications"][(tq.BLANK[0], "ngo")] is None
    assert expected["active"][("licensing", "decisions")] == 95386
    assert expected["appeals"][("count", "suit_after_review.total")] == 48
    for fmt in ("docx", "pdf", "xlsx"):
        assert _values(docs[fmt]) == expected, fmt


def test_gb18030_text_parses_to_the_same_tables_as_html(docs: dict[str, Document]) -> None:
    _need_parser()
    assert _values(docs["txt"]) == _values(docs["html"])


@pytest.mark.parametrize("fmt", ["txt", *STRUCTURED])
def test_every_parsed_cell_span_reads_its_value_in_each_format(
    docs: dict[str, Document], fmt: str
) -> None:
    _need_parser()
    from gik_desk.parse import parse_document
    from gik_desk.parse.numbers import read_cell

    doc = docs[fmt]
    (report,) = parse_document(doc)
    checked = 0
    for table in report.tables.values():
        for c in table.cells.values():
            if not c.is_number or c.derived:
                continue
            assert c.span is not None, (fmt, c.key)
            printed = doc.text[c.span.start : c.span.end]
            read = read_cell(printed)
            assert read is not None, (fmt, c.key, printed)
            assert read.value == c.value, (fmt, c.key, printed)
            checked += 1
    assert checked >= 150, (fmt, checked)  # 表二 + 表三 + 表四 number cells


def test_html_header_wider_than_its_data_rows_parses_the_same(
    docs: dict[str, Document], tmp_path: Path
) -> None:
    """TEMPLATES.md "Beyond the seeds": header and data rows disagree on colspans."""
    _need_parser()
    page = bld.make_html(BLOCKS).decode("utf-8")
    assert page.count('colspan="7"><p>申请人情况') == 1
    wide = tmp_path / "wide.html"
    wide.write_text(page.replace('colspan="7"><p>申请人情况', 'colspan="9"><p>申请人情况'), "utf-8")
    assert _values(read_document(wide)) == _values(docs["html"])
