"""A spreadsheet's size read from its XML before any library loads it (issue 10).

calamine allocates a sheet as a dense grid up to its last cell: one cell at XFD1048576 in a
1.5 kB file asked for 512 GB and aborted the process (rc 134); one at CV1048576 took 3.2 GB.
1,000 merged ranges in 8 kB made the merge expansion take > 10 GB. So before calamine sees a
sheet, its part is scanned once, linearly, by a bounded tag scanner: the ``<dimension>``, the
last ``<row>``/``<c>`` reference (or position, when ``r`` is omitted) and every
``<mergeCell>``. A sheet whose grid or merges would exceed ``Limits.max_table_slots`` (or
``Limits.max_merges``) is skipped with a warning, never loaded.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from gik_desk.ingest.limits import Limits

_TAG = re.compile(rb"<(?:\w+:)?(row|c|dimension|mergeCell)\b([^>]*)>")
_R = re.compile(rb'\br="([^"]{1,32})"')
_REF = re.compile(rb'\bref="([^"]{1,64})"')
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,7})\$?([0-9]{1,12})$")
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_NAME = re.compile(rb'\bname="([^"]*)"')
_RID = re.compile(rb'\b(?:\w+:)?id="([^"]*)"')
_REL = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_ID = re.compile(rb'\bId="([^"]*)"')
_TARGET = re.compile(rb'\bTarget="([^"]*)"')
_SMALL_PART = 4 * 1024 * 1024  # workbook.xml and its rels: a few kB in any real file


@dataclass(frozen=True, slots=True)
class Extent:
    """How far a sheet reaches (0-based last row and column) and what its merges cover."""

    last_row: int = -1
    last_col: int = -1
    merges: int = 0
    merged_slots: int = 0

    @property
    def slots(self) -> int:
        return (self.last_row + 1) * (self.last_col + 1)


def _cell(ref: str) -> tuple[int, int] | None:
    """``"XFD1048576"`` → (1048575, 16383), 0-based; None when it is no cell reference."""
    m = _CELL_REF.match(ref)
    if m is None:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def _range(ref: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    a, _, b = ref.partition(":")
    first, last = _cell(a), _cell(b or a)
    if first is None or last is None:
        return None
    return first, last


def tags(pattern: re.Pattern[bytes], xml: bytes) -> Iterator[re.Match[bytes]]:
    """``pattern.finditer`` ending at the last ``>``: a tag pattern's ``[^>]*`` then always
    meets a ``>`` and matches, so no start is retried over the rest of the text (issue 27:
    ``<c <c <c …`` with no ``>`` after it was quadratic)."""
    return pattern.finditer(xml, 0, xml.rfind(b">") + 1)


def extent(xml: bytes) -> Extent:
    """One linear pass over a worksheet part. O(len(xml))."""
    last_row = last_col = -1
    row = -1
    col = -1
    merges = merged = 0
    for m in tags(_TAG, xml):
        tag, attrs = m.group(1), m.group(2)
        if tag == b"row":
            r = _R.search(attrs)
            row = int(r.group(1)) - 1 if r and r.group(1).isdigit() else row + 1
            col = -1
            last_row = max(last_row, row)
        elif tag == b"c":
            r = _R.search(attrs)
            at = _cell(r.group(1).decode("ascii", "replace")) if r else None
            if at is not None:
                row, col = at
                last_row = max(last_row, row)
            else:
                col += 1
                last_row = max(last_row, row, 0)
            last_col = max(last_col, col)
        else:
            ref = _REF.search(attrs)
            span = _range(ref.group(1).decode("ascii", "replace")) if ref else None
            if span is None:
                continue
            (r0, c0), (r1, c1) = span
            if tag == b"dimension":
                last_row, last_col = max(last_row, r1), max(last_col, c1)
            else:
                merges += 1
                merged += (abs(r1 - r0) + 1) * (abs(c1 - c0) + 1)
    return Extent(last_row, last_col, merges, merged)


def too_large(ext: Extent, limits: Limits) -> str:
    """Why a sheet of this extent must not be loaded, or "" when it may."""
    if ext.slots > limits.max_table_slots:
        return f"最后一个单元格在第 {ext.last_row + 1} 行第 {ext.last_col + 1} 列，范围过大"
    if ext.merges > limits.max_merges:
        return f"合并单元格 {ext.merges} 处，数量异常"
    if ext.merged_slots > limits.max_table_slots:
        return f"合并单元格共覆盖 {ext.merged_slots} 格，范围过大"
    return ""


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → worksheet part (``xl/worksheets/sheet1.xml``), from workbook.xml and its
    relationships; an unreadable or oversized index gives {} (then every part is checked)."""
    return dict(sheet_entries(zf) or [])


def sheet_entries(zf: zipfile.ZipFile) -> list[tuple[str, str]] | None:
    """Every (sheet name, worksheet part) the index lists, repeats included, in its order;
    None when the index cannot be read."""
    try:
        wb_info = zf.getinfo("xl/workbook.xml")
        rel_info = zf.getinfo("xl/_rels/workbook.xml.rels")
        if max(wb_info.file_size, rel_info.file_size) > _SMALL_PART:
            return None
        workbook, rels = zf.read(wb_info), zf.read(rel_info)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return None
    targets: dict[bytes, str] = {}
    for m in tags(_REL, rels):
        rid, target = _ID.search(m.group(1)), _TARGET.search(m.group(1))
        if rid and target:
            t = target.group(1).decode("utf-8", "replace").lstrip("/")
            targets[rid.group(1)] = t if t.startswith("xl/") else f"xl/{t}"
    out: list[tuple[str, str]] = []
    for m in tags(_SHEET, workbook):
        name, rid = _NAME.search(m.group(1)), _RID.search(m.group(1))
        if name and rid and rid.group(1) in targets:
            out.append(
                (html.unescape(name.group(1).decode("utf-8", "replace")), targets[rid.group(1)])
            )
    return out


def oversized_sheets(zf: zipfile.ZipFile, limits: Limits) -> tuple[dict[str, str], bool]:
    """(sheet name → why it is not loaded, whether some sheet part could not be named).

    A part whose sheet name is unknown and that is too large makes the second value True:
    the caller must then not load any sheet it cannot vouch for.
    """
    names = sheet_parts(zf)
    by_part = {part: name for name, part in names.items()}
    out: dict[str, str] = {}
    unnamed = False
    for info in zf.infolist():
        part = info.filename
        if not (part.startswith("xl/worksheets/") and part.endswith(".xml")):
            continue
        why = too_large(extent(zf.read(info)), limits)
        if why:
            name = by_part.get(part)
            if name is None:
                unnamed = True
            else:
                out[name] = why
    return out, unnamed
