"""Year-over-year rules on Tianqiao's consecutive reports (seed 001)."""

from __future__ import annotations

from factory import (
    TIANQIAO_2019_ACTIVE,
    TIANQIAO_2020_ACTIVE,
    TIANQIAO_2020_APP,
    TIANQIAO_2021_ACTIVE,
    TIANQIAO_2021_APP,
    TIANQIAO_2022_ACTIVE,
    make_report,
    zero_app,
)

from gik_desk.model import Severity
from gik_desk.rules import audit


def _rules(reports, rule: str):  # type: ignore[no-untyped-def]
    return [f for f in audit(reports) if f.rule == rule]


def test_2021_carried_in_matches_2020_carried_out_across_template_change() -> None:
    r2020 = make_report(year=2020, applications=TIANQIAO_2020_APP, index=2)
    r2021 = make_report(year=2021, applications=TIANQIAO_2021_APP, index=1)
    assert _rules([r2021, r2020], "YOY-CARRY") == []


def test_carried_in_differs_from_last_years_carried_out() -> None:
    app2021 = {k: list(v) for k, v in TIANQIAO_2021_APP.items()}
    app2021["carried_in"] = [9, 0, 0, 0, 0, 0, 9]
    r2020 = make_report(year=2020, applications=TIANQIAO_2020_APP, index=2)
    r2021 = make_report(year=2021, applications=app2021, index=1)
    found = _rules([r2021, r2020], "YOY-CARRY")
    assert [f.cells[0].key for f in found] == [
        "applications/carried_in/natural",
        "applications/carried_in/total",
    ]
    assert all(f.severity is Severity.ERROR and f.related_report_id == r2020.id for f in found)
    assert (found[0].actual, found[0].expected) == (9, 8)
    assert "2020年度报告" in found[0].message


def test_no_previous_year_in_batch_means_no_yoy() -> None:
    r2021 = make_report(year=2021, applications=TIANQIAO_2021_APP)
    other = make_report(year=2020, applications=TIANQIAO_2020_APP, agency="别的机关")
    found = audit([r2021, other])
    assert [f for f in found if f.rule.startswith("YOY")] == []


def test_tianqiao_2022_normative_in_force_does_not_follow_2021() -> None:
    # 2021: in force 3; 2022: issued 1, repealed 1, in force 2 (3 + 1 - 1 = 3)
    r2021 = make_report(year=2021, active=TIANQIAO_2021_ACTIVE, index=1)
    r2022 = make_report(year=2022, active=TIANQIAO_2022_ACTIVE, index=0)
    (f,) = _rules([r2022, r2021], "YOY-STOCK")
    assert [c.key for c in f.cells] == [
        "active/normative/in_force",
        "active/normative/issued",
        "active/normative/repealed",
    ]
    assert (f.actual, f.expected) == (2, 3)
    assert f.severity is Severity.WARNING
    assert f.report_id == r2022.id


def test_tianqiao_2020_prev_items_copied_not_carried_forward() -> None:
    r2019 = make_report(year=2019, active=TIANQIAO_2019_ACTIVE, index=3)
    r2020 = make_report(year=2020, active=TIANQIAO_2020_ACTIVE, index=2)
    stock = _rules([r2020, r2019], "YOY-STOCK")
    assert sorted(c.row for f in stock for c in f.cells) == [
        "coercion",
        "licensing",
        "other_services",
        "penalty",
    ]
    lic = next(f for f in stock if f.cells[0].row == "licensing")
    assert (lic.actual, lic.expected) == (210, 178)
    copies = _rules([r2020, r2019], "YOY-COPY")
    assert sorted(tuple(sorted({c.row for c in f.cells})) for f in copies) == [
        ("coercion", "penalty"),
        ("licensing", "other_services"),
    ]
    assert any(f.message.startswith("表二第二十条第(五)项") for f in copies)
    assert all(len(f.cells) == 6 for f in copies)


def test_identical_all_zero_tables_are_not_copies() -> None:
    a = make_report(year=2023, applications=zero_app(), appeals=[0] * 15)
    b = make_report(year=2022, applications=zero_app(), appeals=[0] * 15)
    assert _rules([a, b], "YOY-COPY") == []


def test_table_contradicts_last_years_narrative() -> None:
    prev = make_report(
        year=2018,
        narrative="结转下年度继续办理5件。",
        figures=[("applications.carried_out", 5, "结转下年度继续办理5件")],
    )
    app = zero_app("t2019")
    app["carried_in"] = [3, 0, 0, 0, 0, 0, 3]
    this = make_report(year=2019, applications=app)
    (f,) = _rules([this, prev], "YOY-NARRATIVE")
    assert f.cells[0].key == "applications/carried_in/total"
    assert (f.actual, f.expected) == (3, 5)


def test_tianqiao_2020_carried_in_agrees_with_2019_narrative() -> None:
    prev = make_report(
        year=2019,
        narrative="“结转下年度继续办理”10件。",
        figures=[("applications.carried_out", 10, "继续办理”10件")],
    )
    this = make_report(year=2020, applications=TIANQIAO_2020_APP)
    assert _rules([this, prev], "YOY-NARRATIVE") == []


def test_tianqiao_2019_carry_in_contradicts_2018_all_answered() -> None:
    # 2018 (line 429/431): 收到283件 … 均依法依规答复完毕; 共办结283件 -> nothing carried over
    text = (
        "2018年,全区共收到公开政府信息申请283件,均依法依规答复完毕。"
        "2018年全区政府机关共办结政府信息公开申请283件。"
    )
    prev = make_report(
        year=2018,
        narrative=text,
        figures=[
            ("applications.received", 283, "收到公开政府信息申请283件"),
            ("applications.answered", 283, "办结政府信息公开申请283件"),
        ],
    )
    app = zero_app("t2019")
    app["carried_in"] = [100, 0, 0, 0, 0, 0, 100]
    this = make_report(year=2019, applications=app)
    (f,) = _rules([this, prev], "YOY-NARRATIVE")
    assert (f.actual, f.expected) == (100, 0)
    assert "收到申请 283 件、办结 283 件" in f.message
    assert f.related_report_id == prev.id


def test_received_not_all_answered_implies_no_carry_figure() -> None:
    text = "共收到申请283件。共办结政府信息公开申请280件。"
    prev = make_report(
        year=2018,
        narrative=text,
        figures=[
            ("applications.received", 283, "收到申请283件"),
            ("applications.answered", 280, "办结政府信息公开申请280件"),
        ],
    )
    app = zero_app("t2019")
    app["carried_in"] = [100, 0, 0, 0, 0, 0, 100]
    assert _rules([make_report(year=2019, applications=app), prev], "YOY-NARRATIVE") == []
