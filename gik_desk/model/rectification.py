"""整改复核 (issue 30): a letter as sent, and what became of each of its items.

A letter, once written, is recorded as sent (``SentLetter``): its items with the figures they
named, and for each report it covered the figures and finding identities it had then. When
the body republishes, each item is judged against the new version (``Outcome``); the reviewer
may confirm or override a judgement. The record is never rewritten: a regenerated letter is a
new record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from gik_desk.model.cell import Number
from gik_desk.model.finding import CellRef


class Outcome(StrEnum):
    """What became of one item. Stored as these codes; the words live in ``OUTCOME_LABELS``."""

    FIXED = "fixed"
    NOT_FIXED = "not_fixed"
    WRONG = "wrong"
    PENDING = "pending"  # no new version of the report has arrived yet

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]

    @property
    def is_open(self) -> bool:
        """Still something the body owes: a follow-up letter lists it."""
        return self is not Outcome.FIXED

    @classmethod
    def parse(cls, text: str) -> Outcome:
        """A stored code or its words; ``ValueError`` for anything else."""
        text = text.strip()
        for outcome, label in OUTCOME_LABELS.items():
            if text in (outcome.value, label):
                return outcome
        raise ValueError(f"not a rectification outcome: {text[:40]!r}")


OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.FIXED: "已整改",
    Outcome.NOT_FIXED: "未整改",
    Outcome.WRONG: "改错",
    Outcome.PENDING: "未重新发布",
}


def identity(finding_key: str) -> str:
    """A finding's key without its version slot (``…|@slot``): the same finding in another
    version of one report has the same identity."""
    head, sep, _slot = finding_key.rpartition("|@")
    return head if sep else finding_key


@dataclass(frozen=True, slots=True)
class SentItem:
    """One numbered item of a sent letter: a cell to correct (``cell`` set) or a finding in
    its own words."""

    n: int
    report_key: str  # body + year + version slot of the report it was about
    finding_keys: tuple[str, ...]
    rules: tuple[str, ...]
    text: str  # the item as the letter printed it
    cell: CellRef | None = None
    printed: Number | None = None
    asked: Number | None = None  # the value the letter asked for
    outward: str = ""
    messages: tuple[str, ...] = ()  # each finding's message when sent (same order as keys)


@dataclass(frozen=True, slots=True)
class SentReport:
    """A report a letter covered, as it stood when the letter was written."""

    report_key: str  # body + year + slot
    body_year: str  # body + year: where its later versions are looked for
    year: int | None
    source: str
    text_sha256: str  # of the report's text: a version with another text is a new one
    figures: dict[str, Number] = field(default_factory=dict)  # "table/row/col" -> value
    identities: tuple[str, ...] = ()  # identities of every finding it had


@dataclass(frozen=True, slots=True)
class SentLetter:
    id: int
    body: str
    body_key: str
    written: str  # ISO 8601, local time
    path: str
    sha256: str  # of the .docx written
    reviewer: str
    items: tuple[SentItem, ...]
    reports: tuple[SentReport, ...]
    follow_up: bool = False  # a 复核意见 (issue 30) rather than a first 审核意见


@dataclass(frozen=True, slots=True)
class ItemJudgement:
    """One item judged against the body's new version."""

    letter_id: int
    item: SentItem
    judged: Outcome  # what the figures say
    how: str  # in words: which value, which other correction, which finding still fires
    new_report_id: str | None = None  # the version it was judged against (None: none yet)
    old_report_key: str = ""
    now: Number | None = None  # the cell's value in the new version (cell items)
    override: Outcome | None = None  # the reviewer's word, where given
    note: str = ""  # the reviewer's reason for an override
    old_report_id: str | None = None  # the version the letter was about, where still open

    @property
    def outcome(self) -> Outcome:
        return self.override if self.override is not None else self.judged

    @property
    def confirmed(self) -> bool:
        return self.override is not None

    @property
    def key(self) -> str:
        return rectification_key(self.letter_id, self.item.n)


def rectification_key(letter_id: int, n: int) -> str:
    """How an item's reviewer decision is stored and logged."""
    return f"letter:{letter_id}#{n}"


@dataclass(frozen=True, slots=True)
class CellChange:
    """A cell the new version changed that no item asked for (其他改动)."""

    report_key: str
    cell: CellRef
    before: Number | None
    after: Number | None


@dataclass(frozen=True, slots=True)
class BodyRectification:
    """A body's latest letter and what the body's new versions did with it."""

    letter: SentLetter
    items: tuple[ItemJudgement, ...]
    new_problems: tuple[tuple[str, str, str], ...] = ()  # (report id, finding key, message)
    other_changes: tuple[CellChange, ...] = ()
    new_reports: tuple[str, ...] = ()  # ids of the versions judged against

    def count(self, outcome: Outcome) -> int:
        return sum(1 for j in self.items if j.outcome is outcome)

    @property
    def open_items(self) -> tuple[ItemJudgement, ...]:
        return tuple(j for j in self.items if j.outcome.is_open)

    @property
    def to_review(self) -> int:
        """Items whose judgement the reviewer has not yet confirmed (待复核 in the progress)."""
        return sum(1 for j in self.items if not j.confirmed)
