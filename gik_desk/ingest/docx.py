"""Word .docx: paragraphs and tables in document order, merges read from the cell XML.

``row.cells`` repeats a merged cell at every position it covers (python-docx#344), so cells are
walked as ``w:tc`` elements with gridBefore, gridSpan, vMerge and the legacy hMerge.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from lxml import etree

from gik_desk.ingest import ocr
from gik_desk.ingest.builder import TextBuilder, join_lines
from gik_desk.ingest.errors import ingest_error
from gik_desk.ingest.grid import Placed, normalise
from gik_desk.ingest.limits import Limits
from gik_desk.ingest.zipguard import ZIP_ERRORS, check_zip
from gik_desk.model import Document

# What a damaged package makes python-docx, zipfile, zlib and lxml raise (found by fuzzing).
BROKEN_PACKAGE: tuple[type[Exception], ...] = (
    *ZIP_ERRORS,
    PackageNotFoundError,
    KeyError,
    etree.LxmlError,
)

_T, _TAB, _BR, _CR, _P = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:p")
_NBH = qn("w:noBreakHyphen")
_TBL, _TC = qn("w:tbl"), qn("w:tc")
_CONTAINERS = frozenset(
    {_P, _TBL, _TC, qn("w:tr"), qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}
)


_DOCTYPE = b"<!DOCTYPE"


def read(path: Path, data: bytes, sha256: str, limits: Limits) -> Document:
    with check_zip(data, limits, "corrupt-docx") as zf:
        try:  # Word never writes a DTD: one here is an XXE or entity-expansion attempt
            head = zf.open("word/document.xml").read(64 * 1024)
        except BROKEN_PACKAGE:
            head = b""
    if _DOCTYPE in head.upper():
        raise ingest_error("unsafe-docx", "word/document.xml declares a DOCTYPE")
    try:
        document = docx.Document(io.BytesIO(data))
    except BROKEN_PACKAGE as exc:
        raise ingest_error("corrupt-docx", f"python-docx: {type(exc).__name__}: {exc}") from exc
    out = TextBuilder()
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            _table(block._tbl, out, limits)
        else:
            out.line(paragraph_text(block._p))
    meta: dict[str, object] = {}
    if len(out.text().strip()) <= SCANNED_CHARS and ocr.enabled():
        meta = _ocr_images(document, out, limits)  # a scan pasted into Word (issue 29)
    text = out.text()
    if not text.strip():
        raise ingest_error("empty-file", "document without text")
    return Document(
        source=str(path),
        kind="docx",
        text=text,
        sha256=sha256,
        tables=tuple(out.tables),
        meta=meta,
    )


SCANNED_CHARS = 20  # no more text than this: the pages are pictures


def _ocr_images(
    document: docx.document.Document, out: TextBuilder, limits: Limits
) -> dict[str, object]:
    """Every page picture of the file, in package order, read by OCR."""
    images = sorted(
        (
            p
            for p in document.part.package.parts
            if p.partname.startswith("/word/media/")
            and p.partname.lower().endswith(ocr.IMAGE_SUFFIXES)
        ),
        key=lambda p: _natural(str(p.partname)),
    )
    cells: list[list[object]] = []
    pages: list[int] = []
    for n, part in enumerate(images, 1):
        rgb = ocr.image_bitmap(part.blob)
        if rgb is None:
            continue
        h, w = rgb.shape[:2]
        page = ocr.read_bitmap(rgb, w * 72 / ocr.IMAGE_DPI, h * 72 / ocr.IMAGE_DPI)
        cells += ocr.write_page(page, out, limits)
        pages.append(n)
    return {"ocr": {"pages": pages, "dpi": ocr.IMAGE_DPI, "cells": cells}} if pages else {}


def _natural(name: str) -> list[object]:
    """image10.png after image9.png."""
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def _table(tbl: etree._Element, out: TextBuilder, limits: Limits) -> None:
    """A data table becomes row lines; a layout table (one holding tables) is walked as prose,
    so a report laid out inside a one-cell frame still yields its statistics tables."""
    if tbl.find(f".//{_TC}//{_TBL}") is None:
        out.table(normalise(_placed(tbl), limits))
        return
    stack: list[etree._Element] = [tbl]
    while stack:  # iterative: frames nested in frames cannot exhaust the stack
        el = stack.pop()
        if el.tag == _P:
            out.line(paragraph_text(el))
        elif el.tag == _TBL and el is not tbl and el.find(f".//{_TC}//{_TBL}") is None:
            out.table(normalise(_placed(el), limits))
        else:
            stack.extend(reversed([c for c in el if c.tag in _CONTAINERS]))


def paragraph_text(p: etree._Element) -> str:
    """A ``w:p``'s visible text: runs, tabs and breaks as spaces, deleted text left out."""
    parts: list[str] = []
    for el in p.iter(_T, _TAB, _BR, _CR, _NBH):
        if el.tag == _T:
            parts.append(el.text or "")
        elif el.tag == _NBH:
            parts.append("-")
        else:
            parts.append("\n" if el.tag in (_BR, _CR) else " ")
    return "".join(parts)


def _cell_text(tc: etree._Element) -> str:
    return join_lines("\n".join(paragraph_text(p) for p in tc.iter(_P)))


def _grid_before(tr: etree._Element) -> int:
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        return 0
    gb = trpr.find(qn("w:gridBefore"))
    return _int_attr(gb, 0)


def _int_attr(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(qn("w:val"), default))
    except ValueError:
        return default


def _merge(tc: etree._Element, tag: str) -> str | None:
    """vMerge/hMerge state: "restart", "continue" (the default when val is absent) or None."""
    tcpr = tc.find(qn("w:tcPr"))
    if tcpr is None:
        return None
    el = tcpr.find(qn(tag))
    if el is None:
        return None
    return str(el.get(qn("w:val"), "continue"))


def _placed(tbl: etree._Element) -> list[Placed]:
    cells: list[Placed] = []
    vertical: dict[int, Placed] = {}  # column -> the open vertical merge starting there
    for r, tr in enumerate(tbl.findall(qn("w:tr"))):  # direct rows: nested tables are cell text
        c = _grid_before(tr)
        row_cells: list[Placed] = []
        for tc in tr.findall(qn("w:tc")):
            tcpr = tc.find(qn("w:tcPr"))
            span = max(_int_attr(tcpr.find(qn("w:gridSpan")) if tcpr is not None else None, 1), 1)
            v = _merge(tc, "w:vMerge")
            h = _merge(tc, "w:hMerge")
            if h == "continue" and row_cells:
                row_cells[-1].colspan += span
            elif v == "continue" and c in vertical:
                origin = vertical[c]
                origin.rowspan = r - origin.row + 1
            else:
                cell = Placed(r, c, _cell_text(tc), 1, span)
                row_cells.append(cell)
                if v == "restart":
                    vertical[c] = cell
                else:
                    vertical.pop(c, None)
            c += span
        cells.extend(row_cells)
    return cells
