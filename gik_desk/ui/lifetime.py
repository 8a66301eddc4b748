"""The desk ends cleanly on SIGTERM and SIGINT (issue 13): jobs cancelled, the note being
typed saved, the window state written, and no parse worker left behind.

Qt's event loop runs in C++, where a Python signal handler cannot run; the handler's wake-up
byte goes to a socket a ``QSocketNotifier`` watches, so the loop turns at once and Python sees
the signal. The handler only schedules the quit; the window closes on the next turn.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

QUIT_SIGNALS = tuple(
    s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGINT", None)) if s is not None
)


class QuitOnSignal(QObject):
    """SIGTERM / SIGINT → ``quit()`` on the UI thread; ``received`` holds the signal number."""

    def __init__(self, app: QApplication, quit: Callable[[], None]) -> None:
        super().__init__(app)
        self.received: int | None = None
        self._quit = quit
        self._rsock, self._wsock = socket.socketpair()
        self._rsock.setblocking(False)
        self._wsock.setblocking(False)
        self._notifier = QSocketNotifier(self._rsock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._old_fd = signal.set_wakeup_fd(self._wsock.fileno(), warn_on_full_buffer=False)
        self._old = {s: signal.signal(s, self._on_signal) for s in QUIT_SIGNALS}

    def _drain(self, *_args: object) -> None:
        with contextlib.suppress(OSError):
            self._rsock.recv(512)  # the Python handler has run (or runs now)

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        if self.received is not None:
            return  # already quitting
        self.received = signum
        QTimer.singleShot(0, self._quit)

    def uninstall(self) -> None:
        for s, old in self._old.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(s, old)
        with contextlib.suppress(ValueError):
            signal.set_wakeup_fd(self._old_fd)
        self._notifier.setEnabled(False)
        self._rsock.close()
        self._wsock.close()


def end_jobs(timeout_ms: int = 15_000) -> None:
    """Cancel every running job, stop every worker process and wait for the job threads."""
    import sys

    from gik_desk.ui.runner import JobRunner

    for runner in list(JobRunner.live):
        runner.cancel()
    services = sys.modules.get("gik_desk.services")  # only if a batch was ever opened
    if services is not None:
        services.kill_workers()
    QThreadPool.globalInstance().waitForDone(timeout_ms)
