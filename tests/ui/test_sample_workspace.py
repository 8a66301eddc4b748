"""Issue 23: the very first start shows the bundled samples in a sample workspace of their
own; the reviewer's workspace never holds them, and the next start opens the reviewer's."""

from __future__ import annotations

from pathlib import Path

from gik_desk.services import default_workspace_path, sample_workspace_path
from gik_desk.ui import settings as cfg
from gik_desk.ui.app import start_files
from gik_desk.ui.main_window import MainWindow
from gik_desk.ui.resources import samples_dir


def test_first_start_opens_the_samples_in_their_own_workspace(qtbot) -> None:
    settings = cfg.Settings()
    window = MainWindow()
    qtbot.addWidget(window)
    files = start_files(window, settings, [], None)
    assert files == [samples_dir()]
    assert window.session.path == sample_workspace_path()
    assert window.session.path != default_workspace_path()
    with qtbot.waitSignal(window.runner.finished, timeout=240_000):
        window.load_paths(files)
    assert window.batch.reports
    assert settings.get(cfg.LAST_WORKSPACE) == ""
    window.close()

    again = MainWindow()
    qtbot.addWidget(again)
    assert start_files(again, settings, [], None) == []
    assert again.session.path == default_workspace_path()
    assert again.session.workspace is not None
    assert again.session.workspace.report_sources() == []  # no sample in the reviewer's


def test_files_named_on_the_command_line_open_in_the_reviewers_workspace(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    named = [Path(samples_dir()) / "002_fe52555f254f9b80.txt"]
    assert start_files(window, cfg.Settings(), named, None) == named
    assert window.session.path == default_workspace_path()
