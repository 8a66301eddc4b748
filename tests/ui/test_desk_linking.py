"""One selection drives every pane — regression on the seed Tianqiao 2021, 表三 (六)其他处理 1.

Expected values (row/column labels, line and column of the digits) are keyed by hand in
tests/ui/data/desk_expected.json from tests/data/seeds/001_711b86d480afee15.txt.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from gik_desk.model import CellRef, Finding, Report
from gik_desk.ui.dialogs.open_dialog import OpenDialog
from gik_desk.ui.models.batch_model import ReportIdRole
from gik_desk.ui.models.findings_model import FindingRole
from gik_desk.ui.models.table_model import CellRefRole
from tests.ui.conftest import SEED_FILES, TIANQIAO


def _offset(line: int, col: int) -> int:
    """Code-point offset of (1-based line, 0-based column) in the seed, counted independently."""
    lines = TIANQIAO.read_text(encoding="utf-8").split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + col


def _line(line: int) -> str:
    return TIANQIAO.read_text(encoding="utf-8").split("\n")[line - 1]


def _choose_report_in_tree(window, agency: str, year: int) -> Report:  # type: ignore[no-untyped-def]
    tree, proxy = window.batch_view.tree, window.batch_view.proxy
    for g in range(proxy.rowCount()):
        group = proxy.index(g, 0)
        if group.data() != agency:
            continue
        for r in range(proxy.rowCount(group)):
            child = proxy.index(r, 0, group)
            if child.data() == f"{year}年":
                tree.setCurrentIndex(child)
                report = window.selection.report
                assert report is not None
                assert report.id == child.data(ReportIdRole)
                return report
    raise AssertionError(f"{agency} {year} not in the tree")


def _choose_finding_in_list(window, rule: str) -> Finding:  # type: ignore[no-untyped-def]
    view = window.findings_view.table
    proxy = window.findings_proxy
    for row in range(proxy.rowCount()):
        if proxy.finding(row).rule == rule:  # column 1 shows the Chinese title
            view.setCurrentIndex(proxy.index(row, 0))
            chosen = window.selection.finding
            assert chosen is not None
            assert chosen.rule == rule
            return chosen
    raise AssertionError(f"no {rule} finding listed")


def _click_cell(qtbot, window, table: str, index: QModelIndex) -> None:  # type: ignore[no-untyped-def]
    view = window.tables_view.views[table]
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def test_open_seeds_then_app_row_links_cell_and_text_tianqiao_2021(
    qtbot, window, monkeypatch, expected
) -> None:
    exp = expected["tianqiao_2021"]
    monkeypatch.setattr(OpenDialog, "ask", staticmethod(lambda *a, **k: list(SEED_FILES)))
    with qtbot.waitSignal(window.runner.finished, timeout=240_000):
        window.action("file.open").trigger()
    assert QApplication.activeModalWidget() is None

    report = _choose_report_in_tree(window, exp["agency"], exp["year"])
    assert report.year == 2021
    finding = _choose_finding_in_list(window, "APP-ROW")

    # the table view's current cell is (六)其他处理 1. / 总计
    view = window.tables_view.views["applications"]
    assert window.tables_view.currentWidget() is view
    current = view.currentIndex()
    assert current.data(CellRefRole) == CellRef(**exp["app_row_cell"])
    model = view.model()
    assert model.headerData(current.row(), Qt.Orientation.Vertical) == exp["row_header"]
    assert model.headerData(current.column(), Qt.Orientation.Horizontal) == exp["col_header"]
    assert current.data() == exp["total_cell"]["table_shows"]
    assert "建议更正为 3" in current.data(Qt.ItemDataRole.ToolTipRole)
    assert finding.cells[0] == CellRef(**exp["app_row_cell"])
    # ... and the text pane scrolled to the finding, selecting the digits of its first cell
    chosen_text = window.source_view.text.textCursor()
    assert chosen_text.selectedText() == exp["total_cell"]["text"]
    assert chosen_text.block().text() == _line(exp["total_cell"]["line"])

    # another cell of the row, then the total cell: the text selects the digits each was read from
    text = window.source_view.text
    natural = model.index(current.row(), 0)
    _click_cell(qtbot, window, "applications", natural)
    assert text.textCursor().selectedText() == exp["natural_cell"]["text"]
    _click_cell(qtbot, window, "applications", current)
    cursor = text.textCursor()
    assert cursor.selectedText() == exp["total_cell"]["text"]
    cell = exp["total_cell"]
    assert window.source_view.to_offset(cursor.selectionStart()) == _offset(
        cell["line"], cell["col"]
    )
    assert cursor.block().text() == _line(cell["line"])
    block_start = cursor.block().position()
    assert cursor.selectionStart() - block_start == cell["col"]  # no astral chars on this line
    assert window.selection.finding == finding  # choosing a cell keeps the finding

    # a click on the highlighted 344 of (七)总计 chooses the APP-RESULTS finding
    target = exp["results_total"]
    pos = window.source_view.to_qt(_offset(target["line"], target["col"]) + 1)
    probe = QTextCursor(text.document())
    probe.setPosition(pos)
    text.setTextCursor(probe)
    text.ensureCursorVisible()
    rect = text.cursorRect(probe)
    qtbot.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    chosen = window.selection.finding
    assert chosen is not None
    assert chosen.rule == target["rule"]
    listed = window.findings_view.table.currentIndex().data(FindingRole)
    assert listed == chosen
    assert window.detail_view.finding() == chosen


def test_next_and_previous_finding_and_report_by_action(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    first_report = window.selection.report
    window.findings_view.set_scope(1)
    window.action("finding.next").trigger()
    first = window.selection.finding
    assert first is not None
    window.action("finding.next").trigger()
    second = window.selection.finding
    assert second is not None
    assert second != first
    assert window.findings_view.table.currentIndex().row() == 1
    window.action("finding.prev").trigger()
    assert window.selection.finding == first
    window.findings_view.set_scope(0)
    ids = window.batch_model.report_ids()
    window.selection.choose_report(ids[0])
    window.action("report.next").trigger()
    assert window.selection.report.id == ids[1]
    window.action("report.prev").trigger()
    assert window.selection.report.id == ids[0]
    assert first_report is not None


def test_findings_filter_by_severity_rule_and_text(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    fv = window.findings_view
    fv.set_scope(1)
    total = window.findings_proxy.rowCount()
    assert total == len(seed_batch.findings)
    fv.severity.setCurrentIndex(fv.severity.findText("错误"))
    errors = [f for f in seed_batch.findings if f.severity.value == "error"]
    assert window.findings_proxy.rowCount() == len(errors)
    fv.severity.setCurrentIndex(0)
    fv.set_rule("APP-ROW")
    rows = [window.findings_proxy.finding(r) for r in range(window.findings_proxy.rowCount())]
    assert rows
    assert all(f.rule == "APP-ROW" for f in rows)
    fv.set_rule("")
    fv.rule.setCurrentIndex(0)
    fv.search.setText("(六)其他处理")
    assert 0 < window.findings_proxy.rowCount() < total


def test_dashboard_filter_request_filters_findings(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    assert window.dashboard is not None  # the 批次概览 tab is wired when dashboard.py exists
    window.dashboard.filter_requested.emit({"rule": "APP-ROW"})
    proxy = window.findings_proxy
    assert proxy.rowCount() == sum(1 for f in seed_batch.findings if f.rule == "APP-ROW")
    tianqiao = next(r for r in seed_batch.reports if r.year == 2021 and r.agency_key)
    window.findings_view.set_rule("")
    window.findings_view.rule.setCurrentIndex(0)
    window.apply_dashboard_filter({"agency_key": tianqiao.agency_key, "year": 2021})
    listed = [proxy.finding(r) for r in range(proxy.rowCount())]
    assert listed
    assert all(f.report_id == tianqiao.id for f in listed)


def test_year_over_year_finding_jumps_to_related_report(qtbot, window, seed_batch) -> None:
    related = [f for f in seed_batch.findings if f.related_report_id]
    window.set_batch(seed_batch)
    if not related:
        # the seeds carry no year-over-year finding with a related report: use a copy of one
        from dataclasses import replace

        other = next(r for r in seed_batch.reports if r.id != seed_batch.findings[0].report_id)
        related = [replace(seed_batch.findings[0], related_report_id=other.id)]
        window.batch.findings = [*seed_batch.findings[1:], related[0]]
        window.set_batch(window.batch)
    f = related[0]
    window.selection.choose_finding(f)
    assert window.detail_view.related.isVisibleTo(window)
    window.action("finding.related").trigger()
    assert window.selection.report.id == f.related_report_id


def test_drop_files_loads_them(qtbot, window) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(TIANQIAO))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.runner.finished, timeout=120_000):
        window.dropEvent(event)
    assert len(window.batch.reports) == 15
    assert {r.year for r in window.batch.reports} == set(range(2008, 2023))


def test_source_paths_recorded_in_recent_files(qtbot, window, monkeypatch) -> None:
    from gik_desk.ui import settings as cfg

    monkeypatch.setattr(OpenDialog, "ask", staticmethod(lambda *a, **k: [TIANQIAO]))
    with qtbot.waitSignal(window.runner.finished, timeout=120_000):
        window.action("file.open").trigger()
    assert cfg.Settings().get(cfg.RECENT_FILES)[0] == str(TIANQIAO)
    assert Path(cfg.Settings().path).is_relative_to(cfg.config_dir())


def test_single_keys_move_and_set_status(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    window.findings_view.set_scope(1)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    table = window.findings_view.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_N)
    first = window.selection.finding
    assert first is not None
    qtbot.keyClick(table, Qt.Key.Key_F8)
    assert window.selection.finding != first
    qtbot.keyClick(table, Qt.Key.Key_P)
    assert window.selection.finding == first
    qtbot.keyClick(table, Qt.Key.Key_2)
    assert window.session.workspace.review(first.key).status.label == "已确认"
