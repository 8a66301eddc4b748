"""Issue 23: a returned workbook's 对外意见 (what the letter says) is imported with the status
and note, through the installed command; a change made in the workspace since the export is
a conflict, never overwritten. Seed 002: Dongsheng 2024 (APP-CARRY, TPL-LABEL)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from gik_desk.model.review import ReviewStatus
from gik_desk.workspace import Workspace
from tests.cli.installed import DONGSHENG_2024, gik
from tests.cli.test_cli_workspace_agrees import _config

OUTWARD = "请在正文中说明其余1件申请结转下年度办理。"


def _exported(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    shutil.copyfile(DONGSHENG_2024, tmp_path / "d.txt")
    env = _config(tmp_path)
    code, _o, err = gik("audit", "d.txt", "--xlsx", "审核表.xlsx", "--workspace", "w.gikdb",
                        "--workers", "1", "-q", cwd=tmp_path, env=env)  # fmt: skip
    assert code == 0, err
    return tmp_path / "审核表.xlsx", tmp_path / "w.gikdb", env


def _fill(book: Path, rule: str, status: str, outward: str) -> str:
    """A colleague's edit of the row of ``rule``; returns that row's finding key."""
    wb = openpyxl.load_workbook(book)
    sheet = wb["问题清单"]
    header = [c.value for c in sheet[1]]
    (row,) = [r for r in range(2, sheet.max_row + 1)
              if sheet.cell(r, header.index("规则编号") + 1).value == rule]  # fmt: skip
    sheet.cell(row, header.index("审核状态") + 1).value = status
    sheet.cell(row, header.index("对外意见") + 1).value = outward
    key = str(sheet.cell(row, header.index("问题键") + 1).value)
    wb.save(book)
    return key


def test_import_carries_the_outward_text(tmp_path: Path) -> None:
    book, ws_path, env = _exported(tmp_path)
    key = _fill(book, "APP-CARRY", "已确认", OUTWARD)
    code, out, err = gik("import-review", str(book), "--workspace", str(ws_path),
                         "--reviewer", "李同事", cwd=tmp_path, env=env)  # fmt: skip
    assert code == 0, out + err
    assert "对外意见 1 条" in out.splitlines()[0]
    assert f"对外意见改为“{OUTWARD}”" in out
    with Workspace.open(ws_path) as ws:
        assert ws.review(key).status is ReviewStatus.CONFIRMED
        assert ws.outward(key) == OUTWARD
        event = ws.events()[-1]
        assert event.who == "李同事"


def test_an_outward_text_changed_in_the_workspace_since_export_is_a_conflict(
    tmp_path: Path,
) -> None:
    book, ws_path, env = _exported(tmp_path)
    key = _fill(book, "APP-CARRY", "", OUTWARD)
    with Workspace.open(ws_path) as ws:
        ws.apply(ws.outward_action(key, "本机写的对外意见"))
    code, out, _err = gik("import-review", str(book), "--workspace", str(ws_path),
                          cwd=tmp_path, env=env)  # fmt: skip
    assert code == 1
    assert "冲突 1 条" in out.splitlines()[0]
    with Workspace.open(ws_path) as ws:
        assert ws.outward(key) == "本机写的对外意见"
