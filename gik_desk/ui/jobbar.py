"""The status bar's progress bar and 取消 button, shared by every long job (issue 13).

A job is a core generator run by a ``JobRunner`` (``ui/runner.py``). To give a new kind of job
(loading, export, letters …) progress and cancel, make a runner and track it::

    self.letters_runner = JobRunner(self)
    self.jobs.track(self.letters_runner, lambda d, t, label: f"正在生成 {d}/{t}:{label}")
    self.letters_runner.finished.connect(...)
    self.letters_runner.start(lambda token: letters_job(..., token), "正在生成函件")

The bar shows while any tracked runner runs; 取消 (and Esc) cancels them all. The job must
check its ``CancelToken`` between units and leave nothing half-done when it stops (write to a
temp file and rename at the end, return a new batch rather than edit the old one).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton

from gik_desk.ui.runner import JobRunner

Describe = Callable[[int, int, str], str]


class JobBar(QObject):
    def __init__(
        self, progress: QProgressBar, cancel: QPushButton, label: QLabel, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.progress = progress
        self.cancel_button = cancel
        self.label = label
        self.runners: list[JobRunner] = []
        cancel.clicked.connect(self.cancel)
        self.show(False)

    def track(self, runner: JobRunner, describe: Describe | None = None) -> None:
        """Show ``runner``'s jobs on the bar; ``describe(done, total, label)`` → status text."""
        self.runners.append(runner)
        runner.started.connect(self._on_started)
        runner.progress.connect(lambda d, t, label: self._on_progress(d, t, label, describe))
        runner.finished.connect(self.refresh)
        runner.failed.connect(self.refresh)
        runner.cancelled.connect(self.refresh)

    def busy(self) -> bool:
        return any(r.is_running() for r in self.runners)

    def cancel(self) -> None:
        for runner in self.runners:
            runner.cancel()

    def show(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def refresh(self, *_args: object) -> None:
        """Hide the bar once no tracked job runs any more."""
        self.show(self.busy())

    def _on_started(self, label: str) -> None:
        self.show(True)
        self.progress.setRange(0, 0)  # busy until the first progress says how much
        if label:
            self.label.setText(label)

    def _on_progress(self, done: int, total: int, label: str, describe: Describe | None) -> None:
        if self.progress.maximum() != max(total, 0):
            self.progress.setRange(0, max(total, 0))
        if done != self.progress.value():
            self.progress.setValue(done)
        if describe is not None:
            self.label.setText(describe(done, total, label))
