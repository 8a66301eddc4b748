"""Issue 28 on the desk: a colleague's change met by mine shows both and each choice does what it
says; undoing my action over their change asks instead of overwriting; the workspace going out
of reach shows a banner at once, keeps my edits as pending, and writes them on reconnecting; a
journal left behind is offered at the next start (seed Tianqiao 2021, APP-ROW)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gik_desk.model import Finding
from gik_desk.model.review import ReviewStatus
from gik_desk.services import ReviewSession
from gik_desk.ui.dialogs import conflict as conflict_dialogs
from gik_desk.ui.dialogs.conflict import ConflictDialog
from gik_desk.workspace import Workspace
from tests.flaky_store import FlakyWorkspace


def _app_row(batch) -> Finding:  # type: ignore[no-untyped-def]
    report = next(r for r in batch.reports if r.year == 2021 and "天桥" in (r.agency or ""))
    return next(f for f in batch.findings_for(report.id) if f.rule == "APP-ROW")


@pytest.fixture
def colleague(window) -> Iterator[Workspace]:  # type: ignore[no-untyped-def]
    other = Workspace.open(window.session.path, network=False)
    other.reviewer = "李同事"
    yield other
    other.close()


def _dialog(qtbot, window) -> ConflictDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.review.conflict_dialog is not None)
    dialog = window.review.conflict_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _row(dialog: ConflictDialog) -> list[str]:
    return [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]


def test_a_stale_change_shows_theirs_beside_mine_and_keep_theirs_writes_nothing(
    qtbot, window, seed_batch, colleague
) -> None:  # type: ignore[no-untyped-def]
    window.set_batch(seed_batch)
    f = _app_row(seed_batch)
    window.selection.choose_finding(f)
    ws = window.session.workspace
    stale = window.session.core.status_action([f.key], ReviewStatus.CONFIRMED)  # what I saw
    colleague.apply(colleague.note_action(f.key, "先核对原件"))
    colleague.apply(colleague.status_action([f.key], ReviewStatus.NEEDS_FIX))
    n_events = len(ws.events())

    window.session.push(stale)
    dialog = _dialog(qtbot, window)
    key, theirs, who, mine = _row(dialog)
    assert key == "济南市天桥区 2021年 · 表三行合计不符"  # the report and rule, as the list says
    assert theirs == "需整改\n备注：先核对原件"
    assert who.startswith("李同事，")
    assert mine == "已确认\n备注：先核对原件"
    assert ws.review(f.key).status is ReviewStatus.NEEDS_FIX  # never applied silently

    qtbot.mouseClick(dialog.keep_theirs, qtbot_button())
    qtbot.waitUntil(lambda: window.review.conflict_dialog is None)
    assert ws.review(f.key).status is ReviewStatus.NEEDS_FIX
    assert len(ws.events()) == n_events
    assert window.session.undo_stack.count() == 0  # a refused change is no undo step


def test_keep_mine_writes_mine_on_their_version_as_a_new_action(
    qtbot, window, seed_batch, colleague
) -> None:  # type: ignore[no-untyped-def]
    window.set_batch(seed_batch)
    f = _app_row(seed_batch)
    ws = window.session.workspace
    stale = window.session.core.status_action([f.key], ReviewStatus.CONFIRMED)
    colleague.apply(colleague.status_action([f.key], ReviewStatus.NEEDS_FIX))
    n_events = len(ws.events())

    window.session.push(stale)
    dialog = _dialog(qtbot, window)
    qtbot.mouseClick(dialog.keep_mine, qtbot_button())
    qtbot.waitUntil(lambda: window.review.conflict_dialog is None)
    assert ws.review(f.key).status is ReviewStatus.CONFIRMED
    events = ws.events()
    assert len(events) == n_events + 1
    assert (events[-1].who, events[-1].before, events[-1].after) == (
        "王审核",
        '["needs_fix"]',
        '["confirmed"]',
    )


def test_undo_over_a_colleagues_change_asks(qtbot, window, seed_batch, colleague) -> None:  # type: ignore[no-untyped-def]
    window.set_batch(seed_batch)
    f = _app_row(seed_batch)
    window.selection.choose_finding(f)
    ws = window.session.workspace
    window.action("finding.status.2").trigger()  # 已确认, mine
    assert ws.review(f.key).status is ReviewStatus.CONFIRMED
    colleague.apply(colleague.status_action([f.key], ReviewStatus.NEEDS_FIX))

    window.action("edit.undo").trigger()
    dialog = _dialog(qtbot, window)
    _key, theirs, _who, mine = _row(dialog)
    assert (theirs, mine) == ("需整改", "待核实")
    assert ws.review(f.key).status is ReviewStatus.NEEDS_FIX  # not overwritten
    qtbot.mouseClick(dialog.keep_mine, qtbot_button())
    qtbot.waitUntil(lambda: window.review.conflict_dialog is None)
    assert ws.review(f.key).status is ReviewStatus.PENDING  # my undo, as a new action


def test_the_banner_appears_when_the_store_goes_and_pending_edits_apply_on_reconnect(
    qtbot, window, seed_batch
) -> None:  # type: ignore[no-untyped-def]
    window.set_batch(seed_batch)
    f = _app_row(seed_batch)
    window.selection.choose_finding(f)
    ws = window.session.workspace
    ws.__class__ = FlakyWorkspace  # the same open store, now one that can drop
    ws.down = True
    banner = window.review.connection.banner

    window.action("finding.status.2").trigger()
    assert banner.isVisible()
    assert window.session.path.name in banner.text()
    assert "网络已断开" in banner.text()
    assert "1 项修改" in banner.text()
    assert ws.review(f.key).status is ReviewStatus.PENDING  # not in the workspace yet
    assert window.session.review(f.key).status is ReviewStatus.CONFIRMED  # shown, pending
    assert window.detail_view.status.currentData() == ReviewStatus.CONFIRMED.value

    window.action("workspace.reconnect").trigger()  # still down: stays kept
    qtbot.waitUntil(lambda: not window.review.connection._probing)
    assert banner.isVisible()
    ws.down = False
    window.action("workspace.reconnect").trigger()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10_000)
    assert ws.review(f.key).status is ReviewStatus.CONFIRMED
    assert window.session.pending() == 0
    assert [e.action for e in ws.events() if e.action != "sync"] == ["set_status"]


def test_a_journal_left_behind_is_offered_at_start(
    qtbot, tmp_path: Path, seed_batch, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from gik_desk.ui.main_window import MainWindow

    path = tmp_path / "left.gikdb"
    f = _app_row(seed_batch)
    core = ReviewSession("王审核")
    core.open(path)
    core.sync(seed_batch)
    assert core.workspace is not None
    core.workspace.__class__ = FlakyWorkspace
    core.workspace.down = True  # type: ignore[attr-defined]
    core.apply(core.note_action(f.key, "断网时写的"))
    core.close()  # the desk closed while the workspace was out of reach
    asked: list[int] = []
    monkeypatch.setattr(
        conflict_dialogs, "ask_apply_pending", lambda _p, _w, n: asked.append(n) or True
    )

    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_workspace_path(path)
    qtbot.waitUntil(lambda: asked == [1])
    qtbot.waitUntil(lambda: win.session.pending() == 0)
    assert win.session.workspace.review(f.key).note == "断网时写的"


def qtbot_button():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
