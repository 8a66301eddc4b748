"""统计看板: plotted numbers, clicks that ask for a filter, PNG export.

Expected numbers are keyed by hand: the hand-built frames below, and for the real seed the
Tianqiao tables in tests/data/seeds/001_711b86d480afee15.txt (line numbers cited per value).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage

from gik_desk.ui.fonts import cjk_family
from gik_desk.ui.views import dashboard
from gik_desk.ui.views.dashboard import DashboardView

SEED_TIANQIAO = Path(__file__).parents[1] / "data" / "seeds" / "001_711b86d480afee15.txt"

REPORTS = pd.DataFrame(
    {
        "report_id": ["a21", "a22", "b22"],
        "source": ["a.txt", "a.txt", "b.txt"],
        "index": [1, 0, 0],
        "agency": ["甲区人民政府", "甲区人民政府", "乙县人民政府"],
        "agency_key": ["甲区", "甲区", "乙县"],
        "year": pd.array([2021, 2022, 2022], dtype="Int64"),
        "template": ["t2021", "t2021", "t2021"],
        "errors": [1, 2, 0],
        "warnings": [1, 0, 0],
        "infos": [0, 0, 1],
    }
)
FINDINGS = pd.DataFrame(
    {
        "key": ["k1", "k2", "k3", "k4", "k5"],
        "report_id": ["a21", "a22", "a22", "a21", "b22"],
        "rule": ["APP-ROW", "APP-ROW", "APP-BALANCE", "APP-ROW", "TPL-LABEL"],
        "severity": ["error", "error", "error", "warning", "info"],
        "status": ["已确认", "待核实", "已确认", "需整改", "待核实"],
    }
)


def _cells(rows: list[tuple[str, str, str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["report_id", "table", "row", "col", "value"])


CELLS = _cells(
    [
        ("a21", "applications", "new", "total", 100),
        ("a21", "applications", "total", "total", 90),
        ("a21", "applications", "carried_out", "total", 10),
        ("a21", "appeals", "count", "review.total", 3),
        ("a21", "appeals", "count", "suit_direct.total", 2),
        ("a21", "appeals", "count", "suit_after_review.total", 1),
        ("a22", "applications", "new", "total", 120),
        ("a22", "applications", "total", "total", 125),
        ("a22", "applications", "carried_out", "total", 5),
        ("a22", "appeals", "count", "review.total", 4),
        ("a22", "appeals", "count", "suit_direct.total", 0),
        ("a22", "appeals", "count", "suit_after_review.total", 7),
        ("b22", "applications", "new", "total", 9),
    ]
)


@pytest.fixture
def view(qtbot: object) -> DashboardView:
    v = DashboardView()
    qtbot.addWidget(v)  # type: ignore[attr-defined]
    v.resize(1000, 700)
    v.show()
    qtbot.waitExposed(v)  # type: ignore[attr-defined]
    return v


def _line(view: DashboardView, key: str) -> tuple[list[float], list[float]]:
    x, y = view.trend_lines[key].getData()
    return ([] if x is None else list(x)), ([] if y is None else list(y))


def _click_data_point(qtbot: object, view: DashboardView, plot: object, point: QPointF) -> None:
    """A real left click on the canvas where ``point`` (data coordinates of ``plot``) is drawn."""
    scene_pt = plot.getViewBox().mapViewToScene(point)  # type: ignore[attr-defined]
    view_pt: QPoint = view.canvas.mapFromScene(scene_pt)
    qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=view_pt)  # type: ignore[attr-defined]


def test_rule_bars_stack_severities_by_rule(view: DashboardView) -> None:
    view.set_frames(REPORTS, FINDINGS, CELLS)
    assert view.rules == ["APP-ROW", "APP-BALANCE", "TPL-LABEL"]  # most findings first
    err, warn, info = (view.rule_bars[s].opts for s in ("error", "warning", "info"))
    # horizontal bars: one row per rule, top to bottom; width = number of findings
    assert list(err["y"]) == [2, 1, 0]
    assert list(err["width"]) == [2, 1, 0]
    assert list(warn["width"]) == [1, 0, 0]
    assert list(warn["x0"]) == [2, 1, 0]  # stacked after the errors
    assert list(info["width"]) == [0, 0, 1]
    assert list(info["x0"]) == [3, 1, 0]
    ticks = view.rule_plot.getAxis("left")._tickLevels[0]
    # the catalogue's Chinese titles on the axis (issue 14), most findings on top
    assert ticks == [
        (2, "表三行合计不符"),
        (1, "表三勾稽关系不成立"),
        (0, "栏目名称与规范表述不一致"),
    ]


def test_status_bars_count_findings_per_review_status(view: DashboardView) -> None:
    view.set_frames(REPORTS, FINDINGS, CELLS)
    heights = dict(zip(view.statuses, view.status_bars.opts["height"], strict=True))
    assert heights["已确认"] == 2
    assert heights["待核实"] == 2
    assert heights["需整改"] == 1
    assert heights["已排除(误报)"] == 0


def test_trend_lines_show_one_body_across_years(view: DashboardView) -> None:
    view.set_frames(REPORTS, FINDINGS, CELLS)
    assert view.current_agency_key() == "甲区"
    assert view.body.currentText() == "甲区人民政府"
    assert _line(view, "new") == ([2021, 2022], [100, 120])
    assert _line(view, "handled") == ([2021, 2022], [90, 125])
    assert _line(view, "carried_out") == ([2021, 2022], [10, 5])
    assert _line(view, "review") == ([2021, 2022], [3, 4])
    assert _line(view, "suit") == ([2021, 2022], [3, 7])  # direct + after review
    assert view.select_body("乙县")
    assert _line(view, "new") == ([2022], [9])
    assert _line(view, "suit") == ([], [])  # no appeals table: no point, never a zero


def test_narrative_column_fills_a_year_without_tables(view: DashboardView) -> None:
    reports = pd.concat(
        [REPORTS, pd.DataFrame({"report_id": ["a18"], "agency": ["甲区人民政府"],
                                "agency_key": ["甲区"], "year": pd.array([2018], dtype="Int64")})],
        ignore_index=True,
    )  # fmt: skip
    reports["narrative.applications.received"] = [None, None, None, 77]
    view.set_frames(reports, FINDINGS, CELLS)
    assert _line(view, "new") == ([2018, 2021, 2022], [77, 100, 120])
    assert _line(view, "handled") == ([2021, 2022], [90, 125])


def test_clicking_a_rule_bar_asks_for_that_rule_and_severity(qtbot, view: DashboardView) -> None:
    view.set_frames(REPORTS, FINDINGS, CELLS)
    centre = view.rule_bars["error"].bar_centre(1)  # APP-BALANCE, 1 error
    with qtbot.waitSignal(view.filter_requested, timeout=2000) as blocker:
        _click_data_point(qtbot, view, view.rule_plot, centre)
    assert blocker.args == [{"rule": "APP-BALANCE", "severity": "error"}]


def test_clicking_the_warning_on_top_of_errors_asks_for_warnings(qtbot, view) -> None:
    view.set_frames(REPORTS, FINDINGS, CELLS)
    centre = view.rule_bars["warning"].bar_centre(0)  # APP-ROW: 2 errors, 1 warning above
    with qtbot.waitSignal(view.filter_requested, timeout=2000) as blocker:
        _click_data_point(qtbot, view, view.rule_plot, centre)
    assert blocker.args == [{"rule": "APP-ROW", "severity": "warning"}]


def test_clicking_a_status_bar_asks_for_that_status(qtbot, view: DashboardView) -> None:
    view.set_frames(REPORTS, FINDINGS, CELLS)
    index = view.statuses.index("已确认")
    with qtbot.waitSignal(view.filter_requested, timeout=2000) as blocker:
        _click_data_point(qtbot, view, view.status_plot, view.status_bars.bar_centre(index))
    assert blocker.args == [{"status": "已确认"}]


def test_clicking_a_trend_point_asks_for_that_body_and_year(qtbot, view: DashboardView) -> None:
    view.set_frames(REPORTS, FINDINGS, CELLS)
    with qtbot.waitSignal(view.filter_requested, timeout=2000) as blocker:
        _click_data_point(qtbot, view, view.trend_plot, QPointF(2022, 120))
    assert blocker.args == [{"agency_key": "甲区", "year": 2022}]


def test_click_on_empty_plot_area_asks_for_nothing(qtbot, view: DashboardView) -> None:
    view.set_frames(REPORTS, FINDINGS, CELLS)
    with qtbot.assertNotEmitted(view.filter_requested):
        _click_data_point(qtbot, view, view.rule_plot, QPointF(2.5, 0))  # right of TPL-LABEL's bar


def test_empty_batch_draws_nothing_and_does_not_fail(view: DashboardView) -> None:
    view.set_frames(pd.DataFrame(), pd.DataFrame(), pd.DataFrame())
    assert view.rules == []
    assert list(view.status_bars.opts["height"]) == [0] * 5
    assert _line(view, "new") == ([], [])
    assert view.body.count() == 0


def test_export_png_writes_the_charts(view: DashboardView, tmp_path: Path) -> None:
    view.set_frames(REPORTS, FINDINGS, CELLS)
    out = view.export_png(tmp_path / "看板")
    assert out == tmp_path / "看板.png"
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == (view.canvas.width(), view.canvas.height())
    # the error bars are drawn in red: find the bar's pixel in the image
    scene_pt = view.rule_plot.getViewBox().mapViewToScene(view.rule_bars["error"].bar_centre(0))
    px = view.canvas.mapFromScene(scene_pt)
    ratio = image.devicePixelRatio()
    colour = image.pixelColor(int(px.x() * ratio), int(px.y() * ratio))
    assert colour == QColor("#d62728")


def test_export_button_saves_where_the_reviewer_chose(
    qtbot, view: DashboardView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "图表.png"
    monkeypatch.setattr(dashboard, "ask_png_path", lambda _parent: str(target))
    view.set_frames(REPORTS, FINDINGS, CELLS)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert not QImage(str(target)).isNull()


def test_export_button_cancelled_exports_nothing(
    qtbot, view: DashboardView, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(dashboard, "ask_png_path", lambda _parent: None)
    monkeypatch.setattr(view, "export_png", calls.append)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert calls == []


def test_axis_labels_are_chinese(view: DashboardView) -> None:
    assert view.trend_plot.getAxis("bottom").labelText == "年份"
    assert view.rule_plot.getAxis("left").labelText == "规则"
    assert view.rule_plot.getAxis("bottom").labelText == "问题数"
    assert view.status_plot.getAxis("bottom").labelText == "状态"


def test_axes_and_titles_use_a_cjk_font(view: DashboardView) -> None:
    family = cjk_family()
    assert family is not None  # fonts-noto-cjk on the build machine, YaHei/SimSun on Windows
    tick_font = view.status_plot.getAxis("bottom").style["tickFont"]
    assert family in tick_font.families()
    assert family in view.trend_plot.titleLabel.item.font().families()


def _seed_frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    from gik_desk import services
    from gik_desk.export import frames

    batch = services.audit_paths([SEED_TIANQIAO], workers=1)
    assert batch.reports, batch.problems
    return frames.reports_frame(batch), frames.findings_frame(batch), frames.cells_frame(batch)


def test_seed_tianqiao_trend_matches_published_tables(view: DashboardView) -> None:
    """Tianqiao 2019–2022, keyed by hand from the seed's tables (seed 001, lines cited)."""
    reports, findings, cells = _seed_frames()
    keys = reports.loc[reports["agency"].fillna("").str.contains("天桥"), "agency_key"].unique()
    assert len(keys) == 1
    view.set_frames(reports, findings, cells)
    assert view.select_body(str(keys[0]))
    years = [2019, 2020, 2021, 2022]

    def from_2019(key: str) -> list[float]:
        xs, ys = _line(view, key)
        return [y for x, y in zip(xs, ys, strict=True) if x in years]

    # 本年新收: lines 347, 252, 124, 31
    assert from_2019("new") == [243, 287, 358, 323]
    # (七)总计: lines 368, 273, 147, 54
    assert from_2019("handled") == [333, 289, 344, 333]
    # 四、结转下年度继续办理: lines 369, 274, 148, 55
    assert from_2019("carried_out") == [10, 8, 22, 12]
    # 行政复议 总计: lines 376, 281, 154, 61 (5th figure)
    assert from_2019("review") == [34, 65, 40, 56]
    # 行政诉讼 总计 = 未经复议直接起诉 + 复议后起诉: 29+18, 58+32, 20+48, 41+38
    assert from_2019("suit") == [47, 90, 68, 79]


def test_seed_findings_chart_counts_every_finding(view: DashboardView) -> None:
    reports, findings, cells = _seed_frames()
    view.set_frames(reports, findings, cells)
    total = sum(sum(view.rule_bars[s].opts["width"]) for s in ("error", "warning", "info"))
    assert total == len(findings)
    assert sum(view.status_bars.opts["height"]) == len(findings)
