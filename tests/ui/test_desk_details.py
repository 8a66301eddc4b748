"""Issue 24's smaller desk fixes, each on the real widgets: the letters' folder defaults to the
workspace's folder; every file dialog speaks the UI's language (Qt's own dialog); Ctrl+Enter
gives a reason; a workspace is a .gikdb file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QPushButton,
    QToolButton,
    QTreeView,
    QWidget,
)

from gik_desk.ui import settings as cfg
from gik_desk.ui.dialogs.open_dialog import ExportDialog, OpenDialog, WorkspaceDialog
from gik_desk.ui.letters import LettersDialog


def test_letters_default_to_the_workspaces_folder(window, seed_batch, monkeypatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    window.settings.set(cfg.LAST_DIR, str(tmp_path / "opened" / "elsewhere"))
    window.set_batch(seed_batch)
    offered: list[str] = []

    def fake_ask(_parent, _chosen, folder, _letterhead, _office):  # type: ignore[no-untyped-def]
        offered.append(folder)
        # None: the reviewer cancelled

    monkeypatch.setattr(LettersDialog, "ask", staticmethod(fake_ask))
    window.action("review.letters").trigger()
    assert offered == [str(tmp_path / "审核意见")]  # the window fixture's review.gikdb is here


# ---- file dialogs in the UI's language -----------------------------------------------------------
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[A-Za-z]{2,}")
# names that are the same in both languages: the product, file kinds, patterns, paths
_SAME = re.compile(r"GIK Desk|Excel|Word|PNG|\([^)]*\)|\*\.\w+|/[^\s]*")


def _said(dialog: QFileDialog) -> list[str]:
    """Every label, button, tooltip, file type and column title the dialog shows."""
    texts = [dialog.windowTitle()]
    texts += [w.text() for w in dialog.findChildren(QLabel) if w.isVisible()]
    texts += [w.text() for w in dialog.findChildren(QPushButton) if w.isVisible()]
    texts += [w.toolTip() for w in dialog.findChildren(QToolButton) if w.isVisible()]
    for box in dialog.findChildren(QComboBox):
        if box.objectName() == "fileTypeCombo":
            texts += [box.itemText(i) for i in range(box.count())]
    for tree in dialog.findChildren(QTreeView):
        if tree.isVisible():
            model = tree.model()
            n = model.columnCount()
            texts += [str(model.headerData(i, Qt.Orientation.Horizontal)) for i in range(n)]
    return [t for t in texts if t]


def _open_each_dialog(qtbot, parent: QWidget) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Each of the desk's file dialogs opened as the desk opens it, read, then cancelled."""
    from gik_desk.ui.letters import LettersDialog
    from gik_desk.ui.views.dashboard import ask_png_path

    seen: dict[str, list[str]] = {}

    def read(name: str) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog), name
        seen[name] = _said(dialog)
        dialog.reject()

    letters = LettersDialog(parent, [], "", "", "")
    openers = {
        "open files": lambda: OpenDialog.ask(parent),
        "open folder": lambda: OpenDialog.ask(parent, folder=True),
        "open workspace": lambda: WorkspaceDialog.ask(parent),
        "new workspace": lambda: WorkspaceDialog.ask(parent, save=True),
        "export": lambda: ExportDialog.ask(parent, "审核表.xlsx"),
        "letters folder": letters._browse,
        "chart png": lambda: ask_png_path(parent),
    }
    for name, opener in openers.items():
        QTimer.singleShot(300, lambda name=name: read(name))
        opener()
    letters.deleteLater()
    return seen


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_each_file_dialog_speaks_the_ui_language(qtbot, qapp, language: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    from gik_desk.ui.app import install_translations

    assert install_translations(qapp, language) == language
    try:
        parent = QWidget()
        qtbot.addWidget(parent)
        seen = _open_each_dialog(qtbot, parent)
    finally:
        install_translations(qapp, "zh_CN")
    assert len(seen) == 7
    for name, texts in seen.items():
        assert texts, name
        for text in texts:
            rest = _SAME.sub("", text)
            if language == "en":
                assert not _CJK.search(rest), (name, text)
            else:
                assert not _WORD.search(rest), (name, text)


# ---- the reason dialog and the workspace's name ------------------------------------------------
def test_ctrl_enter_gives_the_reason(qtbot) -> None:  # type: ignore[no-untyped-def]
    from gik_desk.ui.dialogs.review_dialogs import ReasonDialog

    dialog = ReasonDialog(None, "已排除(误报)", 1)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.text.setFocus()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()  # nothing typed: nothing to give
    dialog.text.insertPlainText("表格本身无误")  # as typing does (keyClicks is ASCII only)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)  # a plain Enter: a new line
    assert dialog.isVisible()
    dialog.text.insertPlainText("见原件")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.text.toPlainText() == "表格本身无误\n见原件"


def test_a_workspace_is_named_gikdb_and_other_suffixes_are_refused(
    monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from gik_desk.ui.dialogs import open_dialog

    warned: list[str] = []
    monkeypatch.setattr(
        open_dialog.QMessageBox, "warning", lambda _p, _t, text: warned.append(text)
    )
    for typed, wanted in (
        ("审核2024", tmp_path / "审核2024.gikdb"),
        ("审核2024.gikdb", tmp_path / "审核2024.gikdb"),
        ("审核2024.GIKDB", tmp_path / "审核2024.GIKDB"),
        ("审核2024.xlsx", None),
        ("审核.2024.db", None),
    ):
        monkeypatch.setattr(
            open_dialog.QFileDialog,
            "getSaveFileName",
            lambda *_a, typed=typed: (str(tmp_path / typed), ""),
        )
        assert WorkspaceDialog.ask(None, str(tmp_path), save=True) == wanted, typed
    assert len(warned) == 2
    assert "审核2024.xlsx" in warned[0]
    assert ".gikdb" in warned[0]


def test_qts_missing_chinese_labels_leave_every_other_string_alone(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    from gik_desk.ui.app import install_translations

    install_translations(qapp, "zh_CN")
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："  # Qt's own
    assert QCoreApplication.translate("Nowhere", "未译的话") == "未译的话"


# ---- the tree: a body's name shows its reports; a click selects the row clicked ------------------
def _rows(tree: QTreeView) -> list[str]:
    model, out = tree.model(), []
    for g in range(model.rowCount()):
        body = model.index(g, 0)
        out.append(body.data())
        out += [f"  {model.index(r, 0, body).data()}" for r in range(model.rowCount(body))]
    return out


def test_a_body_name_filter_shows_the_body_with_its_years(window, seed_batch) -> None:  # type: ignore[no-untyped-def]
    window.set_batch(seed_batch)
    window.batch_view.filter.setText("铁岭")
    assert _rows(window.batch_view.tree) == ["铁岭市营商环境建设局", "  2023年"]
    window.batch_view.filter.setText("天桥区人民政府")
    rows = _rows(window.batch_view.tree)
    assert rows[0] == "济南市天桥区人民政府"
    assert len(rows) == 1 + 15  # seed 001: Tianqiao 2008 to 2022
    window.batch_view.filter.setText("2021")  # a year still finds the year's reports
    assert "  2021年" in _rows(window.batch_view.tree)


def test_a_click_near_the_trees_foot_selects_the_row_clicked(qtbot, window, seed_batch) -> None:  # type: ignore[no-untyped-def]
    from gik_desk.ui.models.batch_model import ReportIdRole

    window.set_batch(seed_batch)
    tree = window.batch_view.tree
    window.splitter.setSizes([tree.sizeHintForRow(0) * 8, 10_000])  # a short tree
    QApplication.processEvents()
    viewport = tree.viewport()
    row_h = tree.sizeHintForRow(0)
    cut = viewport.height() % row_h
    if not row_h // 4 <= cut <= row_h - row_h // 4:  # rows fit the foot (another font): cut one
        top, rest = window.splitter.sizes()[:2]
        window.splitter.setSizes([top + row_h // 2, rest - row_h // 2])
        QApplication.processEvents()
    y = viewport.height() - 3
    bar = tree.verticalScrollBar()
    for value in range(bar.maximum() + 1):  # a report row cut by the tree's foot
        bar.setValue(value)
        target = tree.indexAt(QPoint(20, y))
        if target.data(ReportIdRole) and tree.visualRect(target).bottom() > viewport.height():
            break
    else:
        raise AssertionError("no report row is cut by the tree's foot")
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(20, y))
    chosen = target.data(ReportIdRole)
    assert window.selection.report is not None
    assert window.selection.report.id == chosen
    selected = {i.siblingAtColumn(0) for i in tree.selectionModel().selectedIndexes()}
    assert [i.data(ReportIdRole) for i in selected] == [chosen]
    assert tree.currentIndex().siblingAtColumn(0).data(ReportIdRole) == chosen


# ---- the dashboard counts what the window counts, after every load ------------------------------
def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def test_the_dashboard_in_view_follows_each_load(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import SEED_FILES, TIANQIAO

    window.main_tabs.setCurrentIndex(1)  # 批次概览 open while files load
    summary = window.dashboard.summary
    with qtbot.waitSignal(window.runner.finished, timeout=240_000):
        window.load_paths([TIANQIAO])
    first = _numbers(summary.text())
    assert first[0] == 15  # seed 001: Tianqiao 2008 to 2022
    progress = _numbers(window.batch_view.progress.text())  # 已审 0 个问题，共 N 个；已完成 0/15
    assert first == [progress[3], progress[1]]
    with qtbot.waitSignal(window.runner.finished, timeout=240_000):
        window.load_paths([p for p in SEED_FILES if p != TIANQIAO])
    assert summary.text() == "报告 19 份 · 问题 25 条"  # the five seeds
    assert "共 25 个" in window.batch_view.progress.text()
