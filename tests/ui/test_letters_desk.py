"""Issue 17 on the desk: the 对外意见 field (undoable, apart from the note) and 审核 →
生成审核意见… writing the chosen body's letter off the UI thread (seed Tianqiao 2021)."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import Qt

from gik_desk.model import Finding
from gik_desk.model.review import ReviewStatus
from gik_desk.ui.letters import LetterOptions, LettersDialog
from tests.unit.export import letter_batches as lb


def _tianqiao_2021(batch) -> list[Finding]:  # type: ignore[no-untyped-def]
    report = next(r for r in batch.reports if r.year == 2021 and r.agency == lb.BODY)
    return batch.findings_for(report.id)


def _write_outward(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    box = window.detail_view.outward
    box.setFocus()
    box.insertPlainText(text)  # as typing does: the save button wakes up
    assert window.detail_view.outward_save.isEnabled()
    qtbot.mouseClick(window.detail_view.outward_save, Qt.MouseButton.LeftButton)


def test_outward_text_is_saved_apart_from_the_note_and_undone(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    f = next(f for f in _tianqiao_2021(seed_batch) if f.rule == "APP-ROW")
    window.selection.choose_finding(f)
    ws = window.session.workspace
    _write_outward(qtbot, window, lb.OUTWARD)
    assert ws.outward(f.key) == lb.OUTWARD
    assert ws.review(f.key).note == ""
    assert not window.detail_view.outward_save.isEnabled()
    window.action("edit.undo").trigger()
    assert ws.outward(f.key) == ""
    assert window.detail_view.outward.toPlainText() == ""
    window.action("edit.redo").trigger()
    assert window.detail_view.outward.toPlainText() == lb.OUTWARD
    other = next(g for g in _tianqiao_2021(seed_batch) if g.rule == "APP-RESULTS")
    window.selection.choose_finding(other)  # another finding shows its own (empty) text
    assert window.detail_view.outward.toPlainText() == ""
    window.selection.choose_finding(f)
    assert window.detail_view.outward.toPlainText() == lb.OUTWARD


def test_menu_action_writes_the_chosen_bodys_letter(
    qtbot, window, seed_batch, monkeypatch, tmp_path: Path
) -> None:
    window.set_batch(seed_batch)
    fs = _tianqiao_2021(seed_batch)
    errors = [f for f in fs if f.rule in ("APP-ROW", "APP-RESULTS")]
    window.session.set_status([f.key for f in errors], ReviewStatus.CONFIRMED)
    window.selection.choose_finding(errors[0])
    _write_outward(qtbot, window, lb.OUTWARD)
    asked: list[list[str]] = []
    out = tmp_path / "letters"

    def fake_ask(_parent, chosen, _folder, letterhead, office):  # type: ignore[no-untyped-def]
        asked.append(chosen)
        assert (letterhead, office) == ("政务公开办公室", "政务公开办公室")  # the defaults
        return LetterOptions(out, "某市人民政府办公室", "某市政务公开办公室", chosen_only=True)

    monkeypatch.setattr(LettersDialog, "ask", staticmethod(fake_ask))
    with qtbot.waitSignal(window.letters.runner.finished, timeout=60_000):
        window.action("review.letters").trigger()
    assert asked == [[lb.BODY]]
    letter = out / f"审核意见_{lb.BODY}.docx"
    text = [p.text for p in docx.Document(str(letter)).paragraphs]
    (item,) = [p for p in text if p.startswith("1. ")]
    assert item.startswith("1. " + lb.ITEM_2021)
    assert "审核意见：" + lb.OUTWARD in text
    assert text[0] == "某市人民政府办公室"
    assert window.status_label.text().startswith("已生成 1 份审核意见")
    assert not window.progress.isVisible()
    # the office's choices are remembered for the next letters
    from gik_desk.ui import settings as cfg

    assert window.settings.get(cfg.LETTER_OFFICE) == "某市政务公开办公室"
    assert window.settings.get(cfg.LETTERS_DIR) == str(out)


def test_outward_text_left_unsaved_goes_to_its_own_finding(qtbot, window, seed_batch) -> None:
    """Typed, not saved, then another finding chosen (a click in the list, F8): the text is
    committed for the finding it was typed on and never shows under the next one."""
    window.set_batch(seed_batch)
    f = next(f for f in _tianqiao_2021(seed_batch) if f.rule == "APP-ROW")
    other = next(g for g in _tianqiao_2021(seed_batch) if g.rule == "APP-RESULTS")
    window.selection.choose_finding(f)
    box = window.detail_view.outward
    box.setFocus()
    box.insertPlainText(lb.OUTWARD)
    window.selection.choose_finding(other)
    ws = window.session.workspace
    assert ws.outward(f.key) == lb.OUTWARD
    assert ws.outward(other.key) == ""
    assert box.toPlainText() == ""
    window.selection.choose_finding(f)
    assert box.toPlainText() == lb.OUTWARD


def test_outward_text_commits_on_esc(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    f = next(f for f in _tianqiao_2021(seed_batch) if f.rule == "APP-ROW")
    window.selection.choose_finding(f)
    box = window.detail_view.outward
    box.setFocus()
    box.insertPlainText("请更正")  # keyClicks takes ASCII only
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert window.session.workspace.outward(f.key) == "请更正"
    assert not box.hasFocus()


def test_letters_dialog_offers_the_selection_or_every_body(qtbot, tmp_path: Path) -> None:
    dialog = LettersDialog(None, [lb.BODY], str(tmp_path), "版头", "某办")
    qtbot.addWidget(dialog)
    assert dialog.chosen.isChecked()
    assert lb.BODY in dialog.chosen.text()
    dialog.office.setText("某市政务公开办公室")
    assert dialog.options() == LetterOptions(tmp_path, "版头", "某市政务公开办公室", True)
    dialog.every.setChecked(True)
    assert dialog.options() == LetterOptions(tmp_path, "版头", "某市政务公开办公室", False)
    dialog.folder.setText("")
    assert dialog.options() is None  # no folder, nothing to write
    nothing = LettersDialog(None, [], str(tmp_path), "版头", "某办")
    qtbot.addWidget(nothing)
    assert nothing.every.isChecked()
    assert not nothing.chosen.isEnabled()
