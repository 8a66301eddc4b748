"""The 操作记录 and 批注 sheets in a reader's words: no action ids, JSON lists or finding keys.

The workspace logs actions as ``set_status`` with JSON lists of finding keys and statuses (exact,
for undo and audit). A supervisor reading the printout needs "更改审核状态 · 济南市天桥区人民政府
2021年 表三行合计不符 · 待核实 → 已确认": one builder per row kind turns a log row into that.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from gik_desk.export.catalogue import rule_title
from gik_desk.export.wording import report_name
from gik_desk.model import Finding
from gik_desk.model.batch import Batch
from gik_desk.model.keys import report_key
from gik_desk.model.review import Annotation, Event, ReviewSnapshot, ReviewStatus
from gik_desk.model.times import local_time
from gik_desk.template import cell_label

_MAX_LISTED = 5  # a bulk change names its first findings, then how many more


class Namer:
    """Names for what the log points at: findings by key, reports by workspace key."""

    def __init__(self, batch: Batch, review: ReviewSnapshot) -> None:
        reports = {r.id: r for r in batch.reports}
        self.reports = {report_key(r): report_name(r) for r in batch.reports}
        self.findings: dict[str, str] = {}
        for f in batch.findings:
            self.findings[f.key] = self._finding(f, reports.get(f.report_id))
        self.annotations = {a.id: a for a in review.annotations}

    @staticmethod
    def _finding(f: Finding, report: Any) -> str:
        who = report_name(report) if report is not None else ""
        return f"{who} {rule_title(f.rule)}".strip()

    def report(self, key: str) -> str:
        """``济南市天桥区人民政府 2021年`` for the workspace key ``济南市天桥区人民政府|2021``."""
        if key in self.reports:
            return self.reports[key]
        body, _, year = key.rpartition("|")
        if not body:
            return key
        return f"{body} {year}年" if year.isdigit() else body

    def finding(self, key: str) -> str:
        return self.findings.get(key) or "(本次导出之外的问题)"

    def annotation(self, a: Annotation) -> str:
        quote = a.exact if len(a.exact) <= 30 else a.exact[:30] + "…"
        return f"{self.report(a.report_key)}「{quote}」"


def _loads(text: str) -> Any:
    """The logged value: JSON for lists and annotations, else the plain text it is."""
    if not text or text[0] not in "[{":
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def _statuses(value: Any) -> str:
    """``已确认`` for one status or a uniform list; ``待核实 2 条、已确认 1 条`` for a mixed one."""
    if not isinstance(value, list):
        return _status_words(value)
    counts = Counter(_status_words(v) for v in value)
    if len(counts) == 1:
        return next(iter(counts))
    return "、".join(f"{s} {n} 条" for s, n in counts.items())


def _status_words(value: Any) -> str:
    """The Chinese words of a logged status: a code (issue 12 on) or the words themselves."""
    try:
        return ReviewStatus.parse(str(value)).label
    except ValueError:
        return str(value)


def _findings(value: Any, names: Namer) -> str:
    keys = value if isinstance(value, list) else [value]
    shown = "；".join(names.finding(str(k)) for k in keys[:_MAX_LISTED])
    more = len(keys) - _MAX_LISTED
    return f"{shown} 等 {len(keys)} 条" if more > 0 else shown


def _imported(value: Any) -> str:
    """An import's statuses and notes: ``已确认 2 条、需整改 1 条；备注 1 条``."""
    if not isinstance(value, dict):
        return str(value)
    entries = [v for v in value.values() if isinstance(v, dict)]
    counts = Counter(_status_words(v.get("status")) for v in entries)
    order = {s.label: i for i, s in enumerate(ReviewStatus.ordered())}
    shown = sorted(counts, key=lambda s: order.get(s, len(order)))
    statuses = "、".join(f"{s} {counts[s]} 条" for s in shown)
    notes = sum(1 for v in entries if v.get("note"))
    return f"{statuses}；备注 {notes} 条" if notes else statuses


def _annotation_text(value: Any) -> str:
    if not isinstance(value, dict):
        return str(value)
    quote = f"引文「{value.get('exact', '')}」"
    note = value.get("note") or ""
    return f"{quote} 批注：{note}" if note else quote


def event_row(e: Event, names: Namer) -> list[Any]:
    """One log row: 序号, 时间, 操作人, 操作, 对象, 修改前, 修改后, all in words."""
    before, after = _loads(e.before), _loads(e.after)
    if e.action == "set_status":
        target = _findings(_loads(e.target), names)
        before, after = _statuses(before), _statuses(after)
    elif e.action in ("set_note", "set_outward"):
        target = names.finding(e.target)
    elif e.action in ("add_annotation", "delete_annotation", "edit_annotation_note"):
        a = names.annotations.get(e.target)
        data = after if isinstance(after, dict) else before
        if a is not None:
            target = names.annotation(a)
        elif isinstance(data, dict):
            target = names.report(str(data.get("report_key", "")))
        else:
            target = "(已删除的批注)"
        before, after = _annotation_text(before), _annotation_text(after)
    elif e.action in ("import_review", "revert_import_review"):
        changes = after if isinstance(after, dict) else {}
        target = f"「{e.target}」：{_findings(list(changes), names)}"
        before, after = _imported(before), _imported(after)
    else:
        target = e.target
    action = e.label or e.action
    return [e.id, local_time(e.time), e.who, action, target, before or "(空)", after or "(空)"]


def _cell(key: str) -> str:
    """``表三 → (六)其他处理 1. → 总计`` for the stored ``applications/…/total``."""
    parts = key.split("/")
    return cell_label(*parts) if len(parts) == 3 else key


def annotation_row(a: Annotation, names: Namer) -> list[Any]:
    """One 批注 row: the report by name, times local, the anchor state in words."""
    where = f"未能重新定位：{a.orphan_reason}" if a.orphan_reason else "已定位"
    return [
        names.report(a.report_key),
        a.source,
        _cell(a.cell),
        a.exact,
        a.note,
        a.author,
        local_time(a.created),
        where,
    ]
