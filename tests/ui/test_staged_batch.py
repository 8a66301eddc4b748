"""Issue 26: a finished batch is shown over several turns of the event loop (a slice of the tree
per turn) and the 批次概览 tab is built on first use; a small batch is shown in the call."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QApplication

from gik_desk.model.batch import Batch
from gik_desk.ui import staged
from gik_desk.ui.models.batch_model import COL_PROGRESS
from gik_desk.ui.staged import Budget, StagedWork


def _progress_texts(window) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.batch_model
    out = []
    for g in range(model.rowCount()):
        group = model.item(g, 0)
        for r in range(group.rowCount()):
            item = group.child(r, COL_PROGRESS)
            out.append(item.text() if item is not None else "")
    return out


def test_a_small_batch_is_painted_within_set_batch(window, seed_batch: Batch) -> None:
    window.set_batch(seed_batch)
    assert not window.staged.busy()
    texts = _progress_texts(window)
    assert len(texts) == len(seed_batch.reports)
    assert all("/" in t for t in texts)  # every report row shows reviewed/total


def test_a_large_batch_is_painted_over_several_turns(
    qtbot, window, seed_batch: Batch, monkeypatch
) -> None:
    monkeypatch.setattr(staged, "STEP_ROWS", 4)  # the seeds stand in for 1,000 reports
    turns = []
    steps = window._batch_steps

    def counted(batch: Batch):  # type: ignore[no-untyped-def]
        for step in steps(batch):
            turns.append(step)
            yield step

    monkeypatch.setattr(window, "_batch_steps", counted)
    window.set_batch(seed_batch)
    assert window.staged.busy()  # the rest waits for the event loop
    with qtbot.waitSignal(window.staged.settled, timeout=10_000):
        pass
    assert len(turns) > 1
    assert all("/" in t for t in _progress_texts(window))
    assert window.findings_view.count.text()  # the review filter ran last


def test_staged_work_runs_one_step_per_turn_and_finish_runs_the_rest(qtbot) -> None:
    done: list[int] = []

    def steps():  # type: ignore[no-untyped-def]
        for i in range(3):
            done.append(i)
            yield

    work = StagedWork()
    work.run(steps())
    assert done == [0]
    QApplication.processEvents()
    assert done[:2] == [0, 1]
    work.finish()
    assert done == [0, 1, 2]
    assert not work.busy()


def test_budget_says_when_a_turn_is_spent() -> None:
    budget = Budget(3)
    assert [budget.spend() for _ in range(7)] == [False, False, True, False, False, True, False]


def test_the_collector_is_held_while_a_batch_loads_and_released_after() -> None:
    assert gc.isenabled()
    staged.hold_collector()
    staged.hold_collector()
    assert not gc.isenabled()
    staged.release_collector()
    assert not gc.isenabled()  # one hold is still open
    staged.release_collector()
    assert gc.isenabled()
    staged.release_collector()  # an extra release changes nothing
    assert gc.isenabled()


def test_the_dashboard_is_built_on_first_use(qtbot, window, seed_batch: Batch) -> None:
    from gik_desk.ui.views.dashboard import DashboardView

    assert window._dashboard is None  # the window opened without pyqtgraph's view
    window.set_batch(seed_batch)
    window.main_tabs.setCurrentIndex(1)
    assert isinstance(window.main_tabs.widget(1), DashboardView)
    assert window.main_tabs.currentIndex() == 1
    qtbot.waitUntil(lambda: bool(window.dashboard.rules))


def test_then_waits_for_the_steps_and_runs_at_once_when_idle(qtbot) -> None:
    events: list[str] = []

    def steps():  # type: ignore[no-untyped-def]
        events.append("step 1")
        yield
        events.append("step 2")

    work = StagedWork()
    work.then(lambda: events.append("idle"))
    assert events == ["idle"]
    work.run(steps())
    work.then(lambda: events.append("after"))
    assert events == ["idle", "step 1"]
    with qtbot.waitSignal(work.settled, timeout=5_000):
        pass
    assert events == ["idle", "step 1", "step 2", "after"]
