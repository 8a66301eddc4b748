"""``gik-desk import-review`` (issue 16): a returned workbook back into the workspace."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from gik_desk.cli.main import main
from gik_desk.model.review import ReviewStatus
from gik_desk.workspace import Workspace
from tests.colleague import NOTE_0, edit_as_a_colleague
from tests.conftest import SEED_FILES


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _audit(tmp_path: Path) -> tuple[Path, Path]:
    xlsx, ws = tmp_path / "审核表.xlsx", tmp_path / "review.gikdb"
    seeds = [str(p) for p in SEED_FILES]
    code, _, _ = run("audit", *seeds, "--xlsx", str(xlsx), "--workspace", str(ws), "-q")
    assert code == 0
    return xlsx, ws


def test_import_review_prints_applied_conflicts_and_refused_rows(tmp_path: Path) -> None:
    exported, ws_path = _audit(tmp_path)
    edited = tmp_path / "同事填写.xlsx"
    keys = edit_as_a_colleague(exported, edited)
    with Workspace.open(ws_path) as ws:
        ws.apply(ws.status_action([keys[4]], ReviewStatus.CONFIRMED))

    code, out, err = run(
        "import-review", str(edited), "--workspace", str(ws_path), "--reviewer", "李同事"
    )

    assert code == 1  # some rows need the reviewer: the conflict and the three refused rows
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == (
        "审核表「同事填写.xlsx」：导入 4 条问题（审核状态 4 条，审核备注 3 条），"
        "冲突 1 条，未导入 3 行，未改动 16 条。"
    )
    assert lines[1] == "已导入："
    assert lines[2].startswith("  第 22 行（")
    assert lines[-3].startswith("  “问题清单”第 2 行")
    assert lines[-2].startswith("  “问题清单”第 3 行")
    assert lines[-1].startswith("  “问题清单”第 4 行")
    assert "冲突（导出后工作区已改动，未覆盖，请人工决定）：" in lines
    assert any(line.startswith("  “问题清单”第 21 行") for line in lines)
    with Workspace.open(ws_path) as ws:
        assert ws.review(keys[0]).note == NOTE_0
        assert ws.review(keys[0]).reviewer == "李同事"
        assert ws.events()[-1].target == "同事填写.xlsx"


def test_a_clean_import_exits_zero(tmp_path: Path) -> None:
    exported, ws_path = _audit(tmp_path)
    wb = openpyxl.load_workbook(exported)
    sheet = wb["问题清单"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("审核状态") + 1).value = "需整改"
    wb.save(exported)
    code, out, _ = run("import-review", str(exported), "--workspace", str(ws_path))
    assert code == 0
    assert out.startswith("审核表「审核表.xlsx」：导入 1 条问题（审核状态 1 条，审核备注 0 条）")


def test_missing_workspace_and_bad_workbook_are_usage_errors(tmp_path: Path) -> None:
    exported, _ = _audit(tmp_path)
    code, _, err = run("import-review", str(exported), "--workspace", str(tmp_path / "无.gikdb"))
    assert code == 2
    assert err.startswith("无法打开审核工作区")
    assert not (tmp_path / "无.gikdb").exists()  # never created by an import
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really")
    code, _, err = run("import-review", str(junk), "--workspace", str(tmp_path / "review.gikdb"))
    assert code == 2
    assert err.startswith("无法导入审核表(cannot import)：无法读取审核表「junk.xlsx」")


def test_workspace_option_is_required() -> None:
    assert run("import-review", "x.xlsx")[0] == 2


def test_a_finding_a_colleague_changes_during_the_import_is_listed_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 28: a colleague on the same workspace writes between the plan and the write; that
    row is a conflict naming them, the other rows are applied."""
    from gik_desk.services import reimport

    exported, ws_path = _audit(tmp_path)
    edited = tmp_path / "同事填写.xlsx"
    keys = edit_as_a_colleague(exported, edited)
    planned = reimport.plan_review_import

    def plan_then_colleague(book, ws):  # type: ignore[no-untyped-def]
        plan = planned(book, ws)
        with Workspace.open(ws_path) as other:
            other.reviewer = "王同事"
            other.apply(other.note_action(keys[0], "王同事刚写的"))
        return plan

    monkeypatch.setattr(reimport, "plan_review_import", plan_then_colleague)
    code, out, _ = run(
        "import-review", str(edited), "--workspace", str(ws_path), "--reviewer", "李同事"
    )

    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        "审核表「同事填写.xlsx」：导入 4 条问题（审核状态 4 条，审核备注 2 条），"
        "冲突 1 条，未导入 3 行，未改动 16 条。"
    )
    assert any("导入时已被 王同事 改为「待核实」，备注“王同事刚写的”，未覆盖" in x for x in lines)
    with Workspace.open(ws_path) as ws:
        assert ws.review(keys[0]).note == "王同事刚写的"
        assert ws.events()[-1].target == "同事填写.xlsx"
