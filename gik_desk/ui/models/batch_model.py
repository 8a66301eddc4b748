"""The batch tree: one row per body, its reports by year beneath, unreadable files at the end.

Grows live while files load (``add_file``); counts arrive with the audit (``set_findings``).

A ``QStandardItemModel``, not a Python ``QAbstractItemModel``: the tree view lays out every
expanded row and asks the model about each (index, parent, hasChildren, flags), tens of thousands
of calls for 1,000 reports. Answered in C++ they cost nothing; answered in Python each one needs
the GIL, which the load job's thread holds while it audits — that made a 500 ms freeze
(benchmarks/gui.py). The items are filled once from ``model/`` objects and ``style``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QStandardItem, QStandardItemModel

from gik_desk.model import Finding, Problem, Report, Severity
from gik_desk.model.formats import body_name
from gik_desk.model.review import ReportState
from gik_desk.ui import style
from gik_desk.ui.staged import Budget
from gik_desk.ui.words import severity_word, state_word

ReportIdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2  # "group" | "report" | "problem"
COL_PROGRESS = 2  # 审核: the reviewer's sign-off and reviewed/total findings
COL_HOLDER = 3  # 审核人: who holds the report on a team's batch (issue 28)
_STATE_MARKS = {ReportState.NOT_STARTED: "", ReportState.IN_PROGRESS: "◐ ", ReportState.DONE: "✓ "}
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def body_label(report: Report) -> str:
    if report.agency:
        return report.agency
    return f"{Path(report.source).name}{body_name(None, parenthesised=True)}"


def report_label(report: Report) -> str:
    """The year; a version other than the only (or first) one also shows its file, and the
    current one of several says so (issue 11: every version is a row of its own)."""
    year = f"{report.year}年" if report.year else "年份未识别"
    label = year if report.is_report else f"{year}（非年报）"
    if report.version or not report.current:
        name = report.source.replace("\\", "/").rsplit("/", 1)[-1]
        label += f" · {name}" + (" · 现行版本" if report.current else "")
    return label


def version_words(report: Report) -> str:
    """One version among several: its format, file name and whether it counts (issue 23)."""
    name = Path(report.source.replace("\\", "/")).name
    kind = Path(name).suffix.lstrip(".").upper()
    kind = kind or QCoreApplication.translate("BatchModel", "无扩展名")
    if report.current:
        counts = QCoreApplication.translate("BatchModel", "现行版本（计入统计和审核意见）")
    else:
        counts = QCoreApplication.translate("BatchModel", "其他版本（不计入统计和审核意见）")
    return f"{kind} · {name} · {counts}"


def _group_key(report: Report) -> str:
    return report.agency_key or report.agency or report.source


def _place(report: Report) -> tuple[str, str, int | None, bool]:
    """Where and how the tree shows a report: its body row, body label, year and kind."""
    return (_group_key(report), body_label(report), report.year, report.is_report)


def _problem_key(problem: Problem) -> tuple[str, str, str]:
    return (problem.source, problem.code, problem.message)


@dataclass
class _Group:
    key: str
    label: str
    items: tuple[QStandardItem, QStandardItem]
    reports: list[Report] = field(default_factory=list)
    neg_years: list[int] = field(default_factory=list)  # -(year or 0) per report: bisect order
    rows: list[tuple[QStandardItem, QStandardItem]] = field(default_factory=list)


def _row(kind: str, label: str, report_id: str | None = None) -> tuple[QStandardItem, ...]:
    """Name, badge, the 审核 and 审核人 cells: all made with the row (a cell added later is a
    ``setChild`` that costs ~40 µs a row in signals)."""
    items = (QStandardItem(label), QStandardItem(""), QStandardItem(""), QStandardItem(""))
    for item in items:
        item.setFlags(_FLAGS)
        item.setData(kind, KindRole)
        item.setData(report_id, ReportIdRole)
    return items


class BatchModel(QStandardItemModel):
    """Two columns: the name (body or year) and a badge of counts by severity."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels(
            [self.tr("批次"), self.tr("问题"), self.tr("审核"), self.tr("审核人")]
        )
        self._groups: list[_Group] = []
        self._group_of: dict[str, int] = {}
        self._problems: list[Problem] = []
        self._counts: dict[str, Counter[Severity]] = {}
        self._ids: set[str] = set()

    # ---- updates -------------------------------------------------------------------------------
    def clear(self) -> None:  # keeps the header, unlike QStandardItemModel.clear()
        self.removeRows(0, self.rowCount())
        self._groups, self._group_of, self._problems, self._counts = [], {}, [], {}
        self._ids = set()

    def add_file(self, reports: list[Report], problems: list[Problem]) -> None:
        """One file's results, as soon as it is read."""
        for report in reports:
            self._add_report(report)
        for problem in problems:
            self._problems.append(problem)
            self.appendRow(list(self._problem_row(problem)))

    def _add_report(self, report: Report) -> None:
        key = _group_key(report)
        gi = self._group_of.get(key)
        if gi is None:
            gi = len(self._groups)
            items = _row("group", body_label(report))
            group = _Group(key, body_label(report), (items[0], items[1]))
            self._groups.append(group)
            self._group_of[key] = gi
            self.insertRow(gi, list(items))  # bodies above the unreadable files
            self._paint(group.label, _NO_COUNTS, None, items[:2])
        group = self._groups[gi]
        if report.id in self._ids:
            return
        self._ids.add(report.id)
        neg = -(report.year or 0)
        pos = bisect_right(group.neg_years, neg)  # newest first; equal years keep file order
        items = _row("report", report_label(report), report.id)
        self._paint(
            report_label(report), self._counts.get(report.id, _NO_COUNTS), report, items[:2]
        )
        group.reports.insert(pos, report)
        group.neg_years.insert(pos, neg)
        group.rows.insert(pos, (items[0], items[1]))
        group.items[0].insertRow(pos, list(items))

    def sync(self, reports: Iterable[Report], problems: Iterable[Problem]) -> None:
        """Show exactly ``reports`` and ``problems``, touching only what changed.

        The tree already grew file by file while the batch loaded; rebuilding it when the batch
        finishes would reset every view on 1,000 reports. A report that went away or moved to
        another body or year (bodies are unified across files at the end) forces a rebuild.
        """
        reports = list(reports)
        problems = list(problems)
        final = {r.id: r for r in reports}
        shown = {r.id: r for g in self._groups for r in g.reports}
        missing = Counter(_problem_key(p) for p in problems)
        missing.subtract(_problem_key(p) for p in self._problems)
        same_place = all(r.id in final and _place(final[r.id]) == _place(r) for r in shown.values())
        if not same_place or any(n < 0 for n in missing.values()):
            self.clear()
            shown, missing = {}, Counter(_problem_key(p) for p in problems)
        for group in self._groups:  # same place, newer object (findings, unified names)
            group.reports = [final[r.id] for r in group.reports]
        for report in reports:
            if report.id not in shown:
                self._add_report(report)
        new_problems = []
        for p in problems:
            key = _problem_key(p)
            if missing[key] > 0:
                missing[key] -= 1
                new_problems.append(p)
        self.add_file([], new_problems)

    def set_findings(self, findings: list[Finding]) -> None:
        for _ in self.findings_steps(findings, Budget(1 << 62)):
            pass

    def findings_steps(self, findings: list[Finding], budget: Budget) -> Iterator[None]:
        """``set_findings`` a slice per step (``ui/staged.py``): yields when ``budget`` is spent."""
        self._counts = {}
        for f in findings:
            self._counts.setdefault(f.report_id, Counter())[f.severity] += 1
        for group in list(self._groups):
            total: Counter[Severity] = Counter()
            years = Counter(r.year for r in group.reports if r.is_report and r.year)
            for report, items in zip(group.reports, group.rows, strict=True):
                counts = self._counts.get(report.id, _NO_COUNTS)
                total.update(counts)
                several = report.is_report and years.get(report.year or 0, 0) > 1
                self._paint(report_label(report), counts, report, items, several)
            self._paint(group.label, total, None, group.items)
            if budget.spend(len(group.reports) + 1):
                yield

    def set_progress(self, progress: dict[str, Any], states: dict[str, ReportState]) -> None:
        """The 审核 column: ``progress`` (report id → ``ReviewProgress``, reviewed/total
        findings) and the sign-off per report; a body sums its reports."""
        for _ in self.progress_steps(progress, states, Budget(1 << 62)):
            pass

    def progress_steps(
        self, progress: dict[str, Any], states: dict[str, ReportState], budget: Budget
    ) -> Iterator[None]:
        """``set_progress`` a slice per step: yields when ``budget`` is spent."""
        for group in list(self._groups):
            reviewed = total = done = 0
            for report, items in zip(group.reports, group.rows, strict=True):
                p = progress.get(report.id)
                r, t = (p.reviewed, p.total) if p is not None else (0, 0)
                reviewed, total = reviewed + r, total + t
                state = states.get(report.id, ReportState.NOT_STARTED)
                done += state is ReportState.DONE
                tip = self.tr("审核状态：{0}；已审 {1}/{2} 个问题").format(state_word(state), r, t)
                self._set_progress_item(items[0], f"{_STATE_MARKS[state]}{r}/{t}", tip)
            all_done = bool(group.reports) and done == len(group.reports)
            tip = self.tr("已完成 {0}/{1} 份报告；已审 {2}/{3} 个问题").format(
                done, len(group.reports), reviewed, total
            )
            mark = "✓ " if all_done else ""
            self._set_progress_item(group.items[0], f"{mark}{reviewed}/{total}", tip)
            if budget.spend(len(group.reports) + 1):
                yield

    def set_holders(self, holders: dict[str, str]) -> None:
        """The 审核人 column (issue 28): ``holders`` is report id → who holds it; a body shows
        its reports' holders. Only cells whose words change are touched."""
        for group in self._groups:
            names: dict[str, None] = {}
            for report, items in zip(group.reports, group.rows, strict=True):
                who = holders.get(report.id, "")
                if who:
                    names[who] = None
                tip = self.tr("分配给：{0}").format(who) if who else self.tr("未分配")
                self._set_progress_item(items[0], who, tip, COL_HOLDER)
            text = "、".join(names) if len(names) <= 2 else self.tr("{0} 人").format(len(names))
            tip = self.tr("分配给：{0}").format("、".join(names)) if names else self.tr("未分配")
            self._set_progress_item(group.items[0], text, tip, COL_HOLDER)

    def _set_progress_item(
        self, first: QStandardItem, text: str, tip: str, column: int = COL_PROGRESS
    ) -> None:
        parent = first.parent()
        row = first.row()
        item = parent.child(row, column) if parent else self.item(row, column)
        if item is None:
            item = QStandardItem()
            item.setFlags(_FLAGS)
            item.setData(first.data(KindRole), KindRole)
            item.setData(first.data(ReportIdRole), ReportIdRole)
            if parent:
                parent.setChild(row, column, item)
            else:
                self.setItem(row, column, item)
        if item.text() != text:
            item.setText(text)
        if item.toolTip() != tip:
            item.setToolTip(tip)

    def _paint(
        self,
        label: str,
        counts: Counter[Severity],
        report: Report | None,
        items: tuple[QStandardItem, ...],
        several: bool = False,
    ) -> None:
        """Badge, its colour and the tooltip of one body or report row; one of ``several``
        versions of a body+year says its format, file and whether it is the 现行版本 (bold)."""
        parts = [
            self.tr("{0} {1} 个").format(severity_word(s), counts[s])
            for s in Severity
            if counts.get(s)
        ]
        where = f"\n{report.source}" if report else ""
        if report is not None and several:
            where += "\n" + version_words(report)
        if report is not None and items[0].font().bold() != (several and report.current):
            font = items[0].font()
            font.setBold(several and report.current)
            items[0].setFont(font)
        tip = f"{label}{where}\n" + ("、".join(parts) if parts else self.tr("未发现问题"))
        badge = style.badge(counts)
        if report is not None and items[0].text() != label:  # a version mark changed it
            items[0].setText(label)
        if items[1].text() != badge:
            items[1].setText(badge)
        sev = style.worst(list(counts)) if counts else None
        items[1].setData(QBrush(style.colour(sev)) if sev else None, Qt.ItemDataRole.ForegroundRole)
        for item in items:
            if item.toolTip() != tip:
                item.setToolTip(tip)

    def _problem_row(self, problem: Problem) -> tuple[QStandardItem, ...]:
        items = _row("problem", Path(problem.source).name)
        items[1].setText(f"✖ {problem.message}")
        red = QBrush(QColor(style.COLOURS[Severity.ERROR]))
        for item in items:
            item.setToolTip(f"{problem.source}\n{problem.message}")
            item.setForeground(red)
            item.setStatusTip(problem.message)
        items[0].setIcon(QIcon(style.icon(Severity.ERROR)))
        return items

    # ---- lookups -------------------------------------------------------------------------------
    def report_ids(self) -> list[str]:
        """Reports in tree order (next/previous report follow it)."""
        return [r.id for g in self._groups for r in g.reports]

    def index_of_report(self, report_id: str) -> QModelIndex:
        for g in self._groups:
            for r, items in zip(g.reports, g.rows, strict=True):
                if r.id == report_id:
                    return self.indexFromItem(items[0])
        return QModelIndex()

    def problems(self) -> list[Problem]:
        return list(self._problems)


_NO_COUNTS: Counter[Severity] = Counter()
