"""Issue 23: ``gik-desk letters`` finds a report file moved since the audit by its sha256, as an
audit would re-link it, and says where (``main()`` in process). Seed 002 is Dongsheng 2024, whose
APP-CARRY (8 received vs 7 handled + 1 carried) is confirmed here so a letter is due."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx

from gik_desk.cli.main import EXIT_OK, EXIT_USAGE, main
from gik_desk.model.review import ReviewStatus
from gik_desk.services import ReviewSession
from tests.cli.installed import DONGSHENG_2024

BODY = "东胜区行政审批政务服务与数据管理局"


def run(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, err.getvalue()


def _audited(tmp_path: Path) -> tuple[Path, Path]:
    """A workspace beside a 报告 folder holding Dongsheng 2024, audited with all confirmed."""
    reports = tmp_path / "报告"
    reports.mkdir()
    source = reports / "东胜2024.txt"
    shutil.copyfile(DONGSHENG_2024, source)
    workspace = tmp_path / "w.gikdb"
    code, err = run("audit", str(source), "--workspace", str(workspace), "--workers", "1",
                    "--reviewer", "审核甲")  # fmt: skip
    assert code == EXIT_OK, err
    session = ReviewSession("审核甲")
    session.open(workspace)
    try:
        actions, refused = session.status_actions(session.reviews(), ReviewStatus.CONFIRMED)
        assert refused is None
        assert actions
        for action in actions:
            session.apply(action)
    finally:
        session.close()
    return workspace, source


def test_letters_find_a_moved_file_by_sha256(tmp_path: Path) -> None:
    workspace, source = _audited(tmp_path)
    moved = tmp_path / "归档" / "改名.txt"
    moved.parent.mkdir()
    source.rename(moved)  # into a sibling folder, under another name
    code, err = run("letters", "--workspace", str(workspace), "--out", str(tmp_path / "意见"),
                    "--workers", "1")  # fmt: skip
    assert code == EXIT_OK, err
    letter = tmp_path / "意见" / f"审核意见_{BODY}.docx"
    assert f"已生成：{BODY}" in err
    assert letter.is_file()
    text = "\n".join(p.text for p in docx.Document(str(letter)).paragraphs)
    assert "结转" in text  # the confirmed APP-CARRY reached the letter
    assert f"{source}：已移动，按 sha256 在 {moved} 找到并读取" in err
    assert "找不到" not in err
    assert "文件已不存在" not in err
    code, err = run("letters", "--follow-up", "--workspace", str(workspace),
                    "--out", str(tmp_path / "复核"), "--workers", "1")  # fmt: skip
    assert code == EXIT_OK, err  # the follow-up reads the moved file too
    assert f"在 {moved} 找到" in err
    assert "文件已不存在" not in err


def test_a_file_of_the_same_name_but_other_bytes_is_not_taken(tmp_path: Path) -> None:
    workspace, source = _audited(tmp_path)
    other = tmp_path / "归档" / source.name
    other.parent.mkdir()
    other.write_text(source.read_text(encoding="utf-8") + "\n(更正稿)\n", encoding="utf-8")
    source.unlink()
    code, err = run("letters", "--workspace", str(workspace), "--out", str(tmp_path / "意见"),
                    "--workers", "1")  # fmt: skip
    assert code == EXIT_USAGE
    assert f"{source}：文件已不存在" in err
    assert not (tmp_path / "意见" / f"审核意见_{BODY}.docx").exists()
