"""How exports name things in Chinese: a report, a correction. Shared by sheets and frames."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime

from gik_desk.model import CellRef, Finding, Number, Report, format_number
from gik_desk.model.formats import body_name
from gik_desk.template import cell_label, col_label, row_label, table_cols
from gik_desk.template.tables import table_short


def report_name(r: Report) -> str:
    """How a reviewer names a report: body and year."""
    body = body_name(r.agency, parenthesised=True)
    year = f"{r.year}年" if r.year else "(年度未识别)"
    return f"{body} {year}"


def suggestion_text(finding: Finding) -> str:
    """Each alternative correction as ``单元格 改为 值``; alternatives joined by "或"."""
    alts = [
        "；".join(f"{cell_label(e.table, e.row, e.col)} 改为 {format_number(e.value)}" for e in alt)
        for alt in finding.suggestions
    ]
    return " 或 ".join(alts)


def cell_col_label(table: str, template: str, row: str, col: str) -> str:
    """A column's official label for this row: 表二's ``amount`` is 收费金额 or 采购总金额."""
    for c in table_cols(table, template, row):
        if c.key == col:
            return c.label
    return col_label(table, col)


@functools.lru_cache(maxsize=4096)
def cell_words(table: str, template: str, row: str, col: str) -> tuple[str, str, str]:
    """A cell's three labels (table, row, column) as the workbook and the cell frame show them:
    the same few hundred on every report, so each is worked out once (issue 26)."""
    return table_short(table), row_label(table, row), cell_col_label(table, template, row, col)


TEMPLATE_LABELS = {
    "t2021": "2021年版",
    "t2019": "2019年版",
    "pre2019": "2019年前",
    "unknown": "未识别",
}


def template_label(generation: str) -> str:
    """The table generation as a reader names it (2021年版), never the internal ``t2021``."""
    return TEMPLATE_LABELS.get(generation, generation)


def now_local() -> str:
    """The export time as the header, footer and 说明 print it."""
    return datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")


def cells_summary(cells: Sequence[CellRef]) -> str:
    """The cells of a finding in one short line for the printed list: one cell by its label,
    several by their table and the column (or row) they share: ``表三 总计列 22 格``;
    ``表三 总计列等 3 格`` when most share it. The full list stays in its own column."""
    if not cells:
        return ""
    first = cells[0]
    if len(cells) == 1:
        return cell_label(first.table, first.row, first.col)
    n = len(cells)
    if len({c.table for c in cells}) > 1:
        return f"{table_short(first.table)}等 {n} 格"
    t = table_short(first.table)
    col, col_n = Counter(c.col for c in cells).most_common(1)[0]
    row, row_n = Counter(c.row for c in cells).most_common(1)[0]
    if first.table == "appeals" or col_n >= row_n:
        if col_n == 1:
            return f"{t}等 {n} 格"
        name = col_label(first.table, col, short=first.table == "appeals")
        return f"{t} {name}列{'' if col_n == n else '等'} {n} 格"
    return f"{t} {row_label(first.table, row)}行{'' if row_n == n else '等'} {n} 格"


def figures_text(finding: Finding, values: Mapping[CellRef, Number] | None = None) -> str:
    """发现值 and 应为 with the cell they belong to: ``表三 → (七)总计 → 总计：344，应为 342``.

    A single-cell finding's figures are its cell's; an identity's printed figure is its total,
    the finding's first or last cell, whichever holds that figure (``values``: the report's
    numbers). A figure of no cell (the narrative's) is named by nothing."""
    if finding.actual is None and finding.expected is None:
        return ""
    found = format_number(finding.actual)
    text = found if finding.expected is None else f"{found}，应为 {format_number(finding.expected)}"
    owner: CellRef | None = None
    if len(finding.cells) == 1:
        owner = finding.cells[0]
    elif finding.cells and values is not None:
        ends = (finding.cells[-1], finding.cells[0])
        owner = next((c for c in ends if values.get(c) == finding.actual), None)
    if owner is None:
        return text
    return f"{cell_label(owner.table, owner.row, owner.col)}：{text}"
