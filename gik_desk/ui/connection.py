"""The workspace out of reach, on the desk (issue 28): a banner the moment a write finds it gone
(naming the workspace and the cause, and how many edits wait in the local journal), a retry
every few seconds off the UI thread and 文件 ▸ 重新连接, the journal applied on reconnection,
and the question at start when a journal was left behind.

The probe opens a connection of its own on a worker thread (``ReviewSession.probe``); only the
replay, a few short transactions, runs on the UI thread, where the workspace's connection lives.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy

from gik_desk import services

if TYPE_CHECKING:
    from gik_desk.services import ReviewSession
    from gik_desk.ui.hosts import ReviewHost

RETRY_MS = 5000


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConnectionBanner", text)


class ConnectionBanner(QObject):
    """Owned by the review controller; ``banner`` sits at the left of the status bar's
    permanent widgets, hidden while the workspace is reachable."""

    probed = Signal(object)  # a probe's answer: None (reachable) or the WorkspaceError

    def __init__(self, window: ReviewHost) -> None:
        super().__init__(window.as_widget())
        self.w = window
        self.banner = QLabel()
        self.banner.setObjectName("offline_banner")
        self.banner.setStyleSheet(
            "QLabel#offline_banner { background: #fde2e1; color: #8a1c12; padding: 2px 8px; }"
        )
        self.banner.setWordWrap(False)
        # a long path must not widen the window: the label is clipped, its tooltip whole
        self.banner.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.banner.setMinimumWidth(320)
        self.banner.hide()
        host = window.as_widget()
        if isinstance(host, QMainWindow):
            host.statusBar().addPermanentWidget(self.banner)
        self.cause = ""
        self.timer = QTimer(self)
        self.timer.setInterval(RETRY_MS)
        self.timer.timeout.connect(self.retry)
        self._probing = False
        self.probed.connect(self._on_probed)
        session = window.session
        session.connection_changed.connect(self._on_connection_changed)
        session.pending_changed.connect(lambda _n: self._show())
        session.workspace_changed.connect(lambda _path: self._reset())

    @property
    def offline(self) -> bool:
        return bool(self.cause)

    def _on_connection_changed(self, cause: str) -> None:
        was = self.offline
        self.cause = cause
        if cause:
            self.timer.start()
            self._show()
            self.w.show_message(self.banner.text())
            return
        self.timer.stop()
        self.banner.hide()
        if was:
            self.w.show_message(_tr("已重新连接工作区，暂存的修改已写入。"))

    def _reset(self) -> None:
        """Another workspace: whatever was out of reach was the old one's."""
        self.cause = ""
        self.timer.stop()
        self.banner.hide()

    def _show(self) -> None:
        if not self.cause:
            return
        n = self.w.session.pending()
        words = _tr("{0}　{1} 项修改暂存在本机（待写入），恢复连接后自动写入。")
        self.banner.setText(words.format(self.cause.replace("\n", " "), n))
        self.banner.setToolTip(self.banner.text())
        self.banner.show()

    def retry(self) -> None:
        """Probe the workspace on a worker thread (a dropped network drive may take seconds
        to answer); a reachable one gets the journal applied (``_on_probed``)."""
        if self._probing or self.w.session.workspace is None:
            return
        self._probing = True
        core = self.w.session.core
        threading.Thread(target=self._probe, args=(core,), daemon=True).start()

    def _probe(self, core: ReviewSession) -> None:
        answer = core.probe()
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self.probed.emit(answer)

    def _on_probed(self, problem: object) -> None:
        self._probing = False
        if isinstance(problem, services.WorkspaceError):
            if self.offline:
                self.cause = problem.message
                self._show()
            else:
                self.w.show_message(problem.message)
            return
        if self.offline or self.w.session.pending():
            self.w.session.reconnect(probed=True)

    def startup(self) -> None:
        """A workspace just opened with actions left in its journal: ask to apply them."""
        from gik_desk.ui.dialogs import conflict

        n = self.w.session.pending()
        path = self.w.session.path
        if not n or path is None:
            return
        if conflict.ask_apply_pending(self.w.as_widget(), str(path), n):
            self.w.session.reconnect()
        else:
            self.w.show_message(
                _tr("{0} 项修改仍暂存在本机；可用“文件 ▸ 重新连接”写入。").format(n)
            )
