"""Colleagues' work appears on the desk as it lands (issue 28: within 2 s, no reload).

A thread of its own reads the workspace's event log through ``services``' ``ChangeFeed`` (its
own connection; cheap when nothing changed) and waits ``Workspace.wait_for_change`` between
looks (sleep on SQLite, LISTEN/NOTIFY on the team store). What it finds crosses to the UI
thread as a queued signal; there the desk's own events are left out
(``ReviewSession.from_others``) and the rest takes the path of the desk's own actions
(``WorkspaceSession.receive``): the same signals, the same incremental refreshes.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from gik_desk.services import ChangeFeed
    from gik_desk.ui.session import WorkspaceSession

POLL_SECONDS = 0.2  # at most this long between two looks at the log (issue 28 asks ≤ 1 s)
LET_GO_SECONDS = 1.0  # how long stopping waits for the thread to close its connection


class _Relay(QObject):
    events = Signal(int, object)  # generation, list of (event id, who, Touched)
    failed = Signal(int, str)


class TeamWatcher(QObject):
    """Watches the session's open workspace; ``follow()`` after each open, ``stop()`` at the end.

    Signals: ``failed(str)`` once when the log can no longer be read (the watcher stops)."""

    failed = Signal(str)

    def __init__(self, session: WorkspaceSession, poll: float = POLL_SECONDS) -> None:
        super().__init__(session)
        self.session = session
        self.poll = poll
        self._relay = _Relay(self)
        self._relay.events.connect(self._on_events)
        self._relay.failed.connect(self._on_failed)
        # a closed workspace is let go at once: no connection of ours keeps its WAL unmerged
        # (a copy of the file made next must hold every commit)
        session.closing.connect(lambda: self.stop(wait=LET_GO_SECONDS))
        self._generation = 0
        self._stop: threading.Event | None = None
        self._thread: threading.Thread | None = None

    def follow(self) -> None:
        """Watch the workspace open now (none: stop) from its newest event on."""
        self.stop(wait=LET_GO_SECONDS)
        feed = self.session.core.change_feed(self.session.core.change_cursor())
        if feed is None:
            return
        self._generation += 1
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=_watch,
            args=(feed, self._stop, self._relay, self._generation, self.poll),
            name="gik-team-watch",
            daemon=True,
        )
        self._thread.start()

    def stop(self, wait: float = 0.0) -> None:
        """Stop watching; events already on their way are dropped (another generation)."""
        self._generation += 1
        if self._stop is not None:
            self._stop.set()
        if self._thread is not None and wait > 0:
            self._thread.join(wait)
        self._stop = self._thread = None

    @property
    def watching(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _on_events(self, generation: int, events: object) -> None:
        if generation != self._generation or self.session.workspace is None:
            return
        changed = self.session.core.from_others(events)  # type: ignore[arg-type]
        if any(getattr(changed, name) for name in changed.__dataclass_fields__):
            self.session.receive(changed)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.failed.emit(message)


LOST = ("disconnected", "unreachable")  # a server gone for now: wait, then look again


def _watch(
    feed: ChangeFeed, stop: threading.Event, relay: _Relay, generation: int, poll: float
) -> None:
    """The watcher thread: look, hand over what is new, wait; until stopped. A server out of
    reach is waited out (the feed keeps its cursor: what colleagues did meanwhile still comes)."""
    try:
        while not stop.is_set():
            try:
                events = feed.poll()
            except Exception as exc:
                if getattr(exc, "code", "") not in LOST:
                    raise
                feed.close()  # a fresh connection at the next look
                stop.wait(max(poll, 1.0))
                continue
            if events:
                if not stop.is_set():
                    relay.events.emit(generation, events)
                continue
            feed.wait(poll)
    except RuntimeError:  # the window (and its relay) went away meanwhile: nothing to tell
        pass
    except Exception as exc:  # a closed or vanished file: say so, never kill the desk
        message = getattr(exc, "message", "") or f"{type(exc).__name__}: {exc}"
        with contextlib.suppress(RuntimeError):
            relay.failed.emit(generation, message)
    finally:
        feed.close()
