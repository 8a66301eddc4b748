"""Issue 28 with the real server: a team workspace open in the window, the server stopped
(``pause``) → the banner appears at the next action, naming the workspace, and the status shows
as decided (pending in the journal); the server back (``resume``) → 重新连接 writes it, under the
reviewer's role (seed Tianqiao 2021, APP-ROW)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pgserver import PgServer

from gik_desk.model import Finding
from gik_desk.model.review import ReviewStatus
from gik_desk.ui import settings as cfg
from gik_desk.ui.app import start_files
from gik_desk.ui.main_window import MainWindow
from gik_desk.workspace import Workspace

pytestmark = pytest.mark.postgresql


@pytest.fixture
def server(pg_server: PgServer, pg_url: str) -> Iterator[PgServer]:
    """The shared server, resumed whatever the test did (before the database is dropped)."""
    yield pg_server
    if not pg_server.running:
        pg_server.resume()


def _app_row(batch) -> Finding:  # type: ignore[no-untyped-def]
    report = next(r for r in batch.reports if r.year == 2021 and "天桥" in (r.agency or ""))
    return next(f for f in batch.findings_for(report.id) if f.rule == "APP-ROW")


def test_the_server_gone_shows_the_banner_keeps_the_status_and_reconnect_writes_it(
    qtbot, server: PgServer, pg_url: str, seed_batch, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GIK_DESK_DATA_DIR", str(tmp_path / "data"))  # the local journal's home
    from gik_desk.ui.dialogs import conflict

    monkeypatch.setattr(conflict, "ask_apply_pending", lambda *_a: False)  # never a modal here
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.session.workspace_changed, timeout=30_000):
        start_files(window, cfg.Settings(), [], pg_url)
    window.show()
    qtbot.waitExposed(window)
    window.set_batch(seed_batch)
    f = _app_row(seed_batch)
    window.selection.choose_finding(f)
    banner = window.review.connection.banner
    assert not banner.isVisible()

    server.pause()
    window.action("finding.status.2").trigger()
    assert banner.isVisible()  # at once, at the action
    assert "1 项修改" in banner.text()
    assert window.session.review(f.key).status is ReviewStatus.CONFIRMED  # shown, pending
    assert window.detail_view.status.currentData() == ReviewStatus.CONFIRMED.value

    server.resume()
    window.action("workspace.reconnect").trigger()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=15_000)
    assert window.session.pending() == 0
    window.close()
    with Workspace.open(pg_url) as ws:
        assert ws.review(f.key).status is ReviewStatus.CONFIRMED
        assert [(e.action, e.who) for e in ws.events() if e.action != "sync"] == [
            ("set_status", "postgres")
        ]
