"""Issue 10: one mistyped path never destroys work; a crash has its own exit code.

``audit in.txt --workspace W.gikdb --xlsx W.gikdb`` once replaced the workspace with a workbook
and said "已写出 Excel" (rc 0). Each case below records the bytes of every file it could hit and
checks them after the refusal.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
from pathlib import Path

import pytest

from gik_desk.cli.main import EXIT_INTERNAL, EXIT_USAGE, build_parser, main
from gik_desk.workspace import Workspace

SEED = Path(__file__).resolve().parents[1] / "data" / "seeds" / "003_c95b75059979c460.txt"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    """An input report and a workspace that already holds this batch's findings."""
    src = tmp_path / "in.txt"
    src.write_bytes(SEED.read_bytes())
    ws = tmp_path / "W.gikdb"
    assert run("audit", str(src), "--workspace", str(ws), "-q")[0] == 0
    return src, ws


@pytest.mark.parametrize(
    ("option", "target"),
    [
        ("--xlsx", "W.gikdb"),
        ("--json", "W.gikdb"),
        ("--xlsx", "W.gikdb-wal"),
        ("--xlsx", "report.pdf"),
        ("--json", "in.txt"),
        ("--xlsx", "in.txt"),
        ("--json", "copy.json.txt"),
    ],
)
def test_an_output_over_an_input_workspace_or_other_kind_is_refused(
    tmp_path: Path, setup: tuple[Path, Path], option: str, target: str
) -> None:
    src, ws = setup
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%hand-made\n")
    before = {p.name: _digest(p) for p in tmp_path.iterdir() if p.is_file()}
    argv = ["audit", str(src), "--workspace", str(ws), option, str(tmp_path / target), "-q"]
    code, _, err = run(*argv)
    assert code == EXIT_USAGE
    assert "已拒绝" in err
    assert "已写出" not in err
    after = {p.name: _digest(p) for p in tmp_path.iterdir() if p.is_file()}
    assert after == before  # nothing written, nothing replaced
    with Workspace.open(ws, network=False) as w:
        assert w.snapshot().reviews  # the workspace still opens with its reviews


def test_json_and_xlsx_on_one_file_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(SEED.read_bytes())
    code, _, err = run("audit", str(src), "--json", str(tmp_path / "a.json"), "--xlsx",
                       str(tmp_path / "a.json"), "-q")  # fmt: skip
    assert code == EXIT_USAGE
    assert "已拒绝" in err
    assert not (tmp_path / "a.json").exists()


def test_an_input_inside_a_folder_is_not_overwritten(tmp_path: Path) -> None:
    """A workbook left in the input folder by a previous run is an input of this batch."""
    folder = tmp_path / "报告"
    folder.mkdir()
    (folder / "in.txt").write_bytes(SEED.read_bytes())
    old = folder / "审核.xlsx"
    assert run("audit", str(folder / "in.txt"), "--xlsx", str(old), "-q")[0] == 0
    digest = _digest(old)
    code, _, err = run("audit", str(folder), "--xlsx", str(old), "-q")
    assert code == EXIT_USAGE
    assert "输入文件" in err
    assert _digest(old) == digest


@pytest.mark.parametrize(("option", "name"), [("--json", "out.json"), ("--xlsx", "out.xlsx")])
def test_a_read_only_output_is_refused_with_a_message(
    tmp_path: Path, option: str, name: str
) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(SEED.read_bytes())
    out = tmp_path / name
    assert run("audit", str(src), option, str(out), "-q")[0] == 0
    out.chmod(0o444)
    digest = _digest(out)
    code, _, err = run("audit", str(src), option, str(out), "-q")
    assert code == EXIT_USAGE
    assert "只读" in err
    assert _digest(out) == digest


def test_an_existing_output_of_its_own_kind_is_replaced_keeping_its_mode(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(SEED.read_bytes())
    out = tmp_path / "out.json"
    out.write_text('{"old": true}\n', encoding="utf-8")
    out.chmod(0o640)
    assert run("audit", str(src), "--json", str(out), "-q")[0] == 0
    assert "reports" in json.loads(out.read_text(encoding="utf-8"))
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".gik-tmp-")] == []


def test_a_file_of_another_kind_under_the_right_suffix_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(SEED.read_bytes())
    ws = tmp_path / "renamed.xlsx"  # a workspace someone renamed
    ws.write_bytes(b"SQLite format 3\x00" + bytes(100))
    code, _, err = run("audit", str(src), "--xlsx", str(ws), "-q")
    assert code == EXIT_USAGE
    assert "不是本程序导出的同类文件" in err
    assert ws.read_bytes().startswith(b"SQLite format 3")


def test_an_internal_error_exits_three_not_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gik_desk.cli import main as cli_main

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("模拟的程序错误")

    monkeypatch.setattr(cli_main, "print_summary", boom)
    src = tmp_path / "in.txt"
    src.write_bytes(SEED.read_bytes())
    code, _, err = run("audit", str(src), "--fail-on", "error")
    assert code == EXIT_INTERNAL == 3
    assert "程序内部错误" in err
    assert "RuntimeError" in err


def test_help_documents_the_exit_codes() -> None:
    text = build_parser().format_help()
    for word in ("退出码", "0 完成", "1 出现 --fail-on", "2 用法错误", "3 程序内部错误"):
        assert word in text
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "3 for an internal error" in readme


def test_unreadable_input_only_exits_two(tmp_path: Path) -> None:
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    assert run("audit", str(empty), "-q")[0] == EXIT_USAGE
    assert os.path.exists(empty)
