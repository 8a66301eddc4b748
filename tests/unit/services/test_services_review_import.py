"""Issue 16: statuses and notes a colleague types into the exported workbook come back.

Real pipeline on the seeds: audit -> workspace -> workbook -> edited with openpyxl the way a
colleague edits it in Excel/WPS (statuses, notes, a re-sort, a deleted row, mistakes) -> import.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from gik_desk.export.xlsx import write_workbook
from gik_desk.model.review import ReviewStatus
from gik_desk.services import import_review, read_review_workbook
from gik_desk.services.reimport import ReimportError
from gik_desk.workspace import ImportReview, Workspace
from tests.colleague import NOTE_0, NOTE_1, NOTE_2, edit_as_a_colleague
from tests.conftest import SEED_FILES


def _seed_workbook(tmp_path: Path, ws_target: str) -> tuple[str, Path]:
    """The seeds audited into a workspace (a .gikdb, then a team workspace: issue 28)."""
    from gik_desk.services import audit_paths

    batch = audit_paths([str(p) for p in SEED_FILES], workers=1)
    ws_path = ws_target
    with Workspace.open(ws_path) as ws:
        ws.reviewer = "王审核"
        ws.sync_batch(batch)
        out = write_workbook(batch, tmp_path / "审核表.xlsx", review=ws.snapshot())
    return ws_path, out


def test_round_trip_applies_edits_lists_conflicts_and_refuses_bad_rows(
    tmp_path: Path, ws_target: str
) -> None:
    ws_path, exported = _seed_workbook(tmp_path, ws_target)
    edited = tmp_path / "同事填写.xlsx"
    keys = edit_as_a_colleague(exported, edited)
    with Workspace.open(ws_path) as ws:  # meanwhile, in the workspace
        ws.apply(ws.status_action([keys[4]], ReviewStatus.CONFIRMED), who="王审核")
        before = ws.reviews()

    plan = import_review(edited, ws_path, reviewer="李同事")

    assert plan.statuses_applied == 4
    assert plan.notes_applied == 3
    # sheet rows keyed by hand: 3 mistakes on rows 2-4, then the other 21 rows reversed
    assert [a.row for a in plan.applied] == [22, 23, 24, 25]  # rows[3] .. rows[0]
    assert [(c.row, c.key) for c in plan.conflicts] == [(21, keys[4])]
    assert "工作区已改为“已确认”" in plan.conflicts[0].message
    assert "审核表改为“需整改”" in plan.conflicts[0].message
    assert [r.row for r in plan.rejected] == [2, 3, 4]
    invalid, reasonless, tampered = (r.message for r in plan.rejected)
    assert "第 2 行" in invalid
    assert "审核状态“已阅”无法识别" in invalid
    assert "第 3 行" in reasonless
    assert "“已排除(误报)”，须在“审核备注”中写明理由" in reasonless
    assert "第 4 行" in tampered
    assert "问题键与校验码不符" in tampered

    with Workspace.open(ws_path) as ws:
        after = ws.reviews()
        assert (after[keys[0]].status, after[keys[0]].note) == (ReviewStatus.CONFIRMED, NOTE_0)
        assert (after[keys[1]].status, after[keys[1]].note) == (ReviewStatus.EXCEPTION, NOTE_1)
        assert (after[keys[2]].status, after[keys[2]].note) == (ReviewStatus.NEEDS_FIX, NOTE_2)
        assert (after[keys[3]].status, after[keys[3]].note) == (ReviewStatus.CONFIRMED, "")
        assert after[keys[0]].reviewer == "李同事"
        assert after[keys[4]].status is ReviewStatus.CONFIRMED  # the workspace's, kept
        for k in keys[5:]:
            assert after[k].status is ReviewStatus.PENDING
        untouched = set(after) - set(keys[:4])
        assert all(after[k] == before[k] for k in untouched)
        event = ws.events()[-1]
        assert (event.action, event.who, event.target) == ("import_review", "李同事", edited.name)

        # undo: one action puts every finding back
        assert isinstance(plan.action, ImportReview)
        ws.apply(plan.action.inverse(), who="李同事")
        restored = ws.reviews()
        assert {k: (r.status, r.note) for k, r in restored.items()} == {
            k: (r.status, r.note) for k, r in before.items()
        }
        assert ws.events()[-1].action == "revert_import_review"


def test_import_is_named_in_the_workbook_log(tmp_path: Path, ws_target: str) -> None:
    from gik_desk.services import audit_paths

    ws_path, exported = _seed_workbook(tmp_path, ws_target)
    edited = tmp_path / "回传.xlsx"
    edit_as_a_colleague(exported, edited)
    import_review(edited, ws_path, reviewer="李同事")
    batch = audit_paths([str(p) for p in SEED_FILES], workers=1)
    with Workspace.open(ws_path) as ws:
        ws.sync_batch(batch)
        again = write_workbook(batch, tmp_path / "again.xlsx", review=ws.snapshot())
    log = list(openpyxl.load_workbook(again)["操作记录"].iter_rows(values_only=True))
    row = next(r for r in log if r[3] == "导入审核表")
    assert row[2] == "李同事"
    assert str(row[4]).startswith("「回传.xlsx」：")
    assert row[6] == "已确认 2 条、需整改 2 条、例外(已说明) 1 条；备注 3 条"


def test_importing_twice_changes_nothing_more(tmp_path: Path, ws_target: str) -> None:
    ws_path, exported = _seed_workbook(tmp_path, ws_target)
    edited = tmp_path / "同事填写.xlsx"
    edit_as_a_colleague(exported, edited)
    first = import_review(edited, ws_path, reviewer="李同事")
    second = import_review(edited, ws_path, reviewer="李同事")
    assert len(first.applied) == 5  # no workspace change meanwhile: rows[4] applies too
    assert second.action is None
    assert second.already == 5
    assert [r.row for r in second.rejected] == [2, 3, 4]  # still said, every time


def test_a_workbook_without_key_columns_is_refused_whole(tmp_path: Path) -> None:
    from gik_desk.services import audit_paths

    batch = audit_paths([str(SEED_FILES[1])], workers=1)
    plain = write_workbook(batch, tmp_path / "无工作区.xlsx")  # exported without a workspace
    with pytest.raises(ReimportError) as err:
        read_review_workbook(plain)
    assert "缺少" in err.value.message
    assert "无工作区.xlsx" in err.value.message


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "假的.xlsx"
    junk.write_text("不是工作簿", encoding="utf-8")
    with pytest.raises(ReimportError) as err:
        read_review_workbook(junk)
    assert err.value.message.startswith("无法读取审核表「假的.xlsx」")


def test_a_note_typed_as_a_formula_is_refused_not_read_as_its_result(
    tmp_path: Path, ws_target: str
) -> None:
    """A note starting with "=" becomes a formula in Excel/WPS (openpyxl writes one too): what
    the colleague typed is gone, so the row is refused rather than its cached result imported."""
    ws_path, exported = _seed_workbook(tmp_path, ws_target)
    wb = openpyxl.load_workbook(exported)
    sheet = wb["问题清单"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("审核备注") + 1).value = '=HYPERLINK("http://x","点此")'
    sheet.cell(row=3, column=header.index("审核状态") + 1).value = "已确认"
    wb.save(exported)
    plan = import_review(exported, ws_path, reviewer="李同事")
    assert [a.row for a in plan.applied] == [3]
    (refused,) = plan.rejected
    assert refused.row == 2
    assert "“审核备注”是公式" in refused.message
