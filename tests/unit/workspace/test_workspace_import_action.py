"""Issue 16: a workbook import is ONE action: every change or none, one event naming the
workbook, one inverse that puts every finding back."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from wsbatch import standard_batch

from gik_desk.model.review import ReviewStatus
from gik_desk.workspace import ImportReview, ReviewChange, SetNote, Workspace, WorkspaceError


@pytest.fixture
def ws(ws_target: str) -> Iterator[Workspace]:
    w = Workspace.open(ws_target, network=False)  # a .gikdb, then a team workspace (issue 28)
    w.reviewer = "王审核"
    w.sync_batch(standard_batch())
    yield w
    w.close()


def _state(ws: Workspace) -> dict[str, tuple[ReviewStatus, str]]:
    return {k: (r.status, r.note) for k, r in ws.reviews().items()}


def test_import_applies_all_changes_as_one_event_and_undoes_in_one(ws: Workspace) -> None:
    a, b, narr = list(ws.reviews())
    ws.apply(SetNote(b, "", "旧备注"))
    before = _state(ws)
    n_events = len(ws.events())
    action = ImportReview(
        "回传.xlsx",
        (
            ReviewChange(a, ReviewStatus.PENDING, "", ReviewStatus.CONFIRMED, "已核实"),
            ReviewChange(b, ReviewStatus.PENDING, "旧备注", ReviewStatus.DISMISSED, "系误报"),
        ),
    )
    event = ws.apply(action, who="李同事")
    assert _state(ws)[a] == (ReviewStatus.CONFIRMED, "已核实")
    assert _state(ws)[b] == (ReviewStatus.DISMISSED, "系误报")
    assert _state(ws)[narr] == before[narr]
    assert ws.review(a).reviewer == "李同事"
    assert len(ws.events()) == n_events + 1
    assert (event.action, event.who, event.target) == ("import_review", "李同事", "回传.xlsx")
    assert json.loads(event.after)[b] == {"status": ReviewStatus.DISMISSED.value, "note": "系误报"}
    assert json.loads(event.before)[b] == {"status": ReviewStatus.PENDING.value, "note": "旧备注"}

    undo = ws.apply(action.inverse(), who="李同事")
    assert _state(ws) == before
    assert undo.action == "revert_import_review"
    assert action.inverse().inverse() == action


def test_a_finding_changed_meanwhile_refuses_the_whole_import(ws: Workspace) -> None:
    a, b, _ = list(ws.reviews())
    action = ImportReview(
        "回传.xlsx",
        (
            ReviewChange(a, ReviewStatus.PENDING, "", ReviewStatus.CONFIRMED, ""),
            ReviewChange(b, ReviewStatus.PENDING, "", ReviewStatus.NEEDS_FIX, ""),
        ),
    )
    ws.apply(SetNote(b, "", "刚写的备注"))  # after the import was planned
    before = _state(ws)
    n_events = len(ws.events())
    with pytest.raises(WorkspaceError) as err:
        ws.apply(action)
    assert err.value.code == "conflict"
    assert _state(ws) == before  # a's change is rolled back too
    assert len(ws.events()) == n_events
