"""Page setup: every visible sheet prints on A4, one page wide, at a scale a reader can read.

Widths are chosen here, not left to the printer: a sheet fitted to one page wide by the printer
alone shrinks a 15-column list to an unreadable 40 %. So the columns that wrap (long text) are
narrowed until the printed columns fit the page at ``MIN_SCALE`` or better, portrait when they
fit upright, else landscape. ``fitToWidth=1`` stays on as a safety net for fonts wider than
Calibri's metrics; ``scale`` records the scale the widths were chosen for.

Write-only sheets write ``sheetPr`` (fit to page) and the column widths with their first row,
so :func:`fit_page` must run before the first ``append``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from gik_desk.export.cells import MAX_CELL_CHARS, display_width
from gik_desk.export.sheetxml import set_row_height

MIN_SCALE = 90  # the least scale widths are fitted for (a reader needs ≥ 70 %: see below)
# LibreOffice without Calibri or Carlito measures widths in DejaVu Sans digits, about 1.25 times
# Calibri's, so a sheet fitted at 100 % here prints at ~80 % there and at 90 % at ~72 %.
# Lists read on paper (问题清单, 汇总) are fitted for PRINT_SCALE even where the columns are
# measured in DejaVu digits, WIDE_FONT times Calibri's (LibreOffice without Calibri: the seeds'
# 问题清单 fitted at 782 pt of Calibri printed at 78 %, i.e. 1.28); with Calibri they print at
# 100 % (issue 24).
PRINT_SCALE = 85
WIDE_FONT = 1.15
PORTRAIT_SQUEEZE = 1.15  # portrait when narrowing the wrapping columns by at most this much does
PAGE_NO = "第 &P 页 共 &N 页"
_MARGIN_IN = 0.4  # left and right, inches
# printable width in points: A4 is 595 × 842 pt, less the left and right margins
_PORTRAIT_PT = 595 - 2 * 72 * _MARGIN_IN
_LANDSCAPE_PT = 842 - 2 * 72 * _MARGIN_IN


@dataclass(frozen=True, slots=True)
class PrintInfo:
    """What the header and footer say: the batch's name and when it was exported."""

    name: str
    date: str


def column_points(width: float) -> float:
    """Printed width of a column of ``width`` characters (Calibri 11: 7 px a char + 5 px pad)."""
    return (width * 7 + 5) * 0.75


def total_points(widths: Iterable[float]) -> float:
    return sum(column_points(w) for w in widths)


def fit_widths(
    widths: Sequence[float], wrap: Iterable[int], page_pt: float, *, floor: float = 8
) -> list[float]:
    """Narrow the wrapping columns (widest first, never below ``floor``) until all fit."""
    out = [float(w) for w in widths]
    narrowable = [i for i in set(wrap) if i < len(out)]
    while total_points(out) > page_pt:
        wide = [i for i in narrowable if out[i] > floor]
        if not wide:
            break
        i = max(wide, key=lambda k: out[k])
        excess = (total_points(out) - page_pt) / (7 * 0.75)
        out[i] = max(floor, out[i] - max(1.0, min(excess, out[i] / 4)))
    return [math.floor(w * 10) / 10 for w in out]  # down: a rounded-up sum would not fit


SAMPLE_ROWS = 100  # rows the room is shared on: enough to see a list's long texts, and fast


def share_room(
    widths: Sequence[float],
    wrap: Iterable[int],
    rows: Sequence[Sequence[Any]],
    page_pt: float,
) -> list[float]:
    """Widths that print ``rows`` in the fewest lines on a page ``page_pt`` wide.

    Each wrapping column starts at its given width (its floor); the room left on the page goes
    where it saves the most lines per character over the rows — a long 说明 on every row, a
    long 建议更正 on a few, an empty 审核备注 nothing. A row is as tall as its tallest cell, so
    this is what makes a finding one short line where it can be (issue 24).
    """
    out = [float(w) for w in widths]
    cols = sorted(i for i in set(wrap) if i < len(out))
    if not cols or not rows:
        return out
    sample = rows[:: max(1, len(rows) // SAMPLE_ROWS)]
    parts = {i: [[display_width(p) for p in _text(r, i).split("\n")] for r in sample] for i in cols}
    widest = {i: max(max(c) for c in parts[i]) for i in cols}

    known: dict[tuple[int, float], list[int]] = {}  # the same widths are tried round after round

    def lines(i: int, w: float) -> list[int]:
        found = known.get((i, w))
        if found is None:
            per_line = max(w - 1.0, 2.0)
            found = [sum(max(1, math.ceil(d / per_line)) for d in cell) for cell in parts[i]]
            known[(i, w)] = found
        return found

    current = {i: lines(i, out[i]) for i in cols}
    char_pt = 7 * 0.75
    while True:
        spare = int((page_pt - total_points(out)) / char_pt)
        if spare < 1:
            break
        best: tuple[float, int, int] | None = None  # (lines saved a character, extra, column)
        for i in cols:
            others = [max((current[j][k] for j in cols if j != i), default=1) for k in
                      range(len(sample))]  # fmt: skip
            now = sum(max(o, n) for o, n in zip(others, current[i], strict=True))
            for extra in range(1, min(spare, int(widest[i] + 1 - out[i])) + 1):
                new = lines(i, out[i] + extra)
                saved = now - sum(max(o, n) for o, n in zip(others, new, strict=True))
                if saved > 0 and (best is None or saved / extra > best[0]):
                    best = (saved / extra, extra, i)
        if best is None:
            break
        _, extra, i = best
        out[i] += extra
        current[i] = lines(i, out[i])
    return out


def _text(row: Sequence[Any], i: int) -> str:
    v = row[i] if i < len(row) else None
    v = getattr(v, "value", v)
    return "" if v is None else str(v)


def _escape(text: str) -> str:
    """Header text: ``&`` starts a code (``&P``), so a literal one is doubled; Excel caps 255."""
    return text.replace("&", "&&")[:120]


def fit_page(
    ws: WriteOnlyWorksheet,
    widths: Sequence[float],
    info: PrintInfo,
    *,
    wrap: Iterable[int] = (),
    print_cols: int | None = None,
    title_rows: str | None = "1:1",
    rows: int = 1_048_576,
    skip: Iterable[int] = (),
    scale: int | None = None,
    sample: Sequence[Sequence[Any]] = (),
) -> list[float]:
    """Widths, orientation, A4, fit to one page wide, repeated header rows, header and footer.

    Only the first ``print_cols`` columns print (secondary columns such as codes and file paths
    stay in the workbook for filtering); ``rows`` bounds that print area; ``skip``: columns in
    it that are hidden (they take no room). ``scale``: landscape, with the wrapping columns
    narrowed until the page prints at that scale even in a wide font (``WIDE_FONT``), then the
    room left shared by ``share_room`` over the ``sample`` rows. Returns the widths.
    """
    n = len(widths) if print_cols is None else min(print_cols, len(widths))
    shown = [i for i in range(n) if i not in set(skip)]
    wrap = [shown.index(i) for i in wrap if i in shown]
    printed = [widths[i] for i in shown]
    landscape = scale is not None
    fitted = printed
    if scale is not None:
        room = _LANDSCAPE_PT * 100 / scale / WIDE_FONT
        fitted = fit_widths(printed, wrap, room)
        cells = [[r[i] if i < len(r) else None for i in shown] for r in sample]
        fitted = share_room(fitted, wrap, cells, room)
    elif total_points(printed) <= _PORTRAIT_PT * PORTRAIT_SQUEEZE:
        fitted = fit_widths(printed, wrap, _PORTRAIT_PT)
    if scale is None and total_points(fitted) > _PORTRAIT_PT:
        landscape = True
        fitted = fit_widths(printed, wrap, _LANDSCAPE_PT)
        if total_points(fitted) > _LANDSCAPE_PT:
            fitted = fit_widths(printed, wrap, _LANDSCAPE_PT * 100 / MIN_SCALE)
    page_pt = _LANDSCAPE_PT if landscape else _PORTRAIT_PT
    scale = min(100, int(page_pt * 100 / total_points(fitted)))
    final = [float(w) for w in widths]
    for i, w in zip(shown, fitted, strict=True):
        final[i] = w
    for i, w in enumerate(final, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    setup = ws.page_setup
    setup.paperSize = Worksheet.PAPERSIZE_A4
    setup.orientation = "landscape" if landscape else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    setup.scale = scale
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(
        left=_MARGIN_IN, right=_MARGIN_IN, top=0.6, bottom=0.6, header=0.25, footer=0.25
    )
    ws.print_options.horizontalCentered = False
    if title_rows:
        ws.print_title_rows = title_rows
    if print_cols is not None and print_cols < len(widths):
        ws.print_area = f"A1:{get_column_letter(n)}{max(rows, 1)}"
    ws.oddHeader.left.text = _escape(info.name)
    ws.oddHeader.right.text = "&A"  # the sheet's name
    ws.oddFooter.left.text = _escape(f"导出时间 {info.date}")
    ws.oddFooter.center.text = PAGE_NO
    for part in (ws.oddHeader.left, ws.oddHeader.right, ws.oddFooter.left, ws.oddFooter.center):
        part.size = 9
    return final


# one line of 11 pt text in a CJK font: Noto Sans CJK and 等线 space lines 1.3–1.45 em apart, so
# 15 pt (Calibri's) cut the last line of a long 说明 in LibreOffice (issue 24)
LINE_PT = 16.0
MAX_ROW_PT = 409.0  # Excel's tallest row: a taller one makes it "repair" the file


def lines_needed(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column ``width`` characters wide (CJK counts 2)."""
    if len(text) < 256:  # row labels and marks repeat on every report's block
        return _short_lines(text, width)
    return _lines(text, width)


def _lines(text: str, width: float) -> int:
    per_line = max(width - 1.0, 2.0)
    parts = text[:MAX_CELL_CHARS].split("\n")  # only what the cell holds is laid out
    return sum(max(1, math.ceil(display_width(part) / per_line)) for part in parts)


_short_lines = lru_cache(maxsize=8192)(_lines)


def fit_height(
    ws: WriteOnlyWorksheet, row: int, values: Sequence[Any], widths: Sequence[float], wrap: Any
) -> None:
    """Give a row with wrapped text the height its longest cell needs.

    LibreOffice does not grow rows of a streamed sheet to fit wrapped text, so a row would print
    one line of a long 说明; an explicit height keeps every line (Excel honours it too).
    """
    lines = 1
    wrap = set(wrap)
    for i, v in enumerate(values[: len(widths)]):
        align = getattr(v, "alignment", None)
        wraps = i in wrap or getattr(v, "wrap", False) is True
        if not wraps and not (align is not None and align.wrap_text):
            continue
        text = getattr(v, "value", v)
        if isinstance(text, str) and text:
            lines = max(lines, lines_needed(text, widths[i]))
    if lines > 1:
        set_row_height(ws, row, min(round(lines * LINE_PT + 2, 1), MAX_ROW_PT))
