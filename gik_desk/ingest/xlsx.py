"""Spreadsheets (.xlsx, .xls): python-calamine values and merged ranges, one table per block.

A formula never recalculated by Excel has no cached value (calamine reads it as nothing,
ECOSYSTEM.md row 9): such cells are found in the sheet XML and flagged, never read as 0.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from gik_desk.ingest.builder import TextBuilder
from gik_desk.ingest.errors import ingest_error
from gik_desk.ingest.grid import Placed, normalise
from gik_desk.ingest.limits import Limits
from gik_desk.ingest.xlsxguard import oversized_sheets
from gik_desk.ingest.xlsxrows import cell_text
from gik_desk.ingest.zipguard import ZIP_ERRORS, check_zip
from gik_desk.model import Document

_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_F = re.compile(rb"<(?:\w+:)?f\b")
_V = re.compile(rb"<(?:\w+:)?v>\s*[^<\s]")


def read(path: Path, data: bytes, sha256: str, limits: Limits) -> Document:
    is_zip = data.startswith(b"PK")
    uncached: dict[str, list[str]] = {}
    oversized: dict[str, str] = {}
    if is_zip:
        with check_zip(data, limits, "corrupt-xlsx") as zf:
            try:
                oversized, unnamed = oversized_sheets(zf, limits)  # before calamine loads any
                uncached = _uncached_formulas(zf)
            except ZIP_ERRORS as exc:
                raise ingest_error("corrupt-xlsx", f"{type(exc).__name__}: {exc}") from exc
        if unnamed:
            raise ingest_error("table-too-large", "an oversized sheet part without a sheet name")
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types for broken files
        raise ingest_error("corrupt-xlsx", f"calamine: {exc}") from exc
    out = TextBuilder()
    warnings: list[str] = []
    try:
        for name in wb.sheet_names:
            if name in oversized:
                warnings.append(f"工作表“{name}”{oversized[name]},不像年报表格,已跳过未读取")
                continue
            try:
                sheet = wb.get_sheet_by_name(name)
                end_row, end_col = sheet.end or (0, 0)
                if (end_row + 1) * (end_col + 1) > limits.max_table_slots:
                    warnings.append(f"工作表“{name}”数据量过大,不像年报表格,已跳过未读取")
                    continue
                rows = sheet.to_python(skip_empty_area=False)
                merges = list(sheet.merged_cell_ranges or [])
            except CalamineError as exc:
                warnings.append(f"工作表“{name}”已损坏,无法读取({type(exc).__name__}),请人工核对")
                continue
            if not any(cell_text(v) for row in rows for v in row):
                continue
            out.line(name)
            for block in _blocks(rows, merges, limits):
                filled = [c for c in block if c.text.strip()]
                if len(filled) == 1 and filled[0].rowspan == filled[0].colspan == 1:
                    out.line(filled[0].text)  # a lone cell is prose, not a table
                else:
                    out.table(normalise(block, limits))
    finally:
        wb.close()
    for sheet_file, refs in uncached.items():
        shown = "、".join(refs[:10]) + (" 等" if len(refs) > 10 else "")
        warnings.append(
            f"{sheet_file} 中有 {len(refs)} 个公式单元格没有计算结果({shown}),未按 0 读取;"
            "请在 Excel/WPS 中打开并保存后重新导入"
        )
    text = out.text()
    if not text.strip():
        if oversized:  # nothing read because every sheet was refused: say so, not "empty"
            raise ingest_error("table-too-large", "; ".join(oversized.values()))
        raise ingest_error("empty-file", "workbook without values")
    return Document(
        source=str(path),
        kind="xlsx",
        text=text,
        sha256=sha256,
        tables=tuple(out.tables),
        meta={"uncached_formulas": dict(uncached.items())} if uncached else {},
        warnings=tuple(warnings),
    )


def _blocks(
    rows: list[list[Any]], merges: list[tuple[tuple[int, int], tuple[int, int]]], limits: Limits
) -> list[list[Placed]]:
    """Split a sheet into tables at rows that are empty and not inside a merged range."""
    n = len(rows)
    in_merge = [False] * n
    for (r0, _), (r1, _) in merges:
        for r in range(max(r0, 0), min(r1, n - 1) + 1):
            if r > r0:
                in_merge[r] = True
    covered: set[tuple[int, int]] = set()
    origins: dict[tuple[int, int], tuple[int, int]] = {}
    area = sum((r1 - r0 + 1) * (c1 - c0 + 1) for (r0, c0), (r1, c1) in merges)
    if len(merges) > limits.max_merges or area > limits.max_table_slots:  # .xls: no XML scan
        raise ingest_error("table-too-large", f"{len(merges)} merged ranges over {area} cells")
    for (r0, c0), (r1, c1) in merges:
        origins[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        if (r1 - r0 + 1) * (c1 - c0 + 1) > limits.max_table_slots:
            raise ingest_error("table-too-large", f"merged range {(r0, c0)}..{(r1, c1)}")
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered.add((r, c))
    blocks: list[list[tuple[int, list[Any]]]] = []
    current: list[tuple[int, list[Any]]] = []
    for r, row in enumerate(rows):
        empty = not any(cell_text(v).strip() for v in row) and not in_merge[r]
        if empty:
            if current:
                blocks.append(current)
                current = []
        else:
            current.append((r, row))
    if current:
        blocks.append(current)
    out: list[list[Placed]] = []
    for block in blocks:
        first = block[0][0]
        used = [
            c
            for r, row in block
            for c, v in enumerate(row)
            if cell_text(v).strip() or (r, c) in origins
        ]
        left = min(used) if used else 0
        right = max(used) if used else 0
        placed: list[Placed] = []
        for r, row in block:
            width = max(len(row), right + 1)
            for c in range(left, width):
                if (r, c) in covered:
                    continue
                v = row[c] if c < len(row) else ""
                rs, cs = origins.get((r, c), (1, 1))
                if c > right and not cell_text(v).strip():
                    continue
                placed.append(Placed(r - first, c - left, cell_text(v), rs, cs))
        out.append(placed)
    return out


def _uncached_formulas(zf: zipfile.ZipFile) -> dict[str, list[str]]:
    """Cells with a formula and no cached value, per worksheet part."""
    found: dict[str, list[str]] = {}
    for info in zf.infolist():
        name = info.filename
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        xml = zf.read(info)
        refs: list[str] = []
        for m in _CELL.finditer(xml):
            body = m.group(2) or b""
            if _F.search(body) and not _V.search(body):
                ref = _REF.search(m.group(1))
                refs.append(ref.group(1).decode() if ref else "?")
        if refs:
            found[name.rsplit("/", 1)[-1].removesuffix(".xml")] = refs
    return found
