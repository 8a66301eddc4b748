"""UI test fixtures: settings and data dirs in tmp_path, the window, the real seed batch, and a
guard that fails a test leaving jobs running or windows open (napari's ``_dangling_*``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from gik_desk.model.batch import Batch

UI_DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).parents[1] / "data" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
TIANQIAO = SEEDS / "001_711b86d480afee15.txt"
REVIEWER = "王审核"


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """QSettings and the default workspace go to tmp_path, never the user's own."""
    from gik_desk.ui import settings

    monkeypatch.setattr(settings, "config_dir", lambda: tmp_path / "config")
    monkeypatch.setenv("GIK_DESK_DATA_DIR", str(tmp_path / "data"))
    # the reviewer's name is asked once; tests that ask it clear this first
    settings.Settings().set(settings.REVIEWER, REVIEWER)


@pytest.fixture(autouse=True)
def _no_dangling(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a job running, pool threads busy or a top-level window shown."""
    from gik_desk.ui.runner import JobRunner

    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    yield
    running = list(JobRunner.live)
    for runner in running:
        runner.cancel()
    pool_done = QThreadPool.globalInstance().waitForDone(60_000)
    QApplication.processEvents()
    JobRunner.live.clear()
    left = [w for w in QApplication.topLevelWidgets() if w.isVisible() and id(w) not in before]
    for w in left:
        w.close()
    assert not running, f"test left {len(running)} job(s) running"
    assert pool_done, "QThreadPool tasks still running after the test"
    assert not left, f"test left top-level windows open: {[type(w).__name__ for w in left]}"


@pytest.fixture(scope="session")
def expected() -> dict[str, object]:
    return json.loads((UI_DATA / "desk_expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_batch() -> Batch:
    """The five seed files through the real parser and rules (parsed once per session)."""
    from gik_desk.services import audit_paths

    return audit_paths([str(p) for p in SEED_FILES], workers=1)


@pytest.fixture
def window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The main window with a fresh workspace in tmp_path."""
    from gik_desk.ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_workspace_path(tmp_path / "review.gikdb")
    win.show()
    qtbot.waitExposed(win)
    return win
