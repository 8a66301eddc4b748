"""Arithmetic identities and the smallest correction (RULES.md "Arithmetic"), on seed numbers."""

from __future__ import annotations

import dataclasses

from factory import (
    TIANQIAO_2020_APP,
    TIANQIAO_2021_ACTIVE,
    TIANQIAO_2021_APP,
    TIANQIAO_2021_APPEALS,
    make_report,
    zero_app,
)

from gik_desk.model import Edit, Finding, Severity
from gik_desk.rules import audit
from gik_desk.template import APP_RESULT_ROWS


def _by_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def _fixed_2021() -> dict[str, list[int | float | str | None]]:
    app = {k: list(v) for k, v in TIANQIAO_2021_APP.items()}
    app["other.no_supplement"][6] = 3
    return app


def test_tianqiao_2021_other_no_supplement_total_breaks_row_and_results_column() -> None:
    r = make_report(year=2021, applications=TIANQIAO_2021_APP, appeals=TIANQIAO_2021_APPEALS)
    found = audit([r])
    (row,) = _by_rule(found, "APP-ROW")
    (col,) = _by_rule(found, "APP-RESULTS")
    fix = (Edit("applications", "other.no_supplement", "total", 3),)
    assert row.severity is Severity.ERROR
    assert (row.actual, row.expected) == (1, 3)
    assert (col.actual, col.expected) == (344, 342)
    assert row.suggestions == (fix,)
    assert col.suggestions == (fix,)
    assert row.cells[0].key == col.cells[0].key == "applications/other.no_supplement/total"
    assert [c.col for c in row.cells[1:]] == [
        "natural",
        "business",
        "research",
        "ngo",
        "legal",
        "other",
    ]
    col_rows = [c.row for c in col.cells]
    assert set(col_rows) == {*APP_RESULT_ROWS["t2021"], "total"}
    assert col_rows[-1] == "total"
    assert "(六)其他处理 1.:各类申请人合计 3 件,总计栏填报 1 件" in row.message
    assert "由 1 改为 3" in row.message
    assert "同时破坏" in row.message  # one wrong cell, two identities: said so
    assert not _by_rule(found, "APP-BALANCE")


def test_tianqiao_2021_spans_cover_every_cell_read() -> None:
    r = make_report(year=2021, applications=TIANQIAO_2021_APP)
    (row,) = _by_rule(audit([r]), "APP-ROW")
    assert len(row.spans) == 7
    assert sorted(r.text[s.start : s.end] for s in row.spans) == ["0"] * 5 + ["1", "3"]


def test_corrected_tianqiao_2021_gives_no_error() -> None:
    r = make_report(
        year=2021,
        applications=_fixed_2021(),
        appeals=TIANQIAO_2021_APPEALS,
        active=TIANQIAO_2021_ACTIVE,
    )
    assert [f for f in audit([r]) if f.severity is Severity.ERROR] == []


def test_tianqiao_2020_balance_has_two_equally_small_corrections() -> None:
    # 自然人: 286 + 10 ≠ 286 + 8; 商业企业: 0 + 0 ≠ 2 + 0. Either 本年新收 or 上年结转 is misplaced.
    r = make_report(year=2020, applications=TIANQIAO_2020_APP)
    found = _by_rule(audit([r]), "APP-BALANCE")
    assert [f.cells[0].key for f in found] == [
        "applications/new/natural",
        "applications/new/business",
    ]
    natural = found[0]
    assert [c.key for c in natural.cells] == [
        "applications/new/natural",
        "applications/carried_in/natural",
        "applications/total/natural",
        "applications/carried_out/natural",
    ]
    assert (natural.actual, natural.expected) == (294, 296)
    assert natural.suggestions == (
        (Edit("applications", "new", "natural", 284), Edit("applications", "new", "business", 2)),
        (
            Edit("applications", "carried_in", "natural", 8),
            Edit("applications", "carried_in", "business", 2),
        ),
    )
    assert "本年新收 286 + 上年结转 10 = 296,办理结果总计 286 + 结转下年度 8 = 294,相差 2" in (
        natural.message
    )
    assert "请审核人判断" in natural.message
    assert not _by_rule(audit([r]), "APP-ROW")


def test_blank_total_column_is_one_blank_finding_and_never_summed_as_zero() -> None:
    app = {k: [*v[:6], None] for k, v in _fixed_2021().items()}
    r = make_report(year=2021, applications=app)
    found = audit([r])
    assert [f.rule for f in found if f.rule.startswith("APP-")] == []
    (blank,) = _by_rule(found, "BLANK")
    assert len(blank.cells) == 25
    assert {c.col for c in blank.cells} == {"total"}
    assert "“总计”列整列" in blank.message


def test_appeal_group_total_off_by_one() -> None:
    appeals = list(TIANQIAO_2021_APPEALS)
    appeals[4] = 41  # 行政复议 18+3+2+17 = 40
    r = make_report(year=2021, appeals=appeals)
    (f,) = _by_rule(audit([r]), "APPEAL-SUM")
    assert f.cells[0].key == "appeals/count/review.total"
    assert (f.actual, f.expected) == (41, 40)
    assert f.suggestions[0] == (Edit("appeals", "count", "review.total", 40),)
    assert len(f.suggestions) == 5  # or any of the four results one lower: reviewer's choice
    assert "行政复议" in f.message


def test_tianqiao_2021_appeals_hold() -> None:
    r = make_report(year=2021, appeals=TIANQIAO_2021_APPEALS)
    assert _by_rule(audit([r]), "APPEAL-SUM") == []


def test_value_flags_negative_count_but_not_signed_change() -> None:
    app = zero_app("t2021")
    app["new"] = [-1, 0, 0, 0, 0, 0, -1]
    app["carried_out"] = [-1, 0, 0, 0, 0, 0, -1]
    r = make_report(
        year=2021, applications=app, active={"licensing": {"prev_items": 210, "change": -32}}
    )
    found = _by_rule(audit([r]), "VALUE")
    assert sorted(f.cells[0].key for f in found) == [
        "applications/carried_out/natural",
        "applications/carried_out/total",
        "applications/new/natural",
        "applications/new/total",
    ]


def test_value_flags_text_where_a_number_belongs() -> None:
    app = zero_app("t2021")
    app["granted"] = ["若干", 0, 0, 0, 0, 0, 0]
    (f,) = _by_rule(audit([make_report(year=2021, applications=app)]), "VALUE")
    assert f.cells[0].key == "applications/granted/natural"
    assert "若干" in f.message


def test_key_is_stable_across_file_position() -> None:
    a = make_report(year=2021, applications=TIANQIAO_2021_APP, index=1, source="a.txt")
    b = make_report(year=2021, applications=TIANQIAO_2021_APP, index=7, source="b.txt")
    assert [f.key for f in audit([a])] == [f.key for f in audit([b])]
    assert all("#" not in f.key for f in audit([a]))


def test_table_not_fully_read_is_parse_not_arithmetic() -> None:
    from gik_desk.model import Unread

    stray = (Unread("17", None, "未能对应到表三的行"),)
    r = make_report(
        year=2021,
        applications=TIANQIAO_2021_APP,
        table_extra={"applications": {"complete": False, "unread": stray}},
    )
    rules = {f.rule for f in audit([r])}
    assert "PARSE" in rules
    assert not rules & {"APP-ROW", "APP-RESULTS", "APP-BALANCE"}


def test_cells_left_open_between_readings_do_not_stop_the_sums_on_the_rest() -> None:
    """Issue 9: a crawled page may leave a cell open (0 or 1) where the identities tie; the
    identities through the other cells still run, so Tianqiao 2021's misprint is found."""
    r = make_report(year=2021, applications=TIANQIAO_2021_APP)
    t = r.tables["applications"]
    open_cell = dataclasses.replace(t.cells["new", "ngo"], value=None, alternatives=(0, 1))
    cells = {**t.cells, ("new", "ngo"): open_cell}
    r = dataclasses.replace(
        r, tables={**r.tables, "applications": dataclasses.replace(t, cells=cells, complete=False)}
    )
    found = [f for f in audit([r]) if f.rule == "APP-ROW"]
    assert [(f.cells[-1].row, f.actual, f.expected) for f in found] == [
        ("other.no_supplement", 1, 3)
    ]
    assert not [f for f in found if f.cells[0].row == "new"]
