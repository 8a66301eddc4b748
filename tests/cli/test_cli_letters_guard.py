"""Issue 23: letters go through the same output guard as ``audit`` (through the installed command).

The report is seed 002 (Dongsheng 2024) saved as a Word file named like its own letter: the
letter must never replace it, nor a .docx the workspace did not record writing."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import docx

from gik_desk.model.review import ReviewStatus
from gik_desk.services import ReviewSession
from tests.cli.installed import DONGSHENG_2024, gik
from tests.cli.test_cli_workspace_agrees import BODY, _config, _confirm_all

LETTER = f"审核意见_{BODY}.docx"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _reviewed(folder: Path, report: Path) -> tuple[Path, dict[str, str]]:
    env = _config(folder)
    code, _o, err = gik("audit", str(report), "--workspace", "w.gikdb", "--workers", "1",
                        cwd=folder, env=env)  # fmt: skip
    assert code == 0, err
    _confirm_all(folder / "w.gikdb")
    return folder / "w.gikdb", env


def test_letters_never_replace_an_input(tmp_path: Path) -> None:
    report = tmp_path / LETTER
    word = docx.Document()
    for line in DONGSHENG_2024.read_text(encoding="utf-8").splitlines():
        word.add_paragraph(line)
    word.save(str(report))
    before = _sha(report)
    ws, env = _reviewed(tmp_path, report)
    code, _o, err = gik("letters", "--workspace", str(ws), "--out", str(tmp_path),
                        "--workers", "1", cwd=tmp_path, env=env)  # fmt: skip
    assert code == 2
    assert str(report) in err
    assert "输入" in err
    assert _sha(report) == before


def test_letters_replace_only_a_docx_they_wrote(tmp_path: Path) -> None:
    shutil.copyfile(DONGSHENG_2024, tmp_path / "d.txt")
    ws, env = _reviewed(tmp_path, tmp_path / "d.txt")
    out = tmp_path / "意见"
    args = ("letters", "--workspace", str(ws), "--out", str(out), "--workers", "1")
    code, _o, err = gik(*args, cwd=tmp_path, env=env)
    assert code == 0, err
    code, _o, err = gik(*args, cwd=tmp_path, env=env)  # its own letter: replaced
    assert code == 0, err
    assert (out / LETTER).is_file()
    other = docx.Document()
    other.add_paragraph("同事的修改稿")
    other.save(str(out / LETTER))  # a colleague edits the letter: no longer ours
    edited = _sha(out / LETTER)
    code, _o, err = gik(*args, cwd=tmp_path, env=env)
    assert code == 2
    assert str(out / LETTER) in err
    assert _sha(out / LETTER) == edited


def test_letters_never_land_on_the_workspace(tmp_path: Path) -> None:
    shutil.copyfile(DONGSHENG_2024, tmp_path / "d.txt")
    env = _config(tmp_path)
    ws = tmp_path / LETTER  # a workspace under the letter's name (any suffix is accepted)
    code, _o, err = gik("audit", "d.txt", "--workspace", str(ws), "--workers", "1",
                        cwd=tmp_path, env=env)  # fmt: skip
    assert code == 0, err
    _confirm_all(ws)
    code, _o, err = gik("letters", "--workspace", str(ws), "--out", str(tmp_path),
                        "--workers", "1", cwd=tmp_path, env=env)  # fmt: skip
    assert code == 2
    assert "审核工作区" in err
    session = ReviewSession()
    session.open(ws)  # still the workspace, every decision in it
    try:
        assert {r.status for r in session.reviews().values()} == {ReviewStatus.CONFIRMED}
    finally:
        session.close()
