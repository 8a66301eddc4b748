"""Splitting a file into reports and reading who, which year, which sections (seeds 000–004)."""

from __future__ import annotations

import itertools

from parse_seeds import parsed, report_at, seed

from gik_desk.model import Document
from gik_desk.parse import parse_document, unify_agencies


def _doc(text: str) -> Document:
    return Document(source="t.txt", kind="txt", text=text, sha256="x")


def test_tianqiao_file_holds_fifteen_reports_newest_first() -> None:
    reports = parsed(seed("001"))
    assert [r.year for r in reports] == list(range(2022, 2007, -1))
    assert [r.index for r in reports] == list(range(15))
    # each starts at its 字号: page debris and they tile the file
    for r in reports:
        assert r.body_text.startswith("字号:")
    for a, b in itertools.pairwise(reports):
        assert a.span.end == b.span.start


def test_tianqiao_reports_share_one_body() -> None:
    reports = parsed(seed("001"))
    assert {r.agency for r in reports} == {"济南市天桥区人民政府"}
    assert len({r.agency_key for r in reports}) == 1


def test_report_ids_are_stable_and_distinct() -> None:
    reports = parsed(seed("001"))
    first = [r.id for r in reports]
    same_file = Document(source=reports[0].source, kind="txt", text=reports[0].text, sha256="x")
    again = [r.id for r in parse_document(same_file)]
    assert first == again
    assert len(set(first)) == 15
    assert all(len(i) == 16 for i in first)


def test_byte_identical_copies_in_two_files_get_distinct_ids() -> None:
    """Issue 11: ids are unique per file and position (60 copies of the seeds showed 19)."""
    text = report_at(seed("001"), 0).text
    a = parse_document(Document(source="a/001.txt", kind="txt", text=text, sha256="x"))
    b = parse_document(Document(source="b/001.txt", kind="txt", text=text, sha256="x"))
    assert len(a) == len(b) == 15
    assert not {r.id for r in a} & {r.id for r in b}


def test_identical_reports_in_one_file_get_distinct_ids() -> None:
    body = "某某区人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年,某某区坚持公开。\n"
    reports = parse_document(_doc(body + body))
    assert len(reports) == 2
    assert reports[0].id != reports[1].id


def test_title_in_breadcrumb_line_seed_003() -> None:
    r = report_at(seed("003"), 0)
    assert r.title == "南京市建邺区人民政府办公室2023年政府信息公开工作年报"
    assert r.agency == "南京市建邺区人民政府办公室"
    assert r.year == 2023


def test_title_over_two_lines_seed_000() -> None:
    r = report_at(seed("000"), 0)
    assert r.agency == "天津市南开区政务服务办公室"
    assert r.title == "天津市南开区政务服务办公室2024年度政府信息公开工作年度报告"


def test_body_from_narrative_without_title_seed_002() -> None:
    r = report_at(seed("002"), 0)
    assert r.title is None
    assert r.agency == "东胜区行政审批政务服务与数据管理局"
    assert r.year == 2024


def test_body_from_xianjiang_sentence_not_from_notice_title_seed_004() -> None:
    r = report_at(seed("004"), 0)
    assert r.agency == "铁岭市营商环境建设局"
    assert r.year == 2023
    assert r.template == "t2021"
    assert r.table_templates["applications"] == "t2019"


def test_sections_matched_by_words_not_numerals_tianqiao_2019() -> None:
    r = report_at(seed("001"), 3)  # inserts 五、建议提案办理结果情况, shifting 六 and 七
    keys = [s.key for s in r.sections]
    assert keys == ["overview", "active", "applications", "appeals", "unknown", "problems", "other"]
    other = r.sections[-1]
    assert other.heading.startswith("七、其他需要报告的事项")
    assert r.text[other.span.start : other.span.end] == other.heading


def test_table_rows_are_not_sections_seed_000() -> None:
    keys = [s.key for s in report_at(seed("000"), 0).sections]
    assert keys == ["overview", "active", "applications", "appeals", "problems", "other"]


def test_a_letter_is_not_a_report() -> None:
    text = (
        "关于协助提供有关材料的函\n某某局:\n一、总体情况\n请于2024年3月1日前提供相关材料。\n"
        "二、其他\n特此函告。\n"
    )
    (r,) = parse_document(_doc(text))
    assert r.is_report is False
    assert "applications" not in r.tables


def test_seed_reports_are_reports() -> None:
    for name in (seed("000"), seed("001"), seed("002"), seed("003"), seed("004")):
        assert all(r.is_report for r in parsed(name))


def test_published_date_comes_from_document_meta() -> None:
    text = "某某局2023年政府信息公开工作年度报告\n一、总体情况\n2023年,某某局坚持公开。\n"
    doc = Document("a.html", "html", text, "x", meta={"published": "2024-02-03"})
    (r,) = parse_document(doc)
    assert r.published == "2024-02-03"
    assert r.format == "html"


def test_unify_agencies_takes_the_fuller_name() -> None:
    a = parse_document(_doc("洪泽区人民政府2023年政府信息公开工作年度报告\n一、总体情况\n。\n"))
    b = parse_document(
        _doc("淮安市洪泽区人民政府2024年政府信息公开工作年度报告\n一、总体情况\n。\n")
    )
    c = parse_document(_doc("淮安市人民政府2024年政府信息公开工作年度报告\n一、总体情况\n。\n"))
    out = unify_agencies([*a, *b, *c])
    assert [r.agency for r in out] == [
        "淮安市洪泽区人民政府",
        "淮安市洪泽区人民政府",
        "淮安市人民政府",
    ]
    assert out[0].agency_key == out[1].agency_key != out[2].agency_key
