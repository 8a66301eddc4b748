"""Writing one sheet: header, rows through the guard, widths, frozen header, filter, colours.

Workbooks are write-only (streamed): 1,000 reports make ~200k data rows, which a normal
openpyxl workbook holds as millions of cell objects. Write-only sheets need their column widths
and panes before the first row, so a sheet is laid out from plain rows in one go.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation

from gik_desk.export.cells import WidthTracker, clean_text, safe_cell, sheet_title
from gik_desk.export.printing import PrintInfo, fit_height, fit_page
from gik_desk.export.sheetxml import Looks, RowWriter, StyleKey
from gik_desk.model import Severity

SEVERITY_FILL: dict[Severity, PatternFill] = {
    Severity.ERROR: PatternFill("solid", fgColor="FFC7CE"),
    Severity.WARNING: PatternFill("solid", fgColor="FFEB9C"),
    Severity.INFO: PatternFill("solid", fgColor="DDEBF7"),
}
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
TITLE_FONT = Font(bold=True, size=13)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")  # numbers and short words beside wrapped text: one top line
AUTHOR = "GIK Desk"
COMMENT_SIZE = (120, 320)  # height, width (pt): room for a few findings' messages
COMMENT_CHARS = 30_000


@dataclass(slots=True)
class Styled:
    """A value with a look: a severity colour, a comment, bold, wrapping."""

    value: Any
    fill: PatternFill | None = None
    comment: str | None = None
    bold: bool = False
    wrap: bool = False
    top: bool = False


def styled_cell(ws: WriteOnlyWorksheet, s: Styled) -> Any:
    cell = safe_cell(
        ws,
        s.value,
        fill=s.fill,
        font=HEADER_FONT if s.bold else None,
        alignment=WRAP if s.wrap else TOP if s.top else None,
    )
    if s.comment:
        text = clean_text(s.comment)[:COMMENT_CHARS]
        cell.comment = Comment(text, AUTHOR, height=COMMENT_SIZE[0], width=COMMENT_SIZE[1])
    return cell


def _look(v: Any) -> tuple[Any, StyleKey, str | None] | None:
    """A ``Styled`` value as the row writer takes it: value, look, comment."""
    if type(v) is not Styled:
        return None
    align = WRAP if v.wrap else TOP if v.top else None
    key = (v.fill, HEADER_FONT if v.bold else None, align, False)
    comment = clean_text(v.comment)[:COMMENT_CHARS] if v.comment else None
    return v.value, key, comment


@dataclass(slots=True)
class Block:
    """One small table of a side-by-side sheet: a title over its own header and rows."""

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]
    empty: str = "(无)"  # the one row written when there are no rows


def _plain(v: Any) -> Any:
    return v.value if isinstance(v, Styled) else v


class SheetBook:
    """A write-only workbook whose sheet titles are sanitised and unique."""

    def __init__(self, info: PrintInfo | None = None) -> None:
        self.wb = Workbook(write_only=True)
        self.titles: list[str] = []
        self.info = info or PrintInfo("政府信息公开年报审核", "")
        self._writers: list[RowWriter] = []
        self._looks: Looks | None = None

    def discard(self) -> None:
        """Close half-written streamed sheets so their temp files and writers end cleanly."""
        for w in self._writers:
            w.discard()
        for ws in self.wb.worksheets:
            with contextlib.suppress(Exception):
                ws.close()

    def sheet(self, name: str) -> WriteOnlyWorksheet:
        """A new sheet whose every ``append`` passes the formula-injection guard: its rows are
        written by ``sheetxml.RowWriter`` (every value through ``cells.vetted``), which also
        takes ``Styled`` values as they are (one style id per look, not a cell object each)."""
        title = sheet_title(name, self.titles)
        self.titles.append(title)
        ws = self.wb.create_sheet(title)
        if self._looks is None:
            self._looks = Looks(ws)
        self._writers.append(RowWriter(ws, self._looks, _look))
        return ws

    def table(
        self,
        name: str,
        headers: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        wrap_cols: Iterable[int] = (),
        validation: tuple[int, Sequence[str]] | None = None,
        cap: int = 60,
        print_cols: int | None = None,
        max_widths: Sequence[float] = (),
        hidden_cols: Iterable[int] = (),
        aside_cols: Iterable[int] = (),
        scale: int | None = None,
        align_top: bool = False,
    ) -> WriteOnlyWorksheet:
        """A list sheet: bold frozen header, autofilter, widths fitted to CJK text and to A4.

        ``validation`` = (column index, allowed values): a dropdown list on that column.
        ``print_cols``: only the first columns print; the rest are secondary (codes, paths).
        ``hidden_cols``: technical columns kept out of sight (still inside the autofilter, so
        a sort moves them with their row). ``aside_cols``: columns inside the print area that
        do not print: grouped and folded, a click on ＋ shows them. ``scale``: the least print
        scale the printed columns are fitted for (``printing.fit_page``). ``align_top``: every
        cell, not only the wrapped ones, sits at the top of its row.
        """
        ws = self.sheet(name)
        body = rows if isinstance(rows, list) else list(rows)
        widths = WidthTracker(len(headers), cap=cap)
        widths.see(headers)
        for r in body[:5000]:  # a sample is enough for widths and keeps big sheets fast
            widths.see([_plain(v) for v in r])
        for i, most in enumerate(max_widths):  # the columns a printed page gives room to
            widths.widths[i] = int(min(widths.widths[i], most))
        wrap = set(wrap_cols)
        hidden, aside = set(hidden_cols), set(aside_cols)
        final = fit_page(
            ws,
            widths.widths,
            self.info,
            wrap=wrap,
            print_cols=print_cols,
            rows=len(body) + 1,
            skip=hidden | aside,
            scale=scale,
            sample=body,
        )
        for i in hidden | aside:
            dim = ws.column_dimensions[get_column_letter(i + 1)]
            dim.hidden = True
            if i in aside:
                dim.outlineLevel = 1
        ws.freeze_panes = "A2"
        last = f"{get_column_letter(len(headers))}{len(body) + 1}"
        ws.auto_filter.ref = f"A1:{last}"
        if validation is not None and body:
            col, allowed = validation
            letter = get_column_letter(col + 1)
            dv = DataValidation(
                type="list",
                formula1='"' + ",".join(allowed) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="审核状态",
                error="请从列表中选择审核状态",
            )
            dv.add(f"{letter}2:{letter}{len(body) + 1}")
            ws.data_validations.append(dv)
        fit_height(ws, 1, headers, final, set(range(len(headers))) - hidden - aside)
        ws.append([Styled(h, fill=HEADER_FILL, bold=True, wrap=True) for h in headers])
        wrap_shown = wrap - hidden - aside  # a folded column's text never sets a row's height
        if not wrap and not align_top:  # every value as it is (表格数据: a million cells)
            for r in body:
                ws.append(r)
            return ws
        for n, r in enumerate(body, start=2):
            if wrap_shown:
                fit_height(ws, n, r, final, wrap_shown)
            out = []
            for i, v in enumerate(r):
                if isinstance(v, Styled):
                    if i in wrap:
                        v.wrap = True
                    v.top = align_top
                    out.append(v)
                elif i in wrap and isinstance(v, str) and v:
                    out.append(Styled(v, wrap=True))
                elif align_top and v is not None:
                    out.append(Styled(v, top=True))
                else:
                    out.append(v)
            ws.append(out)
        return ws

    def side_by_side(
        self,
        name: str,
        blocks: Sequence[Block],
        *,
        gap: int = 1,
        cap: int = 40,
        wrap_cols: Iterable[int] = (),
    ) -> WriteOnlyWorksheet:
        """Small tables next to each other on one sheet: titles in row 1, headers in row 2.

        Side by side (not stacked) so one frozen header row serves every block however long
        any of them grows; widths fit the CJK text of every block.
        """
        ws = self.sheet(name)
        starts: list[int] = []
        col = 0
        for b in blocks:
            starts.append(col)
            col += len(b.headers) + gap
        width = max(col - gap, 1)
        bodies = [[list(r) for r in b.rows] or [[b.empty]] for b in blocks]
        n_rows = max((len(rows) for rows in bodies), default=0)
        grid: list[list[Any]] = [[None] * width for _ in range(n_rows)]
        header: list[Any] = [None] * width
        titles: list[Any] = [None] * width
        for start, b, rows in zip(starts, blocks, bodies, strict=True):
            titles[start] = b.title
            header[start : start + len(b.headers)] = list(b.headers)
            for i, r in enumerate(rows):
                cut = r[: len(b.headers)]  # never spill into the next block
                grid[i][start : start + len(cut)] = cut
        widths = WidthTracker(width, cap=cap)
        widths.see(header)
        for r in grid[:5000]:
            widths.see([_plain(v) for v in r])
        wrap = set(wrap_cols)
        final = fit_page(ws, widths.widths, self.info, wrap=wrap, title_rows="1:2")
        fit_height(ws, 2, header, final, range(len(header)))
        for n, r in enumerate(grid, start=3):
            fit_height(ws, n, r, final, wrap)
        ws.freeze_panes = "A3"
        ws.append([None if t is None else Styled(t, bold=True) for t in titles])
        ws.append(
            [None if h is None else Styled(h, fill=HEADER_FILL, bold=True, wrap=True)
             for h in header]
        )  # fmt: skip
        for r in grid:
            ws.append(
                [
                    Styled(v, wrap=True) if i in wrap and isinstance(v, str) and v else v
                    for i, v in enumerate(r)
                ]
            )
        return ws
