"""``gik-desk --workspace postgresql://…`` (issue 28): the window opens a team workspace from
its URL, kept whole (a ``Path`` would fold its ``//``), and never remembers a password."""

from __future__ import annotations

import pytest

from gik_desk.ui import settings as cfg
from gik_desk.ui.app import start_files
from gik_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.postgresql


def test_the_window_starts_on_a_team_workspace_without_its_password(qtbot, pg_url: str) -> None:
    settings = cfg.Settings()
    window = MainWindow()
    qtbot.addWidget(window)
    url = pg_url + "&password=hunter2"  # the test server trusts local connections
    with qtbot.waitSignal(window.session.workspace_changed, timeout=30_000) as changed:
        start_files(window, settings, [], url)
    workspace = window.session.core.workspace
    assert workspace is not None
    assert workspace.is_team
    assert workspace.reviewer == "postgres"  # the database role, not the login
    assert "hunter2" not in changed.args[0]
    assert "hunter2" not in str(window.session.path)
    assert all("hunter2" not in str(v) for v in settings.get(cfg.RECENT_FILES))
    assert "hunter2" not in str(window.settings.get(cfg.LAST_WORKSPACE))
    window.close()
