"""HTML: our decoding, lxml with a selectolax fallback, tables as row lines plus grids."""

from __future__ import annotations

from pathlib import Path

import pytest

from gik_desk.ingest import Limits, read_document
from gik_desk.model import IngestError
from tests.unit.ingest import builders as bld
from tests.unit.ingest.conftest import assert_spans_index_cells, grid


def _page(tmp_path: Path, data: bytes, name: str = "r.html") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_three_row_header_and_rowspan_groups_keep_their_grid(tmp_path: Path) -> None:
    values = {key: [1, 2, 3, 4, 5, 6, 21] for key in bld.app_rows_keys()}
    table = bld.applications_table(values)
    doc = read_document(
        _page(tmp_path, bld.make_html(["三、收到和处理政府信息公开申请情况", table]))
    )
    assert grid(doc, 0) == bld.grid_tuples(table)
    t = doc.tables[0]
    assert (t.n_rows, t.n_cols) == (3 + 25, 10)  # header + 25 rows of the 2021 table
    cells = {(c.row, c.col): c for c in t.cells}
    assert (cells[(0, 0)].rowspan, cells[(0, 0)].colspan) == (3, 3)  # 勾稽关系 header
    assert cells[(1, 3)].text == "自然人"
    assert cells[(1, 3)].rowspan == 2
    assert cells[(1, 4)].text == "法人或其他组织"
    assert cells[(1, 4)].colspan == 5
    assert cells[(2, 4)].text == "商业企业"
    group = cells[(5, 0)]
    assert group.text == "三、本年度办理结果"
    assert group.rowspan == 22
    withheld = cells[(7, 1)]
    assert withheld.text == "(三)不予公开"
    assert withheld.rowspan == 8
    assert cells[(8, 2)].text == "2.其他法律行政法规禁止公开"  # covered columns skipped
    assert cells[(8, 9)].text == "21"
    assert_spans_index_cells(doc)


def test_rows_render_as_one_line_each_merged_cell_once(tmp_path: Path) -> None:
    table = bld.table(
        [bld.C("三、本年度办理结果", rowspan=2), "(一)予以公开", 5],
        ["(二)部分公开", 7],
    )
    doc = read_document(_page(tmp_path, bld.make_html(["标题", table])))
    assert doc.text == "标题\n三、本年度办理结果 | (一)予以公开 | 5 |\n(二)部分公开 | 7 |\n"


def test_nbsp_blank_is_nothing_between_two_bars_with_zero_width_span(tmp_path: Path) -> None:
    page = (
        b"<html><body><table><tr><td>a</td><td>&nbsp;</td><td> 3 </td></tr></table></body></html>"
    )
    doc = read_document(_page(tmp_path, page))
    assert doc.text == "a |  | 3 |\n"
    blank = doc.tables[0].cells[1]
    assert (blank.text, blank.span.start, blank.span.end) == ("", 4, 4)
    assert doc.tables[0].cells[2].span.slice(doc.text) == "3"


def test_cell_text_whitespace_and_newlines_collapse(tmp_path: Path) -> None:
    page = "<table><tr><td>商业\n  企业<br>甲</td><td>1</td></tr></table>".encode()
    doc = read_document(_page(tmp_path, page))
    assert doc.tables[0].cells[0].text == "商业 企业 甲"


def test_declared_gb2312_over_gb18030_bytes_decodes_past_the_missing_char(tmp_path: Path) -> None:
    blocks = ["总理朱镕基视察,刘䶮题词。", "以下内容必须完整:本年新收政府信息公开申请358件。"]
    data = bld.make_html(blocks, charset="gb2312", encoding="gb18030")
    doc = read_document(_page(tmp_path, data))
    assert doc.encoding == "gb18030"
    assert "总理朱镕基视察,刘䶮题词。\n" in doc.text
    assert "本年新收政府信息公开申请358件" in doc.text


def test_declared_utf8_is_honoured(tmp_path: Path) -> None:
    data = bld.make_html(["天桥区政府信息公开工作年度报告正文"], charset="utf-8")
    doc = read_document(_page(tmp_path, data))
    assert doc.encoding == "utf-8"
    assert "天桥区政府信息公开工作年度报告正文" in doc.text


def test_scripts_styles_comments_are_not_text(tmp_path: Path) -> None:
    data = bld.make_html(["正文第一段政府信息公开"], head_extra="<style>p{color:red}</style>")
    doc = read_document(_page(tmp_path, data))
    assert "脚本" not in doc.text
    assert "注释" not in doc.text
    assert "color" not in doc.text
    assert doc.meta["title"] == "年度报告"


def _nested(depth: int) -> bytes:
    inner = "<p>深处的文字:本年新收申请12件</p>"
    body = f"{'<div>' * depth}{inner}{'</div>' * depth}<p>尾部段落</p>"
    return f"<html><body>{body}</body></html>".encode()


def test_nesting_past_lxml_limit_falls_back_to_selectolax_without_truncation(
    tmp_path: Path,
) -> None:
    doc = read_document(_page(tmp_path, _nested(1000)))
    assert doc.meta["parser"] == "selectolax"
    assert "深处的文字:本年新收申请12件" in doc.text
    assert "尾部段落" in doc.text


@pytest.mark.timeout(60)  # a watchdog only: the bound is structural (max_html_depth)
def test_nested_ten_thousand_deep_is_a_problem_not_a_hang(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as err:
        read_document(_page(tmp_path, _nested(10_000)))
    assert err.value.code == "html-too-deep"


@pytest.mark.timeout(60)
def test_colspan_a_billion_is_clamped(tmp_path: Path) -> None:
    page = (
        b'<table><tr><td colspan="1000000000">x</td><td>y</td></tr>'
        b'<tr><td rowspan="999999999">z</td><td>1</td></tr></table>'
    )
    doc = read_document(_page(tmp_path, page))
    t = doc.tables[0]
    assert t.n_cols == Limits().max_colspan + 1
    assert t.cells[0].colspan == 1000
    assert t.cells[2].rowspan == 1  # clamped to the rows the table has
    assert doc.text == "x | y |\nz | 1 |\n"


def test_rowspan_zero_runs_to_the_end_of_the_table(tmp_path: Path) -> None:
    page = b"<table><tr><td rowspan=0>g</td><td>1</td></tr><tr><td>2</td></tr></table>"
    doc = read_document(_page(tmp_path, page))
    assert grid(doc, 0) == [(0, 0, "g", 2, 1), (0, 1, "1", 1, 1), (1, 1, "2", 1, 1)]


def test_layout_table_around_a_data_table_is_prose(tmp_path: Path) -> None:
    page = (
        "<table><tr><td><p>报告正文</p><table><tr><td>规章</td><td>0</td></tr></table>"
        "</td></tr></table>"
    ).encode()
    doc = read_document(_page(tmp_path, page))
    assert doc.text == "报告正文\n规章 | 0 |\n"
    assert len(doc.tables) == 1


def test_published_date_from_meta(tmp_path: Path) -> None:
    data = bld.make_html(["正文"], head_extra='<meta name="PubDate" content="2024-01-20 09:30">')
    assert read_document(_page(tmp_path, data)).meta["published"] == "2024-01-20"


def test_published_date_from_page_text(tmp_path: Path) -> None:
    data = bld.make_html(["发布时间：2023年2月3日 来源:区政府办", "正文"])
    assert read_document(_page(tmp_path, data)).meta["published"] == "2023-02-03"


def test_no_date_means_no_published_key(tmp_path: Path) -> None:
    data = bld.make_html(["正文没有日期"])
    assert "published" not in read_document(_page(tmp_path, data)).meta


def test_page_declaring_gb2312_but_holding_utf8_is_read_as_utf8(tmp_path: Path) -> None:
    data = bld.make_html(["济南市天桥区人民政府政府信息公开工作年度报告"], charset="gb2312")
    doc = read_document(_page(tmp_path, data))
    assert doc.encoding == "utf-8"
    assert "济南市天桥区人民政府政府信息公开工作年度报告" in doc.text
    assert any("gb2312" in w for w in doc.warnings)
