"""The window is Chinese by default, whatever the locale, and English only when asked for."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QMenu, QTabWidget, QWidget

from gik_desk.model.review import ReviewStatus
from gik_desk.ui import settings as cfg
from gik_desk.ui.actions import SPECS
from gik_desk.ui.app import install_translations
from gik_desk.ui.main_window import MainWindow
from gik_desk.ui.words import all_words, status_word


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


# ---- issue 22: English complete -------------------------------------------------------------

TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "gik_desk_en.ts"
# CJK ideographs and Chinese punctuation (full-width ＋ and － are signs, not words)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff01-\uff0a\uff0c\uff0e-\uffef]")
UI = Path(__file__).resolve().parents[2] / "gik_desk" / "ui"


def _unfinished(ts: Path) -> list[str]:
    """Every message of ``ts`` without a finished English translation, as context: source."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            tr = message.find("translation")
            done = tr is not None and not tr.get("type") and (tr.text or "").strip()
            if not done:
                out.append(f"{name}: {message.findtext('source')}")
    return out


def test_every_translation_in_the_ts_file_is_finished() -> None:
    assert _unfinished(TS) == []


def test_no_string_of_the_window_is_missing_from_the_ts_file(tmp_path: Path) -> None:
    """lupdate over the window's code adds a string the .ts lacks as unfinished."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip(f"pyside6-lupdate not beside {sys.executable}")
    copy = tmp_path / TS.name
    shutil.copyfile(TS, copy)
    sources = sorted(str(p) for p in UI.rglob("*.py"))
    subprocess.run(
        [str(lupdate), *sources, "-no-obsolete", "-ts", str(copy)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    assert _unfinished(copy) == []
    extra = {
        c.findtext("name"): {m.findtext("source") for m in c.iter("message")}
        for c in ET.parse(TS).getroot().iter("context")
    }
    assert set(all_words()) <= extra["words"]
    for context, texts in _script().helper_texts().items():  # the modules' _tr() helpers
        assert set(texts) <= extra[context], context
    assert {spec.text for spec in SPECS} <= extra["actions"]


def _script():  # type: ignore[no-untyped-def]
    """resources/i18n/update_translations.py, which lists the strings lupdate cannot see."""
    path = TS.parent / "update_translations.py"
    spec = importlib.util.spec_from_file_location("update_translations", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _texts(root: QWidget) -> list[tuple[str, str]]:
    """Every string a reviewer can see or hover on ``root`` and its children: (where, text)."""
    out: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        where = f"{type(w).__name__}#{w.objectName()}"
        out += [(where, w.windowTitle()), (where, w.toolTip()), (where, w.statusTip())]
        for attr in ("text", "title", "placeholderText"):
            getter = getattr(w, attr, None)
            if callable(getter):
                try:
                    value = getter()
                except TypeError:
                    continue
                if isinstance(value, str):
                    out.append((where, value))
        if isinstance(w, QComboBox):
            out += [(where, w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                out += [(where, w.tabText(i)), (where, w.tabToolTip(i))]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model keeps it private: it has no header
                columns = 0
            for i in range(columns):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.headerData(i, Qt.Orientation.Horizontal, role)
                    if isinstance(value, str):
                        out.append((f"{where} header", value))
    for action in root.findChildren(QAction):
        where = f"action {action.objectName() or action.text()}"
        out += [(where, action.text()), (where, action.toolTip()), (where, action.statusTip())]
        menu = action.menu()
        if menu is not None:
            out.append((where, menu.title()))
    return [(where, text) for where, text in out if text]


def _chinese(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(where, text) for where, text in texts if CJK.search(text)]


def test_english_window_menus_actions_tooltips_and_dialogs_show_no_chinese(
    qtbot, english, tmp_path: Path
) -> None:
    from gik_desk.services import ImportPlan
    from gik_desk.ui.dialogs.review_dialogs import ReasonDialog, ReviewerDialog
    from gik_desk.ui.letters import LettersDialog
    from gik_desk.ui.review_import import ImportResultDialog

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    for menu in win.menuBar().findChildren(QMenu):  # every menu opened once
        menu.aboutToShow.emit()
    found = _chinese(_texts(win))
    dialogs = [
        ReviewerDialog(win, "reviewer"),
        ReasonDialog(win, status_word(ReviewStatus.DISMISSED), 2),
        LettersDialog(win, [], str(tmp_path), "", ""),
        ImportResultDialog(ImportPlan("book.xlsx"), win),
    ]
    core_words = {ImportPlan("book.xlsx").summary()}  # the core's own report, as the CLI prints it
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        found += [(w, t) for w, t in _chinese(_texts(dialog)) if t not in core_words]
    assert found == [], "\n".join(f"{w}: {t}" for w, t in found)
