"""JobRunner: a core generator job on QThreadPool, its progress, result, failure and cancel."""

from __future__ import annotations

import threading

from gik_desk.jobs import CancelToken, Progress
from gik_desk.ui.runner import JobRunner


def _count(n: int, token: CancelToken):  # type: ignore[no-untyped-def]
    for i in range(n):
        token.check()
        yield Progress(i + 1, n, f"item {i}", payload=i)
    return n * 10


def test_runner_reports_progress_partials_and_result(qtbot) -> None:
    runner = JobRunner()
    partials: list[object] = []
    runner.partial.connect(partials.append)
    with qtbot.waitSignal(runner.finished, timeout=10_000) as blocker:
        runner.start(lambda t: _count(5, t))
    assert blocker.args == [50]
    assert partials == [0, 1, 2, 3, 4]
    assert not runner.is_running()


def test_runner_reports_failure_as_text(qtbot) -> None:
    def boom(token: CancelToken):  # type: ignore[no-untyped-def]
        yield Progress(0, 1)
        raise ValueError("坏文件")

    runner = JobRunner()
    with qtbot.waitSignal(runner.failed, timeout=10_000) as blocker:
        runner.start(boom)
    assert "坏文件" in blocker.args[0]


def test_runner_cancel_stops_the_job(qtbot) -> None:
    gate = threading.Event()

    def slow(token: CancelToken):  # type: ignore[no-untyped-def]
        while True:
            gate.wait(0.01)
            token.check()
            yield Progress(0, 1)

    runner = JobRunner()
    with qtbot.waitSignal(runner.cancelled, timeout=10_000):
        runner.start(slow)
        qtbot.waitUntil(lambda: runner.is_running())
        runner.cancel()
    assert not runner.is_running()


def test_window_cancel_button_stops_loading(qtbot, window) -> None:
    gate = threading.Event()

    def slow(token: CancelToken):  # type: ignore[no-untyped-def]
        while not gate.is_set():
            gate.wait(0.01)
            token.check()
            yield Progress(0, 1, "x")

    with qtbot.waitSignal(window.runner.cancelled, timeout=10_000):
        window.runner.start(slow)
        qtbot.waitUntil(lambda: window.cancel_button.isVisible())
        window.cancel_button.click()
    assert not window.cancel_button.isVisible()
    assert window.status_label.text() == "已取消。"
