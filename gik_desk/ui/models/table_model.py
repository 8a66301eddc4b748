"""One canonical table of one report (表二, 表三, 表四 or the pre-2019 统计表).

Rows and columns come from ``gik_desk.template`` in printed order with the official labels; cells
come from the report. A finding's first cell (the one its smallest correction changes) is the
*target*: strong tint, shape icon, bold, and the tooltip says 建议更正为 N. The finding's other
cells (the ones its identity reads) are *read*: a light tint and 参与核对 in the tooltip, no icon,
so the culprit stands out and colour is never the only signal. A derived value is italic.
A figure read from a scan (OCR) is blue, one a reviewer keyed purple and underlined; a scanned
figure too doubtful to read shows 未识别 (issue 29).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from gik_desk import services
from gik_desk.model import (
    KEYED,
    OCR,
    Cell,
    CellRef,
    Finding,
    Number,
    Report,
    Severity,
    format_number,
)
from gik_desk.template import cell_label, col_label, row_label, table_cols, table_rows
from gik_desk.ui import style
from gik_desk.ui.words import severity_word

Index = QModelIndex | QPersistentModelIndex
CellRefRole = Qt.ItemDataRole.UserRole + 1
MarkRole = Qt.ItemDataRole.UserRole + 2  # MARK_TARGET | MARK_READ | None
SourceRole = Qt.ItemDataRole.UserRole + 3  # Cell.source: "ocr" | "keyed" | None (issue 29)
MARK_TARGET, MARK_READ = "target", "read"
TABLES = ("active", "applications", "appeals", "legacy")


@dataclass
class _Mark:
    """What the findings say about one cell: worst severity, and whether any of them targets it."""

    severity: Severity
    messages: list[str] = field(default_factory=list)  # findings whose correction starts here
    reads: list[str] = field(default_factory=list)  # findings that only read this cell
    suggested: list[Number] = field(default_factory=list)
    primary: bool = False
    primary_severity: Severity | None = None

    @property
    def kind(self) -> str:
        return MARK_TARGET if self.primary else MARK_READ


class ReportTableModel(QAbstractTableModel):
    """Cells of ``table`` for the current report; empty when the report has no such table.

    Signals:
    keyed(str, str): the reviewer typed a figure into a cell no reader could read (its
    ``table/row/col`` key and the text); the window turns it into an undoable action.
    """

    keyed = Signal(str, str)

    def __init__(self, table: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self._report: Report | None = None
        self._rows: list[str] = []
        self._cols: list[str] = []
        self._applicable: set[tuple[str, str]] | None = None
        self._marks: dict[tuple[str, str], _Mark] = {}
        self._fonts: dict[tuple[bool, bool], QFont] = {}
        for bold in (False, True):
            for italic in (False, True):
                font = QFont()
                font.setBold(bold)
                font.setItalic(italic)
                self._fonts[(bold, italic)] = font

    def set_report(self, report: Report | None, findings: Iterable[Finding] = ()) -> None:
        self.beginResetModel()
        self._report = report
        self._rows, self._cols, self._applicable = [], [], None
        self._marks = {}
        table = report.tables.get(self.table) if report else None
        if report is not None and table is not None:
            template = report.table_templates.get(self.table, table.template or report.template)
            self._layout(template, list(table.cells))
            self._mark(findings)
        self.endResetModel()

    def _layout(self, template: str, present: list[tuple[str, str]]) -> None:
        rows = [r.key for r in table_rows(self.table, template)]
        cols = [c.key for c in table_cols(self.table, template)]
        if self.table == "active":
            self._applicable = {
                (r, c.key) for r in rows for c in table_cols("active", template, row=r)
            }
        for r, c in present:  # rows and columns the template does not know stay visible
            if r not in rows:
                rows.append(r)
            if c not in cols:
                cols.append(c)
            if self._applicable is not None:
                self._applicable.add((r, c))
        self._rows, self._cols = rows, cols

    def _mark(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            line = f"{severity_word(f.severity)} {f.rule}:{f.message}"
            for i, ref in enumerate(f.cells):
                if ref.table != self.table:
                    continue
                key = (ref.row, ref.col)
                mark = self._marks.get(key)
                if mark is None:
                    mark = self._marks[key] = _Mark(f.severity)
                elif f.severity.rank < mark.severity.rank:
                    mark.severity = f.severity
                if i == 0:
                    mark.primary = True
                    if (
                        mark.primary_severity is None
                        or f.severity.rank < mark.primary_severity.rank
                    ):
                        mark.primary_severity = f.severity
                    mark.messages.append(line)
                else:
                    mark.reads.append(line)
                for alternative in f.suggestions:
                    for edit in alternative:
                        if (edit.table, edit.row, edit.col) == (self.table, ref.row, ref.col) and (
                            edit.value not in mark.suggested
                        ):
                            mark.suggested.append(edit.value)

    # ---- lookups -------------------------------------------------------------------------------
    def report(self) -> Report | None:
        return self._report

    def index_of(self, row: str, col: str) -> QModelIndex:
        try:
            return self.index(self._rows.index(row), self._cols.index(col))
        except ValueError:
            return QModelIndex()

    def cell_at(self, index: Index) -> Cell | None:
        if self._report is None or not index.isValid():
            return None
        table = self._report.tables.get(self.table)
        if table is None:
            return None
        return table.cell(self._rows[index.row()], self._cols[index.column()])

    def _ref(self, index: Index) -> CellRef:
        return CellRef(self.table, self._rows[index.row()], self._cols[index.column()])

    def _is_applicable(self, row: str, col: str) -> bool:
        return self._applicable is None or (row, col) in self._applicable

    # ---- Qt overrides --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cols)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        row, col = self._rows[index.row()], self._cols[index.column()]
        if not self._is_applicable(row, col):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        tables = self._report.tables if self._report is not None else {}
        if self.table in tables and services.keyable(tables[self.table].cell(row, col)):
            flags |= Qt.ItemFlag.ItemIsEditable  # issue 29: key what no reader could read
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A typed figure is not written here: ``keyed`` asks the window for an undoable action,
        and the table shows the value when the batch has it."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row, col = self._rows[index.row()], self._cols[index.column()]
        self.keyed.emit(f"{self.table}/{row}/{col}", str(value or ""))
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._cols):
                return None
            key = self._cols[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return col_label(self.table, key, short=self.table != "appeals")
            if role == Qt.ItemDataRole.ToolTipRole:
                return col_label(self.table, key)
            return None
        if not 0 <= section < len(self._rows):
            return None
        key = self._rows[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return row_label(self.table, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row_label(self.table, key, short=False)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._report is None:
            return None
        row, col = self._rows[index.row()], self._cols[index.column()]
        if role == CellRefRole:
            return self._ref(index)
        if not self._is_applicable(row, col):
            return None
        cell = self.cell_at(index)
        mark = self._marks.get((row, col))
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(cell)
        if role == Qt.ItemDataRole.EditRole:
            return cell.raw if cell is not None and cell.source == KEYED else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == MarkRole:
            return mark.kind if mark is not None else None
        if role == SourceRole:
            return cell.source or None if cell is not None else None
        target = mark is not None and mark.primary
        if role == Qt.ItemDataRole.FontRole:
            italic = cell is not None and cell.derived
            if cell is not None and cell.source == KEYED:
                font = QFont(self._fonts[(target, italic)])
                font.setUnderline(True)
                return font
            return self._fonts[(target, italic)] if target or italic else None
        if role == Qt.ItemDataRole.BackgroundRole and mark is not None:
            if target:
                return style.tint(mark.primary_severity or mark.severity)
            return style.light_tint(mark.severity)
        if role == Qt.ItemDataRole.DecorationRole and target and mark is not None:
            return style.icon(mark.primary_severity or mark.severity)
        if role == Qt.ItemDataRole.ForegroundRole:
            if cell is not None and cell.derived:
                return QBrush(QColor(style.DERIVED_COLOUR))
            if cell is not None and cell.source == KEYED:
                return QBrush(QColor(style.KEYED_COLOUR))
            if cell is not None and cell.source == OCR and cell.is_number:
                return QBrush(QColor(style.OCR_COLOUR))
            if cell is None or not cell.is_number:
                return QBrush(QColor(style.BLANK_COLOUR))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col, cell, mark)
        return None

    def _display(self, cell: Cell | None) -> str:
        if cell is None:
            return ""
        if cell.is_number:
            text = format_number(cell.value)
            return f"{text}{cell.unit}" if cell.unit else text
        if cell.source == OCR:  # its OCR reading is a guess: never shown as the figure
            return self.tr("未识别")
        return cell.raw.strip()

    def _tooltip(self, row: str, col: str, cell: Cell | None, mark: _Mark | None) -> str:
        lines = [cell_label(self.table, row, col)]
        if cell is None:
            lines.append(self.tr("原文中没有这一格"))
        else:
            if cell.source == OCR:
                conf = f"{cell.confidence:.2f}" if cell.confidence is not None else "—"
                if cell.is_number:
                    lines.append(self.tr("OCR 识别自扫描件，置信度 {0}").format(conf))
                else:
                    lines.append(
                        self.tr(
                            "扫描件中这一格识别不够确定（置信度 {0}），未读取；可双击录入"
                        ).format(conf)
                    )
            elif cell.source == KEYED:
                lines.append(
                    self.tr("人工录入：原件无法识别，数值由审核人填入，不是原文印出的数字")
                )
            if cell.raw and cell.raw != self._display(cell) and cell.source != OCR:
                lines.append(self.tr("原文：") + cell.raw)
            if not cell.is_number and cell.source != OCR:
                lines.append(self.tr("未填数字（空白不按 0 计）"))
            if cell.derived:
                lines.append(self.tr("推算值：由连在一起的数字串按表内关系拆分得出，非直接读取"))
                if cell.alternatives:
                    alts = "、".join(format_number(v) for v in cell.alternatives)
                    lines.append(self.tr("其他可能的拆分：") + alts)
        if mark is not None:
            if mark.primary:
                lines.append(self.tr("更正目标：最小更正首先改动这一格"))
                for value in mark.suggested:
                    lines.append(self.tr("建议更正为 {0}").format(format_number(value)))
                lines.extend(mark.messages)
            if mark.reads:
                lines.append(self.tr("参与核对：以下问题读取了这一格"))
                lines.extend(mark.reads)
                if not mark.primary:
                    for value in mark.suggested:  # another alternative correction
                        lines.append(self.tr("另一种更正可改为 {0}").format(format_number(value)))
        return "\n".join(lines)
