"""The 问题清单's columns, once: header, room on paper, wrapping, printed or kept aside.

On A4 landscape a finding should take one short line where it can (issue 24: the seeds' 25
findings printed on 17 pages). So the page gets what a reader reads — who, how bad, what, the
correction, the review, where (summarised) and the figures named by their cell — and the long
or technical columns (依据, the full cell list, the bare figures, the rule code) stay in the
workbook beside them, grouped and folded (a click on ＋ opens them), for filtering, sorting and
the import. Columns are never moved for print: tools and colleagues read them by position.
"""

from __future__ import annotations

from dataclasses import dataclass

from gik_desk.export.review_keys import (
    CHECK_HEADER,
    KEY_HEADER,
    NOTE_HEADER,
    REPORT_HEADER,
    RULE_HEADER,
    STATUS_HEADER,
)


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    # characters (Excel's digit widths); a printed wrapping column's least room on the page:
    # the rest of the page is shared by what its texts need (printing.share_room)
    width: float
    wrap: bool = False
    printed: bool = True  # False: kept aside (folded when it sits inside the print area)
    hidden: bool = False  # technical (key, checksum): out of sight, never printed
    review: bool = False  # only in a workbook exported with a workspace


CELLS_HEADER = "涉及单元格"
PLACE_HEADER = "位置"  # 涉及单元格 in one short line
FIGURES_HEADER = "发现值与应为"  # the figures, named by their cell

FINDING_COLUMNS: tuple[Column, ...] = (
    Column(REPORT_HEADER, 10, wrap=True),
    Column("严重程度", 5),
    Column("规则名称", 8, wrap=True),
    Column("说明", 20, wrap=True),
    Column("依据", 26, wrap=True, printed=False),
    Column(CELLS_HEADER, 20, wrap=True, printed=False),
    Column("发现值", 6, printed=False),
    Column("应为", 6, printed=False),
    Column("建议更正", 10, wrap=True),
    Column(STATUS_HEADER, 6, wrap=True, review=True),
    Column(NOTE_HEADER, 8, wrap=True, review=True),
    Column("对外意见", 8, wrap=True, review=True),  # what the letter says
    Column(RULE_HEADER, 10, printed=False),
    Column(PLACE_HEADER, 8, wrap=True),
    Column(FIGURES_HEADER, 8, wrap=True),
    # the print area ends here
    Column("文件", 40, printed=False),
    Column("计算式", 40, printed=False),
    Column("审核人", 8, printed=False, review=True),
    Column("审核时间", 16, printed=False, review=True),
    Column(KEY_HEADER, 20, printed=False, hidden=True, review=True),
    Column(CHECK_HEADER, 16, printed=False, hidden=True, review=True),
)


def finding_columns(review: bool) -> tuple[Column, ...]:
    """The columns of a workbook exported with a workspace (``review``) or without."""
    return tuple(c for c in FINDING_COLUMNS if review or not c.review)


def print_end(columns: tuple[Column, ...]) -> int:
    """How many columns the print area spans (up to the last printed one)."""
    return max(i for i, c in enumerate(columns) if c.printed) + 1
