"""整改情况 (issue 30): the workbook's sheet of what became of each item of a sent letter, one
row per item, then each body's 新问题 and 其他改动, so the second pass is on paper too."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gik_desk.export.sheets import SheetBook
from gik_desk.model.rectification import BodyRectification, Outcome
from gik_desk.template.tables import cell_label

RECTIFICATION = "整改情况"
HEADERS = ["机关", "意见日期", "序号", "问题", "原数值", "建议值", "新版本数值", "复核结论",
           "依据", "审核人确认", "说明"]  # fmt: skip


def rectification_rows(bodies: Sequence[BodyRectification]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for b in bodies:
        day = b.letter.written[:10]
        for j in b.items:
            rows.append(
                [
                    b.letter.body, day, j.item.n, j.item.text, j.item.printed, j.item.asked,
                    j.now, j.outcome.label, j.how, "是" if j.confirmed else "", j.note,
                ]
            )  # fmt: skip
        for _rid, _key, message in b.new_problems:
            rows.append([b.letter.body, day, None, message, None, None, None, "新问题", "", "", ""])
        for c in b.other_changes:
            where = cell_label(c.cell.table, c.cell.row, c.cell.col)
            rows.append(
                [b.letter.body, day, None, f"{where}（未在意见中提出）", c.before, None, c.after,
                 "其他改动", "", "", ""]
            )  # fmt: skip
    return rows


def write_rectification(book: SheetBook, bodies: Sequence[BodyRectification]) -> None:
    """The sheet, only when a letter has been recorded as sent."""
    if not bodies:
        return
    rows = rectification_rows(bodies)
    book.table(RECTIFICATION, HEADERS, rows, wrap_cols=[0, 3, 8, 10])


def counts(bodies: Sequence[BodyRectification]) -> dict[Outcome, int]:
    """Items per outcome over every body (the progress line)."""
    out = dict.fromkeys(Outcome, 0)
    for b in bodies:
        for j in b.items:
            out[j.outcome] += 1
    return out
