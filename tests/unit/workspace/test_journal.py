"""Issue 28: the workspace goes away mid-session. Every action made meanwhile is kept in a local
journal (one fsync'd JSON line each, outside the workspace), shown as applied on this desk, and
applied in order on reconnection under the conflict rule; a crash mid-replay applies nothing
twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from wsbatch import standard_batch

from gik_desk.model.rectification import Outcome
from gik_desk.model.review import Annotation, ReportState, ReviewStatus
from gik_desk.services import ReviewSession
from gik_desk.workspace import (
    AddAnnotation,
    DeleteAnnotation,
    EditAnnotationNote,
    ImportReview,
    KeyCell,
    RestoreStatuses,
    ReviewChange,
    SetCurrentVersion,
    SetNote,
    SetOutward,
    SetRectification,
    SetReportState,
    SetStatus,
    Workspace,
)
from gik_desk.workspace.actions import from_json, to_json
from gik_desk.workspace.journal import Entry, Journal
from tests.flaky_store import FlakyWorkspace

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[ReviewSession, FlakyWorkspace, Workspace]]:
    path = tmp_path / "team.gikdb"
    store = FlakyWorkspace.open(path, network=False)
    store.sync_batch(standard_batch())
    session = ReviewSession("王审核", journal_folder=tmp_path / "journal")
    session.attach(store)
    colleague = Workspace.open(path, network=False)
    colleague.reviewer = "李同事"
    yield session, store, colleague
    colleague.close()
    session.close()


def _annotation(i: int) -> Annotation:
    return Annotation(f"ann-{i}", "甲区|2021", "a.txt", "主动", "", "", 3, 5, note=f"批注 {i}")


def test_every_action_has_a_stable_json_form() -> None:
    ann = _annotation(1)
    CONFIRMED = ReviewStatus.CONFIRMED  # noqa: N806
    change = ReviewChange(
        "k1", ReviewStatus.PENDING, "", ReviewStatus.CONFIRMED, "好", None, "对外"
    )
    actions = [
        SetStatus(("k1", "k2"), (ReviewStatus.PENDING, ReviewStatus.NEEDS_FIX), CONFIRMED, (0, 3)),
        RestoreStatuses(("k1",), (ReviewStatus.CONFIRMED,), (ReviewStatus.PENDING,), (2,)),
        SetNote("k1", "旧", "新", 4),
        SetOutward("k1", "", "请更正", 0),
        AddAnnotation(ann, 0),
        DeleteAnnotation(ann, 1),
        EditAnnotationNote("ann-1", "a", "b", 1),
        SetCurrentVersion("甲区|2021", None, "v2", 0),
        ImportReview("回传.xlsx", (change,)),
        SetReportState("甲区|2021", ReportState.NOT_STARTED, ReportState.DONE, 0),
        SetRectification("letter:1#1", (None, ""), (Outcome.FIXED, "已改"), 0),
        KeyCell("甲区|2021", "表二/1/2", "a.txt", "ab12", "", "17", 0),
    ]
    for action in actions:
        back = from_json(json.loads(json.dumps(to_json(action))))
        assert back == action
        assert getattr(back, "base", None) == getattr(action, "base", None)
    assert to_json(SetNote("k1", "旧", "新", 4)) == {
        "type": "SetNote",
        "key": "k1",
        "before": "旧",
        "after": "新",
        "base": 4,
    }
    with pytest.raises(ValueError, match="not a reviewer action"):
        from_json({"type": "DropTable", "key": "x"})


def test_a_dropped_store_keeps_actions_in_the_journal_and_shows_them(
    desk: tuple[ReviewSession, FlakyWorkspace, Workspace], tmp_path: Path
) -> None:
    session, store, _ = desk
    key = next(iter(session.reviews()))
    store.down = True
    session.apply(session.note_action(key, "断网时写的"))
    assert session.offline is not None
    assert session.offline.code == "unreachable"
    assert store.review(key).note == ""  # not in the workspace
    assert session.review(key).note == "断网时写的"  # shown as applied here
    (line,) = session.journal.path.read_text(encoding="utf-8").splitlines()  # type: ignore[union-attr]
    record = json.loads(line)
    assert record["action"]["type"] == "SetNote"
    assert record["who"] == "王审核"
    assert session.journal.path.parent == tmp_path / "journal"  # type: ignore[union-attr]

    assert session.reconnect().offline is not None  # still down: kept
    assert len(session.pending()) == 1
    store.down = False
    done = session.reconnect()
    assert (done.applied, done.conflicts, done.offline) == (1, (), None)
    assert store.review(key).note == "断网时写的"
    assert session.pending() == []


def test_twenty_kept_actions_replay_as_eighteen_and_two_conflicts(
    desk: tuple[ReviewSession, FlakyWorkspace, Workspace],
) -> None:
    session, store, colleague = desk
    a, b, c = list(session.reviews())
    store.down = True
    for key in (a, b, c):
        session.apply(session.note_action(key, f"我的备注 {key[-4:]}"))
        session.apply(session.outward_action(key, "请更正"))
    for report in ("甲区|2021", "乙区|2021"):
        assert session.workspace is not None
        session.apply(session.workspace.report_state_action(report, ReportState.IN_PROGRESS))
    for i in range(12):
        session.apply(AddAnnotation(_annotation(i), base=0))
    assert len(session.pending()) == 20
    n_events = len(store.events())

    colleague.apply(colleague.note_action(a, "同事的备注"))  # meanwhile, on the server
    colleague.apply(colleague.outward_action(b, "同事的意见"))

    store.down = False
    done = session.reconnect()
    assert done.applied == 18
    assert len(done.conflicts) == 2
    stale = sorted(x.key for conflict in done.conflicts for x in conflict.conflicts)
    assert stale == sorted([a, b])
    assert len(store.events()) == n_events + 2 + 18  # the colleague's two, my eighteen
    assert store.review(a).note == "同事的备注"  # theirs kept until I choose
    assert store.outward(b) == "同事的意见"
    assert store.review(c).note == f"我的备注 {c[-4:]}"
    assert len(store.annotations()) == 12
    assert session.pending() == []


def test_a_crash_mid_replay_applies_each_action_once(
    desk: tuple[ReviewSession, FlakyWorkspace, Workspace],
) -> None:
    session, store, _ = desk
    store.down = True
    for i in range(8):
        session.apply(AddAnnotation(_annotation(i), base=0))
    entries = session.pending()
    store.down = False
    for entry in entries[:3]:  # a replay wrote these, then the desk died before the journal
        store.apply(entry.action, who=entry.who, action_id=entry.id)
    assert len(session.pending()) == 8

    done = session.replay()
    assert (done.applied, done.skipped, done.conflicts) == (5, 3, ())
    adds = [e for e in store.events() if e.action == "add_annotation"]
    assert len(adds) == 8
    assert sorted(a.id for a in store.annotations()) == sorted(f"ann-{i}" for i in range(8))


def test_my_own_actions_in_a_row_are_not_conflicts_with_each_other(
    desk: tuple[ReviewSession, FlakyWorkspace, Workspace],
) -> None:
    session, store, _ = desk
    key = next(iter(session.reviews()))
    store.down = True
    session.apply(session.note_action(key, "第一稿"))
    session.apply(session.note_action(key, "第二稿"))  # made on what the store showed
    store.down = False
    done = session.reconnect()
    assert (done.applied, done.conflicts) == (2, ())
    assert store.review(key).note == "第二稿"


def test_a_line_cut_by_a_crash_is_skipped_and_the_next_kept(tmp_path: Path) -> None:
    journal = Journal.of(tmp_path / "w.gikdb", tmp_path / "j")
    journal.append(Entry("id-1", "t", "王", SetNote("k", "", "一")))
    with journal.path.open("ab") as fh:
        fh.write(b'{"id": "id-2", "act')  # the crash
    journal.append(Entry("id-3", "t", "王", SetNote("k", "一", "三")))
    assert [e.id for e in journal.entries()] == ["id-1", "id-3"]
    journal.drop(["id-1"])
    assert [e.id for e in journal.entries()] == ["id-3"]
    journal.drop(["id-3"])
    assert not journal.path.exists()


def test_a_replay_killed_midway_leaves_each_action_applied_once_or_kept(tmp_path: Path) -> None:
    path, folder = tmp_path / "team.gikdb", tmp_path / "journal"
    store = FlakyWorkspace.open(path, network=False)
    store.sync_batch(standard_batch())
    session = ReviewSession("王审核", journal_folder=folder)
    session.attach(store)
    store.down = True
    for i in range(20):
        session.apply(AddAnnotation(_annotation(i), base=0))
    ids = [e.id for e in session.pending()]
    session.close()

    child = Path(__file__).with_name("replay_writer.py")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, str(child), str(path), str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    committed = [proc.stdout.readline().strip() for _ in range(7)]
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert committed == ids[:7]

    again = ReviewSession("王审核", journal_folder=folder)
    again.open(path, network=False)
    kept = [e.id for e in again.pending()]
    assert set(ids[:6]).isdisjoint(kept)  # dropped after their commit
    done = again.replay()
    assert done.conflicts == ()
    assert done.applied + done.skipped == len(kept)
    assert again.workspace is not None
    adds = [e for e in again.workspace.events() if e.action == "add_annotation"]
    assert sorted(e.target for e in adds) == sorted(f"ann-{i}" for i in range(20))  # once each
    assert again.pending() == []
    again.close()
