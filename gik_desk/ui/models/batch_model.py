"""The batch tree: one row per body, its reports by year beneath, unreadable files at the end.

Grows live while files load (``add_file``); counts arrive with the audit (``set_findings``).
Internal ids: 0 for a top-level row, ``group index + 1`` for a report under that group.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon

from gik_desk.model import Finding, Problem, Report, Severity
from gik_desk.ui import style

Index = QModelIndex | QPersistentModelIndex
ReportIdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2  # "group" | "report" | "problem"


def body_label(report: Report) -> str:
    if report.agency:
        return report.agency
    return f"{Path(report.source).name}(未识别机关)"


def report_label(report: Report) -> str:
    year = f"{report.year}年" if report.year else "年份未识别"
    return year if report.is_report else f"{year}(非年报)"


_NO_COUNTS: Counter[Severity] = Counter()


def _problem_key(problem: Problem) -> tuple[str, str, str]:
    return (problem.source, problem.code, problem.message)


def _group_key(report: Report) -> str:
    return report.agency_key or report.agency or report.source


def _place(report: Report) -> tuple[str, str, int | None, bool]:
    """Where and how the tree shows a report: its body row, body label, year and kind."""
    return (_group_key(report), body_label(report), report.year, report.is_report)


@dataclass
class _Group:
    key: str
    label: str
    reports: list[Report] = field(default_factory=list)
    neg_years: list[int] = field(default_factory=list)  # -(year or 0) per report: bisect order


class BatchModel(QAbstractItemModel):
    """Two columns: the name (body or year) and a badge of counts by severity."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[_Group] = []
        self._group_of: dict[str, int] = {}
        self._problems: list[Problem] = []
        self._counts: dict[str, Counter[Severity]] = {}
        self._ids: set[str] = set()
        self._group_counts: dict[int, Counter[Severity]] = {}  # cache: a body sums many reports

    # ---- updates -------------------------------------------------------------------------------
    def report_count(self) -> int:
        return len(self._ids)

    def clear(self) -> None:
        self.beginResetModel()
        self._groups, self._group_of, self._problems, self._counts = [], {}, [], {}
        self._ids, self._group_counts = set(), {}
        self.endResetModel()

    def add_file(self, reports: list[Report], problems: list[Problem]) -> None:
        """One file's results, as soon as it is read."""
        for report in reports:
            self._add_report(report)
        if problems:
            first = len(self._groups) + len(self._problems)
            self.beginInsertRows(QModelIndex(), first, first + len(problems) - 1)
            self._problems.extend(problems)
            self.endInsertRows()

    def _add_report(self, report: Report) -> None:
        key = _group_key(report)
        gi = self._group_of.get(key)
        if gi is None:
            gi = len(self._groups)
            self.beginInsertRows(QModelIndex(), gi, gi)
            self._groups.append(_Group(key, body_label(report)))
            self._group_of[key] = gi
            self.endInsertRows()
        group = self._groups[gi]
        if report.id in self._ids:
            return
        self._ids.add(report.id)
        self._group_counts.pop(gi, None)
        neg = -(report.year or 0)
        pos = bisect_right(group.neg_years, neg)  # newest first; equal years keep file order
        self.beginInsertRows(self.index(gi, 0), pos, pos)
        group.reports.insert(pos, report)
        group.neg_years.insert(pos, neg)
        self.endInsertRows()

    def sync(self, reports: Iterable[Report], problems: Iterable[Problem]) -> None:
        """Show exactly ``reports`` and ``problems``, touching only what changed.

        The tree already grew file by file while the batch loaded; rebuilding it when the batch
        finishes would reset every view on 1,000 reports. A report that went away or moved to
        another body or year (bodies are unified across files at the end) forces a rebuild.
        """
        reports = list(reports)
        problems = list(problems)
        final = {r.id: r for r in reports}
        shown = self._shown_reports()
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

    def _shown_reports(self) -> dict[str, Report]:
        return {r.id: r for g in self._groups for r in g.reports}

    def set_findings(self, findings: list[Finding]) -> None:
        self._counts = {}
        self._group_counts = {}
        for f in findings:
            self._counts.setdefault(f.report_id, Counter())[f.severity] += 1
        if self._groups:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._groups) - 1, 1))
            for gi, g in enumerate(self._groups):
                if g.reports:
                    parent = self.index(gi, 0)
                    self.dataChanged.emit(
                        self.index(0, 0, parent), self.index(len(g.reports) - 1, 1, parent)
                    )

    # ---- lookups -------------------------------------------------------------------------------
    def report_ids(self) -> list[str]:
        """Reports in tree order (next/previous report follow it)."""
        return [r.id for g in self._groups for r in g.reports]

    def index_of_report(self, report_id: str) -> QModelIndex:
        for gi, g in enumerate(self._groups):
            for ri, r in enumerate(g.reports):
                if r.id == report_id:
                    return self.index(ri, 0, self.index(gi, 0))
        return QModelIndex()

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def _counts_for(self, reports: list[Report]) -> Counter[Severity]:
        total: Counter[Severity] = Counter()
        for r in reports:
            total.update(self._counts.get(r.id, Counter()))
        return total

    # ---- Qt overrides --------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= 2 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self._groups) + len(self._problems):
                return QModelIndex()
            return self.createIndex(row, column, 0)
        if parent.internalId() != 0 or parent.row() >= len(self._groups):
            return QModelIndex()
        if row >= len(self._groups[parent.row()].reports):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(int(index.internalId()) - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups) + len(self._problems)
        if parent.column() != 0 or parent.internalId() != 0 or parent.row() >= len(self._groups):
            return 0
        return len(self._groups[parent.row()].reports)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("批次"), self.tr("问题"))[section] if 0 <= section < 2 else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        gid = int(index.internalId())
        if gid == 0 and index.row() >= len(self._groups):
            return self._problem_data(self._problems[index.row() - len(self._groups)], index, role)
        if gid == 0:
            group = self._groups[index.row()]
            counts = self._group_counts.get(index.row())
            if counts is None:
                counts = self._group_counts[index.row()] = self._counts_for(group.reports)
            return self._row_data(group.label, counts, "group", None, index.column(), role)
        report = self._groups[gid - 1].reports[index.row()]
        counts = self._counts.get(report.id) or _NO_COUNTS
        return self._row_data(report_label(report), counts, "report", report, index.column(), role)

    def _row_data(
        self,
        label: str,
        counts: Counter[Severity],
        kind: str,
        report: Report | None,
        column: int,
        role: int,
    ) -> object:
        if role == KindRole:
            return kind
        if role == ReportIdRole:
            return report.id if report else None
        if role == Qt.ItemDataRole.DisplayRole:
            return label if column == 0 else style.badge(counts)
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [f"{s.zh} {counts[s]} 个" for s in Severity if counts.get(s)]
            where = f"\n{report.source}" if report else ""
            return f"{label}{where}\n" + ("、".join(parts) if parts else self.tr("未发现问题"))
        if role == Qt.ItemDataRole.ForegroundRole and column == 1 and counts:
            sev = style.worst(list(counts))
            return QBrush(style.colour(sev)) if sev else None
        return None

    def _problem_data(self, problem: Problem, index: Index, role: int) -> object:
        name = Path(problem.source).name
        if role == KindRole:
            return "problem"
        if role == Qt.ItemDataRole.DisplayRole:
            return name if index.column() == 0 else f"✖ {problem.message}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{problem.source}\n{problem.message}"
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(style.COLOURS[Severity.ERROR]))
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return QIcon(style.icon(Severity.ERROR))
        if role == Qt.ItemDataRole.StatusTipRole:
            return problem.message
        return None
