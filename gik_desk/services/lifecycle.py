"""The review itself, for the faces (issue 14): rule titles, a finding's history, progress
and the reason 已排除 / 例外 need.

Pure functions over ``model`` objects and the workspace's event rows, so the window and the
command line say the same words (issue 14).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gik_desk.model import Finding
from gik_desk.model.review import Event, FindingReview, ReviewStatus
from gik_desk.model.times import local_time


def rule_title(rule_id: str) -> str:
    """The catalogue's short Chinese title (``rules.catalogue.rule_title``; the code itself for
    a rule it does not know). Imported on first use: the window starts before any batch needs
    the rules."""
    from gik_desk.rules.catalogue import rule_title as title

    return title(rule_id)


def reason_problem(status: ReviewStatus, note: str) -> str | None:
    """Why ``status`` cannot be set with ``note`` (已排除/例外 need a reason), or None."""
    if status.needs_reason and not note.strip():
        from gik_desk.workspace.actions import reason_required

        return reason_required(status)
    return None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    who: str
    when: str  # local wall clock, ``local_time``
    what: str  # 状态：待核实 → 已确认 / 备注：…


def _status_label(value: str) -> str:
    """The words of a logged status (``ReviewStatus.parse``); the text itself when unknown."""
    try:
        return ReviewStatus.parse(value).label
    except ValueError:
        return value


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def finding_history(events: Iterable[Event], key: str) -> list[HistoryEntry]:
    """What happened to one finding, oldest first: status changes and note edits."""
    out: list[HistoryEntry] = []
    for e in events:
        if e.action == "set_status":
            try:
                keys = json.loads(e.target)
                befores, afters = json.loads(e.before), json.loads(e.after)
                i = keys.index(key)
                before, after = str(befores[i]), str(afters[i])
            except (ValueError, TypeError, IndexError, AttributeError):
                continue
            what = f"状态：{_status_label(before)} → {_status_label(after)}"
        elif e.action == "set_note" and e.target == key:
            what = f"备注：{_short(e.after)}" if e.after.strip() else "备注：清空"
        else:
            continue
        out.append(HistoryEntry(e.who, local_time(e.time), what))
    return out


@dataclass(frozen=True, slots=True)
class ReviewProgress:
    """Reviewed findings (any status but 待核实) of all findings."""

    reviewed: int = 0
    total: int = 0

    def __add__(self, other: ReviewProgress) -> ReviewProgress:
        return ReviewProgress(self.reviewed + other.reviewed, self.total + other.total)

    @property
    def text(self) -> str:
        return f"{self.reviewed}/{self.total}"


def review_progress(
    findings: Iterable[Finding], reviews: Mapping[str, FindingReview]
) -> dict[str, ReviewProgress]:
    """Progress per report id."""
    out: dict[str, ReviewProgress] = {}
    for f in findings:
        review = reviews.get(f.key)
        done = review is not None and review.status is not ReviewStatus.PENDING
        out[f.report_id] = out.get(f.report_id, ReviewProgress()) + ReviewProgress(int(done), 1)
    return out
