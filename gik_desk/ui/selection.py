"""The one current choice every pane follows: a report, maybe a finding, maybe a cell.

Views never call each other. They emit ``*_requested``; ``main_window`` passes the request here;
this object decides what changed and emits it once; every view follows. A change that comes from
a finding carries ``via_finding=True`` so the text pane keeps the finding's spans in view.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from gik_desk.model import CellRef, Finding, Report
from gik_desk.model.batch import Batch


class DeskSelection(QObject):
    """Signals:
    report_changed(object): the Report now shown, or None.
    finding_changed(object): the chosen Finding, or None.
    cell_changed(object, bool): the chosen CellRef (or None), and whether a finding chose it.
    """

    report_changed = Signal(object)
    finding_changed = Signal(object)
    cell_changed = Signal(object, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._batch = Batch()
        self.report: Report | None = None
        self.finding: Finding | None = None
        self.cell: CellRef | None = None

    def set_batch(self, batch: Batch) -> None:
        """A new or grown batch: keep the choice if its report is still there."""
        self._batch = batch
        if self.report is not None:
            fresh = batch.report(self.report.id)
            if fresh is None:
                self.choose_report(None)
            elif fresh is not self.report:
                self.report = None
                self.choose_report(fresh.id)

    def choose_report(self, report_id: str | None) -> None:
        report = self._batch.report(report_id) if report_id else None
        if report is self.report:
            return
        self.report = report
        self.report_changed.emit(report)
        if self.finding is not None and (report is None or self.finding.report_id != report.id):
            self.finding = None
            self.finding_changed.emit(None)
        if self.cell is not None:
            self.cell = None
            self.cell_changed.emit(None, False)

    def choose_finding(self, finding: Finding | None) -> None:
        if finding is not None and (self.report is None or finding.report_id != self.report.id):
            self.choose_report(finding.report_id)
        if finding == self.finding:
            return
        self.finding = finding
        self.finding_changed.emit(finding)
        cell = finding.cells[0] if finding is not None and finding.cells else None
        self.cell = cell
        self.cell_changed.emit(cell, True)

    def choose_cell(self, cell: CellRef | None) -> None:
        """A cell chosen by itself (a click in a table or on its digits in the text)."""
        self.cell = cell
        self.cell_changed.emit(cell, False)
