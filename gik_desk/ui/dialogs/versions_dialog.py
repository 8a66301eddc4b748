"""Two versions of one report side by side (issue 23), opened from the DUP-VERSION finding.

One tab per table (表二, 表三, 表四 …); in each, this version's table beside the other's, same
rows and columns, every cell where they differ in bold on a tint, so the reviewer sees at a
glance what the resubmission changed before marking the 现行版本.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gik_desk.model import CellDiff, Report, format_number
from gik_desk.template import col_label, row_label
from gik_desk.template.tables import table_short

TABLE_ORDER = ("active", "applications", "appeals", "legacy")
DIFF_TINT = QColor("#ffe08a")


def _tr(text: str) -> str:
    return QCoreApplication.translate("VersionsDialog", text)


def _file(report: Report) -> str:
    return report.source.replace("\\", "/").rsplit("/", 1)[-1]


class VersionsDialog(QDialog):
    """``here`` beside ``there``; ``diffs`` are the cells DUP-VERSION found differing."""

    def __init__(
        self, parent: QWidget | None, here: Report, there: Report, diffs: tuple[CellDiff, ...]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("versions_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_tr("并排比较：「{0}」与「{1}」").format(_file(here), _file(there)))
        self._here, self._there = here, there
        self._diffs = {(d.cell.table, d.cell.row, d.cell.col): d for d in diffs}
        self._positions: dict[tuple[str, str, str], tuple[int, int]] = {}
        self.tabs = QTabWidget()
        names = [t for t in TABLE_ORDER if t in here.tables or t in there.tables]
        names += [t for t in (*here.tables, *there.tables) if t not in names]
        first_diff = -1
        for name in dict.fromkeys(names):
            index = self.tabs.addTab(self._pair(name), table_short(name))
            if first_diff < 0 and any(k[0] == name for k in self._diffs):
                first_diff = index
        self.tabs.setCurrentIndex(max(first_diff, 0))
        summary = QLabel(
            _tr("共 {0} 处不同，以加粗和底色标出；左：「{1}」，右：「{2}」。").format(
                len(self._diffs), _file(here), _file(there)
            )
            if self._diffs
            else _tr("两个版本的统计表逐格相同。")
        )
        summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(summary)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(buttons)
        self.resize(1100, 600)

    def _pair(self, name: str) -> QWidget:
        a, b = self._here.tables.get(name), self._there.tables.get(name)
        keys = [*(a.cells if a is not None else ()), *(b.cells if b is not None else ())]
        rows = list(dict.fromkeys(r for r, _c in keys))
        cols = list(dict.fromkeys(c for _r, c in keys))
        for r, c in dict.fromkeys(keys):
            self._positions[(name, r, c)] = (rows.index(r), cols.index(c))
        split = QSplitter(Qt.Orientation.Horizontal)
        for report, table in ((self._here, a), (self._there, b)):
            grid = QTableWidget(len(rows), len(cols))
            grid.setObjectName(f"versions_{name}")
            grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            grid.setVerticalHeaderLabels([row_label(name, r) for r in rows])
            grid.setHorizontalHeaderLabels([col_label(name, c, short=True) for c in cols])
            grid.setToolTip(report.source)
            for (r, c), (i, j) in ((k[1:], v) for k, v in self._positions.items() if k[0] == name):
                value = table.value(r, c) if table is not None else None
                item = QTableWidgetItem(format_number(value, ""))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if (name, r, c) in self._diffs:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    item.setBackground(QBrush(DIFF_TINT))
                grid.setItem(i, j, item)
            split.addWidget(grid)
        return split

    def position(self, table: str, row: str, col: str) -> tuple[int, int]:
        """Where a cell sits in its tab's two grids (row, column)."""
        return self._positions[(table, row, col)]

    def marked_cells(self) -> list[tuple[str, str, str, str, str]]:
        """Each marked cell: table, row and column words, value here, value there."""
        return [
            (
                table_short(t),
                row_label(t, r),
                col_label(t, c, short=True),
                format_number(d.here, ""),
                format_number(d.there, ""),
            )
            for (t, r, c), d in self._diffs.items()
        ]
