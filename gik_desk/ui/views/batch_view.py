"""The batch tree with its filter box."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gik_desk.ui.models.batch_model import COL_HOLDER, BatchModel, KindRole, ReportIdRole


class BatchView(QWidget):
    """Signals:
    report_requested(str): the reviewer chose a report (its id).
    """

    report_requested = Signal(str)

    def __init__(self, model: BatchModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setAutoAcceptChildRows(True)  # a body's name shows the body with its years
        # counts arrive as one dataChanged over every report: do not re-filter 1,000 rows for
        # it (inserted rows and a new filter text are still filtered)
        self.proxy.setDynamicSortFilter(False)
        self.filter = QLineEdit()
        self.filter.setObjectName("batch_filter")
        self.filter.setPlaceholderText(self.tr("筛选机关、年份…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.tree = QTreeView()
        self.tree.setObjectName("batch_tree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # not ResizeToContents: that measures every row on every insert (1,000 reports = stalls)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.header().resizeSection(1, 90)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        progress_width = self.fontMetrics().horizontalAdvance("◐ 10/10") + 12
        self.tree.header().resizeSection(2, progress_width)
        # 审核人 (issue 28): shown once anybody holds a report of the batch
        self.tree.header().setSectionResizeMode(COL_HOLDER, QHeaderView.ResizeMode.Interactive)
        self.tree.header().resizeSection(
            COL_HOLDER, self.fontMetrics().horizontalAdvance("王审核员") + 12
        )
        self.tree.setColumnHidden(COL_HOLDER, True)
        # a lead assigns several reports, or bodies, at once (分配给…)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # a body's name, its badge and its progress side by side, at 125 % scaling too
        name_width = self.fontMetrics().horizontalAdvance("济南市天桥区人民政府") + 40
        self.setMinimumWidth(name_width + 90 + progress_width)
        self.progress = QLabel()  # the batch's review progress (the window fills it)
        self.progress.setObjectName("batch_progress")
        self.progress.setWordWrap(True)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.model.rowsInserted.connect(self._on_rows_inserted)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.filter)
        lay.addWidget(self.tree)
        lay.addWidget(self.progress)
        self._quiet = False

    def show_report(self, report_id: str | None) -> None:
        self._quiet = True
        try:
            if not report_id:
                self.tree.selectionModel().clearCurrentIndex()
                return
            src = self.model.index_of_report(report_id)
            index = self.proxy.mapFromSource(src)
            clicked = self.tree.currentIndex().siblingAtColumn(0)
            if clicked.isValid() and clicked in (index, index.parent()):
                # the reviewer's own click (the report, or its body): moving or scrolling now,
                # inside the mouse press, would make the press select the row then under the
                # pointer instead of the one clicked (issue 24)
                return
            if index.isValid():
                self.tree.expand(index.parent())
                self.tree.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.tree.scrollTo(index)
        finally:
            self._quiet = False

    def show_holders(self, shown: bool) -> None:
        """The 审核人 column, when the batch has any assignment."""
        if self.tree.isColumnHidden(COL_HOLDER) == shown:
            self.tree.setColumnHidden(COL_HOLDER, not shown)

    def chosen(self) -> tuple[list[str], list[str]]:
        """The selected rows: report ids and body rows' first report ids (a body is named by
        its reports' agency key, which the window looks up)."""
        reports: list[str] = []
        bodies: list[str] = []
        for index in self.tree.selectionModel().selectedIndexes():
            if index.column() != 0:
                continue
            kind = index.data(KindRole)
            if kind == "report":
                reports.append(str(index.data(ReportIdRole)))
            elif kind == "group" and self.proxy.rowCount(index) > 0:
                bodies.append(str(self.proxy.index(0, 0, index).data(ReportIdRole)))
        return reports, bodies

    def _on_rows_inserted(self, parent: QModelIndex, _first: int, _last: int) -> None:
        if parent.isValid():  # a report under a body: show bodies open as files arrive
            self.tree.expand(self.proxy.mapFromSource(parent))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        report_id = current.siblingAtColumn(0).data(ReportIdRole)
        if report_id is None and self.proxy.rowCount(current.siblingAtColumn(0)) > 0:
            report_id = self.proxy.index(0, 0, current.siblingAtColumn(0)).data(ReportIdRole)
        if report_id:
            self.report_requested.emit(str(report_id))
