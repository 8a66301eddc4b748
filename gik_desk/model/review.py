"""The reviewer's judgement as plain data: statuses, notes, annotations, the event log.

The workspace stores it; export and views read a ``ReviewSnapshot`` of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ReviewStatus(StrEnum):
    PENDING = "待核实"
    CONFIRMED = "已确认"
    DISMISSED = "已排除(误报)"
    NEEDS_FIX = "需整改"
    EXCEPTION = "例外(已说明)"

    @classmethod
    def ordered(cls) -> tuple[ReviewStatus, ...]:
        return tuple(cls)

    @property
    def label(self) -> str:
        """The Chinese words shown to the reviewer (screens, workbook, letters)."""
        return str(self.value)

    @property
    def needs_reason(self) -> bool:
        """已排除 and 例外 say a finding does not stand: the note must say why."""
        return self in (ReviewStatus.DISMISSED, ReviewStatus.EXCEPTION)


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
