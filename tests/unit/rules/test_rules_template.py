"""Template rules: version, rows, labels, sections, parse, blank, not-report, publication date."""

from __future__ import annotations

import dataclasses

from factory import DONGSHENG_2024_APP, TIANQIAO_2021_APPEALS, make_report, zero_app

from gik_desk.model import Derivation, Edit, Severity, Span, Unread
from gik_desk.rules import audit


def _rules(report, rule: str):  # type: ignore[no-untyped-def]
    return [f for f in audit([report]) if f.rule == rule]


def test_tieling_2023_on_the_2019_table_is_tpl_version() -> None:
    # seed 004: a 2023 report whose 表三 has the single (六)其他处理 row
    r = make_report(
        year=2023,
        agency="铁岭市营商环境建设局",
        applications=zero_app("t2019"),
        templates={"applications": "t2019", "active": "t2021"},
    )
    (f,) = _rules(r, "TPL-VERSION")
    assert f.severity is Severity.WARNING
    assert f.cells == ()
    assert "2023年度报告的表三使用了2019年版" in f.message
    assert "2021年版" in f.message


def test_2021_table_in_2021_is_not_tpl_version() -> None:
    r = make_report(year=2021, applications=zero_app("t2021"))
    assert _rules(r, "TPL-VERSION") == []


def test_dongsheng_yuqi_typo_shows_printed_and_official_label() -> None:
    printed = "1.申请人无正当理由预期不补正、行政机关不再处理其政府信息公开申请"
    r = make_report(
        year=2024,
        applications=DONGSHENG_2024_APP,
        labels=[("applications", "other.no_supplement", printed, "row")],
    )
    (f,) = _rules(r, "TPL-LABEL")
    assert f.severity is Severity.INFO
    assert printed in f.message
    assert "逾期不补正" in f.message
    assert {c.row for c in f.cells} == {"other.no_supplement"}
    assert len(f.cells) == 7
    assert r.text[f.spans[0].start : f.spans[0].end] == printed


def test_official_label_gives_no_tpl_label() -> None:
    r = make_report(
        year=2024,
        applications=DONGSHENG_2024_APP,
        labels=[
            (
                "applications",
                "other.no_supplement",
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "row",
            ),
            ("appeals", "review.corrected", "结果纠正", "col"),
        ],
        appeals=[0] * 15,
    )
    assert _rules(r, "TPL-LABEL") == []


def test_truncated_appeal_headers_are_one_tpl_label() -> None:
    # Tianqiao 2021 prints 结果维持 | 结果 | 其他 | 尚未 | 总计
    r = make_report(
        year=2021,
        appeals=TIANQIAO_2021_APPEALS,
        labels=[
            ("appeals", "review.upheld", "结果维持", "col"),
            ("appeals", "review.corrected", "结果", "col"),
            ("appeals", "review.other", "其他", "col"),
            ("appeals", "review.total", "总计", "col"),
        ],
    )
    (f,) = _rules(r, "TPL-LABEL")
    assert [c.col for c in f.cells] == ["review.corrected", "review.other"]
    assert "“结果”(规范表述为“结果纠正”,截断,见行政复议)" in f.message


def test_jianye_2023_outdated_normative_label() -> None:
    r = make_report(
        year=2023,
        active={"normative": {"issued": 0, "repealed": 0, "in_force": 0}},
        labels=[("active", "normative", "规范性文件", "row")],
    )
    (f,) = _rules(r, "TPL-LABEL")
    assert "“规范性文件”(规范表述为“行政规范性文件”,沿用旧表述)" in f.message


def test_missing_section_is_tpl_sections() -> None:
    r = make_report(
        year=2024,
        applications=zero_app(),
        sections=["overview", "active", "applications", "appeals", "problems"],
    )
    (f,) = _rules(r, "TPL-SECTIONS")
    assert "其他需要报告的事项" in f.message


def test_all_sections_present_and_pre2019_give_no_tpl_sections() -> None:
    assert _rules(make_report(year=2024, applications=zero_app()), "TPL-SECTIONS") == []
    old = make_report(year=2016, sections=["overview"])
    assert _rules(old, "TPL-SECTIONS") == []


def test_incomplete_table_is_parse_never_silent() -> None:
    r = make_report(
        year=2021,
        applications=zero_app(),
        table_extra={
            "applications": {
                "complete": False,
                "unread": (Unread("（七）总计350010036x", Span(0, 5), "unsplittable"),),
            }
        },
    )
    (f,) = _rules(r, "PARSE")
    assert "表三未能完整读取" in f.message
    assert "人工核对" in f.message


def test_derived_value_says_derived_and_ambiguous_split_decides_nothing() -> None:
    unique = Derivation("total", "350010036", Span(3, 12), ((35, 0, 0, 1, 0, 0, 36),))
    two = Derivation(
        "new", "1110012", Span(3, 10), ((1, 1, 10, 0, 0, 0, 12), (11, 0, 0, 1, 0, 0, 12))
    )
    r = make_report(
        year=2021,
        applications=zero_app(),
        table_extra={"applications": {"derivations": (unique, two)}},
    )
    found = _rules(r, "PARSE")
    by_row = {f.cells[0].row: f for f in found}
    assert "值由数字串推断" in by_row["total"].message
    assert by_row["total"].suggestions == ()
    assert len(by_row["new"].suggestions) == 2
    assert by_row["new"].suggestions[1][0] == Edit("applications", "new", "natural", 11)
    assert "未作判断" in by_row["new"].message


def test_clean_table_gives_no_parse() -> None:
    assert _rules(make_report(year=2021, applications=zero_app()), "PARSE") == []


def test_unknown_row_is_tpl_rows() -> None:
    r = make_report(
        year=2021,
        applications=zero_app(),
        table_extra={
            "applications": {
                "unread": (Unread("(八)其他情形 | 1 | 0 |", Span(0, 5), "unknown-row"),),
            }
        },
    )
    (f,) = _rules(r, "TPL-ROWS")
    assert "(八)其他情形" in f.message
    assert _rules(r, "PARSE") == []


def test_missing_whole_row_is_tpl_rows() -> None:
    app = zero_app()
    del app["other.no_fee"]
    missing = tuple(
        ("other.no_fee", c)
        for c in ("natural", "business", "research", "ngo", "legal", "other", "total")
    )
    r = make_report(year=2021, applications=app, table_extra={"applications": {"missing": missing}})
    (f,) = _rules(r, "TPL-ROWS")
    assert "(六)其他处理 2." in f.message
    assert len(f.cells) == 7


def test_letter_in_report_column_is_not_report_only() -> None:
    r = make_report(year=2024, is_report=False, narrative="关于报送年度报告的函", applications=None)
    found = audit([r])
    assert [f.rule for f in found] == ["NOT-REPORT"]


def test_meta_date_department_after_january() -> None:
    r = make_report(year=2024, agency="东胜区行政审批政务服务与数据管理局", published="2025-02-03")
    (f,) = _rules(r, "META-DATE")
    assert "2025-01-31" in f.message


def test_meta_date_county_government_has_until_march() -> None:
    on_time = make_report(year=2021, agency="济南市天桥区人民政府", published="2022-03-20")
    late = dataclasses.replace(on_time, published="2022-04-02")
    office = make_report(year=2021, agency="济南市天桥区人民政府办公室", published="2022-03-20")
    assert _rules(on_time, "META-DATE") == []
    assert len(_rules(late, "META-DATE")) == 1
    assert len(_rules(office, "META-DATE")) == 1


def test_meta_date_before_2019_is_march_for_all() -> None:
    r = make_report(year=2017, agency="某市某局", published="2018-03-30")
    assert _rules(r, "META-DATE") == []
    assert _rules(make_report(year=2024, agency="某市某局"), "META-DATE") == []
