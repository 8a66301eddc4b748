"""Issue 29: the reviewer keys a figure no reader could read -- the value lands, the finding it
completes appears, undo removes both, and the workbook marks the cell as keyed.

The file is seed 001 (Tianqiao) with the 2021 表三 “(六)其他处理 1.” 总计 figure (printed 1,
tests/data/seeds/001_711b86d480afee15.txt line 144) smudged to ■, so no reader can read it.
With it keyed as 1 the row's identity fails: 3 (自然人) ≠ 1 (总计), the known seed error.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from gik_desk.services import audit_paths
from gik_desk.ui.dialogs.open_dialog import ExportDialog
from gik_desk.ui.models.table_model import SourceRole
from tests.ui.conftest import REVIEWER, TIANQIAO
from tests.ui.test_desk_linking import _choose_report_in_tree
from tests.ui.test_table_marks import _cell_by_headers

PRINTED = "不再处理其政府信息公开申请 | 3 | 0 | 0 | 0 | 0 | 0 | 1 |"
SMUDGED = "不再处理其政府信息公开申请 | 3 | 0 | 0 | 0 | 0 | 0 | ■ |"
CELL = "applications/other.no_supplement/total"


def _app_row(window, report_id: str) -> list:  # type: ignore[no-untyped-def]
    return [
        f
        for f in window.batch.findings
        if f.report_id == report_id and f.rule == "APP-ROW" and f.cells[0].key == CELL
    ]


def test_keying_an_unread_cell_lands_completes_a_finding_and_undoes(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    text = TIANQIAO.read_text(encoding="utf-8")
    assert text.count(PRINTED) == 1
    smudged = tmp_path / "天桥区.txt"
    smudged.write_text(text.replace(PRINTED, SMUDGED), encoding="utf-8")
    window.set_batch(audit_paths([str(smudged)], workers=1))
    report = _choose_report_in_tree(window, "济南市天桥区人民政府", 2021)
    assert _app_row(window, report.id) == []  # the identity cannot be checked: one cell unread
    window.tables_view.setCurrentIndex(1)  # 表三
    view = window.tables_view.views["applications"]
    index = _cell_by_headers(view, "(六)其他处理 1.", "总计")
    assert view.model().data(index) == "■"  # the printed mark, kept and shown (issue 25)
    assert view.model().flags(index) & Qt.ItemFlag.ItemIsEditable

    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.findChild(QLineEdit)
    assert editor is not None
    editor.setText("１")  # any form: a full-width digit reads as 1
    view.commitData(editor)  # what the delegate does on Enter

    qtbot.waitUntil(lambda: len(_app_row(window, report.id)) == 1, timeout=10_000)
    index = _cell_by_headers(view, "(六)其他处理 1.", "总计")
    assert view.model().data(index) == "1"
    assert view.model().data(index, SourceRole) == "keyed"
    found = _app_row(window, report.id)[0]
    assert found.actual == 1
    assert found.expected == 3
    events = [e for e in window.session.workspace.events() if e.action == "key_cell"]
    assert len(events) == 1
    assert events[0].who == REVIEWER
    assert events[0].after == "１"

    out = tmp_path / "审核表.xlsx"
    monkeypatch.setattr(ExportDialog, "ask", staticmethod(lambda *a, **k: out))
    with qtbot.waitSignal(window.export_runner.finished, timeout=120_000):
        window.action("file.export").trigger()
    ws = openpyxl.load_workbook(out)["表格数据"]
    header = [c.value for c in ws[1]]
    rows = [
        [c.value for c in r]
        for r in ws.iter_rows(min_row=2)
        if r[header.index("单元格键")].value == CELL and "2021" in str(r[0].value)
    ]
    assert len(rows) == 1
    assert rows[0][header.index("数值")] == 1
    assert rows[0][header.index("来源")] == "人工录入(原件无法识别)"

    window.session.undo_stack.undo()
    qtbot.waitUntil(lambda: _app_row(window, report.id) == [], timeout=10_000)
    index = _cell_by_headers(view, "(六)其他处理 1.", "总计")
    assert view.model().data(index) == "■"  # the printed mark, kept and shown (issue 25)
    assert view.model().data(index, SourceRole) is None
