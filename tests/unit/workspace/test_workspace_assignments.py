"""Issue 28, the desk's core: assignments, the lead's rights, reopening a signed-off report and
colleagues' changes read back from the event log (two connections to one SQLite file)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from wsbatch import standard_batch

from gik_desk.model.review import ReportState, ReviewStatus
from gik_desk.services import ReviewSession
from gik_desk.workspace import (
    Assign,
    ReopenReport,
    SetNote,
    SetReportState,
    SetStatus,
    Workspace,
    WorkspaceError,
)
from gik_desk.workspace.actions import Touched
from gik_desk.workspace.migrations import MIGRATIONS, SCHEMA_VERSION
from gik_desk.workspace.schema import APPLICATION_ID

A_ROW = "APP-ROW|甲区|2021|applications/other.1/total"
B_ROW = "APP-ROW|乙县|2022|applications/other.1/total"
REPORT_A = "甲区|2021"
REPORT_B = "乙县|2022"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "team.gikdb"
    with Workspace.open(p, network=False) as w:
        w.reviewer = "组长甲"
        w.sync_batch(standard_batch())
    return p


@pytest.fixture
def lead(path: Path) -> Iterator[Workspace]:
    w = Workspace.open(path, network=False)
    w.reviewer = "组长甲"
    yield w
    w.close()


@pytest.fixture
def colleague(path: Path) -> Iterator[Workspace]:
    w = Workspace.open(path, network=False)
    w.reviewer = "李审核"
    yield w
    w.close()


def test_a_body_and_a_report_are_assigned_and_the_report_wins(lead: Workspace) -> None:
    lead.apply(lead.assign_action(["body:甲区", "body:乙县"], "李审核"))
    event = lead.apply(lead.assign_action([f"report:{REPORT_B}"], "王审核"))
    assert event.label == "分配审核"
    held = lead.assignments()
    assert held == {"body:甲区": "李审核", "body:乙县": "李审核", "report:乙县|2022": "王审核"}
    from gik_desk.workspace.assignments import holder

    assert holder(held, REPORT_A, "甲区") == "李审核"
    assert holder(held, REPORT_B, "乙县") == "王审核"
    assert holder(held, "丙镇|2020", "丙镇") == ""
    assert lead.reviewers_known() == ["李审核", "王审核", "组长甲"]


def test_undoing_an_assignment_gives_each_target_its_holder_back(lead: Workspace) -> None:
    lead.apply(lead.assign_action(["body:甲区"], "李审核"))
    action = lead.assign_action(["body:甲区", "body:乙县"], "王审核")
    assert action.before == ("李审核", "")
    lead.apply(action)
    lead.apply(action.inverse())
    assert lead.assignments() == {"body:甲区": "李审核"}
    assert action.touches() == Touched(assignments=("body:甲区", "body:乙县"))


def test_an_assignment_names_a_body_or_a_report() -> None:
    with pytest.raises(ValueError, match="body:<agency_key> or report:<report_key>"):
        Assign(("甲区",), ("",), ("李审核",))


def test_a_lead_reopens_a_signed_off_report_and_undo_signs_it_off_again(lead: Workspace) -> None:
    lead.apply(SetReportState(REPORT_A, ReportState.NOT_STARTED, ReportState.DONE))
    reopen = ReopenReport(REPORT_A)
    event = lead.apply(reopen)
    assert (event.action, event.label) == ("reopen_report", "重新打开报告")
    assert lead.report_states()[REPORT_A] is ReportState.IN_PROGRESS
    lead.apply(reopen.inverse())
    assert lead.report_states()[REPORT_A] is ReportState.DONE
    assert reopen.touches() == Touched(reports=(REPORT_A,))


def test_reopening_a_report_not_signed_off_is_refused(lead: Workspace) -> None:
    with pytest.raises(WorkspaceError) as refused:
        lead.apply(ReopenReport(REPORT_A))
    assert refused.value.code == "conflict"
    assert REPORT_A not in lead.report_states()


def test_a_colleagues_changes_are_read_back_as_what_they_touched(
    lead: Workspace, colleague: Workspace
) -> None:
    cursor = lead.change_cursor()
    assert lead.changes_since(cursor) == (cursor, Touched())
    colleague.apply(SetStatus((A_ROW, B_ROW), (ReviewStatus.PENDING,) * 2, ReviewStatus.CONFIRMED))
    colleague.apply(SetNote(B_ROW, "", "已电话核实"))
    colleague.apply(SetReportState(REPORT_A, ReportState.NOT_STARTED, ReportState.DONE))
    last = colleague.apply(Assign(("body:乙县",), ("",), ("李审核",)))
    new, changed = lead.changes_since(cursor)
    assert new == last.id
    assert changed == Touched(
        findings=(A_ROW, B_ROW), reports=(REPORT_A,), assignments=("body:乙县",)
    )
    assert lead.changes_since(new) == (new, Touched())  # nothing further


def test_the_desks_own_events_are_left_out(lead: Workspace, colleague: Workspace) -> None:
    cursor = lead.change_cursor()
    mine = lead.apply(SetNote(A_ROW, "", "我的备注"))
    colleague.apply(SetNote(B_ROW, "", "同事的备注"))
    _new, changed = lead.changes_since(cursor, skip={mine.id})
    assert changed == Touched(findings=(B_ROW,))


def test_nothing_committed_elsewhere_means_no_read_of_the_log(
    lead: Workspace, colleague: Workspace
) -> None:
    cursor = lead.change_cursor()
    lead.changes_since(cursor)
    # SQLite's data_version moves only when another connection commits: the cheap check
    before = lead.pragma("data_version")
    assert lead.changes_since(cursor) == (cursor, Touched())
    assert lead.pragma("data_version") == before
    colleague.apply(SetNote(A_ROW, "", "x"))
    assert lead.pragma("data_version") != before
    assert lead.changes_since(cursor)[1] == Touched(findings=(A_ROW,))


def test_a_workspace_at_version_9_gains_the_assignments_table(tmp_path: Path) -> None:
    p = tmp_path / "old.gikdb"
    conn = sqlite3.connect(p, isolation_level=None)
    for step in MIGRATIONS[:9]:
        step(conn)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 9")
    conn.close()
    with Workspace.open(p, network=False) as w:
        assert w.pragma("user_version") == SCHEMA_VERSION  # 9, then 11 (assignments) and on
        assert w.assignments() == {}


# ---- ReviewSession: the lead's gate ---------------------------------------------------------
@pytest.fixture
def session(path: Path) -> Iterator[ReviewSession]:
    s = ReviewSession("李审核")
    s.open(path)
    yield s
    s.close()


def test_only_a_lead_assigns_or_reopens(
    session: ReviewSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = standard_batch().reports
    session.apply(session.report_state_action(a, ReportState.DONE))  # type: ignore[arg-type]
    assert session.is_lead()  # a personal SQLite workspace: its one reviewer leads
    assert session.workspace is not None
    monkeypatch.setattr(session.workspace, "is_lead", lambda: False)
    with pytest.raises(WorkspaceError) as refused:
        session.assign_action("王审核", reports=[b])
    assert refused.value.code == "not-lead"
    assert "只有组长可以分配报告" in refused.value.message
    with pytest.raises(WorkspaceError):
        session.report_state_action(a, ReportState.IN_PROGRESS)
    with pytest.raises(WorkspaceError):  # a hand-built action meets the same gate
        session.apply(Assign(("body:乙县",), ("",), ("王审核",)))
    assert session.holders([a, b]) == {}
    assert session.report_states([a])[a.id] is ReportState.DONE


def test_a_lead_assigns_and_each_reviewer_sees_their_reports(session: ReviewSession) -> None:
    a, b = standard_batch().reports
    session.apply(session.assign_action("李审核", bodies=["甲区"]))  # type: ignore[arg-type]
    session.apply(session.assign_action("王审核", reports=[b]))  # type: ignore[arg-type]
    assert session.holders([a, b]) == {a.id: "李审核", b.id: "王审核"}
    assert session.assigned_to_me([a, b]) == {a.id}
    assert session.assign_action("王审核", reports=[b]) is None  # nothing would change
    reopen = session.report_state_action(a, ReportState.DONE)
    session.apply(reopen)  # type: ignore[arg-type]
    assert isinstance(session.report_state_action(a, ReportState.IN_PROGRESS), ReopenReport)


def test_the_session_leaves_its_own_writes_out_of_colleagues_changes(
    session: ReviewSession, path: Path
) -> None:
    cursor = session.change_cursor()
    session.apply(SetNote(A_ROW, "", "我的"))
    with Workspace.open(path, network=False) as other:
        other.reviewer = "王审核"
        other.apply(SetNote(B_ROW, "", "他的"))
    feed = session.change_feed(cursor)
    assert feed is not None
    events = feed.poll()
    feed.close()
    assert [who for _id, who, _t in events] == ["李审核", "王审核"]
    assert session.from_others(events) == Touched(findings=(B_ROW,))
    assert session.changes_since(cursor)[1] == Touched(findings=(B_ROW,))
