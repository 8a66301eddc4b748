"""Issue 16: a returned review workbook edited the way a colleague edits it in Excel or WPS
(shared by the core, CLI and desk tests, so all three check the same edits)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

NOTE_0 = "已电话核实，数字无误"
NOTE_1 = "该栏沿用旧表式，报告说明中已解释"
NOTE_2 = "函告天桥区更正总计"


def edit_as_a_colleague(book: Path, out: Path) -> list[str]:
    """Five statuses, three notes, three mistakes, a re-sort and a deleted row.

    Returns the keys of the exported rows 0..8 (before editing) in that order.
    """
    wb = openpyxl.load_workbook(book)
    sheet = wb["问题清单"]
    header = [c.value for c in sheet[1]]
    status, note, key = (header.index(h) for h in ("审核状态", "审核备注", "问题键"))
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == 25  # the seeds' findings, one row each
    keys = [r[key] for r in rows[:9]]
    rows[0][status], rows[0][note] = "已确认", NOTE_0
    rows[1][status], rows[1][note] = "例外（已说明）", NOTE_1  # full-width brackets
    rows[2][status], rows[2][note] = " 需整改 ", NOTE_2  # stray spaces
    rows[3][status] = "已确认"
    rows[4][status] = "需整改"  # the workspace changes this finding meanwhile
    rows[5][status] = "已阅"  # no such status
    rows[6][status] = "已排除"  # a dismissal without its reason
    rows[7][status] = "已确认"
    rows[7][key] = rows[7][key].replace("|20", "|19", 1)  # a key typed over
    rest = rows[:5] + rows[9:]  # rows[8] is deleted
    order = [rows[5], rows[6], rows[7], *reversed(rest)]  # re-sorted: mistakes on top
    for i, values in enumerate(order, start=2):
        for j, v in enumerate(values, start=1):
            sheet.cell(row=i, column=j).value = v
    sheet.delete_rows(len(order) + 2)
    wb.save(out)
    return keys
