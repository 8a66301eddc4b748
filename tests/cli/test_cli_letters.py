"""Issue 17: ``gik-desk letters --workspace W --out DIR`` writes from the workspace alone.

The workspace holds seed 001 (Tianqiao) with 2021's errors confirmed and TPL-LABEL excluded
(``tests/unit/export/letter_batches.py``); the command re-reads the file it names."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from gik_desk.__main__ import SUBCOMMANDS
from gik_desk.cli.main import EXIT_OK, EXIT_USAGE, main
from tests.unit.export import letter_batches as lb


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lb.reviewed_tianqiao(tmp_path_factory.mktemp("cli_letters"))[0]


def test_letters_from_a_workspace(workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "意见"
    code, _stdout, err = run(
        "letters", "--workspace", str(workspace), "--out", str(out),
        "--office", "某市政务公开办公室", "--date", "2026-12-01", "--workers", "1",
    )  # fmt: skip
    assert code == EXIT_OK, err
    letter = out / f"审核意见_{lb.BODY}.docx"
    assert f"已生成：{lb.BODY}（1 项）→ {letter}" in err
    text = [p.text for p in docx.Document(str(letter)).paragraphs]
    items = [p for p in text if p.startswith("1. ")]
    assert len(items) == 1
    assert items[0].startswith("1. " + lb.ITEM_2021)
    assert "审核意见：" + lb.OUTWARD in text
    assert text[-2:] == ["某市政务公开办公室", "2026年12月1日"]
    assert "letters" in SUBCOMMANDS  # ``gik-desk letters`` reaches the CLI, not the window


def test_a_body_not_in_the_workspace_gets_no_letter_and_is_named(
    workspace: Path, tmp_path: Path
) -> None:
    code, _o, err = run(
        "letters", "--workspace", str(workspace), "--out", str(tmp_path), "--body", "某某局",
        "--workers", "1",
    )  # fmt: skip
    assert code == EXIT_OK
    assert "未生成：某某局：本批中没有该机关的现行版本报告" in err
    assert "没有生成任何审核意见。" in err
    assert list(tmp_path.iterdir()) == []


def test_bad_workspace_or_folder_is_usage(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _o, err = run("letters", "--workspace", str(tmp_path / "无.gikdb"), "--out", "x")
    assert code == EXIT_USAGE
    assert "找不到审核工作区" in err
    a_file = tmp_path / "f.txt"
    a_file.write_text("x", encoding="utf-8")
    code, _o, err = run("letters", "--workspace", str(workspace), "--out", str(a_file))
    assert code == EXIT_USAGE
    assert "须为文件夹" in err
    foreign = tmp_path / "foreign.gikdb"
    foreign.write_text("not sqlite", encoding="utf-8")
    code, _o, err = run("letters", "--workspace", str(foreign), "--out", str(tmp_path / "o"))
    assert code == EXIT_USAGE
    assert "无法打开审核工作区" in err
    code, _o, err = run("letters", "--workspace", str(workspace))
    assert code == EXIT_USAGE  # --out is required
    code, _o, err = run("letters", "--workspace", str(workspace), "--out", "o", "--date", "昨天")
    assert code == EXIT_USAGE
    assert "YYYY-MM-DD" in capsys.readouterr().err
