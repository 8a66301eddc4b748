"""Issue 6 acceptance: on the 批次概览 tab a click on a bar filters the findings list.

Real mouse clicks on the plot's viewport, at the bar's scene position mapped to the widget; the
window's own wiring (``filter_requested`` → ``apply_dashboard_filter``) does the rest.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from gik_desk.model import Severity
from gik_desk.model.review import ReviewStatus
from gik_desk.ui.models.findings_model import COL_RULE, COL_STATUS, FindingRole
from gik_desk.ui.views.dashboard import DashboardView


def _show_dashboard(qtbot, window) -> DashboardView:  # type: ignore[no-untyped-def]
    dash = window.dashboard
    assert isinstance(dash, DashboardView)
    window.main_tabs.setCurrentIndex(1)
    qtbot.waitExposed(dash)
    qtbot.waitUntil(lambda: bool(dash.rules))
    return dash


def _click(qtbot, dash: DashboardView, plot: object, point: QPointF) -> None:  # type: ignore[no-untyped-def]
    scene = plot.getViewBox().mapViewToScene(point)  # type: ignore[attr-defined]
    pos = dash.canvas.mapFromScene(scene)
    qtbot.mouseClick(dash.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def _shown(window) -> list:  # type: ignore[no-untyped-def]
    proxy = window.findings_proxy
    return [proxy.index(r, 0).data(FindingRole) for r in range(proxy.rowCount())]


def test_click_on_a_rule_bar_lists_only_that_rule_and_severity(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    # a filter left over from earlier work must not hide what the bar counted
    window.findings_view.set_filters(severity=Severity.INFO, text="不存在的文字")
    dash = _show_dashboard(qtbot, window)
    i = dash.rules.index("APP-ROW")
    centre = dash.rule_bars["error"].bar_centre(i)
    _click(qtbot, dash, dash.rule_plot, centre)

    assert window.main_tabs.currentIndex() == 0  # back on the desk, the list in view
    shown = _shown(window)
    wanted = [
        f for f in seed_batch.findings if f.rule == "APP-ROW" and f.severity is Severity.ERROR
    ]
    assert wanted  # the seeds hold APP-ROW errors (Tianqiao 2021 among them)
    assert len(shown) == len(wanted)
    assert {f.rule for f in shown} == {"APP-ROW"}
    assert {f.severity for f in shown} == {Severity.ERROR}
    assert {window.findings_proxy.index(r, COL_RULE).data() for r in range(len(shown))} == {
        "表三行合计不符"  # the catalogue's title; the code is the tooltip
    }
    # the filter bar says so too
    assert window.findings_view.rule.currentData() == "APP-ROW"
    assert window.findings_view.severity.currentData() == Severity.ERROR
    assert window.findings_view.search.text() == ""
    assert (
        window.findings_view.count.text() == f"问题清单（{len(wanted)}/{len(seed_batch.findings)}）"
    )


def test_click_on_a_status_bar_lists_only_findings_with_that_status(
    qtbot, window, seed_batch
) -> None:
    window.set_batch(seed_batch)
    chosen = next(f for f in seed_batch.findings if f.rule == "APP-RESULTS")
    window.session.set_status([chosen.key], ReviewStatus.CONFIRMED)
    window.findings_view.set_filters(rule="TPL-LABEL")
    dash = _show_dashboard(qtbot, window)
    index = dash.statuses.index(ReviewStatus.CONFIRMED.label)
    assert dash.status_bars.opts["height"][index] == 1
    _click(qtbot, dash, dash.status_plot, dash.status_bars.bar_centre(index))

    shown = _shown(window)
    assert [f.key for f in shown] == [chosen.key]
    assert window.findings_proxy.index(0, COL_STATUS).data() == ReviewStatus.CONFIRMED.label
    assert window.findings_view.status.currentData() == ReviewStatus.CONFIRMED
    assert window.findings_view.rule.currentData() == ""  # 全部规则


def test_the_chart_draws_the_numbers_the_statistics_sheet_writes(qtbot, window, seed_batch) -> None:
    """One computation (``frames.dashboard_figures``) for the 批次概览 chart and the 统计 sheet."""
    from gik_desk.export import frames
    from gik_desk.ui.views.dashboard import SERIES_COLOURS

    assert list(SERIES_COLOURS) == [s.key for s in frames.KEY_SERIES]  # a colour per line
    window.set_batch(seed_batch)
    dash = _show_dashboard(qtbot, window)
    figures = frames.dashboard_figures(
        frames.reports_frame(seed_batch),
        frames.findings_frame(seed_batch),
        frames.cells_frame(seed_batch),
    )
    assert dash.rules == list(figures.by_rule.index)
    for sev in ("error", "warning", "info"):
        assert list(dash.rule_bars[sev].opts["width"]) == list(figures.by_rule[sev])
    assert list(dash.status_bars.opts["height"]) == list(figures.status)
    assert sum(figures.by_rule["total"]) == len(seed_batch.findings)
