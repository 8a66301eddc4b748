"""Statuses and notes a colleague typed into the exported workbook, read back (issue 16).

Two steps, so the desk can read the file off the UI thread and plan on it:

1. :func:`read_review_workbook` reads 问题清单 and the hidden 导出基准 through the guarded
   reader (``ingest/xlsxrows.py``: byte cap, zip-bomb and sheet-extent checks, then
   python-calamine). Rows are matched by their key column, checked against their checksum
   (``review_keys.py``), never by position: a re-sorted sheet or a deleted row is harmless. A
   row that cannot be trusted or read (a key typed over, a status no one can read, 已排除 or
   例外 without the reason in 审核备注) is refused with a message naming its sheet row.
2. :func:`plan_import` sets each changed row against the workspace: a finding the workspace
   left as exported takes the workbook's status and note; one the workspace changed since the
   export is a conflict, listed for the reviewer and never overwritten. The changes form ONE
   ``ImportReview`` action: one event row naming the workbook, one undo step.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from gik_desk.export.catalogue import rule_title
from gik_desk.export.review_keys import (
    BASELINE_SHEET,
    CHECK_HEADER,
    FINDINGS_SHEET,
    KEY_HEADER,
    NOTE_HEADER,
    REPORT_HEADER,
    RULE_HEADER,
    STATUS_HEADER,
    ReimportError,
    note_form,
    parse_status,
    read_note,
    row_checksum,
    status_choices,
)
from gik_desk.ingest.limits import Limits
from gik_desk.model import IngestError
from gik_desk.model.review import FindingReview, ReviewStatus
from gik_desk.workspace.actions import ImportReview, ReviewChange

__all__ = ["ImportPlan", "ReimportError", "ReviewWorkbook", "plan_import", "read_review_workbook"]

# A returned 问题清单 has one row per finding (~20 columns): room for 100,000 findings, far
# below what would let calamine allocate gigabytes (ingest's own bound is for report tables).
IMPORT_LIMITS = Limits(max_table_slots=2_000_000)


@dataclass(frozen=True, slots=True)
class Baseline:
    """One finding as exported (a 导出基准 row)."""

    key: str
    report: str
    rule: str
    status: ReviewStatus
    note: str
    check: str

    @property
    def name(self) -> str:
        """How a message names the finding: report, then rule title."""
        return f"{self.report} {rule_title(self.rule)}".strip()


@dataclass(frozen=True, slots=True)
class RowEdit:
    """A 问题清单 row whose status or note differs from what was exported."""

    row: int  # the sheet row number, as Excel shows it
    base: Baseline
    status: ReviewStatus
    note: str

    @property
    def key(self) -> str:
        return self.base.key


@dataclass(frozen=True, slots=True)
class RowIssue:
    """A row not imported (rejected) or not applied (conflict), with the reviewer's message."""

    row: int
    message: str
    key: str = ""


@dataclass(frozen=True, slots=True)
class ReviewWorkbook:
    """What a returned workbook says, before it meets a workspace."""

    source: str  # the workbook's file name: the event log's source
    edits: tuple[RowEdit, ...] = ()
    rejected: tuple[RowIssue, ...] = ()
    unchanged: int = 0  # rows read that say what was exported


@dataclass(frozen=True, slots=True)
class Applied:
    row: int
    change: ReviewChange
    name: str

    @property
    def message(self) -> str:
        c = self.change
        parts = []
        if c.after_status is not c.before_status:
            parts.append(f"审核状态 {c.before_status.label} → {c.after_status.label}")
        if c.after_note != c.before_note:
            note = f"审核备注改为“{_short(c.after_note)}”" if c.after_note else "清空审核备注"
            parts.append(note)
        return f"第 {self.row} 行（{self.name}）：" + "；".join(parts)


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """An import set against a workspace: what applies, what conflicts, what was refused."""

    source: str
    applied: tuple[Applied, ...] = ()
    conflicts: tuple[RowIssue, ...] = ()
    rejected: tuple[RowIssue, ...] = ()
    unchanged: int = 0
    already: int = 0  # rows whose change the workspace already holds (an import repeated)
    changes: tuple[ReviewChange, ...] = field(default=(), repr=False)

    @property
    def action(self) -> ImportReview | None:
        """The one reviewer action, or None when nothing is to change."""
        return ImportReview(self.source, self.changes) if self.changes else None

    @property
    def statuses_applied(self) -> int:
        return sum(1 for c in self.changes if c.after_status is not c.before_status)

    @property
    def notes_applied(self) -> int:
        return sum(1 for c in self.changes if c.after_note != c.before_note)

    def summary(self) -> str:
        """One line: how many of each kind."""
        return (
            f"审核表「{self.source}」：导入 {len(self.applied)} 条问题"
            f"（审核状态 {self.statuses_applied} 条，审核备注 {self.notes_applied} 条），"
            f"冲突 {len(self.conflicts)} 条，未导入 {len(self.rejected)} 行，"
            f"未改动 {self.unchanged + self.already} 条。"
        )

    def lines(self) -> list[str]:
        """The full report, as the CLI prints it and the desk's dialog lists it."""
        out = [self.summary()]
        for title, items in (
            ("已导入", [a.message for a in self.applied]),
            ("冲突（导出后工作区已改动，未覆盖，请人工决定）", [c.message for c in self.conflicts]),
            ("未导入", [r.message for r in self.rejected]),
        ):
            if items:
                out.append(f"{title}：")
                out.extend(f"  {m}" for m in items)
        return out


def _short(text: str, n: int = 40) -> str:
    flat = text.replace("\n", " ")
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def _columns(header: list[str], wanted: list[str], sheet: str, name: str) -> dict[str, int]:
    found = {h.strip(): i for i, h in reversed(list(enumerate(header)))}
    missing = [h for h in wanted if h not in found]
    if missing:
        raise ReimportError(
            "not-review-workbook",
            f"「{name}」的“{sheet}”工作表缺少“{'”“'.join(missing)}”列：它不是由 GIK Desk "
            "连同审核工作区导出的审核表，或这些列被删除了；请重新导出后再填写。",
        )
    return {h: found[h] for h in wanted}


def _cell(row: list[str], col: int | None) -> str:
    if col is None or col >= len(row):
        return ""
    return row[col]


def _baselines(rows: list[list[str]], name: str) -> tuple[dict[str, Baseline], dict[str, str]]:
    """导出基准 by key; rows whose checksum no longer fits are left out (by checksum: their
    key, so a message can still name the finding a tampered key came from)."""
    if not rows:
        raise ReimportError("no-baseline", f"「{name}」的“{BASELINE_SHEET}”工作表是空的。")
    wanted = [KEY_HEADER, REPORT_HEADER, RULE_HEADER, STATUS_HEADER, NOTE_HEADER, CHECK_HEADER]
    cols = _columns(rows[0], wanted, BASELINE_SHEET, name)
    by_key: dict[str, Baseline] = {}
    by_check: dict[str, str] = {}
    for row in rows[1:]:
        key = _cell(row, cols[KEY_HEADER]).strip()
        status = parse_status(_cell(row, cols[STATUS_HEADER]))
        check = _cell(row, cols[CHECK_HEADER]).strip().lower()
        if not key or status is None:
            continue
        note = _cell(row, cols[NOTE_HEADER])
        if row_checksum(key, status, note) != check:
            continue
        report, rule = _cell(row, cols[REPORT_HEADER]), _cell(row, cols[RULE_HEADER])
        by_key[key] = Baseline(key, report.strip(), rule.strip(), status, note, check)
        by_check[check] = key
    return by_key, by_check


def read_review_workbook(
    path: str | os.PathLike[str], limits: Limits | None = None
) -> ReviewWorkbook:
    """Read a returned workbook: the rows that change something, and the rows refused.

    Raises ``ReimportError`` when the file cannot be read or is not a workbook GIK Desk
    exported with a workspace (no 问题清单 key column, no 导出基准).
    """
    from gik_desk.ingest.xlsxrows import read_sheet_rows

    p = Path(path)
    name = p.name
    try:
        sheets = read_sheet_rows(p, [FINDINGS_SHEET, BASELINE_SHEET], limits or IMPORT_LIMITS)
    except IngestError as exc:
        raise ReimportError(exc.code, f"无法读取审核表「{name}」：{exc.message}。") from exc
    if FINDINGS_SHEET not in sheets:
        raise ReimportError(
            "not-review-workbook",
            f"「{name}」中没有“{FINDINGS_SHEET}”工作表，不是 GIK Desk 导出的审核表。",
        )
    rows = sheets[FINDINGS_SHEET].rows
    formulas = sheets[FINDINGS_SHEET].formulas
    if not rows:
        raise ReimportError("not-review-workbook", f"「{name}」的“{FINDINGS_SHEET}”是空的。")
    wanted = [STATUS_HEADER, NOTE_HEADER, KEY_HEADER, CHECK_HEADER]
    cols = _columns(rows[0], wanted, FINDINGS_SHEET, name)
    if BASELINE_SHEET not in sheets:
        raise ReimportError(
            "no-baseline",
            f"「{name}」中没有隐藏的“{BASELINE_SHEET}”工作表(导出时记录的审核状态)，无法分辨"
            "哪些是同事的改动；请用当前版本连同审核工作区重新导出，再请同事填写。",
        )
    by_key, by_check = _baselines(sheets[BASELINE_SHEET].rows, name)
    header = {h.strip(): i for i, h in enumerate(rows[0])}
    report_col, rule_col = header.get(REPORT_HEADER), header.get(RULE_HEADER)
    edits: list[RowEdit] = []
    rejected: list[RowIssue] = []
    unchanged = 0
    seen: dict[str, tuple[int, ReviewStatus, str]] = {}
    for n, row in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in row):
            continue
        where = f"“{FINDINGS_SHEET}”第 {n} 行"
        key = _cell(row, cols[KEY_HEADER]).strip()
        check = _cell(row, cols[CHECK_HEADER]).strip().lower()
        status_text = _cell(row, cols[STATUS_HEADER])
        note = read_note(_cell(row, cols[NOTE_HEADER]))
        if not key and not check:
            if status_text.strip() or note:
                rejected.append(
                    RowIssue(n, f"{where}没有问题键，不是导出的问题行(可能是新加的行)；未导入。")
                )
            continue
        typed = [h for h in (STATUS_HEADER, NOTE_HEADER) if (n - 1, cols[h]) in formulas]
        if typed:
            rejected.append(
                RowIssue(
                    n,
                    f"{where}的“{'”“'.join(typed)}”是公式(以“=”等开头的内容被 Excel/WPS 当作"
                    "公式)，读不出所写的文字；请在开头加英文单引号(')重新填写；未导入。",
                    key,
                )
            )
            continue
        base = by_key.get(key)
        if base is None or base.check != check:
            origin = by_check.get(check)
            hint = f"(校验码属于：{by_key[origin].name})" if origin in by_key else ""
            rejected.append(
                RowIssue(
                    n,
                    f"{where}的问题键与校验码不符{hint}：问题键或校验码被改动过，"
                    "无法确认是哪一条问题；未导入。",
                    key,
                )
            )
            continue
        shown_report = _cell(row, report_col).strip()
        shown_rule = _cell(row, rule_col).strip()
        if (rule_col is not None and shown_rule != base.rule) or (
            report_col is not None and shown_report != base.report
        ):
            rejected.append(
                RowIssue(
                    n,
                    f"{where}的报告或规则编号与隐藏的问题键不符(可能只对部分列排序，"
                    f"或改动了“{REPORT_HEADER}”“{RULE_HEADER}”列)；未导入。",
                    key,
                )
            )
            continue
        status = base.status if not status_text.strip() else parse_status(status_text)
        if status is None:
            rejected.append(
                RowIssue(
                    n,
                    f"{where}({base.name})的审核状态“{status_text.strip()}”无法识别，"
                    f"应为 {status_choices()} 之一；未导入。",
                    key,
                )
            )
            continue
        if status is base.status and note_form(note) == note_form(base.note):
            unchanged += 1
            continue
        if status.needs_reason and not note:
            rejected.append(
                RowIssue(
                    n,
                    f"{where}({base.name})的审核状态为“{status.label}”，须在“{NOTE_HEADER}”中"
                    "写明理由；未导入。",
                    key,
                )
            )
            continue
        if key in seen:
            first, s0, n0 = seen[key]
            if (s0, note_form(n0)) != (status, note_form(note)):
                rejected.append(
                    RowIssue(
                        n,
                        f"{where}与第 {first} 行是同一条问题({base.name})，但填写的审核状态或"
                        f"备注不同；以第 {first} 行为准，本行未导入。",
                        key,
                    )
                )
            continue
        seen[key] = (n, status, note)
        edits.append(RowEdit(n, base, status, note))
    return ReviewWorkbook(name, tuple(edits), tuple(rejected), unchanged)


def _describe(status: ReviewStatus, note: str) -> str:
    return f"“{status.label}”" + (f"，备注“{_short(note)}”" if note else "，无备注")


def plan_import(book: ReviewWorkbook, reviews: Mapping[str, FindingReview]) -> ImportPlan:
    """Set the workbook's edits against the workspace's reviews (``Workspace.reviews()``).

    A finding absent from ``reviews`` is not in this workspace (the workbook came from
    another one): refused. A finding the workspace changed since the export is a conflict,
    unless the workspace already says what the workbook says.
    """
    applied: list[Applied] = []
    conflicts: list[RowIssue] = []
    rejected = list(book.rejected)
    already = 0
    where = f"“{FINDINGS_SHEET}”"
    for e in book.edits:
        current = reviews.get(e.key)
        if current is None:
            rejected.append(
                RowIssue(
                    e.row,
                    f"{where}第 {e.row} 行({e.base.name})：当前审核工作区中没有这条问题"
                    "(审核表可能导出自另一个工作区)；未导入。",
                    e.key,
                )
            )
            continue
        same_note = note_form(current.note) == note_form(e.note)
        if current.status is e.status and same_note:
            already += 1
            continue
        moved = current.status is not e.base.status or note_form(current.note) != note_form(
            e.base.note
        )
        if moved:
            conflicts.append(
                RowIssue(
                    e.row,
                    f"{where}第 {e.row} 行({e.base.name})：导出时为"
                    f"{_describe(e.base.status, e.base.note)}；导出后工作区已改为"
                    f"{_describe(current.status, current.note)}，审核表改为"
                    f"{_describe(e.status, e.note)}。未覆盖，请人工决定。",
                    e.key,
                )
            )
            continue
        change = ReviewChange(
            e.key, current.status, current.note, e.status, current.note if same_note else e.note
        )
        applied.append(Applied(e.row, change, e.base.name))
    rejected.sort(key=lambda r: r.row)
    return ImportPlan(
        source=book.source,
        applied=tuple(applied),
        conflicts=tuple(conflicts),
        rejected=tuple(rejected),
        unchanged=book.unchanged,
        already=already,
        changes=tuple(a.change for a in applied),
    )
