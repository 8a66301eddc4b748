"""Issue 30 (整改复核): a letter recorded as sent, its items judged against the body's new version.

Scenario and hand-keyed edits: ``rectification_cases.py``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import docx
import pytest

from gik_desk.model.finding import CellRef
from gik_desk.model.rectification import Outcome
from gik_desk.services import (
    ReviewSession,
    audit_paths,
    rectification_json,
    run_to_end,
    workspace_follow_up,
    workspace_letters,
)
from tests.unit.services import rectification_cases as rc


@pytest.fixture
def sent(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """A fresh workspace per test: tests write letters and decisions into it."""
    return rc.letters_sent(tmp_path_factory.mktemp("rectification"))


def _session(ws: Path) -> ReviewSession:
    s = ReviewSession("复核人")
    s.open(ws)
    return s


def test_letters_are_recorded_as_sent_with_their_items(sent: tuple[Path, list[Path]]) -> None:
    ws, _files = sent
    s = _session(ws)
    try:
        letters = {x.body: x for x in s.sent_letters()}
    finally:
        s.close()
    assert set(letters) == {rc.TIANQIAO, rc.DONGSHENG}
    t = letters[rc.TIANQIAO]
    assert len(t.items) == 1
    item = t.items[0]
    assert item.text.startswith(rc.ITEM_TIANQIAO)
    assert item.cell == CellRef("applications", "other.no_supplement", "total")
    assert (item.printed, item.asked) == (1, 3)
    assert set(item.rules) == {"APP-ROW", "APP-RESULTS"}
    assert Path(t.path).name == f"审核意见_{rc.TIANQIAO}.docx"
    assert len(t.sha256) == 64
    assert len(t.reports) == 15  # every Tianqiao report the letter says was reviewed
    (report,) = [r for r in t.reports if r.year == 2021]
    assert report.figures["applications/other.no_supplement/total"] == 1
    d = letters[rc.DONGSHENG]
    assert [i.rules for i in d.items] == [("APP-CARRY",)]
    assert d.items[0].cell is None
    assert d.items[0].text.startswith(rc.CARRY_MESSAGE)


def test_a_sent_letter_is_never_rewritten(sent: tuple[Path, list[Path]]) -> None:
    ws, _files = sent
    conn = sqlite3.connect(ws)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="never rewritten"):
            conn.execute("UPDATE sent_letters SET body = 'x'")
        with pytest.raises(sqlite3.DatabaseError, match="never rewritten"):
            conn.execute("DELETE FROM sent_letters")
    finally:
        conn.close()


def test_without_a_new_version_every_item_waits(sent: tuple[Path, list[Path]]) -> None:
    ws, files = sent
    batch = audit_paths([str(f) for f in files], workers=1)
    s = _session(ws)
    try:
        bodies = s.rectification(batch)
    finally:
        s.close()
    assert {j.outcome for b in bodies for j in b.items} == {Outcome.PENDING}
    assert all(not b.new_reports and not b.other_changes for b in bodies)


def test_corrected_copies_tianqiao_fixed_dongsheng_not(
    sent: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    ws, files = sent
    copies = rc.corrected_copies(tmp_path, files)
    batch = audit_paths([str(f) for f in [*files, *copies]], workers=1)
    s = _session(ws)
    try:
        s.sync(batch)
        bodies = {b.letter.body: b for b in s.rectification(batch)}
    finally:
        s.close()
    (t,) = bodies[rc.TIANQIAO].items
    assert t.outcome is Outcome.FIXED
    assert t.now == 3
    assert "已更正为3" in t.how
    assert bodies[rc.TIANQIAO].new_problems == ()
    assert bodies[rc.TIANQIAO].other_changes == ()
    (d,) = bodies[rc.DONGSHENG].items
    assert d.outcome is Outcome.NOT_FIXED
    (change,) = bodies[rc.DONGSHENG].other_changes
    assert change.cell == CellRef("active", "licensing", "decisions")
    assert (change.before, change.after) == (52425, 52426)
    assert bodies[rc.DONGSHENG].new_problems == ()
    doc = rectification_json(list(bodies.values()))
    assert [i["outcome"] for b in doc for i in b["items"]] == ["fixed", "not_fixed"]


def test_a_fix_that_breaks_another_identity_is_fixed_with_one_new_problem(
    sent: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    ws, files = sent
    copies = rc.corrected_copies(tmp_path, files, break_appeals=True)
    batch = audit_paths([str(f) for f in [*files, *copies]], workers=1)
    s = _session(ws)
    try:
        s.sync(batch)
        (body,) = [b for b in s.rectification(batch) if b.letter.body == rc.TIANQIAO]
    finally:
        s.close()
    assert [j.outcome for j in body.items] == [Outcome.FIXED]
    (problem,) = body.new_problems
    assert problem[1].startswith("APPEAL-SUM|")
    assert [c.cell.key for c in body.other_changes] == [
        "appeals/count/review.upheld"
    ]  # TEMPLATES.md


def test_follow_up_letter_lists_only_what_is_open(
    sent: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    ws, files = sent
    rc.corrected_copies(tmp_path, files)
    s = _session(ws)  # the workspace learns of the copies as the window would: an audit
    try:
        copies = sorted((tmp_path / "更正").iterdir())
        s.sync(audit_paths([str(f) for f in [*files, *copies]], workers=1))
        before = len(s.sent_letters())
    finally:
        s.close()
    out = tmp_path / "复核"
    result = run_to_end(workspace_follow_up(ws, out, workers=1))
    assert [(b, n) for b, _p, n in result.written] == [(rc.DONGSHENG, 1)]
    assert (rc.TIANQIAO, "审核意见所列问题均已整改，不生成复核意见") in result.skipped
    text = [p.text for p in docx.Document(str(result.written[0][1])).paragraphs]
    items = [p for p in text if p.startswith("1. ")]
    assert len(items) == 1
    assert items[0].startswith("1. " + rc.CARRY_MESSAGE)
    assert "复核情况：未整改。" in "".join(text)
    assert not any(p.startswith("2. ") for p in text)
    s = _session(ws)
    try:
        letters = s.sent_letters()
    finally:
        s.close()
    assert len(letters) == before + 1
    assert letters[-1].follow_up


def test_regenerating_a_letter_is_a_new_record(
    sent: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    ws, _files = sent
    s = _session(ws)
    try:
        before = [x.id for x in s.sent_letters()]
    finally:
        s.close()
    run_to_end(workspace_letters(ws, tmp_path / "again", bodies=[rc.TIANQIAO], workers=1))
    s = _session(ws)
    try:
        after = s.sent_letters()
    finally:
        s.close()
    assert [x.id for x in after[: len(before)]] == before
    assert after[-1].body == rc.TIANQIAO
    assert after[-1].id > max(before)


def test_reviewer_override_is_undoable_and_logged(
    sent: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    ws, files = sent
    copies = rc.corrected_copies(tmp_path, files)
    batch = audit_paths([str(f) for f in [*files, *copies]], workers=1)
    s = _session(ws)
    try:
        s.sync(batch)
        (d,) = next(b for b in s.rectification(batch) if b.letter.body == rc.DONGSHENG).items
        action = s.rectification_action(d, Outcome.FIXED, "正文另行补充说明，已核实")
        assert action is not None
        changed = s.apply(action)
        assert changed.items == (d.key,)
        (d2,) = next(b for b in s.rectification(batch) if b.letter.body == rc.DONGSHENG).items
        assert d2.outcome is Outcome.FIXED
        assert d2.judged is Outcome.NOT_FIXED
        assert d2.confirmed
        assert d2.note == "正文另行补充说明，已核实"
        last = s.events()[-1]
        assert (last.action, last.who, last.target) == ("set_rectification", "复核人", d.key)
        s.apply(action.inverse())
        (d3,) = next(b for b in s.rectification(batch) if b.letter.body == rc.DONGSHENG).items
        assert d3.outcome is Outcome.NOT_FIXED
        assert not d3.confirmed
    finally:
        s.close()


def test_reload_of_the_same_file_is_judged_against_the_recorded_figures(
    tmp_path: Path,
) -> None:
    ws, files = rc.letters_sent(tmp_path)
    rc.edited(files[0], files[0], rc.ROW_2021, rc.FIXED_2021)  # the body fixed it in place
    batch = audit_paths([str(f) for f in files], workers=1)
    s = _session(ws)
    try:
        s.sync(batch)
        bodies = {b.letter.body: b for b in s.rectification(batch)}
    finally:
        s.close()
    (t,) = bodies[rc.TIANQIAO].items
    assert t.outcome is Outcome.FIXED
    assert t.now == 3
    assert [j.outcome for j in bodies[rc.DONGSHENG].items] == [Outcome.PENDING]


def test_a_letter_the_workspace_cannot_record_is_written_and_named(
    sent: tuple[Path, list[Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gik_desk.workspace import Workspace, WorkspaceError

    ws, _files = sent

    def refuse(self: Workspace, letter: object, who: str | None = None) -> int:
        raise WorkspaceError("busy", "工作区正被另一程序写入")

    monkeypatch.setattr(Workspace, "record_letter", refuse)
    out = tmp_path / "意见"
    result = run_to_end(workspace_letters(ws, out, bodies=[rc.TIANQIAO], workers=1))
    letter = out / f"审核意见_{rc.TIANQIAO}.docx"
    assert letter.is_file()
    (problem,) = result.problems
    assert problem.startswith(
        f"{letter.resolve()}：已写出，但未能记入审核工作区（工作区正被另一程序写入）"
    )
    assert f"注意：{problem}" in result.lines()
