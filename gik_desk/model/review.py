"""The reviewer's judgement as plain data: statuses, notes, annotations, the event log.

The workspace stores it; export and views read a ``ReviewSnapshot`` of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
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
        """THE status parser (issue 22): a code, a member name or the Chinese words —
        workspaces and event logs written before issue 12, a workbook cell a colleague typed
        (spaces anywhere, half- or full-width brackets, 已排除 / 例外 without their bracket);
        raises ``ValueError`` for anything else."""
        found = _status_forms().get(_fold(str(text)))
        if found is None:
            raise ValueError(f"not a review status: {text!r}")
        return found

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


_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "(", "】": ")", "［": "(", "］": ")"})


def _fold(text: str) -> str:
    """Brackets half-width, no spaces, lower case: 已排除（ 误报 ） is 已排除(误报)."""
    return _SPACE.sub("", text.translate(_BRACKETS)).lower()


@lru_cache(maxsize=1)
def _status_forms() -> dict[str, ReviewStatus]:
    forms: dict[str, ReviewStatus] = {}
    for status in ReviewStatus.ordered():
        for form in (status.label, status.name, status.value):
            forms[_fold(form)] = status
        short = status.label.split("(")[0]
        if short != status.label:  # 已排除 / 例外: the words without the bracket say it all
            forms.setdefault(_fold(short), status)
    return forms


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
    damaged: str = ""  # why the stored row could not be read (issue 27): shown as 已损坏


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
    damaged: str = ""  # why the logged row could not be read (issue 27): shown as 已损坏

    @property
    def label(self) -> str:
        """The logged action in a reader's words (``EVENT_WORDS``); the code when unknown."""
        return EVENT_WORDS.get(self.action, self.action)


# The event log's action codes in a reader's words: the one table of them (issue 22). Each
# action class (workspace/actions.py) declares its code and takes its ``label`` from here.
EVENT_WORDS: dict[str, str] = {
    "set_status": "更改审核状态",
    "set_note": "编辑审核备注",
    "set_outward": "编辑对外意见",
    "add_annotation": "添加批注",
    "delete_annotation": "删除批注",
    "edit_annotation_note": "编辑批注内容",
    "set_current_version": "标为现行版本",
    "set_report_state": "更改报告审核进度",
    "import_review": "导入审核表",
    "revert_import_review": "撤销导入审核表",
    "send_letter": "发出审核意见",  # a letter written and recorded as sent (issue 30)
    "set_rectification": "整改复核结论",
    "key_cell": "录入数值",
    "push_workspace": "迁入团队工作区",  # a personal workspace moved into a team one (issue 28)
    "assign": "分配审核",  # a lead gives bodies or reports to a reviewer (issue 28)
    "reopen_report": "重新打开报告",  # a lead reopens a signed-off report (issue 28)
}


@dataclass(frozen=True, slots=True)
class ReviewSnapshot:
    reviews: dict[str, FindingReview] = field(default_factory=dict)
    annotations: tuple[Annotation, ...] = ()
    events: tuple[Event, ...] = ()
    workspace_path: str = ""
    workspace_id: str = ""  # the workspace's random id, written into 导出基准 (issue 27)
    outward: dict[str, str] = field(default_factory=dict)  # finding key → 对外意见 (issue 17)
    damaged: tuple[str, ...] = ()  # one line per stored row that could not be read (issue 27)


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
