"""The desk remembers (issue 13), driven through real widgets: a new window on the same workspace
comes back to the batch, the place, the statuses, notes and annotations; a changed file is
reloaded with its statuses; a cancelled load or export leaves batch, tree and disk as they were.

Seed Tianqiao (001): its 2021 report has APP-ROW on 表三 (六)其他处理 1. — the row's figures add
up to 3 and its 总计 says 1 (tests/data/seeds, line 144)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from gik_desk.model import Finding
from gik_desk.model.batch import Batch
from gik_desk.model.review import ReviewStatus
from gik_desk.ui.dialogs.open_dialog import ExportDialog
from gik_desk.ui.main_window import MainWindow
from gik_desk.ui.models.batch_model import ReportIdRole
from tests.ui.conftest import SEED_FILES, TIANQIAO

APP_ROW_LINE = (
    "| 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    + " | 3 | 0 | 0 | 0 | 0 | 0 | 1 |"
)


def _tree_report_ids(window) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.batch_model
    out = []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        for r in range(model.rowCount(group)):
            rid = model.index(r, 0, group).data(ReportIdRole)
            if rid:
                out.append(str(rid))
    return out


def _load(qtbot, window, paths) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.runner.finished, timeout=240_000):
        window.load_paths(paths)


def _app_row(batch: Batch) -> Finding:
    report = next(r for r in batch.reports if r.year == 2021 and "天桥" in (r.agency or ""))
    return next(f for f in batch.findings_for(report.id) if f.rule == "APP-ROW")


def _type_note(window, text: str) -> None:  # type: ignore[no-untyped-def]
    window.action("finding.note").trigger()
    note = window.detail_view.note
    note.clear()
    note.insertPlainText(text)  # QTest.keyClicks only types ASCII


def _new_window(qtbot, path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.runner.finished, timeout=240_000):
        assert win.open_workspace_path(path)  # no files named: the remembered batch comes back
    return win


def test_a_new_window_on_the_workspace_restores_batch_place_and_reviews(
    qtbot, window, tmp_path
) -> None:
    _load(qtbot, window, SEED_FILES)
    batch = window.batch
    order = list(batch.sources)
    f = _app_row(batch)
    # a status and a note committed with Ctrl+Enter on APP-ROW
    window.selection.choose_finding(f)
    window.findings_view.table.setFocus()
    window.action("finding.status.2").trigger()
    _type_note(window, "总计应为3")
    qtbot.keyClick(window.detail_view.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.findings_view.table.hasFocus() or not window.isActiveWindow()
    # an annotation on the text
    text = window.source_view.text
    cur = text.textCursor()
    start = text.toPlainText().index("逾期不补正")
    cur.setPosition(start)
    cur.setPosition(start + 5, QTextCursor.MoveMode.KeepAnchor)
    text.setTextCursor(cur)
    window.add_annotation(note="标签写法核对")
    # the next finding: a note typed and left without Enter, then F8
    window.findings_view.set_scope(1)
    window.findings_view.show_finding(f)
    window.action("finding.next").trigger()
    g = window.selection.finding
    assert g is not None
    assert g.key != f.key
    window.action("finding.status.4").trigger()
    _type_note(window, "待与机关核实")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.detail_view.note.hasFocus()
    qtbot.keyClick(window.detail_view.note, Qt.Key.Key_F8)  # moves on; the note is not lost
    here = window.selection.finding
    assert here is not None
    assert here.key != g.key
    window.close()

    win = _new_window(qtbot, tmp_path / "review.gikdb")
    assert win.batch.sources == order
    assert {r.id for r in win.batch.reports} == {r.id for r in batch.reports}
    assert set(_tree_report_ids(win)) == {r.id for r in win.batch.reports}
    assert win.selection.finding is not None
    assert win.selection.finding.key == here.key
    assert win.selection.report is not None
    assert win.selection.report.id == here.report_id
    ws = win.session.workspace
    assert ws.review(f.key).status is ReviewStatus.CONFIRMED
    assert ws.review(f.key).note == "总计应为3"
    assert ws.review(g.key).status is ReviewStatus.NEEDS_FIX
    assert ws.review(g.key).note == "待与机关核实"
    assert win.findings_model.review(g.key).note == "待与机关核实"
    win.selection.choose_finding(next(x for x in win.batch.findings if x.key == f.key))
    assert win.detail_view.note.toPlainText() == "总计应为3"
    assert win.detail_view.status.currentData() == ReviewStatus.CONFIRMED.value
    notes = [
        win.detail_view.annotations.item(i).text()
        for i in range(win.detail_view.annotations.count())
    ]
    assert any("标签写法核对" in n and "逾期不补正" in n for n in notes)
    assert "已读取 19 份报告" in win.status_label.text()


def test_restore_names_missing_files_and_keeps_them_remembered(qtbot, window, tmp_path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    copies = [Path(shutil.copy(p, folder / p.name)) for p in SEED_FILES[:3]]
    _load(qtbot, window, copies)
    window.close()
    copies[1].unlink()
    win = _new_window(qtbot, tmp_path / "review.gikdb")
    assert copies[1].name in win.status_label.text()
    assert "1 个文件找不到" in win.status_label.text()
    assert [p.source for p in win.batch.problems if p.code == "not-found"] == [str(copies[1])]
    assert str(copies[1]) in win.desk.remembered()  # the drive may come back


def test_a_changed_file_reloads_with_its_statuses_and_the_cell_re_evaluated(
    qtbot, window, tmp_path
) -> None:
    copy = tmp_path / TIANQIAO.name
    shutil.copy(TIANQIAO, copy)
    _load(qtbot, window, [copy])
    f = _app_row(window.batch)
    assert f.actual == 1
    assert f.expected == 3
    others = [x for x in window.batch.findings if x.key != f.key][:2]
    window.selection.choose_finding(f)
    window.action("finding.status.4").trigger()
    window.selection.choose_finding(others[0])
    window.action("finding.status.2").trigger()
    text = copy.read_text(encoding="utf-8")
    assert text.count(APP_ROW_LINE) == 1
    copy.write_text(text.replace(APP_ROW_LINE, APP_ROW_LINE[:-3] + "2 |"), encoding="utf-8")
    with qtbot.waitSignal(window.runner.finished, timeout=240_000):
        window.action("file.reload").trigger()  # the file changed on disk since it was read
    again = _app_row(window.batch)
    assert again.key == f.key
    assert again.actual == 2
    assert again.expected == 3
    ws = window.session.workspace
    assert ws.review(f.key).status is ReviewStatus.NEEDS_FIX
    assert ws.review(others[0].key).status is ReviewStatus.CONFIRMED
    assert window.findings_model.review(f.key).status is ReviewStatus.NEEDS_FIX
    assert set(_tree_report_ids(window)) == {r.id for r in window.batch.reports}


def test_opening_an_open_file_again_reloads_it(qtbot, window) -> None:
    _load(qtbot, window, [TIANQIAO])
    n = len(window.batch.reports)
    _load(qtbot, window, [TIANQIAO])
    assert len(window.batch.reports) == n
    assert "这些文件已经打开" not in window.status_label.text()


def test_remove_file_and_close_batch(qtbot, window, tmp_path) -> None:
    _load(qtbot, window, SEED_FILES)
    gone = str(SEED_FILES[0])
    with qtbot.waitSignal(window.runner.finished, timeout=240_000):
        window.desk.remove_files([gone], ask=False)
    assert gone not in window.batch.sources
    assert all(r.source != gone for r in window.batch.reports)
    assert set(_tree_report_ids(window)) == {r.id for r in window.batch.reports}
    assert gone not in window.desk.remembered()
    window.action("batch.close").trigger()
    assert window.batch.reports == []
    assert _tree_report_ids(window) == []
    assert window.desk.remembered() == []
    window.close()
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_workspace_path(tmp_path / "review.gikdb")
    assert not win.runner.is_running()  # nothing remembered: nothing to read


def test_cancelling_a_load_midway_leaves_tree_and_batch_agreeing(qtbot, window, tmp_path) -> None:
    _load(qtbot, window, SEED_FILES[2:])
    before = [r.id for r in window.batch.reports]
    folder = tmp_path / "many"
    folder.mkdir()
    text = TIANQIAO.read_text(encoding="utf-8")
    for i in range(40):
        (folder / f"copy_{i:02d}.txt").write_text(text.replace("字号:", f"字号:副本{i}\n"))
    seen: list[int] = []

    def first_file(_payload: object) -> None:
        if not seen:
            seen.append(1)
            window.cancel_button.click()

    window.runner.partial.connect(first_file)
    with qtbot.waitSignal(window.runner.cancelled, timeout=240_000):
        window.load_paths([folder])
    qtbot.wait(50)  # queued partials drain (they must not bring ghosts back)
    assert seen
    assert [r.id for r in window.batch.reports] == before
    assert sorted(_tree_report_ids(window)) == sorted(before)
    assert window.status_label.text() == "已取消。"
    assert not window.cancel_button.isVisible()
    assert str(folder / "copy_00.txt") not in window.desk.remembered()


def test_cancelling_an_export_midway_leaves_no_workbook(
    qtbot, window, seed_batch, monkeypatch, tmp_path
) -> None:
    import gik_desk.export.xlsx as xlsx

    window.set_batch(seed_batch)
    out = tmp_path / "审核表.xlsx"
    monkeypatch.setattr(ExportDialog, "ask", staticmethod(lambda *a, **k: out))
    gate = threading.Event()
    real = xlsx._versions

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        gate.wait(30)  # the export is midway until the reviewer has cancelled
        return real(*args, **kwargs)

    monkeypatch.setattr(xlsx, "_versions", held)
    steps: list[int] = []
    window.export_runner.progress.connect(lambda d, t, _l: steps.append(d))
    window.action("file.export").trigger()
    qtbot.waitUntil(lambda: bool(steps), timeout=60_000)
    assert window.progress.isVisible()
    assert window.progress.maximum() > 1
    assert "正在导出" in window.status_label.text()
    with qtbot.waitSignal(window.export_runner.cancelled, timeout=60_000):
        window.cancel_button.click()
        gate.set()
    assert not out.exists()
    assert list(tmp_path.glob(".gik-tmp-*")) == []
    assert window.status_label.text() == "已取消导出，未写入任何文件。"
    assert window.batch is seed_batch


def test_the_note_field_keeps_every_edit(qtbot, window, seed_batch) -> None:
    """Multi-line; Esc commits and returns to the findings; Ctrl+Z from the field undoes the
    saved note; a click on another finding and closing the window commit too."""
    window.set_batch(seed_batch)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    ws = window.session.workspace
    f = _app_row(seed_batch)
    window.selection.choose_finding(f)
    window.findings_view.table.setFocus()
    _type_note(window, "第一行\n第二行")
    note = window.detail_view.note
    qtbot.keyClick(note, Qt.Key.Key_Escape)
    assert ws.review(f.key).note == "第一行\n第二行"
    assert window.findings_view.table.hasFocus()
    assert not window.cancel_button.isVisible()
    window.action("finding.note").trigger()
    assert note.hasFocus()
    qtbot.keyClick(note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # nothing typed
    assert ws.review(f.key).note == ""  # the window's undo took it
    assert note.toPlainText() == ""
    # typed, then a click on another finding in the list
    _type_note(window, "点击别处")
    table, proxy = window.findings_view.table, window.findings_proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.finding(r) != f)
    rect = table.visualRect(proxy.index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.selection.finding != f
    assert ws.review(f.key).note == "点击别处"
    # typed, then the window closes
    g = window.selection.finding
    assert g is not None
    _type_note(window, "关窗前")
    path = window.session.path
    window.close()
    from gik_desk.workspace import Workspace

    with Workspace.open(path) as again:
        assert again.review(g.key).note == "关窗前"


def test_opening_a_workspace_from_the_menu_restores_its_batch(
    qtbot, window, monkeypatch, tmp_path
) -> None:
    from gik_desk.ui.dialogs.open_dialog import WorkspaceDialog

    first, second = [str(p) for p in SEED_FILES[:2]], [str(p) for p in SEED_FILES[2:]]
    _load(qtbot, window, SEED_FILES[:2])
    other = tmp_path / "另一个.gikdb"
    monkeypatch.setattr(WorkspaceDialog, "ask", staticmethod(lambda *a, **k: other))
    window.action("workspace.new").trigger()  # remembers nothing: the open batch becomes its own
    assert window.batch.sources == first
    assert window.desk.remembered() == first
    window.action("batch.close").trigger()
    _load(qtbot, window, SEED_FILES[2:])
    assert window.desk.remembered() == second
    back = tmp_path / "review.gikdb"
    monkeypatch.setattr(WorkspaceDialog, "ask", staticmethod(lambda *a, **k: back))
    with qtbot.waitSignal(window.runner.finished, timeout=240_000):
        window.action("workspace.open").trigger()
    assert window.batch.sources == first
    assert set(_tree_report_ids(window)) == {r.id for r in window.batch.reports}
    assert {r.source for r in window.batch.reports} <= set(first)
