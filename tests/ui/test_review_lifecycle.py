"""Issue 14 on the desk: who did what and when, reasons required, reports signed off, Chinese
rule titles, the keyboard path across panes and reports, cell annotations (seed batch)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from gik_desk.model import Finding
from gik_desk.model.review import ReportState, ReviewStatus
from gik_desk.ui import settings as cfg
from gik_desk.ui.dialogs import review_dialogs
from gik_desk.ui.models.batch_model import COL_PROGRESS
from gik_desk.ui.models.findings_model import (
    COL_REPORT,
    COL_RULE,
    REVIEW_MINE,
    REVIEW_NOTED,
    REVIEW_UNSEEN,
)
from gik_desk.ui.views.findings_view import SCOPE_REPORT
from tests.ui.conftest import REVIEWER, TIANQIAO

BODY = "济南市天桥区人民政府"


def _report(batch, year: int):  # type: ignore[no-untyped-def]
    return next(r for r in batch.reports if r.year == year and r.agency == BODY)


def _finding(batch, year: int, rule: str) -> Finding:  # type: ignore[no-untyped-def]
    return next(f for f in batch.findings_for(_report(batch, year).id) if f.rule == rule)


@pytest.fixture
def shanghai(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's clock in Beijing time (TZ + tzset), restored after the test."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _progress_text(window, report_id: str) -> str:  # type: ignore[no-untyped-def]
    model = window.batch_model
    first = model.itemFromIndex(model.index_of_report(report_id))
    return first.parent().child(first.row(), COL_PROGRESS).text()


def _body_progress_text(window) -> str:  # type: ignore[no-untyped-def]
    model = window.batch_model
    for row in range(model.rowCount()):
        if model.item(row, 0).text() == BODY:
            return model.item(row, COL_PROGRESS).text()
    raise AssertionError("no Tianqiao row")


# ---- who and when ------------------------------------------------------------------------------
def test_a_status_change_shows_the_reviewer_and_local_time_in_the_history(
    qtbot, window, seed_batch, shanghai
) -> None:
    window.set_batch(seed_batch)
    f = _finding(seed_batch, 2021, "APP-ROW")
    window.selection.choose_finding(f)
    assert window.detail_view.history.count() == 0
    window.action("finding.status.2").trigger()
    event = [e for e in window.session.workspace.events() if e.action == "set_status"][-1]
    assert event.who == REVIEWER  # the setting's name, not the login
    assert event.time.endswith("+08:00")  # written in the machine's (Beijing) time
    shown = window.detail_view.history.item(0).text()
    wall = datetime.fromisoformat(event.time).astimezone(ZoneInfo("Asia/Shanghai"))
    assert shown == f"{wall:%Y-%m-%d %H:%M}  王审核  状态：待核实 → 已确认"
    assert window.detail_view.tabs.tabText(1) == "历史"


def test_local_time_is_the_machines_wall_clock(shanghai) -> None:
    from gik_desk.services import local_time

    assert local_time("2026-12-02T10:30:00+00:00") == "2026-12-02 18:30"
    assert local_time("2026-12-02T18:30:05+08:00") == "2026-12-02 18:30"


def test_the_reviewer_is_asked_once_prefilled_and_can_be_changed(
    qtbot, window, seed_batch, monkeypatch
) -> None:
    window.settings.set(cfg.REVIEWER, "")
    window.set_batch(seed_batch)
    asked: list[str] = []

    def ask(_parent, current: str = "") -> str:  # type: ignore[no-untyped-def]
        asked.append(current)
        return "李组长"

    monkeypatch.setattr(review_dialogs, "ask_reviewer", ask)
    f = _finding(seed_batch, 2021, "APP-ROW")
    window.selection.choose_finding(f)
    window.action("finding.status.2").trigger()
    window.action("finding.status.4").trigger()
    assert asked == [""]  # once; the dialog itself fills in the login
    assert window.settings.get(cfg.REVIEWER) == "李组长"
    ws = window.session.workspace
    assert [e.who for e in ws.events() if e.action == "set_status"] == ["李组长", "李组长"]
    monkeypatch.setattr(review_dialogs, "ask_reviewer", lambda _p, _c="": "赵审核")
    window.action("settings.reviewer").trigger()
    window.action("finding.status.2").trigger()
    assert ws.events()[-1].who == "赵审核"
    assert ws.review(f.key).reviewer == "赵审核"


def test_the_reviewer_dialog_offers_the_login(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(review_dialogs, "login_name", lambda: "root")
    dialog = review_dialogs.ReviewerDialog(None, "")
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "root"
    dialog.name.setText("  ")
    assert not dialog.ok.isEnabled()


# ---- reasons -----------------------------------------------------------------------------------
def test_dismissed_is_refused_without_a_reason(qtbot, window, seed_batch, monkeypatch) -> None:
    window.set_batch(seed_batch)
    f = _finding(seed_batch, 2021, "APP-ROW")
    window.selection.choose_finding(f)
    ws = window.session.workspace
    monkeypatch.setattr(review_dialogs, "ask_reason", lambda *_a: None)  # cancelled
    window.action("finding.status.3").trigger()
    assert ws.review(f.key).status is ReviewStatus.PENDING
    assert "未说明理由" in window.status_label.text()
    # the core refuses too, whatever the face
    assert window.session.set_status([f.key], ReviewStatus.DISMISSED) is False
    assert "须说明理由" in window.status_label.text()
    assert ws.review(f.key).status is ReviewStatus.PENDING

    monkeypatch.setattr(review_dialogs, "ask_reason", lambda *_a: "原表如此，已电话核实")
    window.action("finding.status.3").trigger()
    review = ws.review(f.key)
    assert (review.status, review.note) == (ReviewStatus.DISMISSED, "原表如此，已电话核实")
    assert window.detail_view.note.toPlainText() == "原表如此，已电话核实"
    window.session.set_note(f.key, "")  # clearing the reason is refused
    assert ws.review(f.key).note == "原表如此，已电话核实"
    window.action("edit.undo").trigger()  # reason and status were one step
    review = ws.review(f.key)
    assert (review.status, review.note) == (ReviewStatus.PENDING, "")


def test_a_finding_with_a_note_needs_no_dialog(qtbot, window, seed_batch, monkeypatch) -> None:
    window.set_batch(seed_batch)
    f = _finding(seed_batch, 2021, "APP-ROW")
    window.selection.choose_finding(f)
    window.session.set_note(f.key, "正文已说明")

    def never(*_a: object) -> str:
        raise AssertionError("asked for a reason the note already gives")

    monkeypatch.setattr(review_dialogs, "ask_reason", never)
    window.action("finding.status.5").trigger()
    assert window.session.workspace.review(f.key).status is ReviewStatus.EXCEPTION


def test_the_reason_dialog_will_not_take_a_blank(qtbot) -> None:
    dialog = review_dialogs.ReasonDialog(None, "已排除(误报)", 1)
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()
    dialog.text.setPlainText("   ")
    assert not dialog.ok.isEnabled()
    dialog.text.setPlainText("误报")
    assert dialog.ok.isEnabled()


# ---- sign-off and progress ---------------------------------------------------------------------
def test_sign_off_and_progress_counts(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    r2021, r2017 = _report(seed_batch, 2021), _report(seed_batch, 2017)
    assert _progress_text(window, r2021.id) == "0/3"
    assert _body_progress_text(window) == "0/19"
    assert window.batch_view.progress.text() == "已审 0 个问题，共 25 个；已完成 0/19 份报告"

    window.selection.choose_finding(_finding(seed_batch, 2021, "APP-ROW"))
    window.action("finding.status.2").trigger()
    assert _progress_text(window, r2021.id) == "1/3"
    window.action("report.state.in_progress").trigger()
    assert _progress_text(window, r2021.id) == "◐ 1/3"
    assert _body_progress_text(window) == "1/19"

    window.selection.choose_report(r2017.id)  # no findings at all: it can still be signed off
    window.action("report.state.done").trigger()
    assert window.session.report_state(r2017) is ReportState.DONE
    assert _progress_text(window, r2017.id) == "✓ 0/0"
    assert window.batch_view.progress.text() == "已审 1 个问题，共 25 个；已完成 1/19 份报告"
    window.action("edit.undo").trigger()
    assert window.session.report_state(r2017) is ReportState.NOT_STARTED
    assert _progress_text(window, r2017.id) == "0/0"


# ---- filters -----------------------------------------------------------------------------------
def test_filters_noted_mine_and_unseen(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    fv, proxy = window.findings_view, window.findings_proxy
    fv.set_scope(1)
    row, results = _finding(seed_batch, 2021, "APP-ROW"), _finding(seed_batch, 2021, "APP-RESULTS")
    window.selection.choose_finding(row)
    window.session.set_note(row.key, "总计应为3")
    window.selection.choose_finding(results)
    window.session.workspace.apply(
        window.session.workspace.status_action([results.key], ReviewStatus.CONFIRMED), who="他人"
    )
    window.findings_model.set_reviews(window.session.reviews())

    def shown() -> set[str]:
        return {proxy.finding(i).key for i in range(proxy.rowCount())}

    fv.review.setCurrentIndex(fv.review.findData(REVIEW_NOTED))
    assert shown() == {row.key}
    fv.review.setCurrentIndex(fv.review.findData(REVIEW_MINE))
    assert shown() == {row.key}  # the other reviewer's status change is not mine
    fv.review.setCurrentIndex(fv.review.findData(REVIEW_UNSEEN))
    assert len(shown()) == 25 - 2
    assert not shown() & {row.key, results.key}


# ---- Chinese on screen -------------------------------------------------------------------------
def test_rule_titles_in_the_list_and_the_filter(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    f = _finding(seed_batch, 2021, "APP-ROW")
    window.selection.choose_finding(f)
    proxy = window.findings_proxy
    row = proxy.row_of(f)
    assert proxy.index(row, COL_RULE).data() == "表三行合计不符"
    assert proxy.index(row, COL_RULE).data(Qt.ItemDataRole.ToolTipRole) == "规则编号：APP-ROW"
    assert proxy.index(row, COL_REPORT).data() == "济南市天桥区 2021年"
    combo = window.findings_view.rule
    i = combo.findData("APP-ROW")
    assert combo.itemText(i) == "表三行合计不符"
    assert combo.itemData(i, Qt.ItemDataRole.ToolTipRole) == "规则编号：APP-ROW"
    assert combo.findText("APP-ROW") < 0
    assert "表三行合计不符" in window.detail_view.title.text()
    statuses = window.findings_view.status
    assert [statuses.itemText(i) for i in range(1, statuses.count())] == [
        "待核实", "已确认", "已排除(误报)", "需整改", "例外(已说明)"
    ]  # fmt: skip


def test_menus_have_mnemonics(qtbot, window) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "视图(&V)", "审核(&R)", "设置(&S)", "帮助(&H)"]


# ---- keyboard ----------------------------------------------------------------------------------
def test_tab_reaches_every_pane(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    window.selection.choose_finding(_finding(seed_batch, 2021, "APP-ROW"))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.findings_view.table.setFocus()
    qtbot.waitUntil(lambda: window.findings_view.table.hasFocus())
    panes = {
        "batch": window.batch_view,
        "source": window.source_view,
        "tables": window.tables_view,
        "findings": window.findings_view.table,
        "detail": window.detail_view,
    }
    reached: set[str] = set()
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        w = QApplication.focusWidget()
        for name, pane in panes.items():
            if w is pane or pane.isAncestorOf(w):
                reached.add(name)
        if reached == set(panes):
            break
    assert reached == set(panes)


def test_f8_after_a_reports_last_finding_goes_to_the_next_reports_first(
    qtbot, window, seed_batch
) -> None:
    window.set_batch(seed_batch)
    window.findings_view.set_scope(SCOPE_REPORT)
    window.selection.choose_finding(_finding(seed_batch, 2021, "TPL-LABEL"))  # its last
    qtbot.keyClick(window.findings_view.table, Qt.Key.Key_F8)
    assert window.selection.report.id == _report(seed_batch, 2020).id
    assert window.selection.finding == seed_batch.findings_for(_report(seed_batch, 2020).id)[0]
    qtbot.keyClick(window.findings_view.table, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.selection.finding == _finding(seed_batch, 2021, "TPL-LABEL")
    # 2018's only finding, then 2017 … 2008 hold none: the next body's first
    window.selection.choose_finding(_finding(seed_batch, 2018, "TEXT-SUM"))
    window.action("finding.next").trigger()
    assert window.selection.report.agency == "东胜区行政审批政务服务与数据管理局"
    assert window.selection.finding.rule == "APP-CARRY"


def test_a_cell_annotation_is_anchored_to_the_cell(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    report = _report(seed_batch, 2021)
    window.selection.choose_report(report.id)
    view = window.tables_view.views["applications"]
    model = window.tables_view.models["applications"]
    view.setCurrentIndex(model.index_of("other.no_supplement", "total"))
    assert window.selection.cell is not None
    assert window.action("annotation.add_cell") in view.actions()  # its context menu
    window.review.add_cell_annotation(note="总计应为3")
    (a,) = window.session.annotations(report)
    assert a.cell == "applications/other.no_supplement/total"
    assert a.note == "总计应为3"
    cell = report.tables["applications"].cell("other.no_supplement", "total")
    assert (a.start, a.end) == (cell.span.start, cell.span.end)
    assert a.exact == "1"  # the printed total, keyed from the seed


def test_a_dashboard_click_selects_its_first_finding(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    window.apply_dashboard_filter({"rule": "APP-ROW", "severity": "error"})
    first = window.findings_proxy.finding(0)
    assert first is not None
    assert first.rule == "APP-ROW"
    assert window.selection.finding == first
    assert window.findings_view.table.currentIndex().row() == 0


# ---- a 1366×768 screen -------------------------------------------------------------------------
def test_at_1366x768_the_suggested_correction_is_in_view(qtbot, window, seed_batch) -> None:
    window.resize(1366, 768)
    window.set_batch(seed_batch)
    window.selection.choose_finding(_finding(seed_batch, 2021, "APP-ROW"))
    QApplication.processEvents()
    label = window.detail_view.suggestion
    assert label.isVisible()
    assert label.text().startswith("建议更正：")
    assert label.text().endswith("1 → 3")  # the printed 总计 1, the sum 3
    assert label.visibleRegion().boundingRect().size() == label.size()  # not clipped
    top_left = label.mapTo(window, QPoint(0, 0))
    assert window.rect().contains(QRect(top_left, label.size()))


def test_the_first_window_fits_the_available_screen(qtbot) -> None:
    from gik_desk.ui.main_window import MainWindow
    from gik_desk.ui.review_controller import fit_rect

    assert fit_rect(QRect(-50, 20, 1500, 950), QRect(0, 0, 1366, 728)) == QRect(0, 0, 1366, 728)
    assert fit_rect(QRect(900, 500, 800, 600), QRect(0, 0, 1366, 728)) == QRect(566, 128, 800, 600)
    settings = cfg.Settings()
    big = MainWindow()
    qtbot.addWidget(big)
    big.setGeometry(QRect(2000, 1200, 2400, 1500))  # saved on a larger, second screen
    settings.set(cfg.GEOMETRY, bytes(big.saveGeometry().data()))
    settings.sync()
    win = MainWindow()
    qtbot.addWidget(win)
    available = win.screen().availableGeometry()
    assert available.contains(win.geometry())


_LAPTOP = """
import sys
from PySide6.QtWidgets import QApplication
from gik_desk.ui.app import application
app = application()
from gik_desk.services import audit_paths
from gik_desk.ui.main_window import MainWindow
win = MainWindow()
win.show()
batch = audit_paths([sys.argv[1]], workers=1)
win.set_batch(batch)
report = next(r for r in batch.reports if r.year == 2021)
win.selection.choose_finding(next(f for f in batch.findings_for(report.id) if f.rule == "APP-ROW"))
QApplication.processEvents()
label = win.detail_view.suggestion
seen = label.visibleRegion().boundingRect().size() == label.size() and label.isVisible()
available = win.screen().availableGeometry()
print("|".join(map(str, (available.width(), available.height(),
      available.contains(win.frameGeometry()), seen, label.text()))))
"""


def test_on_a_1366x768_screen_the_first_window_fits_and_shows_the_correction(
    tmp_path: Path,
) -> None:
    """A real 1366×768 screen (the offscreen platform's screen configuration), no saved size:
    the window opens inside it and the suggested correction is in view, not clipped."""
    import json
    import os
    import subprocess
    import sys

    screens = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}  # fmt: skip
    conf = tmp_path / "screen.json"
    conf.write_text(json.dumps(screens), "utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={conf}",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "GIK_DESK_DATA_DIR": str(tmp_path / "data"),
    }
    out = subprocess.run(
        [sys.executable, "-c", _LAPTOP, str(TIANQIAO)],
        env=env, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-2000:]
    width, height, fits, seen, text = out.stdout.strip().splitlines()[-1].split("|")
    assert (width, height) == ("1366", "768")  # the screen really is a laptop's
    assert (fits, seen) == ("True", "True")
    assert text.startswith("建议更正：")
