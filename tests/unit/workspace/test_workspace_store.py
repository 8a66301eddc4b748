"""Reviews keyed by finding key across audits; actions, their inverses and the event log."""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from wsbatch import OTHER_SOURCE, REPORT_A, SOURCE, batch, finding, report, standard_batch

from gik_desk.model.review import ReviewStatus
from gik_desk.workspace import (
    AddAnnotation,
    DeleteAnnotation,
    EditAnnotationNote,
    SetNote,
    SetStatus,
    Workspace,
    WorkspaceError,
    make_annotation,
)

A_ROW = "APP-ROW|甲区|2021|applications/other.1/total"
B_ROW = "APP-ROW|乙县|2022|applications/other.1/total"
A_NARR = "NARR-APP|甲区|2021|"


@pytest.fixture
def ws(ws_target: str) -> Iterator[Workspace]:
    w = Workspace.open(ws_target, network=False)  # a .gikdb, then a team workspace (issue 28)
    w.reviewer = "王审核"
    yield w
    w.close()


def _state(ws: Workspace) -> dict[str, tuple[ReviewStatus, str, bool]]:
    return {k: (r.status, r.note, r.resolved) for k, r in ws.reviews().items()}


def test_first_audit_makes_every_finding_pending(ws: Workspace) -> None:
    result = ws.sync_batch(standard_batch(), rule_versions={"APP-ROW": "1"})
    assert result.new == (A_ROW, B_ROW, A_NARR)
    assert result.kept == result.resolved == result.reopened == ()
    assert _state(ws) == {
        A_ROW: (ReviewStatus.PENDING, "", False),
        B_ROW: (ReviewStatus.PENDING, "", False),
        A_NARR: (ReviewStatus.PENDING, "", False),
    }
    stored = ws.finding_json(A_ROW)
    assert stored is not None
    assert stored["rule"] == "APP-ROW"
    assert stored["cells"] == [{"table": "applications", "row": "other.1", "col": "total"}]


def test_review_survives_reaudit_and_vanished_finding_is_resolved(ws: Workspace) -> None:
    ws.sync_batch(standard_batch())
    ws.apply(SetStatus((A_ROW,), (ReviewStatus.PENDING,), ReviewStatus.NEEDS_FIX))
    ws.apply(SetNote(A_ROW, "", "已电话联系报送单位"))
    ws.apply(SetStatus((B_ROW,), (ReviewStatus.PENDING,), ReviewStatus.CONFIRMED))

    again = ws.sync_batch(standard_batch(extra_on_top=True))  # reordered: same identities
    assert again.new == ()
    assert set(again.kept) == {A_ROW, B_ROW, A_NARR}
    assert ws.review(A_ROW).status is ReviewStatus.NEEDS_FIX
    assert ws.review(A_ROW).note == "已电话联系报送单位"

    corrected = REPORT_A.replace("| 3 | 0 | 1 |", "| 3 | 0 | 3 |")
    fixed = ws.sync_batch(standard_batch(a_text=corrected))
    assert fixed.resolved == (A_ROW,)
    a = ws.review(A_ROW)
    assert (a.status, a.note, a.resolved) == (ReviewStatus.NEEDS_FIX, "已电话联系报送单位", True)
    assert ws.review(B_ROW).resolved is False
    assert A_ROW in ws.reviews()  # shown as resolved, never deleted

    back = ws.sync_batch(standard_batch())
    assert back.reopened == (A_ROW,)
    assert ws.review(A_ROW).resolved is False
    assert ws.review(A_ROW).status is ReviewStatus.NEEDS_FIX


def test_findings_of_files_not_in_the_audit_stay_open(ws: Workspace) -> None:
    ws.sync_batch(standard_batch())
    other = report(REPORT_A, REPORT_A, "丁市", 2021, source=OTHER_SOURCE)
    result = ws.sync_batch(batch((other,), [finding(other)], sources=(OTHER_SOURCE,)))
    assert result.resolved == ()
    assert not any(r.resolved for r in ws.reviews().values())
    # re-reading the first file with no findings at all resolves its findings only
    gone = ws.sync_batch(batch((), [], sources=(SOURCE,)))
    assert set(gone.resolved) == {A_ROW, B_ROW, A_NARR}
    assert ws.review("APP-ROW|丁市|2021|applications/other.1/total").resolved is False


def test_bulk_status_is_one_action_one_event_and_undoes_mixed_statuses(ws: Workspace) -> None:
    ws.sync_batch(standard_batch())
    ws.apply(SetNote(B_ROW, "", "误报：原表如此"))  # 已排除 needs a reason
    ws.apply(SetStatus((B_ROW,), (ReviewStatus.PENDING,), ReviewStatus.DISMISSED))
    before = _state(ws)
    n_events = len(ws.events())

    bulk = SetStatus(
        (A_ROW, B_ROW, A_NARR),
        (ReviewStatus.PENDING, ReviewStatus.DISMISSED, ReviewStatus.PENDING),
        ReviewStatus.CONFIRMED,
    )
    event = ws.apply(bulk)
    assert {r.status for r in ws.reviews().values()} == {ReviewStatus.CONFIRMED}
    events = ws.events()
    assert len(events) == n_events + 1
    assert events[-1] == event
    assert event.action == "set_status"
    assert event.who == "王审核"
    assert json.loads(event.target) == [A_ROW, B_ROW, A_NARR]
    assert json.loads(event.before) == ["pending", "dismissed", "pending"]  # stable codes
    assert json.loads(event.after) == ["confirmed"] * 3

    undo = ws.apply(bulk.inverse())
    assert _state(ws) == before
    assert json.loads(undo.after) == ["pending", "dismissed", "pending"]
    ws.apply(bulk)  # redo
    assert {r.status for r in ws.reviews().values()} == {ReviewStatus.CONFIRMED}
    assert len(ws.events()) == n_events + 3


def test_note_undo_redo(ws: Workspace) -> None:
    ws.sync_batch(standard_batch())
    ws.apply(SetNote(A_ROW, "", "初稿"))
    edit = SetNote(A_ROW, "初稿", "终稿:报送单位已更正")
    ws.apply(edit)
    assert ws.review(A_ROW).note == "终稿:报送单位已更正"
    ws.apply(edit.inverse())
    assert ws.review(A_ROW).note == "初稿"
    assert ws.review(A_ROW).status is ReviewStatus.PENDING
    logged = [(e.action, e.target, e.before, e.after) for e in ws.events()[-3:]]
    assert logged == [
        ("set_note", A_ROW, "", "初稿"),
        ("set_note", A_ROW, "初稿", "终稿:报送单位已更正"),
        ("set_note", A_ROW, "终稿:报送单位已更正", "初稿"),
    ]


def test_annotation_add_delete_edit_and_inverses(ws: Workspace) -> None:
    b = standard_batch()
    ws.sync_batch(b)
    a_report = b.reports[0]
    start = a_report.text.index("予以公开5件")
    ann = make_annotation(a_report, start, start + 6, note="与表格核对", author="王审核")
    add = AddAnnotation(ann)
    ws.apply(add)
    assert ws.annotations() == [ann]
    assert ws.annotations("甲区|2021") == [ann]
    assert ws.annotations("乙县|2022") == []

    edit = EditAnnotationNote(ann.id, "与表格核对", "表格为 5 件,一致")
    ws.apply(edit)
    assert ws.annotations()[0].note == "表格为 5 件,一致"
    ws.apply(edit.inverse())
    assert ws.annotations() == [ann]

    ws.apply(add.inverse())  # undo the add
    assert ws.annotations() == []
    ws.apply(DeleteAnnotation(ann).inverse())  # redo the add
    assert ws.annotations() == [ann]
    actions = [e.action for e in ws.events()]
    assert actions == [
        "sync",
        "add_annotation",
        "edit_annotation_note",
        "edit_annotation_note",
        "delete_annotation",
        "add_annotation",
    ]


def test_failed_action_changes_nothing_and_logs_nothing(ws: Workspace) -> None:
    ws.sync_batch(standard_batch())
    before = _state(ws)
    n_events = len(ws.events())
    bad = SetStatus((A_ROW, "NO-SUCH|key"), (ReviewStatus.PENDING,) * 2, ReviewStatus.CONFIRMED)
    with pytest.raises(WorkspaceError) as info:
        ws.apply(bad)
    assert info.value.code == "unknown-finding"
    assert _state(ws) == before  # A_ROW was written first, then rolled back
    assert len(ws.events()) == n_events


def test_reviewer_defaults_to_login_and_can_be_overridden(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "w.gikdb", network=False) as ws:
        assert ws.reviewer == getpass.getuser()
        ws.sync_batch(standard_batch())
        ws.apply(SetNote(A_ROW, "", "x"))
        ws.apply(SetNote(A_ROW, "x", "y"), who="赵组长")
        ws.reviewer = "钱审核"
        ws.apply(SetStatus((A_ROW,), (ReviewStatus.PENDING,), ReviewStatus.CONFIRMED))
        assert [e.who for e in ws.events()[1:]] == [getpass.getuser(), "赵组长", "钱审核"]
        assert ws.review(A_ROW).reviewer == "钱审核"


def test_snapshot_holds_reviews_annotations_events(ws: Workspace) -> None:
    ws.sync_batch(standard_batch())
    ws.apply(SetNote(A_ROW, "", "已在正文说明"))
    ws.apply(SetStatus((A_ROW,), (ReviewStatus.PENDING,), ReviewStatus.EXCEPTION))
    snap = ws.snapshot()
    assert snap.workspace_path == str(ws.path)
    assert snap.reviews[A_ROW].status is ReviewStatus.EXCEPTION
    assert [e.action for e in snap.events] == ["sync", "set_note", "set_status"]
    assert snap.annotations == ()


def test_builders_read_before_from_the_store(ws: Workspace) -> None:
    ws.sync_batch(standard_batch())
    ws.apply(SetNote(B_ROW, "", "误报：原表如此"))  # 已排除 needs a reason
    ws.apply(SetStatus((B_ROW,), (ReviewStatus.PENDING,), ReviewStatus.DISMISSED))
    ws.apply(SetNote(A_ROW, "", "旧"))
    action = ws.status_action([A_ROW, B_ROW, A_ROW], ReviewStatus.CONFIRMED)
    assert action == SetStatus(
        (A_ROW, B_ROW), (ReviewStatus.PENDING, ReviewStatus.DISMISSED), ReviewStatus.CONFIRMED
    )
    assert ws.note_action(A_ROW, "新") == SetNote(A_ROW, "旧", "新")
    a = standard_batch().reports[0]
    ann = make_annotation(a, a.span.start, a.span.start + 2, note="n1", annotation_id="z")
    ws.apply(AddAnnotation(ann))
    assert ws.annotation_note_action("z", "n2") == EditAnnotationNote("z", "n1", "n2")
    with pytest.raises(WorkspaceError):
        ws.annotation_note_action("missing", "x")


def test_duplicate_annotation_id_is_a_workspace_error(ws: Workspace) -> None:
    ws.sync_batch(standard_batch())
    a = standard_batch().reports[0]
    ann = make_annotation(a, a.span.start, a.span.start + 2, annotation_id="dup")
    ws.apply(AddAnnotation(ann))
    n_events = len(ws.events())
    with pytest.raises(WorkspaceError) as info:
        ws.apply(AddAnnotation(ann))
    assert info.value.code == "conflict"
    assert len(ws.events()) == n_events


def test_same_finding_twice_in_a_batch_counts_once(ws: Workspace) -> None:
    b = standard_batch()
    b.findings.append(b.findings[0])
    result = ws.sync_batch(b)
    assert result.new == (A_ROW, B_ROW, A_NARR)
    assert result.kept == ()
