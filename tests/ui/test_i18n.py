"""The window is Chinese by default, whatever the locale, and English only when asked for."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from gik_desk.ui import settings as cfg
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


class _EnglishSystemLocale:
    """An English machine: what ``QLocale.system()`` answers there (the old code asked it)."""

    Language = QLocale.Language

    @staticmethod
    def system() -> QLocale:
        return QLocale(QLocale.Language.English, QLocale.Territory.UnitedStates)


def _start(monkeypatch: pytest.MonkeyPatch, args: list[str], tmp_path: Path) -> dict[str, str]:
    """Run ``gik-desk`` (``app.main``) up to the shown window; return what its widgets say."""
    from gik_desk.ui import app as app_module

    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    monkeypatch.setattr(app_module, "QLocale", _EnglishSystemLocale, raising=False)
    seen: dict[str, str] = {}

    def capture(window: MainWindow, _files: list[Path], _out: Path) -> int:
        seen["open"] = window.action("file.open").text()
        seen["table3"] = window.tables_view.tabText(1)
        seen["cancel"] = window.cancel_button.text()
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(app_module, "screenshot", capture)
    assert app_module.main(["--screenshot", str(tmp_path / "x.png"), *args]) == 0
    return seen


@pytest.fixture
def back_to_chinese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    yield
    install_translations(qapp, "zh_CN")


def test_an_english_machine_opens_in_chinese(
    qtbot, back_to_chinese, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen = _start(monkeypatch, [], tmp_path)
    assert seen == {"open": "打开文件…", "table3": "表三 申请", "cancel": "取消"}


def test_lang_en_on_the_command_line_opens_in_english(
    qtbot, back_to_chinese, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen = _start(monkeypatch, ["--lang", "en"], tmp_path)
    assert seen["open"] == "Open Files…"
    assert seen["table3"] == "Table 3 Requests"


def test_the_language_setting_en_opens_in_english_and_lang_overrides_it(
    qtbot, back_to_chinese, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = cfg.Settings()
    settings.set(cfg.LANGUAGE, "en")
    settings.sync()
    assert _start(monkeypatch, [], tmp_path)["open"] == "Open Files…"
    assert _start(monkeypatch, ["--lang", "zh_CN"], tmp_path)["open"] == "打开文件…"


def test_file_handlers_moved_out_of_the_window_keep_their_english(qtbot, english) -> None:
    """main_window_files.py translates in the MainWindow context the .ts file already holds."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.files.on_job_cancelled()  # a load stopped by the reviewer
    assert win.status_label.text() == "Cancelled."
    win.files.export_workbook(current_only=False)  # no batch yet
    assert win.status_label.text() != "没有可导出的报告。"
    assert all(not ("\u4e00" <= ch <= "\u9fff") for ch in win.status_label.text())
