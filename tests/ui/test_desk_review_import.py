"""文件 ▸ 导入审核表… (issue 16): the colleague's edits come back through the desk, as one undo
step, with conflicts and refused rows listed (the seeds, edited as in tests/colleague.py)."""

from __future__ import annotations

from gik_desk.model.review import ReviewStatus
from gik_desk.ui.dialogs.open_dialog import ExportDialog
from gik_desk.ui.review_import import ImportResultDialog, ImportReviewDialog
from tests.colleague import NOTE_0, NOTE_1, NOTE_2, edit_as_a_colleague


def test_import_review_through_the_desk(qtbot, window, seed_batch, monkeypatch, tmp_path) -> None:
    window.set_batch(seed_batch)
    exported = tmp_path / "审核表.xlsx"
    monkeypatch.setattr(ExportDialog, "ask", staticmethod(lambda *a, **k: exported))
    with qtbot.waitSignal(window.export_runner.finished, timeout=120_000):
        window.action("file.export").trigger()
    edited = tmp_path / "同事填写.xlsx"
    keys = edit_as_a_colleague(exported, edited)
    window.session.set_status([keys[4]], ReviewStatus.CONFIRMED)  # meanwhile, in the desk
    ws = window.session.workspace
    before = {k: (r.status, r.note) for k, r in ws.reviews().items()}
    steps = window.session.undo_stack.count()

    monkeypatch.setattr(ImportReviewDialog, "ask", staticmethod(lambda *a, **k: edited))
    importer = window.files.review_import
    with qtbot.waitSignal(importer.runner.finished, timeout=60_000):
        window.action("file.import_review").trigger()

    dialog = importer.dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.summary.text().startswith(
        "审核表「同事填写.xlsx」：导入 4 条问题（审核状态 4 条，审核备注 3 条），"
        "冲突 1 条，未导入 3 行"
    )
    texts = ImportResultDialog.texts
    assert [t.split("（")[0] for t in texts(dialog.applied_rows)] == [
        "第 22 行",
        "第 23 行",
        "第 24 行",
        "第 25 行",
    ]
    (conflict,) = texts(dialog.conflict_rows)
    assert conflict.startswith("“问题清单”第 21 行")
    rejected = texts(dialog.rejected_rows)
    assert [t[: len("“问题清单”第 2 行")] for t in rejected] == [
        "“问题清单”第 2 行",
        "“问题清单”第 3 行",
        "“问题清单”第 4 行",
    ]
    assert "审核状态“已阅”无法识别" in rejected[0]
    assert "须在“审核备注”中写明理由" in rejected[1]
    assert "问题键与校验码不符" in rejected[2]

    # the workspace and the findings list hold the import; the desk's own change is kept
    assert (ws.review(keys[0]).status, ws.review(keys[0]).note) == (ReviewStatus.CONFIRMED, NOTE_0)
    assert (ws.review(keys[1]).status, ws.review(keys[1]).note) == (ReviewStatus.EXCEPTION, NOTE_1)
    assert (ws.review(keys[2]).status, ws.review(keys[2]).note) == (ReviewStatus.NEEDS_FIX, NOTE_2)
    assert ws.review(keys[3]).status is ReviewStatus.CONFIRMED
    assert ws.review(keys[4]).status is ReviewStatus.CONFIRMED
    assert window.findings_model.review(keys[2]).status is ReviewStatus.NEEDS_FIX
    assert ws.events()[-1].action == "import_review"
    assert ws.events()[-1].target == "同事填写.xlsx"
    assert window.session.undo_stack.count() == steps + 1

    # a conflict opens its finding for the reviewer to decide
    dialog.conflict_rows.itemDoubleClicked.emit(dialog.conflict_rows.item(0))
    assert window.selection.finding is not None
    assert window.selection.finding.key == keys[4]
    dialog.close()

    # one undo takes the whole import back
    window.action("edit.undo").trigger()
    assert {k: (r.status, r.note) for k, r in ws.reviews().items()} == before
    assert window.findings_model.review(keys[2]).status is ReviewStatus.PENDING
    window.action("edit.redo").trigger()
    assert ws.review(keys[0]).note == NOTE_0


def test_import_without_a_workspace_says_so(qtbot, window, monkeypatch, tmp_path) -> None:
    window.session.close()
    asked = []
    monkeypatch.setattr(ImportReviewDialog, "ask", staticmethod(lambda *a, **k: asked.append(1)))
    window.action("file.import_review").trigger()
    assert asked == []
    assert window.status_label.text() == "请先打开审核工作区，再导入审核表。"


def test_a_workbook_refused_whole_is_reported(qtbot, window, monkeypatch, tmp_path) -> None:
    junk = tmp_path / "不是审核表.xlsx"
    junk.write_bytes(b"PK\x03\x04 broken")
    monkeypatch.setattr(ImportReviewDialog, "ask", staticmethod(lambda *a, **k: junk))
    importer = window.files.review_import
    with qtbot.waitSignal(importer.runner.finished, timeout=60_000):
        window.action("file.import_review").trigger()
    assert importer.dialog is None
    assert window.status_label.text().startswith("无法读取审核表「不是审核表.xlsx」")
