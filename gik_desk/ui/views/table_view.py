"""The canonical tables as tabs (表二 / 表三 / 表四, and 统计表 for pre-2019 reports)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTabWidget, QWidget

from gik_desk.model import CellRef, Finding, Report
from gik_desk.template.tables import TABLE_TABS
from gik_desk.ui.models.table_model import TABLES, CellRefRole, ReportTableModel


class TablesView(QTabWidget):
    """Signals:
    cell_requested(object): the reviewer chose a cell (a CellRef).
    cell_keyed(str, str): a figure typed into an unread cell (``table/row/col``, text).
    """

    cell_requested = Signal(object)
    cell_keyed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.models: dict[str, ReportTableModel] = {}
        self.views: dict[str, QTableView] = {}
        self._quiet = False
        for name in TABLES:
            model = ReportTableModel(name, self)
            model.keyed.connect(self.cell_keyed)
            view = QTableView()
            view.setObjectName(f"table_{name}")
            view.setModel(model)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setWordWrap(False)
            view.setTabKeyNavigation(False)  # Tab moves on to the next pane
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            view.horizontalHeader().setDefaultSectionSize(72)
            view.selectionModel().currentChanged.connect(self._on_current_changed)
            self.models[name] = model
            self.views[name] = view
            self.addTab(view, self.tr(TABLE_TABS[name]))
        self.setTabVisible(TABLES.index("legacy"), False)
        self._unsized: set[str] = set()
        self.currentChanged.connect(lambda _i: self._size_current())

    def _size_current(self) -> None:
        """Fit columns of the table in view only; a hidden tab fits when it is first shown."""
        for name, view in self.views.items():
            if name in self._unsized and view is self.currentWidget():
                self._unsized.discard(name)
                view.resizeColumnsToContents()

    def show_report(self, report: Report | None, findings: Iterable[Finding] = ()) -> None:
        findings = list(findings)
        self._quiet = True
        try:
            for model in self.models.values():
                model.set_report(report, findings)
            self._unsized = set(self.views)
            self._size_current()
            has_legacy = report is not None and "legacy" in report.tables
            self.setTabVisible(TABLES.index("legacy"), has_legacy)
            if has_legacy and not any(t in report.tables for t in TABLES[:3]):  # type: ignore[union-attr]
                self.setCurrentIndex(TABLES.index("legacy"))
        finally:
            self._quiet = False

    def show_cell(self, cell: CellRef | None, via_finding: bool = False) -> None:
        """Make ``cell`` the current index of its table's view, without asking back."""
        self._quiet = True
        try:
            if cell is None:
                for view in self.views.values():
                    view.selectionModel().clearCurrentIndex()
                    view.clearSelection()
                return
            target = self.views.get(cell.table)
            model = self.models.get(cell.table)
            if target is None or model is None:
                return
            view = target
            index = model.index_of(cell.row, cell.col)
            if not index.isValid():
                return
            self.setCurrentWidget(view)
            view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            view.scrollTo(index)
        finally:
            self._quiet = False

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        ref = current.data(CellRefRole)
        if isinstance(ref, CellRef):
            self.cell_requested.emit(ref)
