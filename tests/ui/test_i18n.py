"""The window is Chinese by default and English through gik_desk_en.qm."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication

from gik_desk.ui.app import install_translations
from gik_desk.ui.main_window import MainWindow


@pytest.fixture
def english(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    assert install_translations(qapp, "en") == "en"
    yield
    install_translations(qapp, "zh_CN")


def test_english_translation_names_actions_and_tabs(qtbot, english) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.action("file.open").text() == "Open Files…"
    assert win.action("finding.next").text() == "Next Finding"
    assert win.tables_view.tabText(1) == "Table 3 Requests"
    assert [
        m.title()
        for m in win.menuBar().findChildren(type(win.recent_files_menu))
        if m.parent() is win.menuBar()
    ][:2] == ["&File", "&Edit"]


def test_chinese_is_the_default_and_qt_dialogs_are_chinese(qtbot, qapp) -> None:
    assert install_translations(qapp, "zh_CN") == "zh_CN"
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.action("file.open").text() == "打开文件…"
    assert win.tables_view.tabText(1) == "表三 申请"
    # qtbase_zh_CN.qm: Qt's own buttons speak Chinese
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
