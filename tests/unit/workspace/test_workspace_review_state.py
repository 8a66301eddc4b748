"""Issue 14 in the core: reasons for 已排除/例外, report sign-off, seen findings, a finding's
events and the reviewer's own changes — no Qt."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from wsbatch import standard_batch

from gik_desk.model.review import Event, ReportState, ReviewStatus
from gik_desk.services import finding_history, reason_problem, review_progress
from gik_desk.workspace import SetNote, SetReportState, SetStatus, Workspace, WorkspaceError
from gik_desk.workspace.migrations import SCHEMA_VERSION

A_ROW = "APP-ROW|甲区|2021|applications/other.1/total"
B_ROW = "APP-ROW|乙县|2022|applications/other.1/total"
REPORT = "甲区|2021"


@pytest.fixture
def ws(ws_target: str) -> Iterator[Workspace]:
    w = Workspace.open(ws_target, network=False)  # a .gikdb, then a team workspace (issue 28)
    w.reviewer = "王审核"
    w.sync_batch(standard_batch())
    yield w
    w.close()


def test_dismissed_and_exception_need_a_reason(ws: Workspace) -> None:
    for status in (ReviewStatus.DISMISSED, ReviewStatus.EXCEPTION):
        with pytest.raises(WorkspaceError) as refused:
            ws.apply(SetStatus((A_ROW,), (ReviewStatus.PENDING,), status))
        assert refused.value.code == "reason-required"
        assert f"标为「{status.label}」须说明理由" in refused.value.message
    assert ws.review(A_ROW).status is ReviewStatus.PENDING
    assert [e.action for e in ws.events()] == ["sync"]  # nothing half-written
    ws.apply(SetNote(A_ROW, "", "原表如此"))
    ws.apply(SetStatus((A_ROW,), (ReviewStatus.PENDING,), ReviewStatus.DISMISSED))
    assert ws.review(A_ROW).status is ReviewStatus.DISMISSED
    with pytest.raises(WorkspaceError):  # the reason cannot be taken away afterwards
        ws.apply(SetNote(A_ROW, "原表如此", "  "))
    assert ws.review(A_ROW).note == "原表如此"
    # confirmed and the other statuses need nothing
    ws.apply(SetStatus((B_ROW,), (ReviewStatus.PENDING,), ReviewStatus.CONFIRMED))
    assert reason_problem(ReviewStatus.NEEDS_FIX, "") is None
    assert reason_problem(ReviewStatus.EXCEPTION, " ") is not None


def test_report_sign_off_is_an_undoable_logged_action(ws: Workspace) -> None:
    assert ws.report_states() == {}
    action = ws.report_state_action(REPORT, ReportState.DONE)
    assert action == SetReportState(REPORT, ReportState.NOT_STARTED, ReportState.DONE)
    event = ws.apply(action)
    assert (event.action, event.who, event.target) == ("set_report_state", "王审核", REPORT)
    assert (event.before, event.after) == ("not_started", "done")
    assert ws.report_states() == {REPORT: ReportState.DONE}
    ws.apply(action.inverse())
    assert ws.report_states() == {REPORT: ReportState.NOT_STARTED}
    assert action.text == "报告标为「已完成」"


def test_seen_is_remembered_once_without_an_event(ws: Workspace) -> None:
    assert ws.seen() == set()
    assert ws.mark_seen(A_ROW) is True
    assert ws.mark_seen(A_ROW) is False
    assert ws.seen() == {A_ROW}
    assert [e.action for e in ws.events()] == ["sync"]


def test_a_findings_events_and_my_changes(ws: Workspace) -> None:
    ws.apply(SetNote(A_ROW, "", "总计应为3"))
    ws.apply(SetStatus((A_ROW, B_ROW), (ReviewStatus.PENDING,) * 2, ReviewStatus.CONFIRMED))
    ws.apply(SetStatus((B_ROW,), (ReviewStatus.CONFIRMED,), ReviewStatus.NEEDS_FIX), who="赵组长")
    assert [e.action for e in ws.finding_events(A_ROW)] == ["set_note", "set_status"]
    assert [e.who for e in ws.finding_events(B_ROW)] == ["王审核", "赵组长"]
    assert ws.changed_by("王审核") == {A_ROW, B_ROW}
    assert ws.changed_by("赵组长") == {B_ROW}


def test_history_reads_bulk_changes_and_notes() -> None:
    events = [
        Event(1, "2026-12-02T10:30:00+00:00", "王审核", "set_note", "k1", "", "总计应为3"),
        Event(
            2,
            "2026-12-02T10:31:00+00:00",
            "王审核",
            "set_status",
            json.dumps(["k0", "k1"]),
            json.dumps(["待核实", "待核实"]),
            json.dumps(["已确认", "已确认"]),
        ),
        Event(3, "2026-12-02T10:32:00+00:00", "赵组长", "set_note", "k2", "", "x"),
    ]
    shown = [(h.who, h.what) for h in finding_history(events, "k1")]
    assert shown == [("王审核", "备注：总计应为3"), ("王审核", "状态：待核实 → 已确认")]


def test_progress_counts_reviewed_findings_per_report() -> None:
    batch = standard_batch()
    from gik_desk.model.review import FindingReview

    reviews = {A_ROW: FindingReview(A_ROW, ReviewStatus.CONFIRMED)}
    progress = review_progress(batch.findings, reviews)
    by_text = sorted(p.text for p in progress.values())
    assert by_text == ["0/1", "1/2"]  # 甲区 2021: APP-ROW done, NARR-APP not; 乙县 2022


def test_the_sign_off_tables_come_with_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.gikdb"
    Workspace.open(path, network=False).close()
    conn = sqlite3.connect(path)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()
    assert {"report_states", "seen"} <= names
    assert version == SCHEMA_VERSION
