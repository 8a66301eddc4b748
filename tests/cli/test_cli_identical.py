"""Issue 23 through the installed command: identical files are one report, said so."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.cli.installed import TIANQIAO_2022, gik


def test_audit_skips_a_byte_identical_copy(tmp_path: Path) -> None:
    shutil.copyfile(TIANQIAO_2022, tmp_path / "原件.txt")
    shutil.copyfile(TIANQIAO_2022, tmp_path / "副本.txt")
    code, out, err = gik("audit", "原件.txt", "副本.txt", "--workers", "1", cwd=tmp_path)
    assert code == 0, err
    assert "DUP-VERSION" not in out
    assert "共 15 份报告" in out  # seed 001 holds Tianqiao 2008-2022, read once
    assert ("副本.txt  [same-file] 与「原件.txt」内容完全相同" in err) != (
        "原件.txt  [same-file] 与「副本.txt」内容完全相同" in err
    )
