"""Issue 28 on the desk: a colleague's statuses, notes, sign-offs and assignments appear in the
open window within 2 s without a reload or a selection jump; the 审核人 column and 分配给我;
a lead's 分配给…; 连接团队工作区… (fields, validation, the failure message, no password kept).
The colleague is a second connection to the same workspace file (seed batch)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gik_desk import services
from gik_desk.model.review import ReportState, ReviewStatus
from gik_desk.ui import settings as cfg
from gik_desk.ui.dialogs import team_dialogs
from gik_desk.ui.dialogs.team_dialogs import TeamConnectDialog
from gik_desk.ui.models.batch_model import COL_HOLDER, COL_PROGRESS
from gik_desk.ui.models.findings_model import REVIEW_ASSIGNED
from gik_desk.workspace import Assign, SetNote, SetReportState, SetStatus, Workspace, report_key
from tests.ui.conftest import REVIEWER

BODY = "济南市天桥区人民政府"
COLLEAGUE = "李同事"
LIVE_MS = 2000  # issue 28: seen by a colleague within 2 s


def _report(batch, year: int):  # type: ignore[no-untyped-def]
    return next(r for r in batch.reports if r.year == year and r.agency == BODY)


def _cell(window, report_id: str, column: int) -> str:  # type: ignore[no-untyped-def]
    model = window.batch_model
    first = model.itemFromIndex(model.index_of_report(report_id))
    return first.parent().child(first.row(), column).text()


def _cell_tip(window, report_id: str, column: int) -> str:  # type: ignore[no-untyped-def]
    model = window.batch_model
    first = model.itemFromIndex(model.index_of_report(report_id))
    return first.parent().child(first.row(), column).toolTip()


@pytest.fixture
def desk(qtbot, window, seed_batch):  # type: ignore[no-untyped-def]
    window.set_batch(seed_batch)
    window.staged.finish()
    return window


@pytest.fixture
def colleague(desk):  # type: ignore[no-untyped-def]
    ws = Workspace.open(desk.session.path, network=False)
    ws.reviewer = COLLEAGUE
    yield ws
    ws.close()


def test_a_colleagues_status_note_sign_off_and_assignment_appear_live(
    qtbot, desk, colleague, seed_batch
) -> None:
    _colleague_seen_live(qtbot, desk, colleague, seed_batch)


@pytest.mark.postgresql
def test_a_colleagues_changes_appear_live_on_a_team_workspace(
    qtbot, window, seed_batch, pg_url: str
) -> None:
    """The same on the office's server (the tests' throwaway PostgreSQL): the desk's watcher
    is woken by LISTEN/NOTIFY when the colleague's transaction commits."""
    assert window.open_workspace_path(pg_url)
    window.set_batch(seed_batch)
    window.staged.finish()
    colleague = Workspace.open(pg_url)
    colleague.reviewer = COLLEAGUE
    try:
        _colleague_seen_live(qtbot, window, colleague, seed_batch)
    finally:
        colleague.close()


def _colleague_seen_live(qtbot, desk, colleague, seed_batch) -> None:  # type: ignore[no-untyped-def]
    r2021, r2022 = _report(seed_batch, 2021), _report(seed_batch, 2022)
    keys = [f.key for f in seed_batch.findings_for(r2021.id)]
    chosen = seed_batch.findings_for(r2022.id)[0]
    desk.selection.choose_finding(chosen)
    batch_before = desk.batch
    assert desk.team.watcher.watching

    colleague.apply(SetStatus((keys[0],), (ReviewStatus.PENDING,), ReviewStatus.CONFIRMED))
    colleague.apply(SetNote(keys[1], "", "同事：已电话核实"))
    colleague.apply(SetReportState(report_key(r2021), ReportState.NOT_STARTED, ReportState.DONE))
    colleague.apply(Assign((f"report:{report_key(r2021)}",), ("",), (COLLEAGUE,)))

    def shown() -> None:
        assert desk.findings_model.status(keys[0]) is ReviewStatus.CONFIRMED
        review = desk.findings_model.review(keys[1])
        assert review is not None
        assert review.note == "同事：已电话核实"
        assert _cell(desk, r2021.id, COL_PROGRESS).startswith("✓ ")
        assert _cell(desk, r2021.id, COL_HOLDER) == COLLEAGUE

    qtbot.waitUntil(shown, timeout=LIVE_MS)
    assert _cell_tip(desk, r2021.id, COL_HOLDER) == f"分配给：{COLLEAGUE}"
    assert not desk.batch_view.tree.isColumnHidden(COL_HOLDER)
    assert desk.batch is batch_before  # no reload
    assert desk.selection.finding is not None
    assert desk.selection.finding.key == chosen.key
    assert desk.session.undo_stack.count() == 0  # a colleague's work is not this desk's undo


def test_the_desks_own_action_is_not_received_again(qtbot, desk, seed_batch) -> None:
    key = seed_batch.findings[0].key
    received: list[object] = []
    desk.session.received.connect(lambda: received.append(1))
    desk.session.set_note(key, "我的备注")
    other = Workspace.open(desk.session.path, network=False)
    try:
        other.reviewer = COLLEAGUE
        other.apply(SetNote(seed_batch.findings[1].key, "", "他的"))
    finally:
        other.close()
    qtbot.waitUntil(lambda: bool(received), timeout=LIVE_MS)
    review = desk.findings_model.review(seed_batch.findings[1].key)
    assert review is not None
    assert review.note == "他的"
    assert len(received) == 1


def test_a_lead_assigns_a_body_and_the_filter_shows_what_is_mine(
    qtbot, desk, seed_batch, monkeypatch: pytest.MonkeyPatch
) -> None:
    r2021 = _report(seed_batch, 2021)
    others = [r for r in seed_batch.reports if r.agency != BODY]
    tree = desk.batch_view.tree
    body_index = desk.batch_view.proxy.mapFromSource(
        desk.batch_model.index_of_report(r2021.id).parent()
    )
    tree.selectionModel().select(body_index, tree.selectionModel().SelectionFlag.ClearAndSelect)
    asked: list[list[str]] = []

    def ask(_parent, known, what):  # type: ignore[no-untyped-def]
        asked.append(known)
        assert what == "1 个机关"
        return REVIEWER

    monkeypatch.setattr(team_dialogs, "ask_assignee", ask)
    action = desk.action("report.assign")
    assert action.isVisible()
    assert action in tree.actions()
    action.trigger()
    qtbot.waitUntil(lambda: _cell(desk, r2021.id, COL_HOLDER) == REVIEWER, timeout=LIVE_MS)
    ours = [r for r in seed_batch.reports if r.agency == BODY]
    assert all(_cell(desk, r.id, COL_HOLDER) == REVIEWER for r in ours)
    assert all(_cell(desk, r.id, COL_HOLDER) == "" for r in others)
    fv = desk.findings_view
    fv.scope.setCurrentIndex(1)  # every report's findings
    fv.review.setCurrentIndex(fv.review.findData(REVIEW_ASSIGNED))
    proxy = desk.findings_proxy
    shown = {proxy.finding(i).report_id for i in range(proxy.rowCount())}
    assert shown == {r.id for r in ours if seed_batch.findings_for(r.id)}
    desk.session.undo_stack.undo()  # one step takes the assignment back
    qtbot.waitUntil(lambda: _cell(desk, r2021.id, COL_HOLDER) == "", timeout=LIVE_MS)
    assert desk.findings_proxy.rowCount() == 0


def test_a_reviewer_who_is_not_the_lead_cannot_assign_or_reopen(
    qtbot, desk, seed_batch, monkeypatch: pytest.MonkeyPatch
) -> None:
    r2021 = _report(seed_batch, 2021)
    desk.selection.choose_report(r2021.id)
    desk.session.set_report_state(r2021, ReportState.DONE)
    workspace = desk.session.core.workspace
    monkeypatch.setattr(workspace, "is_lead", lambda: False)
    desk.session.set_report_state(r2021, ReportState.IN_PROGRESS)
    assert "只有组长可以重新打开已完成的报告" in desk.status_label.text()
    assert desk.session.report_state(r2021) is ReportState.DONE
    desk.team.assign_selected()
    assert desk.status_label.text() == "只有组长可以分配报告。"


# ---- 连接团队工作区… -------------------------------------------------------------------------
def test_the_dialog_builds_the_target_and_names_a_wrong_field(qtbot) -> None:
    dialog = TeamConnectDialog(None, [], "li_shen")
    qtbot.addWidget(dialog)
    dialog.host.setText("db.office.lan")
    dialog.port.setText("70000")
    dialog.database.setText("gik_2024")
    dialog.accept()
    assert dialog.error.text() == "端口 70000 不在 1–65535 之间。"
    assert dialog.result() == 0
    assert dialog.target == ""
    dialog.port.setText("5433")
    dialog.accept()
    assert dialog.target == "postgresql://li_shen@db.office.lan:5433/gik_2024"


def test_a_recent_target_fills_the_fields(qtbot) -> None:
    dialog = TeamConnectDialog(None, ["postgresql://wang@10.0.0.5:5432/gik"])
    qtbot.addWidget(dialog)
    dialog.recent.setCurrentIndex(1)
    fields = (dialog.host, dialog.port, dialog.database, dialog.role)
    assert [f.text() for f in fields] == ["10.0.0.5", "5432", "gik", "wang"]


def test_connecting_says_which_server_and_why_and_keeps_no_password(
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "postgresql://li_shen@db.office.lan:5433/gik_2024"
    monkeypatch.setattr(team_dialogs, "ask_team_target", lambda *_a: url)
    workspace_before = window.session.path
    assert not window.team.connect_team()
    said = window.status_label.text()
    assert "db.office.lan:5433/gik_2024" in said
    assert "无法连接" in said  # the cause, in the reviewer's words
    assert window.session.path == workspace_before  # the open workspace stays open
    # a target carrying a password (typed on the command line) is refused, never kept
    secret = "postgresql://li_shen:s3cret@db.office.lan/gik"
    assert not window.open_workspace_path(secret)
    assert "s3cret" not in window.status_label.text()
    window.settings.sync()
    ini = Path(window.settings.path).read_text(encoding="utf-8")
    assert "s3cret" not in ini
    assert "password" not in ini.lower()
    assert window.settings.get(cfg.RECENT_TEAM_TARGETS) == []


@pytest.mark.postgresql
def test_a_team_target_opened_is_remembered_without_a_password(
    qtbot, window, monkeypatch: pytest.MonkeyPatch, pg_url: str
) -> None:
    """A real team workspace (the tests' throwaway server) opened from the dialog lands in the
    recent list without its password, and the live watcher starts on it."""
    url = pg_url + "&password=hunter2"  # the test server trusts local connections
    monkeypatch.setattr(team_dialogs, "ask_team_target", lambda *_a: url)
    assert window.team.connect_team()
    assert window.settings.get(cfg.RECENT_TEAM_TARGETS) == [services.safe_url(url)]
    assert "hunter2" not in Path(window.settings.path).read_text(encoding="utf-8")
    assert window.team.watcher.watching
