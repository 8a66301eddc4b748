"""Runs a core generator job (``gik_desk.jobs.Job``) on QThreadPool, reporting through signals.

The worker never touches a widget: it only emits signals of a QObject living on the UI thread, so
Qt queues them across threads. Cancelling sets the job's ``CancelToken``; it stops between units.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from gik_desk.services import Cancelled, CancelToken, Job

JobFactory = Callable[[CancelToken], Job[Any]]


class _Relay(QObject):
    """Carries a runnable's events to the UI thread (QRunnable is not a QObject)."""

    progress = Signal(int, int, str)
    partial = Signal(object)
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class _JobRunnable(QRunnable):
    def __init__(self, factory: JobFactory, token: CancelToken, relay: _Relay) -> None:
        super().__init__()
        self._factory = factory
        self._token = token
        self._relay = relay

    def run(self) -> None:
        try:
            job = self._factory(self._token)
            while True:
                try:
                    p = next(job)
                except StopIteration as stop:
                    result = stop.value
                    break
                self._relay.progress.emit(p.done, p.total, p.label)
                if p.payload is not None:
                    self._relay.partial.emit(p.payload)
        except Cancelled:
            self._relay.cancelled.emit()
            return
        except Exception as exc:  # a job's bug must reach the status bar, not kill the pool
            detail = "".join(traceback.format_exception_only(exc)).strip()
            self._relay.failed.emit(detail)
            return
        # A job that returned has done its work (a load job has stored its audit in the
        # workspace): its result is delivered even when a cancel came too late to stop it.
        self._relay.done.emit(result)


class JobRunner(QObject):
    """One job at a time on the global pool.

    Signals:
        started(str): a job began; the label says what it does.
        progress(int, int, str): done, total, label of the unit just finished.
        partial(object): a ``Progress.payload`` (e.g. one file's reports and problems).
        finished(object): the job's return value.
        failed(str): the job raised; the text is for the status bar.
        cancelled(): the job stopped because it was asked to.
    """

    started = Signal(str)
    progress = Signal(int, int, str)
    partial = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    live: ClassVar[set[JobRunner]] = set()  # runners whose job has not reported its end yet

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._token: CancelToken | None = None
        self._relay: _Relay | None = None
        self._runnable: _JobRunnable | None = None

    def is_running(self) -> bool:
        return self._token is not None

    def start(self, factory: JobFactory, label: str = "") -> CancelToken:
        """Run ``factory(token)`` on the pool; a job already running is cancelled first."""
        if self._token is not None:
            self.cancel()
            self._detach()
        token = CancelToken()
        relay = _Relay()
        relay.progress.connect(self.progress)
        relay.partial.connect(self.partial)
        relay.done.connect(self._on_done)
        relay.failed.connect(self._on_failed)
        relay.cancelled.connect(self._on_cancelled)
        self._token, self._relay = token, relay
        self._runnable = _JobRunnable(factory, token, relay)
        JobRunner.live.add(self)
        self.started.emit(label)
        self._pool.start(self._runnable)
        return token

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()

    def _detach(self) -> None:
        """Forget the current job; a cancelled job's late signals no longer reach us."""
        if self._relay is not None:
            for sig in (
                self._relay.progress,
                self._relay.partial,
                self._relay.done,
                self._relay.failed,
                self._relay.cancelled,
            ):
                sig.disconnect()
        self._token = None
        self._relay = None
        self._runnable = None
        JobRunner.live.discard(self)

    def _on_done(self, result: object) -> None:
        self._detach()
        self.finished.emit(result)

    def _on_failed(self, message: str) -> None:
        self._detach()
        self.failed.emit(message)

    def _on_cancelled(self) -> None:
        self._detach()
        self.cancelled.emit()
