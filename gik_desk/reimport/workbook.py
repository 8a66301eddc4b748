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
    OUTWARD_HEADER,
    REPORT_HEADER,
    RULE_HEADER,
    STATUS_HEADER,
    WORKSPACE_HEADER,
    WORKSPACE_ID_HEADER,
    ReimportError,
    note_form,
    parse_status,
    read_note,
    row_checksum,
    status_choices,
)
from gik_desk.ingest.limits import Limits
from gik_desk.model import IngestError
from gik_desk.model.decode import shown
from gik_desk.model.review import FindingReview, ReviewStatus
from gik_desk.workspace.actions import ImportReview, ReviewChange

__all__ = [
    "ImportPlan",
    "ReimportError",
    "ReviewWorkbook",
    "check_origin",
    "plan_import",
    "read_review_workbook",
]

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
    outward: str | None = None  # None: exported before 对外意见 was imported (issue 23)

    @property
    def name(self) -> str:
        """How a message names the finding: report, then rule title."""
        return shown(f"{self.report} {rule_title(self.rule)}".strip())  # cells: anyone's text


@dataclass(frozen=True, slots=True)
class RowEdit:
    """A 问题清单 row whose status or note differs from what was exported."""

    row: int  # the sheet row number, as Excel shows it
    base: Baseline
    status: ReviewStatus
    note: str
    outward: str | None = None  # the colleague's 对外意见, None when left as exported

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
    ignored: tuple[str, ...] = ()  # columns read but not imported, each with why
    workspace_id: str = ""  # 导出基准: the workspace it was exported from ("" before issue 27)
    workspace_path: str = ""


def check_origin(book: ReviewWorkbook, workspace_id: str, workspace_path: str) -> None:
    """Refuse a workbook exported from another workspace, naming both (issue 27): its rows
    would otherwise meet findings that only look the same. A workbook older than the id, or a
    workspace whose id is damaged, is not refused (its rows are still checked one by one)."""
    if not book.workspace_id or not workspace_id or book.workspace_id == workspace_id:
        return
    raise ReimportError(
        "other-workspace",
        f"审核表「{shown(book.source)}」导出自另一个审核工作区「{shown(book.workspace_path)}」"
        f"(标识 {shown(book.workspace_id, 40)})，不是当前的工作区「{shown(workspace_path)}」"
        f"(标识 {shown(workspace_id, 40)})；未导入任何一行。请在导出它的工作区中导入。",
    )


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
        if c.after_outward is not None and c.after_outward != c.before_outward:
            text = c.after_outward
            parts.append(f"对外意见改为“{_short(text)}”" if text else "清空对外意见")
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
    ignored: tuple[str, ...] = ()
    damaged: tuple[str, ...] = ()  # workspace rows that could not be read (issue 27)

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

    @property
    def outward_applied(self) -> int:
        return sum(
            1 for c in self.changes if c.after_outward is not None
            and c.after_outward != c.before_outward
        )  # fmt: skip

    def summary(self) -> str:
        """One line: how many of each kind."""
        outward = f"，对外意见 {self.outward_applied} 条" if self.outward_applied else ""
        return (
            f"审核表「{self.source}」：导入 {len(self.applied)} 条问题"
            f"（审核状态 {self.statuses_applied} 条，审核备注 {self.notes_applied} 条{outward}），"
            f"冲突 {len(self.conflicts)} 条，未导入 {len(self.rejected)} 行，"
            f"未改动 {self.unchanged + self.already} 条。"
        )

    def lines(self) -> list[str]:
        """The full report, as the CLI prints it and the desk's dialog lists it."""
        out = [self.summary(), *self.ignored]
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
    """A typed note as a message echoes it: one line, cut, control characters escaped (an
    ESC or BEL from a cell must not reach the terminal as itself, issue 27)."""
    flat = text.replace("\n", " ")
    return shown(flat if len(flat) <= n else flat[: n - 1] + "…", n)


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


def _column_name(col: int) -> str:
    """``A`` for column 0, ``AB`` for 27: the letters Excel shows."""
    name = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        name = chr(65 + rest) + name
    return name


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
    outward_col = {h.strip(): i for i, h in enumerate(rows[0])}.get(OUTWARD_HEADER)
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
        outward = read_note(_cell(row, outward_col)) if outward_col is not None else None
        by_key[key] = Baseline(key, report.strip(), rule.strip(), status, note, check, outward)
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
    name = shown(p.name)
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
    uncached = sheets[FINDINGS_SHEET].uncached
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
    exported_from = _origin(sheets[BASELINE_SHEET].rows)
    header = {h.strip(): i for i, h in enumerate(rows[0])}
    report_col, rule_col = header.get(REPORT_HEADER), header.get(RULE_HEADER)
    outward_col = header.get(OUTWARD_HEADER)
    ignored: list[str] = []
    if outward_col is not None and by_key and all(b.outward is None for b in by_key.values()):
        ignored.append(
            f"“{OUTWARD_HEADER}”列未导入：此审核表导出时没有记录对外意见的导出基准(旧版导出)，"
            "无法分辨同事的改动；请在工作区中修改，或重新导出后再请同事填写。"
        )
        outward_col = None
    edits: list[RowEdit] = []
    rejected: list[RowIssue] = []
    unchanged = 0
    seen: dict[str, tuple[int, ReviewStatus, str, str | None]] = {}
    blank_rows = {r for r, _c in uncached}
    for n, row in enumerate(rows[1:], start=2):
        where = f"“{FINDINGS_SHEET}”第 {n} 行"
        typed_cols = (cols[STATUS_HEADER], cols[NOTE_HEADER])  # refused below, in their words
        cols_shown = sorted(c for r, c in uncached if r == n - 1 and c not in typed_cols)
        if n - 1 in blank_rows and cols_shown:  # read as empty by calamine: never skipped silently
            rejected.append(
                RowIssue(
                    n,
                    f"{where}有 {len(cols_shown)} 个单元格是没有保存计算结果的公式"
                    f"(第 {'、'.join(_column_name(c) for c in cols_shown[:5])} 列"
                    f"{' 等' if len(cols_shown) > 5 else ''})，读不出其内容：请在 Excel/WPS 中"
                    "打开、重新计算并保存后再导入；未导入。",
                    _cell(row, cols[KEY_HEADER]).strip(),
                )
            )
            continue
        if not any(v.strip() for v in row):
            continue
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
        if outward_col is not None and (n - 1, outward_col) in formulas:
            typed.append(OUTWARD_HEADER)
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
                    f"{where}({base.name})的审核状态“{shown(status_text.strip())}”无法识别，"
                    f"应为 {status_choices()} 之一；未导入。",
                    key,
                )
            )
            continue
        outward: str | None = None
        if outward_col is not None and base.outward is not None:
            written = read_note(_cell(row, outward_col))
            if note_form(written) != note_form(base.outward):
                outward = written
        if status is base.status and note_form(note) == note_form(base.note) and outward is None:
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
            first, s0, n0, o0 = seen[key]
            if (s0, note_form(n0), o0) != (status, note_form(note), outward):
                rejected.append(
                    RowIssue(
                        n,
                        f"{where}与第 {first} 行是同一条问题({base.name})，但填写的审核状态或"
                        f"备注不同；以第 {first} 行为准，本行未导入。",
                        key,
                    )
                )
            continue
        seen[key] = (n, status, note, outward)
        edits.append(RowEdit(n, base, status, note, outward))
    return ReviewWorkbook(
        name, tuple(edits), tuple(rejected), unchanged, tuple(ignored), *exported_from
    )


def _origin(rows: list[list[str]]) -> tuple[str, str]:
    """The workspace id and path 导出基准 names (its first row that has one)."""
    header = {h.strip(): i for i, h in enumerate(rows[0])} if rows else {}
    id_col, path_col = header.get(WORKSPACE_ID_HEADER), header.get(WORKSPACE_HEADER)
    for row in rows[1:]:
        wid = _cell(row, id_col).strip()
        if wid:
            return wid, _cell(row, path_col).strip()
    return "", ""


def _describe(status: ReviewStatus, note: str) -> str:
    return f"“{status.label}”" + (f"，备注“{_short(note)}”" if note else "，无备注")


def _describe_outward(e: RowEdit, now: str) -> str:
    if e.outward is None:
        return ""
    return (
        f"；对外意见导出时为“{_short(e.base.outward or '')}”，工作区现为“{_short(now)}”，"
        f"审核表改为“{_short(e.outward)}”"
    )


def plan_import(
    book: ReviewWorkbook,
    reviews: Mapping[str, FindingReview],
    outward: Mapping[str, str] | None = None,
) -> ImportPlan:
    """Set the workbook's edits against the workspace's reviews (``Workspace.reviews()``)
    and outward texts (``Workspace.outward_texts()``, issue 23).

    A finding absent from ``reviews`` is not in this workspace (the workbook came from
    another one): refused. A finding the workspace changed since the export is a conflict,
    unless the workspace already says what the workbook says.
    """
    texts = outward or {}
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
        now_out = texts.get(e.key, "")
        same_out = e.outward is None or note_form(now_out) == note_form(e.outward)
        if current.status is e.status and same_note and same_out:
            already += 1
            continue
        moved = current.status is not e.base.status or note_form(current.note) != note_form(
            e.base.note
        )
        if e.outward is not None and not same_out:
            moved = moved or note_form(now_out) != note_form(e.base.outward or "")
        if moved:
            conflicts.append(
                RowIssue(
                    e.row,
                    f"{where}第 {e.row} 行({e.base.name})：导出时为"
                    f"{_describe(e.base.status, e.base.note)}；导出后工作区已改为"
                    f"{_describe(current.status, current.note)}，审核表改为"
                    f"{_describe(e.status, e.note)}{_describe_outward(e, now_out)}。"
                    "未覆盖，请人工决定。",
                    e.key,
                )
            )
            continue
        change = ReviewChange(
            e.key,
            current.status,
            current.note,
            e.status,
            current.note if same_note else e.note,
            None if same_out else now_out,
            None if same_out else e.outward,
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
        ignored=book.ignored,
    )
