"""Named sheets of an untrusted .xlsx as rows of values, behind the same guards as ingest.

A workbook that comes back from a colleague is as untrusted as any report: the byte cap, the
zip-bomb check (``zipguard``) and the sheet-extent scan (``xlsxguard``) run before
python-calamine loads a sheet, exactly as for a report spreadsheet (``ingest/xlsx.py``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from gik_desk.ingest.detect import actual_kind
from gik_desk.ingest.errors import ingest_error
from gik_desk.ingest.limits import Limits
from gik_desk.ingest.xlsxguard import extent, oversized_sheets, sheet_entries, too_large
from gik_desk.ingest.zipguard import ZIP_ERRORS, check_zip

# one linear scan (issue 27): a cell's start tag, or a comment or CDATA section skipped whole.
# Each search starts where the last one ended and none can backtrack over what it skips, so a
# comment full of ``<c `` (the old ``<c ...>(.*?)</c>`` pattern was quadratic over it) is read
# once. The alternatives are literals or one bounded word each.
_TOKEN = re.compile(rb"<!--|<!\[CDATA\[|<(?:\w{1,32}:)?c\b")
_CLOSE = re.compile(rb"</(?:\w{1,32}:)?c\s*>")
_REF = re.compile(rb'\br="\$?([A-Za-z]{1,3})\$?([0-9]{1,7})"')
_F = re.compile(rb"<(?:\w{1,32}:)?f\b")
_V = re.compile(rb"<(?:\w{1,32}:)?v\b[^>]{0,200}>[^<]")  # a cached value that is not empty


@dataclass(frozen=True, slots=True)
class SheetRows:
    """A sheet's cells as text from A1, and which cells (0-based row, col) hold a formula:
    what a formula shows is its cached result, not what the person typed. ``uncached`` are the
    formulas saved without a result (a program that wrote the file without calculating it):
    calamine reads them as empty."""

    rows: list[list[str]]
    formulas: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    uncached: frozenset[tuple[int, int]] = field(default_factory=frozenset)


def _formula_cells(xml: bytes) -> tuple[frozenset[tuple[int, int]], frozenset[tuple[int, int]]]:
    """The cells holding a formula, and those of them without a cached value: linear time in
    the sheet's size whatever it holds."""
    found: set[tuple[int, int]] = set()
    uncached: set[tuple[int, int]] = set()
    if not _F.search(xml):
        return frozenset(), frozenset()
    pos = 0
    while True:
        m = _TOKEN.search(xml, pos)
        if m is None:
            break
        token = m.group()
        if token == b"<!--" or token.startswith(b"<![CDATA["):
            end = xml.find(b"-->" if token == b"<!--" else b"]]>", m.end())
            if end < 0:
                break
            pos = end + 3
            continue
        tag_end = xml.find(b">", m.end())
        if tag_end < 0:
            break
        attrs = xml[m.end() : tag_end]
        pos = tag_end + 1
        if attrs.endswith(b"/"):
            continue
        close = _CLOSE.search(xml, pos)
        if close is None:
            break  # no cell after this one has content either
        body = xml[pos : close.start()]
        pos = close.end()
        if not _F.search(body):
            continue
        ref = _REF.search(attrs)
        if ref is None:
            continue
        col = 0
        for ch in ref.group(1).upper():
            col = col * 26 + ch - 64
        cell = (int(ref.group(2)) - 1, col - 1)
        found.add(cell)
        if not _V.search(body):
            uncached.add(cell)
    return frozenset(found), frozenset(uncached)


def cell_text(v: Any) -> str:
    """A calamine value as the text a reader sees (3.0 → "3", a date in ISO form)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, dt.datetime | dt.date | dt.time):
        return v.isoformat()
    return str(v)


def read_sheet_rows(
    path: str | Path, names: Sequence[str], limits: Limits | None = None
) -> dict[str, SheetRows]:
    """Each of ``names`` present in the workbook → its rows (from A1) as text cells.

    Raises ``IngestError`` for a file that is missing, too large, not an .xlsx, a zip bomb, or
    whose wanted sheet is too large to load. Sheets not present are left out of the result.
    """
    limits = limits or Limits()
    p = Path(path)
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise ingest_error("not-a-file", str(p))
        if size > limits.max_bytes:
            raise ingest_error("too-large", f"{size} bytes > {limits.max_bytes}")
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise ingest_error("not-found", str(p)) from exc
    except OSError as exc:
        raise ingest_error("unreadable", str(exc)) from exc
    if not data:
        raise ingest_error("empty-file", str(p))
    if not data.startswith(b"PK"):
        kind = actual_kind(data[:1024])
        why = f"文件内容实为{kind}，不是 Excel 工作簿(.xlsx)" if kind else "文件不是 Excel 工作簿"
        raise ingest_error("corrupt-xlsx", "not a zip", f"{why}，请用 Excel/WPS 打开后另存为 .xlsx")
    formulas: dict[str, frozenset[tuple[int, int]]] = {}
    uncached: dict[str, frozenset[tuple[int, int]]] = {}
    with check_zip(data, limits, "corrupt-xlsx") as zf:
        try:
            entries = sheet_entries(zf)
            members = set(zf.namelist())
            named = [(n, part) for n, part in entries or [] if n in names]
            if entries is not None and all(part in members for _, part in named):
                # calamine loads a sheet only when asked for it: every part a wanted name
                # points at (a repeated name too) is checked before it is
                for name, part in named:
                    xml = zf.read(part)
                    why = too_large(extent(xml), limits)
                    if why:
                        raise ingest_error("table-too-large", f"{name}: {why}")
                    found, empty = _formula_cells(xml)
                    formulas[name] = formulas.get(name, frozenset()) | found
                    uncached[name] = uncached.get(name, frozenset()) | empty
            else:  # the index does not name every part: check them all, as ingest does
                oversized, unnamed = oversized_sheets(zf, limits)
                if unnamed:
                    raise ingest_error("table-too-large", "an oversized part without a name")
                for name in names:
                    if name in oversized:
                        raise ingest_error("table-too-large", f"{name}: {oversized[name]}")
        except ZIP_ERRORS as exc:
            raise ingest_error("corrupt-xlsx", f"{type(exc).__name__}: {exc}") from exc
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types for broken files
        raise ingest_error("corrupt-xlsx", f"calamine: {exc}") from exc
    out: dict[str, SheetRows] = {}
    try:
        for name in names:
            if name not in wb.sheet_names:
                continue
            try:
                sheet = wb.get_sheet_by_name(name)
                end_row, end_col = sheet.end or (0, 0)
                if (end_row + 1) * (end_col + 1) > limits.max_table_slots:
                    raise ingest_error("table-too-large", f"{name}: {end_row + 1} rows")
                rows = sheet.to_python(skip_empty_area=False)
            except CalamineError as exc:
                raise ingest_error("corrupt-xlsx", f"{name}: {type(exc).__name__}") from exc
            text = [[cell_text(v) for v in row] for row in rows]
            out[name] = SheetRows(
                text, formulas.get(name, frozenset()), uncached.get(name, frozenset())
            )
    finally:
        wb.close()
    return out
