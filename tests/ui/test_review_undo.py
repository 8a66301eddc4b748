"""Reviewer work through the session and the undo stack, checked in the workspace after each step
(seed Tianqiao 2021, APP-ROW on 表三 (六)其他处理 1. / 总计)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QTextCursor

from gik_desk.model import Finding
from gik_desk.model.review import ReviewStatus
from gik_desk.ui.views.detail_view import AnnotationIdRole


def _tianqiao_app_row(batch) -> Finding:  # type: ignore[no-untyped-def]
    report = next(r for r in batch.reports if r.year == 2021 and "天桥" in (r.agency or ""))
    return next(f for f in batch.findings_for(report.id) if f.rule == "APP-ROW")


def test_status_change_undo_redo(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    f = _tianqiao_app_row(seed_batch)
    window.selection.choose_finding(f)
    ws = window.session.workspace
    assert ws.review(f.key).status is ReviewStatus.PENDING
    with qtbot.waitSignal(window.session.finding_changed, check_params_cb=lambda k: k == f.key):
        window.action("finding.status.2").trigger()
    assert ws.review(f.key).status is ReviewStatus.CONFIRMED
    assert window.detail_view.status.currentData() == ReviewStatus.CONFIRMED.value
    row = window.findings_view.table.currentIndex().row()
    assert window.findings_proxy.index(row, 5).data() == ReviewStatus.CONFIRMED.label
    window.action("edit.undo").trigger()
    assert ws.review(f.key).status is ReviewStatus.PENDING
    assert window.findings_proxy.index(row, 5).data() == ReviewStatus.PENDING.label
    window.action("edit.redo").trigger()
    assert ws.review(f.key).status is ReviewStatus.CONFIRMED
    assert [e.action for e in ws.events() if e.action != "sync"] == ["set_status"] * 3


def test_bulk_status_is_one_undo_step(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    window.findings_view.set_scope(1)
    proxy, table = window.findings_proxy, window.findings_view.table
    table.setCurrentIndex(proxy.index(0, 0))
    table.selectionModel().select(
        proxy.index(2, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    keys = [proxy.finding(0).key, proxy.finding(2).key]
    window.action("finding.status.4").trigger()
    ws = window.session.workspace
    assert [ws.review(k).status for k in keys] == [ReviewStatus.NEEDS_FIX] * 2
    window.action("edit.undo").trigger()
    assert [ws.review(k).status for k in keys] == [ReviewStatus.PENDING] * 2


def test_note_by_ctrl_enter_undo_redo(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    f = _tianqiao_app_row(seed_batch)
    window.selection.choose_finding(f)
    window.findings_view.table.setFocus()
    window.action("finding.note").trigger()
    note = window.detail_view.note
    assert note.hasFocus() or note.isEnabled()
    note.clear()
    note.insertPlainText("总计应为3")  # QTest.keyClicks only types ASCII
    qtbot.keyClick(note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ws = window.session.workspace
    assert ws.review(f.key).note == "总计应为3"
    window.action("edit.undo").trigger()
    assert ws.review(f.key).note == ""
    assert note.toPlainText() == ""
    window.action("edit.redo").trigger()
    assert ws.review(f.key).note == "总计应为3"


def test_annotation_add_delete_undo_redo(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    f = _tianqiao_app_row(seed_batch)
    window.selection.choose_finding(f)
    ws = window.session.workspace
    text = window.source_view.text
    cur = text.textCursor()
    start = text.toPlainText().index("逾期不补正")
    cur.setPosition(start)
    cur.setPosition(start + 5, QTextCursor.MoveMode.KeepAnchor)
    text.setTextCursor(cur)
    window.add_annotation(note="标签写法核对")
    anns = ws.annotations()
    assert len(anns) == 1
    assert anns[0].exact == "逾期不补正"
    assert anns[0].note == "标签写法核对"
    assert window.detail_view.annotations.count() == 1
    window.action("edit.undo").trigger()
    assert ws.annotations() == []
    assert window.detail_view.annotations.count() == 0
    window.action("edit.redo").trigger()
    assert [a.exact for a in ws.annotations()] == ["逾期不补正"]
    # delete it from the list, then undo the delete
    lst = window.detail_view.annotations
    lst.setCurrentRow(0)
    assert lst.currentItem().data(AnnotationIdRole) == ws.annotations()[0].id
    window.action("annotation.delete").trigger()
    assert ws.annotations() == []
    window.action("edit.undo").trigger()
    assert [a.note for a in ws.annotations()] == ["标签写法核对"]


def test_annotation_on_a_cell_keeps_the_cell_key(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    f = _tianqiao_app_row(seed_batch)
    window.selection.choose_finding(f)
    window.source_view.text.moveCursor(QTextCursor.MoveOperation.Start)  # no text selection
    window.add_annotation(note="请核实")
    (a,) = window.session.workspace.annotations()
    assert a.cell == "applications/other.no_supplement/total"
    assert a.exact == "1"


def test_annotation_note_edit_in_the_detail_pane_undo_redo(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    f = _tianqiao_app_row(seed_batch)
    window.selection.choose_finding(f)
    window.source_view.text.moveCursor(QTextCursor.MoveOperation.Start)
    window.add_annotation(note="请核实")
    ws = window.session.workspace
    (a,) = ws.annotations()
    lst, editor = window.detail_view.annotations, window.detail_view.annotation_note
    assert not editor.isEnabled()  # no annotation chosen yet
    lst.setCurrentRow(0)
    assert editor.isEnabled()
    assert editor.text() == "请核实"
    editor.setFocus()
    editor.selectAll()
    editor.insert("总计应为 3")  # QTest cannot type CJK (it asserts on non-Latin-1 keys)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert [x.note for x in ws.annotations()] == ["总计应为 3"]
    assert "总计应为 3" in lst.item(0).text()
    assert lst.currentItem().data(AnnotationIdRole) == a.id  # still the chosen one
    assert editor.text() == "总计应为 3"
    window.action("edit.undo").trigger()
    assert [x.note for x in ws.annotations()] == ["请核实"]
    assert "请核实" in lst.item(0).text()
    assert editor.text() == "请核实"
    window.action("edit.redo").trigger()
    assert [x.note for x in ws.annotations()] == ["总计应为 3"]
    edits = [e.action for e in ws.events() if e.action == "edit_annotation_note"]
    assert len(edits) == 3  # edit, its undo, the redo: each in the event log
    # Enter on an unchanged note is no step at all
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.undo_stack.count() == 2  # add_annotation + one note edit
