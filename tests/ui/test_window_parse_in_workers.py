"""The window's loads and restores leave all parsing to the workers (issue 26): a parse beside
them, in the window's process, held the GIL against the UI thread (restore stalls 95 → 189 ms)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gik_desk.services import batch as batch_service
from gik_desk.ui.main_window import MainWindow
from tests.ui.conftest import SEED_FILES


@pytest.fixture
def beside(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What each ``open_batch`` was asked for ``parse_beside`` (None: left to its default)."""
    seen: list[Any] = []
    real = batch_service.open_batch

    def recording(paths: Any, cancel: Any = None, **options: Any) -> Any:
        seen.append(options.get("parse_beside"))
        return real(paths, cancel, **options)

    monkeypatch.setattr(batch_service, "open_batch", recording)
    return seen


def test_loading_and_restoring_in_the_window_parse_nothing_beside_the_workers(
    qtbot, window, tmp_path: Path, beside: list[Any]
) -> None:  # type: ignore[no-untyped-def]
    ws = tmp_path / "desk.gikdb"
    assert window.open_workspace_path(ws)
    with qtbot.waitSignal(window.runner.finished, timeout=240_000):
        window.load_paths(SEED_FILES)
    assert beside == [False]
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    with qtbot.waitSignal(again.runner.finished, timeout=240_000):
        assert again.open_workspace_path(ws)  # the remembered batch comes back
    assert beside == [False, False]
    assert again.batch.reports
