"""Issue 30 on the desk: letters written from the window are recorded as sent; once the
corrected copies are opened, 审核 → 整改复核… shows each item's outcome, the reviewer confirms or
overrides it (undoable), jumps to the cell, and writes the follow-up letters.

Scenario and hand-keyed edits: ``tests/unit/services/rectification_cases.py``."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QTreeWidgetItem

from gik_desk.model.finding import CellRef
from gik_desk.model.review import ReviewStatus
from gik_desk.services import audit_paths
from gik_desk.ui.letters import LetterOptions, LettersDialog
from tests.unit.services import rectification_cases as rc


def _rows(tree) -> dict[str, list[list[str]]]:  # type: ignore[no-untyped-def]
    """Body row text -> its children's texts, column by column."""
    out: dict[str, list[list[str]]] = {}
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        kids: list[QTreeWidgetItem] = [top.child(k) for k in range(top.childCount())]
        out[top.text(0)] = [[kid.text(c) for c in range(tree.columnCount())] for kid in kids]
    return out


def _click(qtbot, dialog, key: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.buttons[key], Qt.MouseButton.LeftButton)


def test_rectification_view_confirm_override_jump_and_follow_up(
    qtbot, window, monkeypatch, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    files = [Path(shutil.copy(s, reports / s.name)) for s in (rc.SEED_001, rc.SEED_002)]
    batch = audit_paths([str(f) for f in files], workers=1)
    window.set_batch(batch)
    ids = {r.id for r in batch.reports if r.year == 2021 and r.agency == rc.TIANQIAO}
    ids |= {r.id for r in batch.reports if r.agency == rc.DONGSHENG}
    chosen = [
        f.key
        for f in batch.findings
        if f.report_id in ids and f.rule in ("APP-ROW", "APP-RESULTS", "APP-CARRY")
    ]
    window.session.set_status(chosen, ReviewStatus.CONFIRMED)
    out = tmp_path / "意见"
    monkeypatch.setattr(
        LettersDialog,
        "ask",
        staticmethod(lambda *_a: LetterOptions(out, "", "", chosen_only=False)),
    )
    with qtbot.waitSignal(window.letters.runner.finished, timeout=60_000):
        window.action("review.letters").trigger()
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"审核意见_{rc.TIANQIAO}.docx", f"审核意见_{rc.DONGSHENG}.docx"]
    )

    window.action("review.rectification").trigger()
    dialog = window.rectification.dialog
    assert dialog is not None
    assert dialog.isVisible()
    rows = _rows(dialog.tree)
    assert [r[5] for rs in rows.values() for r in rs] == ["未重新发布", "未重新发布"]

    copies = rc.corrected_copies(tmp_path, files)  # the bodies republish
    window.set_batch(audit_paths([str(f) for f in [*files, *copies]], workers=1))
    rows = _rows(dialog.tree)
    (t_key,) = [k for k in rows if k.startswith(rc.TIANQIAO)]
    (d_key,) = [k for k in rows if k.startswith(rc.DONGSHENG)]
    (t_item,) = rows[t_key]
    assert t_item[0] == "1"
    assert t_item[1].startswith(rc.ITEM_TIANQIAO)
    assert t_item[2:6] == ["1", "3", "3", "已整改"]
    d_item, d_change = rows[d_key]
    assert d_item[5] == "未整改"
    assert d_change[0] == "其他改动"
    assert d_change[2:5] == ["52425", "", "52426"]
    assert dialog.summary.text() == "本批次：已整改 1，未整改 1，待复核 2"

    d = window.rectification.bodies[1].items[0]
    assert dialog.select_item(d.key)
    _click(qtbot, dialog, "confirm")
    assert _rows(dialog.tree)[d_key][0][7] == "已确认"
    assert dialog.summary.text() == "本批次：已整改 1，未整改 1，待复核 1"
    window.action("edit.undo").trigger()
    assert _rows(dialog.tree)[d_key][0][7] == ""
    assert dialog.summary.text() == "本批次：已整改 1，未整改 1，待复核 2"

    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", staticmethod(lambda *_a: ("已另文说明结转情况", True))
    )
    assert dialog.select_item(d.key)
    _click(qtbot, dialog, "fixed")
    row = _rows(dialog.tree)[d_key][0]
    assert row[5] == "已整改"
    assert row[7] == "已确认"
    assert row[6].endswith("（已另文说明结转情况）")
    event = window.session.core.events()[-1]
    assert event.action == "set_rectification"
    window.action("edit.undo").trigger()
    assert _rows(dialog.tree)[d_key][0][5] == "未整改"

    t = window.rectification.bodies[0].items[0]
    assert dialog.select_item(t.key)
    _click(qtbot, dialog, "new")
    shown = window.selection.report
    assert shown is not None
    assert shown.id == t.new_report_id
    assert Path(shown.source).name == "天桥区2021更正.txt"
    assert window.selection.cell == CellRef("applications", "other.no_supplement", "total")
    _click(qtbot, dialog, "old")
    assert window.selection.report is not None
    assert Path(window.selection.report.source) == files[0]

    follow = tmp_path / "复核意见"
    with qtbot.waitSignal(window.rectification.runner.finished, timeout=60_000):
        window.rectification.start_letters(follow)
    assert [p.name for p in follow.iterdir()] == [f"复核意见_{rc.DONGSHENG}.docx"]
    assert window.status_label.text() == "已生成 1 份复核意见。"
    assert window.session.core.sent_letters()[-1].follow_up
    _click(qtbot, dialog, "close")
    assert not dialog.isVisible()


def test_without_a_workspace_letter_the_view_says_what_it_is_for(qtbot, window) -> None:
    window.action("review.rectification").trigger()
    dialog = window.rectification.dialog
    assert dialog is not None
    assert dialog.tree.topLevelItemCount() == 0
    assert dialog.summary.text().startswith("工作区中还没有已发出的审核意见")
    assert not dialog.buttons["confirm"].isEnabled()
    window.close()  # the view goes with its window
    assert not dialog.isVisible()
