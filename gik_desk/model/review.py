"""The reviewer's judgement as plain data: statuses, notes, annotations, the event log.

The workspace stores it; export and views read a ``ReviewSnapshot`` of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class ReviewStatus(StrEnum):
    """A reviewer's verdict on a finding. The value is a stable code (what the workspace
    stores, issue 12); the Chinese words are ``label`` and live only in ``STATUS_LABELS``."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    NEEDS_FIX = "needs_fix"
    EXCEPTION = "exception"

    @classmethod
    def ordered(cls) -> tuple[ReviewStatus, ...]:
        return tuple(cls)

    @classmethod
    def parse(cls, text: str) -> ReviewStatus:
        """A code or the Chinese words (workspaces and event logs written before issue 12,
        a workbook cell); raises ``ValueError`` for anything else."""
        t = text.strip()
        try:
            return cls(t)
        except ValueError:
            pass
        wanted = _fold(t)
        for status, label in STATUS_LABELS.items():
            if _fold(label) == wanted:
                return status
        raise ValueError(f"not a review status: {text!r}")

    @property
    def label(self) -> str:
        """The Chinese words shown to the reviewer (screens, workbook, letters)."""
        return STATUS_LABELS[self]

    @property
    def needs_reason(self) -> bool:
        """已排除 and 例外 say a finding does not stand: the note must say why."""
        return self in (ReviewStatus.DISMISSED, ReviewStatus.EXCEPTION)


STATUS_LABELS: dict[ReviewStatus, str] = {
    ReviewStatus.PENDING: "待核实",
    ReviewStatus.CONFIRMED: "已确认",
    ReviewStatus.DISMISSED: "已排除(误报)",
    ReviewStatus.NEEDS_FIX: "需整改",
    ReviewStatus.EXCEPTION: "例外(已说明)",
}


def _fold(text: str) -> str:
    """Full-width brackets and spaces as half-width: 已排除（误报） is 已排除(误报)."""
    return "".join(text.replace("（", "(").replace("）", ")").split())


class ReportState(StrEnum):
    """The reviewer's sign-off of one report (stable codes; ``label`` is what is shown)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def label(self) -> str:
        return _REPORT_STATE_LABELS[self]


_REPORT_STATE_LABELS = {
    ReportState.NOT_STARTED: "未开始",
    ReportState.IN_PROGRESS: "审核中",
    ReportState.DONE: "已完成",
}


@dataclass(frozen=True, slots=True)
class FindingReview:
    finding_key: str
    status: ReviewStatus = ReviewStatus.PENDING
    note: str = ""
    reviewer: str = ""
    updated: str = ""  # ISO 8601 time of the last change
    resolved: bool = False  # the finding no longer occurs in the current audit


@dataclass(frozen=True, slots=True)
class Annotation:
    """A note on a text selection or a cell, anchored to survive a changed file (ECOSYSTEM #16)."""

    id: str
    report_key: str  # normalised body + year: survives re-parsing and reordering
    source: str
    exact: str  # TextQuoteSelector
    prefix: str
    suffix: str
    start: int  # TextPositionSelector hint into the decoded text
    end: int
    cell: str = ""  # "table/row/col" when anchored on a cell
    note: str = ""
    author: str = ""
    created: str = ""
    orphan_reason: str = ""  # set when it could not be re-anchored


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    time: str
    who: str
    action: str
    target: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class ReviewSnapshot:
    reviews: dict[str, FindingReview] = field(default_factory=dict)
    annotations: tuple[Annotation, ...] = ()
    events: tuple[Event, ...] = ()
    workspace_path: str = ""
    outward: dict[str, str] = field(default_factory=dict)  # finding key → 对外意见 (issue 17)


class ReviewerAction(Protocol):
    """What every reviewer action (``workspace/actions.py``) offers a face: words for the undo
    menu and its inverse. Faces hold actions through this, never their classes (issue 12)."""

    @property
    def text(self) -> str: ...

    def inverse(self) -> ReviewerAction: ...


@dataclass(frozen=True, slots=True)
class KeyedValue:
    """A figure a reviewer keyed into an unread cell (issue 29), as the workspace holds it:
    applied only to the report ``report_key`` read from a file with bytes ``sha256``."""

    report_key: str
    cell: str  # table/row/col
    source: str
    sha256: str
    text: str
    reviewer: str = ""
    updated: str = ""
