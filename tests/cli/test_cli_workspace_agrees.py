"""Issue 23: the command line stores what the window stores (through the installed command).

Seed 002 is Dongsheng 2024 (one report, APP-CARRY and TPL-LABEL); a copy with one more line is
a second version of it (DUP-VERSION on both)."""

from __future__ import annotations

import getpass
import shutil
from pathlib import Path

import docx

from gik_desk.model.review import ReviewStatus
from gik_desk.services import ReviewSession
from tests.cli.installed import DONGSHENG_2024, gik

BODY = "东胜区行政审批政务服务与数据管理局"


def _config(tmp_path: Path, reviewer: str = "") -> dict[str, str]:
    """A desk configuration of our own (never the machine's), keeping ``reviewer``."""
    home = tmp_path / "config"
    (home / "gik-desk").mkdir(parents=True)
    if reviewer:
        ini = home / "gik-desk" / "gik-desk.ini"
        ini.write_text(f"[prefs]\nreviewer={reviewer}\n", encoding="utf-8")
    return {"XDG_CONFIG_HOME": str(home)}


def _confirm_all(workspace: Path) -> None:
    session = ReviewSession("审核甲")
    session.open(workspace)
    try:
        actions, refused = session.status_actions(session.reviews(), ReviewStatus.CONFIRMED)
        assert refused is None
        for action in actions:
            session.apply(action)
    finally:
        session.close()


def _sync_events(workspace: Path) -> list[str]:
    session = ReviewSession()
    session.open(workspace)
    try:
        return [e.who for e in session.events() if e.action == "sync"]
    finally:
        session.close()


def test_audit_of_a_subset_leaves_the_other_reports_alone(tmp_path: Path) -> None:
    shutil.copyfile(DONGSHENG_2024, tmp_path / "东胜2024.txt")
    second = DONGSHENG_2024.read_text(encoding="utf-8") + "\n(更正稿)\n"
    (tmp_path / "东胜2024更正.txt").write_text(second, encoding="utf-8")
    env = _config(tmp_path)
    code, _o, err = gik(
        "audit", "东胜2024.txt", "东胜2024更正.txt", "--workspace", "w.gikdb", "--workers", "1",
        cwd=tmp_path, env=env,
    )  # fmt: skip
    assert code == 0, err
    assert "新增 6" in err  # APP-CARRY, TPL-LABEL and DUP-VERSION on each version
    code, _o, err = gik(
        "audit", "东胜2024.txt", "--workspace", "w.gikdb", "--workers", "1", cwd=tmp_path, env=env
    )
    assert code == 0, err
    assert "保留 2，已消失 0" in err  # the first's DUP-VERSION waits for the other file
    session = ReviewSession()
    session.open(tmp_path / "w.gikdb")
    try:
        reviews = session.reviews()
    finally:
        session.close()
    assert len(reviews) == 6
    assert not [k for k, r in reviews.items() if r.resolved]


def test_events_carry_the_reviewer(tmp_path: Path) -> None:
    shutil.copyfile(DONGSHENG_2024, tmp_path / "d.txt")
    args = ("audit", "d.txt", "--workers", "1")
    code, _o, err = gik(
        *args, "--workspace", "a.gikdb", "--reviewer", "张三", cwd=tmp_path, env=_config(tmp_path)
    )
    assert code == 0, err
    assert _sync_events(tmp_path / "a.gikdb") == ["张三"]
    desk = _config(tmp_path / "desk", "李四")
    code, _o, err = gik(*args, "--workspace", "b.gikdb", cwd=tmp_path, env=desk)
    assert code == 0, err
    assert _sync_events(tmp_path / "b.gikdb") == ["李四"]
    code, _o, err = gik(*args, "--workspace", "c.gikdb", cwd=tmp_path, env=_config(tmp_path / "n"))
    assert code == 0, err
    assert _sync_events(tmp_path / "c.gikdb") == [getpass.getuser()]


def test_letters_from_another_directory(tmp_path: Path) -> None:
    work, elsewhere = tmp_path / "报告", tmp_path / "别处"
    work.mkdir()
    elsewhere.mkdir()
    shutil.copyfile(DONGSHENG_2024, work / "d.txt")
    env = _config(tmp_path)
    code, _o, err = gik("audit", "d.txt", "--workspace", "w.gikdb", "--workers", "1",
                        cwd=work, env=env)  # fmt: skip
    assert code == 0, err
    _confirm_all(work / "w.gikdb")
    code, _o, err = gik("letters", "--workspace", str(work / "w.gikdb"), "--out", "意见",
                        "--workers", "1", cwd=elsewhere, env=env)  # fmt: skip
    assert code == 0, err
    letter = elsewhere / "意见" / f"审核意见_{BODY}.docx"
    assert letter.is_file(), err
    text = "\n".join(p.text for p in docx.Document(str(letter)).paragraphs)
    assert "8" in text
    assert "结转" in text


def test_letters_that_cannot_find_their_files_exit_non_zero(tmp_path: Path) -> None:
    shutil.copyfile(DONGSHENG_2024, tmp_path / "d.txt")
    env = _config(tmp_path)
    code, _o, err = gik("audit", "d.txt", "--workspace", "w.gikdb", "--workers", "1",
                        cwd=tmp_path, env=env)  # fmt: skip
    assert code == 0, err
    _confirm_all(tmp_path / "w.gikdb")
    (tmp_path / "d.txt").unlink()
    code, _o, err = gik("letters", "--workspace", "w.gikdb", "--out", "意见", "--workers", "1",
                        cwd=tmp_path, env=env)  # fmt: skip
    assert code != 0
    assert str(tmp_path / "d.txt") in err
    assert "文件已不存在" in err
