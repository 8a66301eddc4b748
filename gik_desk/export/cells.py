"""THE one formula-injection guard (ECOSYSTEM rows 11–12): every spreadsheet cell goes through here.

Report text is untrusted: a body name, a message quoting the source or a reviewer's note may start
with ``=`` and become a live formula in Excel/LibreOffice (OWASP CSV injection). openpyxl writes any
``"=…"`` string as a formula by default, so every text is forced to string type, and a text that a
spreadsheet could read as a formula also gets ``quotePrefix`` (Excel keeps it text when edited).
Text that reads as an error literal (``#N/A``, ``#REF!``) would become an error cell: it is
forced to string type too. Real numbers (including -32) stay numbers; inf and NaN, which no
spreadsheet can hold, are written as text. ``guard_sheet`` routes every ``append`` of a sheet
through here, so a sheet writer cannot bypass the guard by appending a raw value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# = + - @ and the control characters spreadsheets treat as a formula start, full-width too,
# optionally behind leading whitespace (" =1+1" is still a formula in some readers).
_TRIGGERS = "=+-@\t\r\n＝＋－＠"
_DANGEROUS = re.compile(r"^[\s\u3000]*[" + re.escape(_TRIGGERS) + "]")
# Excel's error literals (and the newer dynamic-array ones): a cell holding only one of them,
# in any case, half- or full-width ``#``, is an error cell unless it is forced to text.
_ERROR_LITERAL = re.compile(
    r"^[\s\u3000]*[#＃](?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA|SPILL!|CALC!|"
    r"FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!)[\s\u3000]*$",
    re.IGNORECASE,
)
_TITLE_BAD = re.compile(r"[\[\]:*?/\\]")
MAX_CELL_CHARS = 32_767  # Excel's limit; longer text makes Excel "repair" the file
MAX_TITLE = 31


def is_dangerous(text: str) -> bool:
    """True when a spreadsheet could read this text as a formula, DDE command or error."""
    return bool(_DANGEROUS.match(text) or _ERROR_LITERAL.match(text))


def clean_text(text: str) -> str:
    """Drop the XML-illegal control characters openpyxl refuses, and cap at Excel's cell limit."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


def is_number(value: object) -> bool:
    """A value a spreadsheet stores as a number: finite, not a bool (inf/NaN become text)."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool)


def safe_cell(ws: WriteOnlyWorksheet, value: Any, **style: Any) -> XlCell:
    """The hardened writer: a cell whose text can never be a formula.

    ``style`` sets openpyxl style attributes (font, fill, alignment, number_format, border).
    """
    if value is None:
        cell = WriteOnlyCell(ws, None)
    elif is_number(value):
        cell = WriteOnlyCell(ws, value)
    else:
        text = clean_text(value if isinstance(value, str) else str(value))
        cell = WriteOnlyCell(ws, None)
        cell.value = text
        cell.data_type = "s"  # never "f", whatever the text starts with
        if is_dangerous(text):
            cell.quotePrefix = True
    for name, val in style.items():
        if val is not None:
            setattr(cell, name, val)
    return cell


def safe_value(ws: WriteOnlyWorksheet, value: Any) -> Any:
    """A plain value openpyxl cannot turn into a formula, or a hardened cell when it could.

    Plain values are written much faster than cell objects; openpyxl only makes a formula of a
    string starting with ``=``, which :func:`is_dangerous` covers, so safe text passes as is.
    """
    if value is None or is_number(value):
        return value
    if isinstance(value, XlCell):
        return guard_cell(value)
    text, dangerous = vetted(value if isinstance(value, str) else str(value))
    return safe_cell(ws, text) if dangerous else text


@lru_cache(maxsize=4096)
def vetted(text: str) -> tuple[str, bool]:
    """The text a cell holds and whether a spreadsheet could read it as a formula: labels,
    names and files repeat on every row of a long sheet, so each text is vetted once."""
    clean = clean_text(text)
    return clean, is_dangerous(clean)


def guard_cell(cell: XlCell) -> XlCell:
    """A cell object made elsewhere: a formula or error type is turned back into guarded text."""
    if cell.data_type in ("f", "e") or (
        cell.data_type == "s" and isinstance(cell.value, str) and is_dangerous(cell.value)
    ):
        text = clean_text(str(cell.value))
        cell.value = text
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def safe_row(ws: WriteOnlyWorksheet, values: Iterable[Any]) -> list[Any]:
    """A row for ``ws.append``: every value through the guard."""
    return [safe_value(ws, v) for v in values]


def guard_sheet(ws: WriteOnlyWorksheet) -> WriteOnlyWorksheet:
    """Route every ``ws.append`` through :func:`safe_row`: no raw value reaches the sheet.

    Idempotent values (already guarded cells, safe text, numbers) pass unchanged, so rows
    built with ``safe_row`` cost one more cheap check per value.
    """
    raw_append: Callable[[Iterable[Any]], None] = ws.append

    def append(row: Iterable[Any]) -> None:
        raw_append(safe_row(ws, row))

    ws.append = append
    return ws


def sheet_title(name: str, taken: Iterable[str] = ()) -> str:
    """A legal, unique sheet title: ≤ 31 chars, none of []:*?/\\, no leading/trailing apostrophe.

    Excel refuses such names (openpyxl only warns), and compares titles case-insensitively.
    """
    title = _TITLE_BAD.sub("_", ILLEGAL_CHARACTERS_RE.sub("", name)).strip().strip("'").strip()
    if not title or title.lower() == "history":  # Excel reserves "History"
        title = f"表{title}" if title else "表"
    title = title[:MAX_TITLE]
    lower = {t.lower() for t in taken}
    base, n = title, 2
    while title.lower() in lower:
        suffix = f"({n})"
        title = base[: MAX_TITLE - len(suffix)] + suffix
        n += 1
    return title


def csv_value(value: Any) -> Any:
    """A value for a CSV cell: dangerous text gets a leading ``'`` (OWASP); numbers pass."""
    if value is None or is_number(value):
        return value
    text = value if isinstance(value, str) else str(value)
    return "'" + text if is_dangerous(text) else text


# the characters ``display_width`` counts as two columns: CJK and full-width forms
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
    "\uffe0-\uffe6\U00020000-\U0003fffd]"
)


def display_width(text: str) -> int:
    """Columns a text needs: CJK and full-width characters count as 2. Only what a cell can
    hold is measured (issue 27: a 50 MB note took a minute here, for a capped column); the
    wide characters are counted by one C-level scan (issue 26: it was a loop per character)."""
    text = text[:MAX_CELL_CHARS]
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


class WidthTracker:
    """Column widths that fit Chinese text, capped so a long message wraps instead."""

    def __init__(self, n_cols: int, *, cap: int = 60, floor: int = 6) -> None:
        self.widths = [floor] * n_cols
        self.cap = cap

    def see(self, values: Iterable[Any]) -> None:
        for i, v in enumerate(values):
            if i >= len(self.widths) or v is None:
                continue
            text = v if isinstance(v, str) else str(v.value if isinstance(v, XlCell) else v)
            lines = text[:MAX_CELL_CHARS].split("\n")  # what the cell holds (clean_text)
            longest = max((display_width(line) for line in lines), default=0)
            self.widths[i] = max(self.widths[i], min(self.cap, longest + 2))
