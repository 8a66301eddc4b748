"""The workbook's 统计 sheet: the 统计看板's figures, computed by the same function it uses.

``frames.dashboard_figures`` is the one source of these numbers; this module only lays them out,
three blocks side by side under one frozen header row.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from gik_desk.export.catalogue import rule_title
from gik_desk.export.frames import (
    NARRATIVE_ORIGIN,
    SEVERITIES,
    TABLE_ORIGIN,
    DashboardFigures,
    cells_frame,
    dashboard_figures,
    findings_frame,
    reports_frame,
)
from gik_desk.export.series import KEY_SERIES
from gik_desk.export.sheets import Block, SheetBook
from gik_desk.model import Severity
from gik_desk.model.batch import Batch
from gik_desk.model.review import ReviewSnapshot

STATS = "统计"
RULES_TITLE = "问题按规则与严重程度"
TREND_TITLE = "年度关键数据(每个机关每年一份报告；2019年前取正文数字)"
STATUS_TITLE = "复核进度"
ORIGIN_HEADER = "数据来源"


def _number(value: Any) -> int | float | None:
    """A count as a spreadsheet number: whole numbers as int (243, not 243.0), missing as blank."""
    if value is None or pd.isna(value):
        return None
    f = float(value)
    return int(f) if f.is_integer() else f


def _origin(row: Any) -> str:
    """Where a body-year's figures came from, in words (a blank figure has no origin)."""
    prose = [s.name for s in KEY_SERIES if row[f"{s.key}_origin"] == NARRATIVE_ORIGIN]
    tables = [s.name for s in KEY_SERIES if row[f"{s.key}_origin"] == TABLE_ORIGIN]
    if not prose and not tables:
        return "未读到"
    if not prose:
        return "统计表"
    text = "正文：" + "、".join(prose)
    return text + "；其余：统计表" if tables else text


def stats_blocks(figures: DashboardFigures) -> list[Block]:
    """The three blocks of the 统计 sheet, in the dashboard's order."""
    rules = [
        [rid, rule_title(rid), *(int(row[s]) for s in SEVERITIES), int(row["total"])]
        for rid, row in figures.by_rule.iterrows()
    ]
    rule_headers = ["规则编号", "规则名称", *(Severity(s).zh for s in SEVERITIES), "合计"]
    trend = [
        [
            row["agency"],
            int(row["year"]),
            *(_number(row[s.key]) for s in KEY_SERIES),
            _origin(row),
        ]
        for _, row in figures.trend.iterrows()
    ]
    trend_headers = ["机关", "年度", *(s.name for s in KEY_SERIES), ORIGIN_HEADER]
    status = [[str(name), int(n)] for name, n in figures.status.items()]
    return [
        Block(RULES_TITLE, rule_headers, rules, empty="(无问题)"),
        Block(TREND_TITLE, trend_headers, trend, empty="(无可识别机关与年度的报告)"),
        Block(STATUS_TITLE, ["审核状态", "问题数"], status),
    ]


def write_stats(book: SheetBook, batch: Batch, review: ReviewSnapshot | None) -> None:
    """The 统计 sheet, from the very frames the dashboard is given."""
    figures = dashboard_figures(
        reports_frame(batch, review), findings_frame(batch, review), cells_frame(batch)
    )
    blocks = stats_blocks(figures)
    # wrap the long names (规则名称, 机关, 数据来源) so the three blocks fit one A4 page wide
    starts = [0]
    for b in blocks[:-1]:
        starts.append(starts[-1] + len(b.headers) + 1)
    wrap = [starts[0] + 1, starts[1], starts[1] + len(blocks[1].headers) - 1]
    book.side_by_side(STATS, blocks, wrap_cols=wrap)
