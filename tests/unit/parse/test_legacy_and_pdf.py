"""The old 统计表 of pre-2019 reports; the PDFs through ingest (淮安 2024, 洪泽区 2023/2024)."""

from __future__ import annotations

from parse_seeds import report_at

from gik_desk.model import Document
from gik_desk.parse import parse_document


def test_legacy_table_reads_year_and_cumulative_columns() -> None:
    text = (
        "某某县人民政府2010年政府信息公开工作年度报告\n一、概述\n2010年,某某县坚持公开。\n"
        "附表:政府信息公开情况统计表\n"
        "指标 | 本年度 | 历年累计 |\n"
        "一、主动公开政府信息数 | 2973 | 15021 |\n"
        "二、依申请公开政府信息数 | 24 | 118 |\n"
        "三、行政复议数 | — | 3 |\n"
        "\n二、其他\n无。\n"
    )
    (r,) = parse_document(Document("t.txt", "txt", text, "x"))
    assert r.template == "pre2019"
    t = r.tables["legacy"]
    assert t.value("主动公开政府信息数", "year") == 2973
    assert t.value("主动公开政府信息数", "cumulative") == 15021
    assert t.value("依申请公开政府信息数", "cumulative") == 118
    review = t.cell("行政复议数", "year")
    assert review is not None
    assert review.value is None
    assert review.fill.is_blank
    assert r.table_templates == {}


def test_pre2019_report_without_table_has_no_legacy_tianqiao_2018() -> None:
    assert "legacy" not in report_at("001_711b86d480afee15.txt", 4).tables


def test_huaian_2024_from_pdf() -> None:
    r = report_at("huaian_2024.pdf", 0)
    assert r.format == "pdf"
    assert r.agency == "淮安市人民政府"
    t = r.tables["applications"]
    assert t.complete
    assert not t.unread  # page numbers between table parts are not cells
    assert r.figure("applications.received").value == t.value("new", "total")  # type: ignore[union-attr]


def test_hongze_2023_row_printed_across_a_page_break() -> None:
    r = report_at("hongzequ_2023.pdf", 0)
    assert r.agency == "淮安市洪泽区人民政府"  # printed 洪泽区人民政府; the file names the city
    t = r.tables["applications"]
    assert t.template == "t2019"  # one (六)其他处理 row in a 2023 report
    assert t.complete
    assert not t.unread
    # "3 0 0 0 0 0 3" is printed before "2.没有现成信息需要另行制作" at the foot of page 2
    assert t.value("unable.needs_making", "natural") == 3
    assert t.value("unable.needs_making", "total") == 3


def test_hongze_reports_share_one_key() -> None:
    a = report_at("hongzequ_2023.pdf", 0)
    b = report_at("hongzequ_2024.pdf", 0)
    c = report_at("huaian_2024.pdf", 0)
    assert a.agency_key == b.agency_key != c.agency_key
