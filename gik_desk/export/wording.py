"""How exports name things in Chinese: a report, a correction. Shared by sheets and frames."""

from __future__ import annotations

from gik_desk.model import Finding, Report, format_number
from gik_desk.model.formats import body_name
from gik_desk.template import cell_label, col_label, table_cols


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
