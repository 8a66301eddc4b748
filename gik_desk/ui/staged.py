"""Work on the UI thread split over turns of the event loop, and the cycle collector held off
while a batch loads (issue 26: no turn of the window over 100 ms).

Showing a finished batch of 1,000 reports paints every tree row twice (badges, then progress);
done in one turn that froze the window ~0.3 s. ``StagedWork`` runs a generator one step per
turn (each step a bounded slice: ``STEP_ROWS`` rows). A batch no larger than one slice is
shown in the call itself, so a small batch (and a test) sees the finished window at once.

While a batch loads, Python's cyclic collector would walk every object of the new batch each
time the heap grows by a quarter: one full pass over a million objects holds the GIL ~0.5 s and
the window with it. ``hold_collector`` turns it off for the load; ``release_collector`` moves
what survived into the permanent generation (``gc.freeze``), so later passes skip it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, QTimer, Signal

STEP_ROWS = 100  # tree rows painted per turn (~5–25 ms on a loaded 2-core machine)

_held = [0]


def hold_collector() -> None:
    """No automatic cycle collection until the matching ``release_collector``."""
    if _held[0] == 0:
        gc.disable()
    _held[0] += 1


def release_collector() -> None:
    if _held[0] == 0:
        return
    _held[0] -= 1
    if _held[0] == 0:
        gc.freeze()  # the batch just built is long-lived: no pass walks it again
        gc.enable()


class Budget:
    """Rows left in this turn: ``spend()`` says when a generator should yield."""

    def __init__(self, per_turn: int | None = None) -> None:
        self.per_turn = STEP_ROWS if per_turn is None else per_turn
        self.left = self.per_turn

    def spend(self, n: int = 1) -> bool:
        self.left -= n
        if self.left > 0:
            return False
        self.left = self.per_turn
        return True


class StagedWork(QObject):
    """One generator of UI work at a time, a step per event-loop turn; ``settled`` when done."""

    settled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: Iterator[None] | None = None
        self._then: list[Callable[[], None]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    def run(self, steps: Iterator[None]) -> None:
        """Start ``steps`` (replacing any unfinished ones; what waits with ``then`` still
        follows): the first step runs now."""
        self._steps = steps
        self._step()

    def then(self, fn: Callable[[], None]) -> None:
        """Call ``fn`` in a turn of its own once the steps are done (now, when none are left)."""
        if self._steps is None:
            fn()
        else:
            self._then.append(fn)

    def cancel(self) -> None:
        """Drop the steps left (new work repaints all of it); what waits with ``then`` runs
        after the next ``run``."""
        self._steps = None
        self._timer.stop()

    def busy(self) -> bool:
        return self._steps is not None

    def finish(self) -> None:
        """Run what is left now (a change that must see the finished state)."""
        while self._steps is not None:
            self._step()

    def _step(self) -> None:
        steps = self._steps
        if steps is None:
            return
        try:
            next(steps)
        except StopIteration:
            if self._steps is not steps:
                return
            if self._then:  # what waited for the steps: a turn of its own, then settled
                then, self._then = self._then, []
                self._steps = _calls(then)
                self._timer.start()
                return
            self._steps = None
            self._timer.stop()
            self.settled.emit()
            return
        if self._steps is steps:
            self._timer.start()


def _calls(fns: list[Callable[[], None]]) -> Iterator[None]:
    """One step that calls ``fns``."""
    for fn in fns:
        fn()
    yield from ()
