"""Who did it is the server's word (issue 28): the reviewer is the database role, stamped by
the server; a reviewer cannot write under another's name, change another's events or
annotation notes, or (not being a lead) assignments or a signed-off report's state."""

from __future__ import annotations

from collections.abc import Callable

import psycopg
import pytest
from wsbatch import REPORT_A, standard_batch

from gik_desk.model.review import ReportState, ReviewStatus
from gik_desk.services import ReviewSession, grant_team_role
from gik_desk.workspace import (
    AddAnnotation,
    DeleteAnnotation,
    SetNote,
    SetStatus,
    Workspace,
    WorkspaceError,
    make_annotation,
    report_key,
)
from gik_desk.workspace.assignments import report_target

RoleUrl = Callable[[str], str]  # the ``team`` fixture (conftest.py): role → its URL

A_ROW = "APP-ROW|甲区|2021|applications/other.1/total"


def _granted(team: RoleUrl, role: str, *, lead: bool = False) -> str:
    url = team(role)
    grant_team_role(team("postgres"), role, lead=lead)
    return url


def test_the_reviewer_is_the_role_whatever_name_the_client_writes(team: RoleUrl) -> None:
    alice = _granted(team, "alice")
    with Workspace.open(alice) as ws:
        assert ws.reviewer == "alice"
        ws.sync_batch(standard_batch())
        ws.reviewer = "bob"  # a client claiming another name
        ws.apply(SetNote(A_ROW, "", "由乙核实"), who="bob")
        assert {e.who for e in ws.events()} == {"alice"}
        assert ws.review(A_ROW).reviewer == "alice"


def test_reviewer_flag_naming_another_role_is_refused(team: RoleUrl) -> None:
    alice = _granted(team, "alice")
    session = ReviewSession("bob", claimed="bob")
    with pytest.raises(WorkspaceError) as info:
        session.open(alice)
    assert info.value.code == "reviewer-mismatch"
    assert "alice" in info.value.message
    assert "bob" in info.value.message
    same = ReviewSession("alice", claimed="alice")
    same.open(alice)
    same.close()


def test_a_reviewer_cannot_change_another_reviewers_events_or_notes(team: RoleUrl) -> None:
    alice, bob = _granted(team, "alice"), _granted(team, "bob")
    batch = standard_batch()
    report_a = batch.reports[0]
    with Workspace.open(bob) as ws:
        ws.sync_batch(batch)
        at = report_a.span.start + REPORT_A.index("12件")
        ws.apply(AddAnnotation(make_annotation(report_a, at, at + 3, note="乙的批注")))
        ws.apply(SetStatus((A_ROW,), (ReviewStatus.PENDING,), ReviewStatus.NEEDS_FIX))
    with Workspace.open(alice) as ws:
        (ann,) = ws.annotations()
        assert ann.author == "bob"
        with pytest.raises(WorkspaceError) as info:
            ws.apply(ws.annotation_note_action(ann.id, "甲改了乙的批注"))
        assert info.value.code == "forbidden"
        with pytest.raises(WorkspaceError):
            ws.apply(DeleteAnnotation(ann))
        assert [a.note for a in ws.annotations()] == [ann.note]
        # reviews are the team's: alice may change the status bob set (and is named for it)
        ws.apply(SetStatus((A_ROW,), (ReviewStatus.NEEDS_FIX,), ReviewStatus.CONFIRMED))
    with psycopg.connect(alice, autocommit=True) as conn:
        for sql in ("UPDATE events SET after = 'x'", "DELETE FROM events"):
            with pytest.raises(psycopg.Error):
                conn.execute(sql)
        conn.execute("INSERT INTO events (time, who, action, target) VALUES ('t', 'bob', 'x', '')")
        (who,) = conn.execute("SELECT who FROM events WHERE action = 'x'").fetchone() or ("",)
        assert who == "alice"  # written under bob's name, stamped with the role
    with Workspace.open(bob) as ws:
        assert [(e.who, e.action) for e in ws.events()] == [
            ("bob", "sync"),
            ("bob", "add_annotation"),
            ("bob", "set_status"),
            ("alice", "set_status"),
            ("alice", "x"),
        ]


def test_only_a_lead_changes_assignments_and_reopens_a_signed_off_report(
    team: RoleUrl,
) -> None:
    alice, carol = _granted(team, "alice"), _granted(team, "carol", lead=True)
    rkey = report_key(standard_batch().reports[0])
    target = report_target(rkey)
    with Workspace.open(alice) as ws:
        assert not ws.is_lead()
        ws.sync_batch(standard_batch())
        ws.apply(ws.report_state_action(rkey, ReportState.DONE))
        with pytest.raises(WorkspaceError) as info:
            ws.apply(ws.report_state_action(rkey, ReportState.IN_PROGRESS))
        assert info.value.code == "forbidden"
        assert ws.report_states()[rkey] is ReportState.DONE
        with pytest.raises(WorkspaceError) as info:  # the server's word, not the desk's check
            ws.apply(ws.assign_action([target], "alice"))
        assert info.value.code == "forbidden"
        assert ws.assignments() == {}
    with (
        psycopg.connect(alice, autocommit=True) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute("INSERT INTO assignments (target, reviewer) VALUES (%s, 'alice')", (target,))
    with Workspace.open(carol) as ws:
        assert ws.is_lead()
        ws.apply(ws.report_state_action(rkey, ReportState.IN_PROGRESS))
        assert ws.report_states()[rkey] is ReportState.IN_PROGRESS
        ws.apply(ws.assign_action([target], "alice"))
        assert ws.assignments() == {target: "alice"}


def test_a_reviewer_cannot_upgrade_the_schema_and_is_told_who_can(team: RoleUrl) -> None:
    alice = _granted(team, "alice")
    with psycopg.connect(team("postgres"), autocommit=True) as conn:
        conn.execute("UPDATE gik_schema SET version = version - 1")  # an older program's
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(alice)
    assert info.value.code == "forbidden"
    assert "workspace init" in info.value.message
