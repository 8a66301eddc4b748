"""The findings list: one row per finding of the batch, with the reviewer's status beside it.

``FindingsProxy`` sorts and filters (severity, rule, status, text, reports, body/year) without
copying the data; the views only ever see the proxy.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush

from gik_desk import services
from gik_desk.model import Finding, Report, Severity
from gik_desk.model.review import FindingReview, ReviewStatus
from gik_desk.template import cell_label
from gik_desk.ui import style
from gik_desk.ui.words import severity_word, status_word

Index = QModelIndex | QPersistentModelIndex
KEEP: Any = object()  # set_filter: leave this filter as it is
FindingRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
COL_SEVERITY, COL_RULE, COL_REPORT, COL_WHERE, COL_MESSAGE, COL_STATUS = range(6)


def where_label(finding: Finding) -> str:
    """How a letter names the place: the first cell, or 正文 for a narrative finding."""
    if finding.cells:
        c = finding.cells[0]
        return cell_label(c.table, c.row, c.col)
    return "正文"


def report_short(report: Report | None) -> str:
    """Body and year, the body without a trailing 人民政府 (the column is narrow; the year
    must survive: the view elides in the middle)."""
    if report is None:
        return ""
    who = report.agency or Path(report.source).name
    if who.endswith("人民政府") and len(who) > len("人民政府"):
        who = who[: -len("人民政府")]
    return f"{who} {report.year}年" if report.year else who


# 有备注 / 我改过的 / 未查看: what the review-filter combo offers (its data)
REVIEW_ALL, REVIEW_NOTED, REVIEW_MINE, REVIEW_UNSEEN = "", "noted", "mine", "unseen"
REVIEW_ASSIGNED = "assigned"  # 分配给我: findings of the reports this reviewer holds (issue 28)


class FindingsModel(QAbstractTableModel):
    """Rows follow the batch's order; statuses come from the workspace's reviews."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._reports: dict[str, Report] = {}
        self._reviews: dict[str, FindingReview] = {}
        self._rows_of_key: dict[str, list[int]] = {}
        self._changed: frozenset[str] = frozenset()

    def set_findings(self, findings: Iterable[Finding], reports: dict[str, Report]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self._reports = dict(reports)
        self._rows_of_key = {}
        for i, f in enumerate(self._findings):
            self._rows_of_key.setdefault(f.key, []).append(i)
        self.endResetModel()

    def set_reviews(self, reviews: dict[str, FindingReview]) -> None:
        self._reviews = dict(reviews)
        if self._findings:
            self.dataChanged.emit(
                self.index(0, COL_STATUS), self.index(len(self._findings) - 1, COL_STATUS)
            )

    def set_changed(self, keys: Iterable[str]) -> None:
        """Findings marked 已变化: a reload changed their figures after a decision (issue 23)."""
        self._changed = frozenset(keys)
        if self._findings:
            self.dataChanged.emit(
                self.index(0, COL_STATUS), self.index(len(self._findings) - 1, COL_STATUS)
            )

    def changed(self) -> frozenset[str]:
        return self._changed

    def update_review(self, key: str, review: FindingReview | None) -> None:
        if review is None:
            self._reviews.pop(key, None)
        else:
            self._reviews[key] = review
        for row in self._rows_of_key.get(key, ()):
            self.dataChanged.emit(self.index(row, 0), self.index(row, COL_STATUS))

    def review(self, key: str) -> FindingReview | None:
        return self._reviews.get(key)

    def reviews(self) -> dict[str, FindingReview]:
        return self._reviews

    def status(self, key: str) -> ReviewStatus:
        r = self._reviews.get(key)
        return r.status if r else ReviewStatus.PENDING

    def finding(self, row: int) -> Finding:
        return self._findings[row]

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def row_of(self, finding: Finding) -> int:
        for row in self._rows_of_key.get(finding.key, ()):
            if self._findings[row] == finding:
                return row
        return -1

    def rules(self) -> list[str]:
        return sorted({f.rule for f in self._findings})

    # ---- Qt overrides --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (
            self.tr("严重程度"),
            self.tr("规则"),
            self.tr("报告"),
            self.tr("位置"),
            self.tr("说明"),
            self.tr("状态"),
        )
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        f = self._findings[index.row()]
        col = index.column()
        if role == FindingRole:
            return f
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(f, col)
        if role == SortRole:
            if col == COL_SEVERITY:
                return f.severity.rank
            if col == COL_STATUS:
                return ReviewStatus.ordered().index(self.status(f.key))
            return self._text(f, col)
        if role == Qt.ItemDataRole.DecorationRole and col == COL_SEVERITY:
            return style.icon(f.severity)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_SEVERITY:
            return QBrush(style.colour(f.severity))
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_RULE:
            return self.tr("规则编号：") + f.rule
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_REPORT:
            report = self._reports.get(f.report_id)
            return f"{report.agency or ''} {report.year or ''}\n{report.source}" if report else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f.message
            if f.formula:
                tip += f"\n{f.formula}"
            review = self._reviews.get(f.key)
            if review and review.note:
                tip += "\n" + self.tr("备注：") + review.note
            if review and review.damaged:  # issue 27: the stored row, named by its id
                tip += "\n" + self.tr("审核记录已损坏：") + review.damaged + "\n" + f.key
            return tip
        return None

    def _text(self, f: Finding, col: int) -> str:
        if col == COL_SEVERITY:
            return severity_word(f.severity)
        if col == COL_RULE:
            return services.rule_title(f.rule)
        if col == COL_REPORT:
            return report_short(self._reports.get(f.report_id))
        if col == COL_WHERE:
            return where_label(f)
        if col == COL_MESSAGE:
            return f.message
        if col == COL_STATUS:
            review = self._reviews.get(f.key)
            status = status_word(self.status(f.key))
            if f.key in self._changed:
                status += " · " + self.tr("已变化")
            if review and review.damaged:  # shown as 待核实, marked, never rewritten unasked
                status = self.tr("已损坏") + f"({status})"
            return f"{status} ✎" if review and review.note else status
        return ""


class FindingsProxy(QSortFilterProxyModel):
    """Sort by any column; filter by severity, rule, status, free text and report set."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(False)
        self._severities: frozenset[Severity] | None = None
        self._rule: str = ""
        self._status: ReviewStatus | None = None
        self._text: str = ""
        self._report_ids: frozenset[str] | None = None
        self._agency_key: str | None = None
        self._year: int | None = None
        self._reports: dict[str, Report] = {}
        self._review_filter = REVIEW_ALL
        self._mine: frozenset[str] = frozenset()
        self._seen: frozenset[str] = frozenset()

    def set_review_filter(self, kind: str, mine: Iterable[str] = (), seen: Any = KEEP) -> None:
        """有备注 / 我改过的 or 分配给我 (keys in ``mine``) / 未查看 (keys not in ``seen``)."""
        self.beginFilterChange()
        self._review_filter = kind
        self._mine = frozenset(mine)
        if seen is not KEEP:
            self._seen = frozenset(seen)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_seen(self, seen: Iterable[str]) -> None:
        """Know what was seen without filtering again: a finding being looked at stays."""
        self._seen = frozenset(seen)

    def _review_accepts(self, src: FindingsModel, f: Finding) -> bool:
        review = src.review(f.key)
        if self._review_filter == REVIEW_NOTED:
            return bool(review and review.note.strip())
        if self._review_filter in (REVIEW_MINE, REVIEW_ASSIGNED):
            return f.key in self._mine
        if self._review_filter == REVIEW_UNSEEN:
            return f.key not in self._seen
        return True

    def set_reports(self, reports: dict[str, Report]) -> None:
        self._reports = reports

    def set_filter(
        self,
        *,
        severities: Any = KEEP,
        rule: Any = KEEP,
        status: Any = KEEP,
        text: Any = KEEP,
        report_ids: Any = KEEP,
        agency_key: Any = KEEP,
        year: Any = KEEP,
    ) -> None:
        """Change only the filters passed (``None`` clears one); the others stay as they are."""
        self.beginFilterChange()
        if severities is not KEEP:
            self._severities = None if severities is None else frozenset(severities)
        if rule is not KEEP:
            self._rule = rule or ""
        if status is not KEEP:
            self._status = None if status is None else ReviewStatus(status)
        if text is not KEEP:
            self._text = (text or "").strip().lower()
        if report_ids is not KEEP:
            self._report_ids = None if report_ids is None else frozenset(report_ids)
        if agency_key is not KEEP:
            self._agency_key = agency_key
        if year is not KEEP:
            self._year = year
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def finding(self, row: int) -> Finding | None:
        if not 0 <= row < self.rowCount():
            return None
        value = self.index(row, 0).data(FindingRole)
        return value if isinstance(value, Finding) else None

    def row_of(self, finding: Finding) -> int:
        src = self.sourceModel()
        if not isinstance(src, FindingsModel):
            return -1
        row = src.row_of(finding)
        if row < 0:
            return -1
        return self.mapFromSource(src.index(row, 0)).row()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        src = self.sourceModel()
        if not isinstance(src, FindingsModel):
            return True
        f = src.finding(source_row)
        if self._severities is not None and f.severity not in self._severities:
            return False
        if self._rule and f.rule != self._rule:
            return False
        if self._status is not None and src.status(f.key) is not self._status:
            return False
        if self._report_ids is not None and f.report_id not in self._report_ids:
            return False
        if self._review_filter and not self._review_accepts(src, f):
            return False
        if self._agency_key is not None or self._year is not None:
            report = self._reports.get(f.report_id)
            if report is None:
                return False
            if self._agency_key is not None and report.agency_key != self._agency_key:
                return False
            if self._year is not None and report.year != self._year:
                return False
        if self._text:
            hay = " ".join(src._text(f, c) for c in range(6)) + f" {f.formula} {f.rule}"
            if self._text not in hay.lower():
                return False
        return True
