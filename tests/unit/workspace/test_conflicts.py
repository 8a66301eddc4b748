"""Issue 28: two desks on one workspace. A change made on a row a colleague changed since is
refused with theirs and yours, nothing written; keep mine is a new action on the new version;
an undo over a colleague's change is refused the same way; bulk actions name each conflict and
the rest can be applied."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from wsbatch import standard_batch

from gik_desk.model.review import ReportState, ReviewStatus
from gik_desk.workspace import (
    ImportReview,
    ReopenReport,
    RestoreStatuses,
    ReviewChange,
    SetNote,
    SetStatus,
    Workspace,
)
from gik_desk.workspace.errors import ReviewConflict
from gik_desk.workspace.migrations import MIGRATIONS, SCHEMA_VERSION
from gik_desk.workspace.schema import APPLICATION_ID


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    path = tmp_path / "team.gikdb"
    mine = Workspace.open(path, network=False)
    mine.reviewer = "王审核"
    mine.sync_batch(standard_batch())
    theirs = Workspace.open(path, network=False)
    theirs.reviewer = "李同事"
    yield mine, theirs
    theirs.close()
    mine.close()


def _state(ws: Workspace) -> dict[str, tuple[ReviewStatus, str]]:
    return {k: (r.status, r.note) for k, r in ws.reviews().items()}


def test_a_stale_status_change_is_refused_with_theirs_and_yours(
    two: tuple[Workspace, Workspace],
) -> None:
    mine, theirs = two
    key = next(iter(mine.reviews()))
    stale = mine.status_action([key], ReviewStatus.CONFIRMED)  # what my desk showed
    theirs.apply(theirs.note_action(key, "先看原件"))
    theirs.apply(theirs.status_action([key], ReviewStatus.NEEDS_FIX))
    before, n_events = _state(mine), len(mine.events())

    with pytest.raises(ReviewConflict) as caught:
        mine.apply(stale)

    conflict = caught.value
    assert conflict.code == "conflict"
    assert _state(mine) == before  # nothing written
    assert len(mine.events()) == n_events  # and no event
    (one,) = conflict.conflicts
    assert one.key == key
    assert (one.theirs.value, one.theirs.note, one.theirs.who) == ("需整改", "先看原件", "李同事")
    assert one.theirs.when != ""
    assert (one.yours.value, one.yours.note) == ("已确认", "先看原件")
    assert (one.base, one.theirs.version) == (0, 2)  # made on no row; a note and a status since


def test_keep_mine_is_a_new_action_whose_undo_restores_theirs(
    two: tuple[Workspace, Workspace],
) -> None:
    mine, theirs = two
    key = next(iter(mine.reviews()))
    stale = mine.status_action([key], ReviewStatus.CONFIRMED)
    theirs.apply(theirs.status_action([key], ReviewStatus.NEEDS_FIX))
    with pytest.raises(ReviewConflict) as caught:
        mine.apply(stale)
    again = caught.value.retry
    assert isinstance(again, SetStatus)
    assert again.before == (ReviewStatus.NEEDS_FIX,)  # its undo puts theirs back

    event = mine.apply(again)
    assert mine.review(key).status is ReviewStatus.CONFIRMED
    assert (event.who, event.before, event.after) == ("王审核", '["needs_fix"]', '["confirmed"]')
    mine.apply(again.inverse())
    assert theirs.review(key).status is ReviewStatus.NEEDS_FIX


def test_an_undo_over_a_colleagues_change_is_refused(two: tuple[Workspace, Workspace]) -> None:
    mine, theirs = two
    key = next(iter(mine.reviews()))
    done = mine.note_action(key, "我的备注")
    mine.apply(done)
    theirs.apply(theirs.note_action(key, "同事改过"))

    with pytest.raises(ReviewConflict) as caught:
        mine.apply(done.inverse())
    (one,) = caught.value.conflicts
    assert (one.theirs.note, one.yours.note) == ("同事改过", "")
    assert mine.review(key).note == "同事改过"
    # nobody changed it since: my undo goes through
    other = next(k for k in mine.reviews() if k != key)
    done2 = mine.note_action(other, "甲")
    mine.apply(done2)
    mine.apply(done2.inverse())
    assert mine.review(other).note == ""


def test_restoring_statuses_names_each_conflict_and_applies_the_rest(
    two: tuple[Workspace, Workspace],
) -> None:
    mine, theirs = two
    a, b, c = list(mine.reviews())
    bulk = mine.status_action([a, b, c], ReviewStatus.CONFIRMED)
    mine.apply(bulk)
    theirs.apply(theirs.status_action([b], ReviewStatus.NEEDS_FIX))

    with pytest.raises(ReviewConflict) as caught:
        mine.apply(bulk.inverse())  # undo the bulk change
    assert [x.key for x in caught.value.conflicts] == [b]
    rest = caught.value.rest
    assert isinstance(rest, RestoreStatuses)
    assert rest.keys == (a, c)
    mine.apply(rest)
    assert [mine.review(k).status for k in (a, b, c)] == [
        ReviewStatus.PENDING,
        ReviewStatus.NEEDS_FIX,
        ReviewStatus.PENDING,
    ]


def test_an_import_names_the_findings_changed_since_it_was_planned(
    two: tuple[Workspace, Workspace],
) -> None:
    mine, theirs = two
    a, b, _ = list(mine.reviews())
    action = ImportReview(
        "回传.xlsx",
        (
            ReviewChange(a, ReviewStatus.PENDING, "", ReviewStatus.CONFIRMED, ""),
            ReviewChange(b, ReviewStatus.PENDING, "", ReviewStatus.CONFIRMED, ""),
        ),
    )
    theirs.apply(theirs.note_action(b, "同事先写"))
    with pytest.raises(ReviewConflict) as caught:
        mine.apply(action)
    assert [x.key for x in caught.value.conflicts] == [b]
    assert caught.value.conflicts[0].theirs.note == "同事先写"
    rest = caught.value.rest
    assert isinstance(rest, ImportReview)
    assert rest.keys == (a,)


def test_sign_off_and_outward_text_are_versioned_too(two: tuple[Workspace, Workspace]) -> None:
    mine, theirs = two
    key = next(iter(mine.reviews()))
    sign = mine.report_state_action("甲区|2021", ReportState.DONE)
    word = mine.outward_action(key, "请更正")
    theirs.apply(theirs.report_state_action("甲区|2021", ReportState.IN_PROGRESS))
    theirs.apply(theirs.outward_action(key, "同事的意见"))
    for stale in (sign, word):
        with pytest.raises(ReviewConflict):
            mine.apply(stale)
    assert mine.report_states()["甲区|2021"] is ReportState.IN_PROGRESS
    assert mine.outward(key) == "同事的意见"


def test_rows_written_before_versions_start_at_one(tmp_path: Path) -> None:
    path = tmp_path / "old.gikdb"
    conn = sqlite3.connect(path, isolation_level=None)
    for step in MIGRATIONS[:9]:  # a workspace from before issue 28
        step(conn)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 9")
    conn.execute("INSERT INTO reviews (finding_key, status) VALUES ('k', 'confirmed')")
    conn.close()
    with Workspace.open(path, network=False) as ws:
        assert ws.pragma("user_version") == SCHEMA_VERSION  # 9, then 10 (versions) and on
        assert ws.row_version("reviews", "k") == 1
        assert ws.row_version("reviews", "absent") == 0


def test_an_action_id_already_logged_is_not_applied_again(
    two: tuple[Workspace, Workspace],
) -> None:
    mine, _ = two
    key = next(iter(mine.reviews()))
    note = SetNote(key, "", "一次")
    first = mine.apply(note, action_id="a-1")
    second = mine.apply(SetNote(key, "一次", "两次"), action_id="a-1")
    assert second.id == first.id
    assert mine.review(key).note == "一次"
    assert len([e for e in mine.events() if e.action == "set_note"]) == 1


_COLLEAGUE = """
import sys
from gik_desk.model.review import ReviewStatus
from gik_desk.workspace import Workspace
with Workspace.open(sys.argv[1], create=False, network=False) as ws:
    ws.reviewer = "李同事"
    ws.apply(ws.status_action([sys.argv[2]], ReviewStatus.NEEDS_FIX))
"""


def test_a_colleague_in_another_process_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "team.gikdb"
    with Workspace.open(path, network=False) as mine:
        mine.reviewer = "王审核"
        mine.sync_batch(standard_batch())
        key = next(iter(mine.reviews()))
        stale = mine.note_action(key, "我的备注")
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
        run = subprocess.run(
            [sys.executable, "-c", _COLLEAGUE, str(path), key], env=env, capture_output=True
        )
        assert run.returncode == 0, run.stderr
        with pytest.raises(ReviewConflict) as caught:
            mine.apply(stale)
        (one,) = caught.value.conflicts
        assert (one.theirs.value, one.theirs.who) == ("需整改", "李同事")
        assert mine.review(key).note == ""


def test_a_reopening_made_on_a_sign_off_that_changed_since_is_refused(
    two: tuple[Workspace, Workspace],
) -> None:
    """Two leads see 甲区 2021 signed off; one reopens it and signs it off again. The other's
    reopening, made on the first sign-off, is a conflict, not applied over the new one."""
    mine, theirs = two
    mine.apply(mine.report_state_action("甲区|2021", ReportState.DONE))
    base = theirs.row_version("report_states", "甲区|2021")
    stale = ReopenReport("甲区|2021", ReportState.IN_PROGRESS, base)
    mine.apply(ReopenReport("甲区|2021", ReportState.IN_PROGRESS, base))
    mine.apply(mine.report_state_action("甲区|2021", ReportState.DONE))
    with pytest.raises(ReviewConflict) as refused:
        theirs.apply(stale)
    assert refused.value.conflicts[0].theirs.who == "王审核"
    assert mine.report_states()["甲区|2021"] is ReportState.DONE
    assert [e.action for e in mine.events()].count("reopen_report") == 1
