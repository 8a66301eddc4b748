"""The culprit stands out: a finding's first cell (its correction target) is marked strongly,
the cells it only reads lightly — regression on seed 001, Tianqiao 2021, 表三 总计 column.

Cells and labels are keyed by hand in tests/ui/data/desk_expected.json from
tests/data/seeds/001_711b86d480afee15.txt (lines 126 and 144).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QTableView

from gik_desk.model import Severity
from gik_desk.ui import style
from gik_desk.ui.models.table_model import MARK_READ, MARK_TARGET, MarkRole
from tests.ui.test_desk_linking import _choose_report_in_tree


def _cell_by_headers(view: QTableView, row_header: str, col_header: str) -> QModelIndex:
    model = view.model()
    rows = [
        r
        for r in range(model.rowCount())
        if model.headerData(r, Qt.Orientation.Vertical) == row_header
    ]
    cols = [
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == col_header
    ]
    assert len(rows) == 1, (row_header, rows)
    assert len(cols) == 1, (col_header, cols)
    return model.index(rows[0], cols[0])


def _painted(qtbot, view: QTableView, index: QModelIndex) -> QColor:  # type: ignore[no-untyped-def]
    """The background the view paints for ``index`` (a pixel near its top edge, off the text)."""
    view.scrollTo(index)
    qtbot.wait(1)
    rect = view.visualRect(index)
    image = view.viewport().grab().toImage()
    return image.pixelColor(rect.center().x(), rect.top() + 2)


def test_correction_target_is_strong_and_read_cells_light_tianqiao_2021(
    qtbot, window, seed_batch, expected
) -> None:
    exp = expected["tianqiao_2021"]
    window.set_batch(seed_batch)
    _choose_report_in_tree(window, exp["agency"], exp["year"])
    window.tables_view.setCurrentIndex(1)  # 表三
    view = window.tables_view.views["applications"]
    assert window.tables_view.currentWidget() is view
    view.clearSelection()
    view.selectionModel().clearCurrentIndex()

    target = _cell_by_headers(view, exp["row_header"], exp["col_header"])
    read = _cell_by_headers(
        view, exp["read_only_cell"]["row_header"], exp["read_only_cell"]["col_header"]
    )
    assert target.data() == exp["total_cell"]["table_shows"]
    assert read.data() == exp["read_only_cell"]["table_shows"]

    # the target: strong tint, a shape icon, bold, and words that say what to write
    assert target.data(MarkRole) == MARK_TARGET
    assert target.data(Qt.ItemDataRole.BackgroundRole).color() == QColor(
        style.TINTS[Severity.ERROR]
    )
    assert target.data(Qt.ItemDataRole.DecorationRole) is not None
    font = target.data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont)
    assert font.bold()
    tip = target.data(Qt.ItemDataRole.ToolTipRole)
    assert exp["target_tooltip"] in tip
    assert "APP-ROW" in tip
    assert "APP-RESULTS" in tip

    # a cell APP-RESULTS only reads: light tint, no icon, not bold, 参与核对
    assert read.data(MarkRole) == MARK_READ
    assert read.data(Qt.ItemDataRole.BackgroundRole).color() == QColor(
        style.LIGHT_TINTS[Severity.ERROR]
    )
    assert read.data(Qt.ItemDataRole.DecorationRole) is None
    read_font = read.data(Qt.ItemDataRole.FontRole)
    assert read_font is None or not read_font.bold()
    read_tip = read.data(Qt.ItemDataRole.ToolTipRole)
    assert "参与核对" in read_tip
    assert "APP-RESULTS" in read_tip
    assert "建议更正为" not in read_tip

    # ... and that is what the view paints: two different tints, the strong one darker
    strong_px, light_px = _painted(qtbot, view, target), _painted(qtbot, view, read)
    assert strong_px == QColor(style.TINTS[Severity.ERROR])
    assert light_px == QColor(style.LIGHT_TINTS[Severity.ERROR])
    assert strong_px.lightness() < light_px.lightness()

    # a cell no finding names stays unmarked
    plain = _cell_by_headers(view, "(二)部分公开", "自然人")
    assert plain.data(MarkRole) is None
    assert plain.data(Qt.ItemDataRole.BackgroundRole) is None
