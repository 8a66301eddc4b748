"""Narrative against table and against itself, on sentences from the seeds."""

from __future__ import annotations

from factory import DONGSHENG_2024_APP, TIANQIAO_2021_APP, make_report, zero_app

from gik_desk.model import Severity
from gik_desk.rules import audit

# Dongsheng 2024 (seed 002, line 5)
DONGSHENG = (
    "2024年我局坚持依法依规做好依申请公开工作,"
    "全年共受理政府信息公开申请8件,均未产生行政复议和诉讼。"
)
# Tianqiao 2018 (seed 001, index 4, line 431): 38+110+4+45+197 = 394, not 283
TIANQIAO_2018 = (
    "2018年全区政府机关共办结政府信息公开申请283件,其中“已主动公开”38件,“同意公开”110件,"
    "“同意部分公开”4件,“不予公开”45件,“其他情况”197件。"
)
# Tianqiao 2022 (line 8): parts add up; percentages were rounded to make 100
TIANQIAO_2022 = (
    "2022年全区办理政府信息公开申请333件,其中,予以公开69件,占比21%;部分公开35件,占比10%;"
    "不予公开8件,占比2%;无法提供198件,占比60%;不予处理6件,占比2%;其他处理17件,占比5%。"
    "结转至下年办理12件。"
)


def _rules(report, rule: str):  # type: ignore[no-untyped-def]
    return [f for f in audit([report]) if f.rule == rule]


def test_dongsheng_2024_received_8_handled_7_carry_unexplained() -> None:
    r = make_report(
        year=2024,
        applications=DONGSHENG_2024_APP,
        narrative=DONGSHENG,
        figures=[("applications.received", 8, "受理政府信息公开申请8件")],
    )
    (f,) = _rules(r, "APP-CARRY")
    assert f.severity is Severity.WARNING
    assert [c.key for c in f.cells] == [
        "applications/total/total",
        "applications/carried_out/total",
    ]
    texts = [r.text[s.start : s.end] for s in f.spans]
    assert sorted(texts) == ["1", "7", "8"]
    assert "受理政府信息公开申请 8 件" in f.message
    assert "办理结果总计 7 件" in f.message


def test_carry_over_stated_in_text_gives_no_app_carry() -> None:
    text = DONGSHENG + "另有1件结转下年度继续办理。"
    r = make_report(
        year=2024,
        applications=DONGSHENG_2024_APP,
        narrative=text,
        figures=[("applications.received", 8, "受理政府信息公开申请8件")],
    )
    assert _rules(r, "APP-CARRY") == []


def test_no_received_figure_gives_no_app_carry() -> None:
    r = make_report(year=2024, applications=DONGSHENG_2024_APP, narrative="依法做好依申请公开。")
    assert _rules(r, "APP-CARRY") == []


def test_text_table_names_the_other_cell_the_number_equals() -> None:
    # the narrative quotes the 自然人 column (340) as if it were the year's total (358)
    text = "2021年全区新收政府信息公开申请340件。"
    r = make_report(
        year=2021,
        applications=TIANQIAO_2021_APP,
        narrative=text,
        figures=[("applications.received", 340, "新收政府信息公开申请340件")],
    )
    (f,) = _rules(r, "TEXT-TABLE")
    assert (f.actual, f.expected) == (340, 358)
    assert "“一、本年新收”行“总计”栏为 358 件" in f.message
    assert "恰与表三“一、本年新收”行“自然人”栏一致" in f.message
    assert [c.key for c in f.cells] == ["applications/new/total", "applications/new/natural"]


def test_tianqiao_2021_narrative_agrees_with_table() -> None:
    # Tianqiao 2021 (seed 001, line 101)
    text = (
        "2021年全区新收政府信息公开申请358件,上年结转政府信息公开申请8件。"
        "其中,本年度办结344件、结转下年度继续办理22件。"
    )
    r = make_report(
        year=2021,
        applications=TIANQIAO_2021_APP,
        narrative=text,
        figures=[
            ("applications.received", 358, "新收政府信息公开申请358件"),
            ("applications.carried_in", 8, "上年结转政府信息公开申请8件"),
            ("applications.answered", 344, "办结344件"),
            ("applications.carried_out", 22, "继续办理22件"),
        ],
    )
    found = audit([r])
    assert [f.rule for f in found if f.rule.startswith("TEXT") or f.rule == "APP-CARRY"] == []


def test_tianqiao_2020_district_government_figure_is_not_the_whole_area_table() -> None:
    # Tianqiao 2020 (seed 001, line 220): the 区政府's own requests, not the district's table
    text = (
        "2020年区政府共收到政府信息公开依申请162件,"
        "上年结转政府信息公开申请数量10件,164件全部受理并按时答复完毕。"
    )
    r = make_report(
        year=2020,
        applications=zero_app("t2019") | {"new": [286, 0, 0, 0, 1, 0, 287]},
        narrative=text,
        figures=[("applications.received", 162, "依申请162件")],
    )
    assert _rules(r, "TEXT-TABLE") == []
    assert _rules(r, "APP-CARRY") == []


def test_hongze_2024_office_on_behalf_of_district_government_is_scoped() -> None:
    text = "2024年,区政府办代表区政府受理政府信息公开申请17件,均已在法定期限内予以答复。"
    app = zero_app() | {"new": [95, 0, 0, 0, 0, 0, 95]}
    r = make_report(
        year=2024,
        applications=app,
        narrative=text,
        figures=[("applications.received", 17, "受理政府信息公开申请17件")],
    )
    assert _rules(r, "TEXT-TABLE") == []


def test_all_upheld_wording_against_corrected_reviews() -> None:
    appeals = [2, 1, 0, 0, 3] + [0] * 10
    r = make_report(year=2021, appeals=appeals, narrative="本年度行政复议3件,均获维持。")
    (f,) = _rules(r, "TEXT-TABLE")
    assert f.cells[0].key == "appeals/count/review.corrected"
    ok = make_report(
        year=2021, appeals=[3, 0, 0, 0, 3] + [0] * 10, narrative="本年度行政复议3件,均获维持。"
    )
    assert _rules(ok, "TEXT-TABLE") == []


def test_tianqiao_2018_breakdown_exceeds_total() -> None:
    r = make_report(year=2018, narrative=TIANQIAO_2018)
    (f,) = _rules(r, "TEXT-SUM")
    assert (f.actual, f.expected) == (394, 283)
    assert f.cells == ()
    assert sorted(r.text[s.start : s.end] for s in f.spans) == sorted(
        ["283", "38", "110", "4", "45", "197"]
    )


def test_tianqiao_2022_breakdown_and_rounded_percentages_pass() -> None:
    r = make_report(year=2022, narrative=TIANQIAO_2022)
    assert _rules(r, "TEXT-SUM") == []
    assert _rules(r, "TEXT-PCT") == []


def test_subset_and_approximate_figures_are_not_breakdowns() -> None:
    text = (
        "梳理政务服务事项数量698项,其中可全程在线办理政务服务事项数量616项,占比达88.25%。"
        "全年各渠道主动公开政府信息400余条,其中依托门户网站公开政府信息84条;系列主题报道300多篇。"
        "主动公开信息10569条,其中,政务动态信息更新量7498条,信息公开目录信息更新3045条。"
    )
    r = make_report(year=2019, narrative=text)
    assert _rules(r, "TEXT-SUM") == []
    assert _rules(r, "TEXT-PCT") == []


def test_percentage_off_by_more_than_rounding() -> None:
    r = make_report(
        year=2017, narrative="共收到申请200件,其中网上申请10件,占15%;信函申请190件,占95%。"
    )
    (f,) = _rules(r, "TEXT-PCT")
    assert (f.actual, f.expected) == (15.0, 5.0)


def test_same_quantity_stated_twice_differently() -> None:
    text = "全年共受理申请18件。……本年度共受理政府信息公开申请19件。"
    r = make_report(
        year=2023,
        narrative=text,
        figures=[
            ("applications.received", 18, "受理申请18件"),
            ("applications.received", 19, "受理政府信息公开申请19件"),
        ],
    )
    (f,) = _rules(r, "TEXT-SELF")
    assert "一处为 18 件,另一处为 19 件" in f.message
    once = make_report(
        year=2023, narrative=text, figures=[("applications.received", 18, "受理申请18件")]
    )
    assert _rules(once, "TEXT-SELF") == []


def test_dongsheng_2024_empty_sixth_part_is_text_fee() -> None:
    r = make_report(year=2024, applications=DONGSHENG_2024_APP, other_text="")
    (f,) = _rules(r, "TEXT-FEE")
    assert "信息处理费" in f.message


def test_fee_statement_in_sixth_part_gives_no_text_fee() -> None:
    r = make_report(
        year=2023, applications=zero_app(), other_text="我办本年度未收取政府信息公开信息处理费。"
    )
    assert _rules(r, "TEXT-FEE") == []
    assert _rules(make_report(year=2020, other_text=""), "TEXT-FEE") == []


def test_unpaid_fee_row_contradicts_no_fee_notice() -> None:
    app = zero_app()
    app["new"] = [1, 0, 0, 0, 0, 0, 1]
    app["other.no_fee"] = [1, 0, 0, 0, 0, 0, 1]
    app["total"] = [1, 0, 0, 0, 0, 0, 1]
    text = "本年度发出收费通知0件,未收取信息处理费。"
    r = make_report(year=2023, applications=app, other_text=text)
    (f,) = _rules(r, "TEXT-FEE")
    assert f.cells[0].key == "applications/other.no_fee/total"
    assert "收费通知0件" in f.message


def test_unpaid_fee_row_with_fees_collected_is_consistent() -> None:
    # Huai'an 2024: 6 applicants did not pay after a notice; 3940 元 collected from others
    app = zero_app()
    app["new"] = [6, 0, 0, 0, 0, 0, 6]
    app["other.no_fee"] = [6, 0, 0, 0, 0, 0, 6]
    app["total"] = [6, 0, 0, 0, 0, 0, 6]
    text = (
        "2024年,市政府严格落实《政府信息公开信息处理费管理办法》,"
        "全年收取政府信息公开信息处理费3940元。"
    )
    r = make_report(year=2024, applications=app, other_text=text)
    assert _rules(r, "TEXT-FEE") == []


# TEXT-PART (issue 11): named parts adding up to less than the stated total
# Tianqiao 2020 (seed 001, index 2): 5155 + 7525 = 12680, 82 short of 12762
TIANQIAO_2020_PART = (
    "信息发布总数12762条,其中,政务动态信息更新量5155条,信息公开目录信息更新量7525条。"
)


def test_text_part_fires_on_named_parts_short_of_the_total_tianqiao_2020() -> None:
    r = make_report(year=2020, narrative=TIANQIAO_2020_PART)
    (f,) = _rules(r, "TEXT-PART")
    assert f.severity is Severity.INFO
    assert (f.actual, f.expected) == (12680, 12762)
    assert sorted(r.text[s.start : s.end] for s in f.spans) == ["12762", "5155", "7525"]
    assert "少于总数 12762" in f.message
    assert _rules(r, "TEXT-SUM") == []


def test_text_part_fires_on_a_clear_under_sum_of_three_parts() -> None:
    text = "全年主动公开政府信息500条,其中政策文件120条,规划计划80条,财政信息100条。"
    (f,) = _rules(make_report(year=2021, narrative=text), "TEXT-PART")
    assert (f.actual, f.expected) == (300, 500)


def test_text_part_silent_on_a_single_part_subset() -> None:
    text = "全年主动公开政府信息500条,其中政策文件120条。"
    assert _rules(make_report(year=2021, narrative=text), "TEXT-PART") == []


def test_text_part_silent_on_approximate_figures() -> None:
    for text in (
        "全年主动公开政府信息500条,其中政策文件约120条,规划计划80条。",
        "全年主动公开政府信息500条,其中政策文件120条,规划计划80余条。",
        "全年主动公开政府信息500条,其中政策文件120条,规划计划80多条。",
        "全年主动公开政府信息约500条,其中政策文件120条,规划计划80条。",
        "全年主动公开政府信息400余条,其中政策文件120条,规划计划80条。",
    ):
        assert _rules(make_report(year=2021, narrative=text), "TEXT-PART") == [], text


def test_text_part_leaves_a_list_with_other_to_text_sum() -> None:
    text = "全年主动公开政府信息500条,其中政策文件120条,其他80条。"
    r = make_report(year=2021, narrative=text)
    assert _rules(r, "TEXT-PART") == []
    (f,) = _rules(r, "TEXT-SUM")
    assert (f.actual, f.expected) == (200, 500)


def test_text_part_silent_when_parts_add_up() -> None:
    text = "全年主动公开政府信息500条,其中政策文件420条,规划计划80条。"
    assert _rules(make_report(year=2021, narrative=text), "TEXT-PART") == []
