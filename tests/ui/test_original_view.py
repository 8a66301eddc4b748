"""Issue 18: the 原件 view — the published page (or the file's own tables) with the cell marked.

Hand-keyed facts used here, read from the published files, never from the code under test:

- Hongze 2023 (``tests/data/pdf/hongzequ_2023.pdf``), page 4 prints 表四's figures as one row
  beginning ``10 1 0 0 0 0 …``: 行政复议 结果维持 10, 结果纠正 1, 其他结果 0, 尚未审结 0, 总计 0
  (the fifth figure). APPEAL-SUM fires there: 10+1+0+0 = 11 ≠ 0.
- Tianqiao 2021 (``tests/unit/ingest/tianqiao.py``, keyed from seed 001): 表三 (六)1.逾期不补正
  总计 is printed 1 (its row sums to 3, APP-ROW); 本年新收 总计 is 358.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor, QTextDocument, QTextTable

from gik_desk import services
from gik_desk.model import CellRef, Finding
from gik_desk.ui.models.findings_model import FindingRole
from gik_desk.ui.models.table_model import CellRefRole
from gik_desk.ui.views.original_view import CELL_COLOUR_HTML
from tests.unit.ingest import builders as bld
from tests.unit.ingest import tianqiao as tq
from tests.unit.services.hongze_figures import APPEALS_PAGE, HONGZE_2023, figures_row

REVIEW_TOTAL = CellRef("appeals", "count", "review.total")
REVIEW_UPHELD = CellRef("appeals", "count", "review.upheld")
NO_SUPPLEMENT_TOTAL = CellRef("applications", "other.no_supplement", "total")
NEW_TOTAL = CellRef("applications", "new", "total")


def _choose_finding(window, rule: str, first_cell: CellRef) -> Finding:  # type: ignore[no-untyped-def]
    proxy = window.findings_proxy
    for row in range(proxy.rowCount()):
        f = proxy.index(row, 0).data(FindingRole)
        if isinstance(f, Finding) and f.rule == rule and f.cells[:1] == (first_cell,):
            window.findings_view.table.setCurrentIndex(proxy.index(row, 0))
            assert window.selection.finding == f
            return f
    raise AssertionError(f"no {rule} finding on {first_cell.key}")


def _current_cell(window, table: str) -> object:  # type: ignore[no-untyped-def]
    return window.tables_view.views[table].currentIndex().data(CellRefRole)


def test_pdf_page_shows_the_appeal_sum_total_boxed_and_a_click_selects_its_cell_hongze_2023(
    qtbot, window
) -> None:
    window.set_batch(services.audit_paths([str(HONGZE_2023)], workers=1))
    _choose_finding(window, "APPEAL-SUM", REVIEW_TOTAL)
    window.source_pane.show_original()
    view = window.original_view
    assert window.source_pane.stack.currentWidget() is view
    canvas = view.pdf.canvas
    qtbot.waitUntil(lambda: APPEALS_PAGE in canvas.images, timeout=60_000)

    figures = figures_row(APPEALS_PAGE)
    assert [("".join(ch for ch, _ in f)) for f in figures[:5]] == ["10", "1", "0", "0", "0"]
    (zero,) = figures[4]
    x0, top, x1, bottom = zero[1]
    marked = [b for b in canvas.cell_boxes if b.page == APPEALS_PAGE]
    assert any(b.x0 <= x0 and x1 <= b.x1 and b.top <= top and bottom <= b.bottom for b in marked), (
        marked,
        zero,
    )
    # the page is in view, with the marked box inside the viewport
    rect = canvas.box_rect(marked[0])
    shown = view.pdf.verticalScrollBar().value()
    assert shown <= rect.top()
    assert rect.bottom() <= shown + view.pdf.viewport().height()
    # the finding's boxes are drawn too (its five cells and their figures)
    assert {b.page for b, f, chosen in canvas.finding_boxes if chosen} == {APPEALS_PAGE}

    # a click on the printed 10 (行政复议 结果维持) selects that cell in the table view
    ten = figures[0]
    cx = (ten[0][1][0] + ten[-1][1][2]) / 2
    cy = (ten[0][1][1] + ten[0][1][3]) / 2
    at = canvas.to_widget(APPEALS_PAGE, cx, cy).toPoint()
    view.pdf.ensureVisible(at.x(), at.y())
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at)
    assert window.selection.cell == REVIEW_UPHELD
    assert _current_cell(window, "appeals") == REVIEW_UPHELD
    assert any(b.page == APPEALS_PAGE for b in canvas.cell_boxes)

    # a cell chosen in the table view (表三 本年新收 总计, printed on page 3) is scrolled to
    table = window.tables_view.views["applications"]
    model = window.tables_view.models["applications"]
    window.tables_view.setCurrentWidget(table)
    table.setCurrentIndex(model.index_of("new", "total"))
    assert window.selection.cell == CellRef("applications", "new", "total")
    (box,) = canvas.cell_boxes
    assert box.page == 2
    rect = canvas.box_rect(box)
    shown = view.pdf.verticalScrollBar().value()
    assert shown <= rect.top()
    assert rect.bottom() <= shown + view.pdf.viewport().height()
    qtbot.waitUntil(lambda: 2 in canvas.images, timeout=60_000)

    # zoomed in twice (1.5 × the width fit), the page is rendered sharper and clicks still land
    fit = canvas.scale
    view.pdf.step_zoom(2)
    assert canvas.zoom == 1.5
    assert canvas.scale == pytest.approx(fit * 1.5, rel=0.05)
    at = canvas.to_widget(APPEALS_PAGE, cx, cy).toPoint()
    view.pdf.ensureVisible(at.x(), at.y())
    want = view.pdf.render_scale()
    qtbot.waitUntil(
        lambda: APPEALS_PAGE in canvas.images and canvas.images[APPEALS_PAGE][1].scale >= want,
        timeout=60_000,
    )
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at)
    assert window.selection.cell == REVIEW_UPHELD
    qtbot.waitUntil(view.pdf.idle, timeout=60_000)  # no render job outlives the test


def _marked_cells(doc: QTextDocument) -> list[tuple[str, str]]:
    """(row's first cell text, cell text) of every table cell filled with the mark colour."""
    out = []
    for frame in doc.rootFrame().childFrames():
        cursor = QTextCursor(doc)
        cursor.setPosition(frame.firstPosition())
        table = cursor.currentTable()
        if not isinstance(table, QTextTable):
            continue
        for r in range(table.rows()):
            for c in range(table.columns()):
                cell = table.cellAt(r, c)
                if cell.row() != r or cell.column() != c:
                    continue
                if cell.format().background().color() == QColor(CELL_COLOUR_HTML):
                    text = _cell_text(cell)
                    out.append((_row_label(table, r), text))
    return out


def _cell_text(cell) -> str:  # type: ignore[no-untyped-def]
    cur = cell.firstCursorPosition()
    cur.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    return cur.selectedText().strip()


def _row_label(table: QTextTable, row: int) -> str:
    return " ".join(_cell_text(table.cellAt(row, c)) for c in range(min(3, table.columns())))


def _table_cell_point(view, label: str, text: str) -> QPoint:  # type: ignore[no-untyped-def]
    """The viewport point of the rendered cell ``text`` in a row whose label holds ``label``."""
    browser = view.tables
    doc = browser.document()
    for frame in doc.rootFrame().childFrames():
        cursor = QTextCursor(doc)
        cursor.setPosition(frame.firstPosition())
        table = cursor.currentTable()
        if table is None:
            continue
        for r in range(table.rows()):
            if label not in _row_label(table, r):
                continue
            for c in range(table.columns()):
                cell = table.cellAt(r, c)
                if _cell_text(cell) == text:
                    cur = cell.firstCursorPosition()
                    browser.setTextCursor(cur)
                    browser.ensureCursorVisible()
                    return browser.cursorRect(cur).center() + QPoint(2, 0)
    raise AssertionError(f"no cell {text} in a row with {label}")


@pytest.mark.parametrize("kind", ["html", "docx"])
def test_tables_of_html_and_docx_mark_the_finding_cell_and_a_click_selects_tianqiao_2021(
    qtbot, window, tmp_path: Path, kind: str
) -> None:
    blocks = bld.template_report(tq.TITLE, tq.ACTIVE, tq.APPLICATIONS, tq.APPEALS, tq.INTRO)
    path = tmp_path / f"tianqiao_2021.{kind}"
    if kind == "html":
        path.write_bytes(bld.make_html(blocks))
    else:
        bld.make_docx(blocks, path)
    window.set_batch(services.audit_paths([str(path)], workers=1))
    _choose_finding(window, "APP-ROW", NO_SUPPLEMENT_TOTAL)
    window.source_pane.show_original()
    view = window.original_view
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.tables, timeout=60_000)

    assert _marked_cells(view.tables.document()) == [
        (_marked_row_label(view.tables.document()), "1")
    ]
    assert "逾期不补正" in _marked_row_label(view.tables.document())

    point = _table_cell_point(view, "本年新收", "358")
    qtbot.mouseClick(view.tables.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.selection.cell == NEW_TOTAL
    assert _current_cell(window, "applications") == NEW_TOTAL
    assert [text for _, text in _marked_cells(view.tables.document())] == ["358"]


def _marked_row_label(doc: QTextDocument) -> str:
    marked = _marked_cells(doc)
    return marked[0][0] if marked else ""


def test_plain_text_keeps_the_text_view_and_says_why(qtbot, window) -> None:
    from tests.ui.conftest import TIANQIAO

    window.set_batch(services.audit_paths([str(TIANQIAO)], workers=1))
    pane = window.source_pane
    assert not pane.original_button.isEnabled()
    assert "纯文本" in pane.original_button.toolTip()
    assert pane.stack.currentWidget() is window.source_view


def test_a_pdf_moved_away_after_the_audit_says_so_instead_of_a_blank_pane(
    qtbot, window, tmp_path: Path
) -> None:
    moved = tmp_path / "hongzequ_2023.pdf"
    moved.write_bytes(HONGZE_2023.read_bytes())
    window.set_batch(services.audit_paths([str(moved)], workers=1))
    moved.unlink()
    window.source_pane.show_original()
    view = window.original_view
    assert view.stack.currentWidget() is view.message
    assert "无法打开原件" in view.message.text()


def test_the_text_or_original_choice_is_kept_per_report(qtbot, window) -> None:
    hongze_2024 = HONGZE_2023.with_name("hongzequ_2024.pdf")
    window.set_batch(services.audit_paths([str(HONGZE_2023), str(hongze_2024)], workers=1))
    by_year = {r.year: r for r in window.batch.reports}
    pane = window.source_pane
    window.selection.choose_report(by_year[2023].id)
    pane.show_original()
    window.selection.choose_report(by_year[2024].id)
    assert pane.stack.currentWidget() is window.source_view  # 2024 was never switched
    assert pane.text_button.isChecked()
    window.selection.choose_report(by_year[2023].id)
    assert pane.stack.currentWidget() is window.original_view
    assert pane.original_button.isChecked()
    qtbot.waitUntil(window.original_view.pdf.idle, timeout=60_000)
