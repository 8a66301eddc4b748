"""Reportlab pages for issue 19's fast PDF reader, generated at test time (nothing committed).

Each function draws what a reader sees; the tests key the expected cells by hand from the
strings written here, never from the reader's output.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.cjkfont import FONT, cjk_font

A4 = (595.0, 842.0)
ROW_H = 22.0


def _canvas(path: Path, size: tuple[float, float] = A4) -> Any:
    from reportlab.pdfgen import canvas

    cjk_font()  # the bundled font, embedded
    c = canvas.Canvas(str(path), pagesize=size)
    c.setFont(FONT, 11)
    return c


def _grid(
    c: Any,
    left: float,
    top: float,
    widths: Sequence[float],
    rows: Sequence[Sequence[str]],
    *,
    order: Sequence[tuple[int, int]] | None = None,
    rules: bool = True,
) -> float:
    """A ruled grid with its top-left corner at (left, top); returns the y of its bottom rule.

    ``order`` draws the cells in that sequence (text out of reading order); the rules are
    drawn after the text, as some generators do.
    """
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [top - ROW_H * i for i in range(len(rows) + 1)]
    cells = order or [(r, k) for r in range(len(rows)) for k in range(len(rows[r]))]
    for r, k in cells:
        c.drawString(xs[k] + 4, ys[r] - 15, rows[r][k])
    if rules:
        for y in ys:
            c.line(xs[0], y, xs[-1], y)
        for x in xs:
            c.line(x, ys[0], x, ys[-1])
    return ys[-1]


APPLY_ROWS = [
    ["项目", "自然人", "法人", "总计"],
    ["一、本年新收政府信息公开申请数量", "31", "4", "35"],
    ["二、上年结转政府信息公开申请数量", "2", "0", "2"],
    ["（一）予以公开", "20", "3", "23"],
]
WIDTHS = (230.0, 60.0, 60.0, 60.0)


def out_of_order_pdf(path: Path) -> Path:
    """Prose drawn bottom line first, table cells drawn last row first, right to left."""
    c = _canvas(path)
    c.drawString(60, 700, "三、收到和处理政府信息公开申请情况")
    c.drawString(60, 780, "某某县人民政府2023年政府信息公开工作年度报告")
    c.drawString(60, 740, "本年度依申请公开情况见下表。")
    order = [(r, k) for r in reversed(range(4)) for k in reversed(range(4))]
    _grid(c, 60, 680, WIDTHS, APPLY_ROWS, order=order)
    c.showPage()
    c.save()
    return path


def rotated_page_pdf(path: Path) -> Path:
    """A portrait page with /Rotate 90 whose content is drawn to read upright when displayed
    (landscape 842 × 595), as scanners and Word's landscape sections make them."""
    c = _canvas(path)
    c.setPageRotation(90)
    c.translate(A4[0], 0)
    c.rotate(90)  # from here on: displayed (landscape) coordinates, bottom-left origin
    c.setFont(FONT, 11)
    c.drawString(60, 540, "表三：收到和处理政府信息公开申请情况")
    _grid(c, 60, 520, (300.0, 80.0, 80.0, 80.0), APPLY_ROWS)
    c.showPage()
    c.save()
    return path


def page_break_pdf(path: Path) -> Path:
    """One table across a page break: header and two rows at the foot of page 1, two rows at
    the head of page 2, then prose."""
    c = _canvas(path)
    c.drawString(60, 780, "某某县人民政府2023年政府信息公开工作年度报告")
    c.drawString(60, 200, "三、收到和处理政府信息公开申请情况")
    _grid(c, 60, 170, WIDTHS, APPLY_ROWS[:3])
    c.showPage()
    c.setFont(FONT, 11)
    _grid(c, 60, 780, WIDTHS, [APPLY_ROWS[3], ["（二）部分公开", "1", "0", "1"]])
    c.drawString(60, 700, "四、政府信息公开行政复议、行政诉讼情况")
    c.showPage()
    c.save()
    return path


def unruled_pdf(path: Path) -> Path:
    """A table set in columns with no ruling lines at all."""
    c = _canvas(path)
    c.drawString(60, 780, "三、收到和处理政府信息公开申请情况")
    y = 740.0
    for row in APPLY_ROWS:
        x = 60.0
        for text, w in zip(row, WIDTHS, strict=True):
            c.drawString(x, y, text)
            x += w
        y -= ROW_H
    c.showPage()
    c.save()
    return path


def turned_header_pdf(path: Path) -> Path:
    """A ruled table whose first column is one merged cell with its label printed turned 90°
    (read top to bottom): the fast reader does not vouch for turned text, so pdfplumber
    reads this page."""
    c = _canvas(path)
    c.drawString(60, 780, "三、收到和处理政府信息公开申请情况")
    left, top, xs = 60.0, 740.0, (60.0, 100.0, 180.0, 260.0)
    rows = [["自然人", "总计"], ["31", "35"], ["2", "2"]]
    ys = [top - ROW_H * i for i in range(4)]
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            c.drawString(xs[k + 1] + 4, ys[r] - 15, text)
    for y in (ys[0], ys[-1]):
        c.line(left, y, xs[-1], y)
    for y in ys[1:-1]:
        c.line(xs[1], y, xs[-1], y)  # the first column is one merged cell
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    c.saveState()
    c.translate(76, ys[0] - 6)
    c.rotate(-90)
    c.drawString(0, 0, "申请人情况")
    c.restoreState()
    c.drawString(60, ys[-1] - 30, "行政复议和本年新收申请的统计表如上")
    c.showPage()
    c.save()
    return path


def rule_storm_pdf(path: Path, n: int = 520) -> Path:
    """A table page whose drawing is ``n`` × ``n`` crossing rules 5 pt apart (rules closer
    than 3 pt snap into one), as no report draws them: a poster-sized page."""
    size = 40 + 5.0 * n + 40
    c = _canvas(path, (size, size))
    c.drawString(60, size - 20, "某某县人民政府2023年政府信息公开工作年度报告")
    c.drawString(60, size - 35, "本年新收政府信息公开申请数量 35")
    c.setLineWidth(0.1)
    for i in range(n):
        c.line(40, 40 + i * 5.0, size - 40, 40 + i * 5.0)
        c.line(40 + i * 5.0, 40, 40 + i * 5.0, size - 40)
    c.showPage()
    c.save()
    return path
