"""Long work as cancellable generators, without Qt.

A job yields ``Progress`` and returns its result (``StopIteration.value``). The CLI iterates
it and prints; ``ui/runner.py`` runs it on a QThreadPool and feeds a progress bar.
"""

from __future__ import annotations

import threading
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any, TypeVar

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int
    label: str = ""
    payload: object = None  # e.g. the reports of the file just finished, for live updates


class Cancelled(Exception):  # noqa: N818 - a control-flow signal, not an error
    """Raised inside a job when its token was cancelled."""


class CancelToken:
    """Set from any thread; jobs check it between units of work."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled


Job = Generator[Progress, None, R]


def run_to_end(job: Generator[Any, None, R]) -> R:
    """Drive a job (or any stepwise generator) to completion, ignoring what it yields."""
    while True:
        try:
            next(job)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
