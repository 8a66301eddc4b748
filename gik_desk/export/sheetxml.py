"""A streamed sheet's rows written as SpreadsheetML text in one pass (issue 26).

openpyxl's write-only sheet writes each cell through an lxml element and a generator (~6 µs a
cell): the 1,000-report workbook has ~1.2 M cells, so that was most of its time. Here a row
becomes one string: each value through the one guard (``export/cells.py``), each look a style id
computed once per workbook. openpyxl still writes everything around the rows (columns, panes,
page setup, filters, validations, the archive), into memory; at the save the sheet's archive
member gets openpyxl's head, the rows (a long sheet's spilled to an anonymous temp file) and
openpyxl's tail, with no temp file per sheet. Cell notes are kept as plain values and written as
the comment XML and VML openpyxl writes (its VML from a template it made).

This leans on openpyxl's write-only internals (``WorksheetWriter``, ``ExcelWriter``), as of
3.1: ``tests/unit/export/test_sheet_rows.py`` and the workbook tests read the result back.

Every text is an inline string (``t="inlineStr"``), never a formula: no ``<f>`` element is ever
written, whatever the text starts with; text a spreadsheet could still read as a formula when
edited also gets ``quotePrefix`` (ECOSYSTEM rows 11–12).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from io import BytesIO
from math import isfinite
from typing import IO, Any
from weakref import WeakKeyDictionary
from zipfile import ZipFile

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.comments.author import AuthorList
from openpyxl.comments.comment_sheet import CommentSheet
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.packaging.relationship import Relationship
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import coordinate_to_tuple, get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

from gik_desk.export.cells import guard_cell, is_number, vetted

_SPOOL_ROWS = 2000  # rows joined before one write to the spool
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_LETTERS = [get_column_letter(i) for i in range(1, 16_385)]

# (fill, bold, alignment, quote) -> style id: a look is registered with the workbook once
StyleKey = tuple[PatternFill | None, Font | None, Alignment | None, bool]


def _escape(text: str) -> str:
    """Element text as XML: ``&``, ``<``, ``>`` and a carriage return (kept, not normalised)."""
    if "&" in text or "<" in text or ">" in text or "\r" in text:
        return text.translate(_ESCAPES)
    return text


def _inline_text(text: str) -> tuple[str, bool]:
    """A text's ``<is>`` element (what the cell holds, guarded and escaped; '' when empty) and
    whether a spreadsheet could read it as a formula (then it also gets ``quotePrefix``)."""
    clean, dangerous = vetted(text)
    if not clean:  # as openpyxl writes it: no string, which a reader reads as an empty cell
        return "", dangerous
    space = ' xml:space="preserve"' if clean != clean.strip() else ""
    return f"<is><t{space}>{_escape(clean)}</t></is>", dangerous


_inline_cached = lru_cache(maxsize=8192)(_inline_text)  # labels, names, keys repeat on every row


def _inline(text: str) -> tuple[str, bool]:
    return _inline_cached(text) if len(text) < 256 else _inline_text(text)


def _text_cell(ref: str, style: str, text: str) -> str:
    body, _ = _inline(text)
    return (
        f'<c r="{ref}"{style} t="inlineStr">{body}</c>'
        if body
        else f'<c r="{ref}"{style} t="inlineStr"/>'
    )


def _number(value: float) -> str:
    return f"{value:.16g}"  # as openpyxl's safe_string ("%.16g")


class Looks:
    """Style ids of one workbook, each look registered once (openpyxl's ``cell.style_id``).

    Looks are kept by the identity of their parts: the fills and fonts are module constants,
    and openpyxl's own ``__hash__`` of a fill walks its whole tree (it was a fifth of the time).
    """

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self._ws = ws
        self._ids: dict[tuple[int, int, int, bool], tuple[StyleKey, str]] = {}

    def style(self, key: StyleKey) -> str:
        """The ``s="…"`` attribute of a look ('' for the default look)."""
        fill, font, align, quote = key
        hit = self._ids.get((id(fill), id(font), id(align), quote))
        if hit is not None and hit[0][0] is fill and hit[0][1] is font and hit[0][2] is align:
            return hit[1]
        return self._register(key)

    def _register(self, key: StyleKey) -> str:
        fill, font, align, quote = key
        cell = WriteOnlyCell(self._ws, None)
        if fill is not None:
            cell.fill = fill
        if font is not None:
            cell.font = font
        if align is not None:
            cell.alignment = align
        if quote:
            cell.quotePrefix = True
        found = f' s="{cell.style_id}"' if cell.has_style else ""
        self._ids[(id(fill), id(font), id(align), quote)] = (key, found)
        return found


class RowWriter:
    """The rows of one write-only sheet, written as XML and spliced into it when it closes.

    ``look(value)`` turns a value with a look (``sheets.Styled``) into (value, look, comment);
    anything else is a plain value or an openpyxl cell. Rows wait in memory; a long sheet's
    spill to a temp file every ``_SPOOL_ROWS`` rows, so memory stays bounded.
    """

    def __init__(
        self,
        ws: WriteOnlyWorksheet,
        looks: Looks,
        look: Callable[[Any], tuple[Any, StyleKey, str | None] | None],
    ) -> None:
        self.ws = ws
        self._looks = looks
        self._look = look
        self._spool: IO[bytes] | None = None
        self._pending: list[str] = []
        self._notes: list[tuple[str, str, str, Any, Any]] = []  # ref, text, author, h, w
        self.heights: dict[int, float] = {}  # row -> height (pt), set before the row is added
        self._started = False
        self._xml = BytesIO()
        self._row = 0
        self._dims = ws.row_dimensions
        self._close: Callable[[], None] = ws.close
        ws.append = self.append
        ws.close = self.close
        _WRITERS[ws] = self

    def append(self, values: Iterable[Any]) -> None:
        if not self._started:
            # openpyxl writes what comes before the rows (widths, panes) at the first row, as
            # now, into memory rather than a temp file (one file a sheet cost more than its rows)
            self.ws._writer = WorksheetWriter(self.ws, out=self._xml)
            self.ws._writer.write_top()
            self._started = True
        self._row += 1
        n = self._row
        tail = str(n)
        parts: list[str] = []
        add = parts.append
        for col, v in enumerate(values):
            if v is None:
                continue
            t = type(v)
            if t is str:
                body, dangerous = _inline_cached(v) if len(v) < 256 else _inline_text(v)
                if not body:  # an empty text is an empty cell, as a reader reads it anyway
                    continue
                style = self._looks.style(_QUOTED) if dangerous else ""
                add(f'<c r="{_LETTERS[col]}{tail}"{style} t="inlineStr">{body}</c>')
            elif t is int or (t is float and isfinite(v)):
                add(f'<c r="{_LETTERS[col]}{tail}" t="n"><v>{v:.16g}</v></c>')
            else:
                add(self._other(col, n, v))
        dim = self._dims.get(n)
        attrs = "".join([f' {k}="{x}"' for k, x in dim]) if dim is not None else ""
        height = self.heights.pop(n, None)
        if height is not None:  # as openpyxl writes a row's height (``RowDimension``)
            attrs += f' ht="{height:.16g}" customHeight="1"'

        pending = self._pending
        pending.append(
            f'<row r="{n}"{attrs}>{"".join(parts)}</row>' if parts else f'<row r="{n}"{attrs}/>'
        )
        if len(pending) >= _SPOOL_ROWS:
            if self._spool is None:
                self._spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed in discard()
            self._spool.write("".join(pending).encode("utf-8"))
            pending.clear()

    def _other(self, col: int, n: int, v: Any) -> str:
        """A value with a look, an openpyxl cell, or anything else (written as its text)."""
        ref = f"{_LETTERS[col]}{n}"
        looked = self._look(v)
        if looked is not None:
            value, key, comment = looked
            if comment:
                self._comment(ref, comment)
            return self._cell(ref, value, key)
        if isinstance(v, XlCell):
            return self._xl_cell(ref, guard_cell(v))
        if is_number(v):  # a number of another type (an int subclass that is not a bool)
            return f'<c r="{ref}" t="n"><v>{_number(v)}</v></c>'
        return self._cell(ref, str(v), _PLAIN)

    def _cell(self, ref: str, value: Any, key: StyleKey) -> str:
        if value is None:
            style = self._looks.style(key)
            return f'<c r="{ref}"{style}/>' if style else ""
        if is_number(value):
            return f'<c r="{ref}"{self._looks.style(key)} t="n"><v>{_number(value)}</v></c>'
        text = value if isinstance(value, str) else str(value)
        if _inline(text)[1]:
            key = (key[0], key[1], key[2], True)
        return _text_cell(ref, self._looks.style(key), text)

    def _xl_cell(self, ref: str, cell: XlCell) -> str:
        """A cell made elsewhere (a title in a bigger font): its value, type and look as set."""
        if cell._comment is not None:
            self._comment(ref, cell._comment.content, cell._comment)
        style = f' s="{cell.style_id}"' if cell.has_style else ""
        value = cell._value
        if value is None or value == "":
            return f'<c r="{ref}"{style}/>' if style else ""
        if cell.data_type == "n" and is_number(value):
            return f'<c r="{ref}"{style} t="n"><v>{_number(value)}</v></c>'
        return _text_cell(ref, style, str(value))  # never a formula: guard_cell made it text

    def _comment(self, ref: str, text: str, source: Any = None) -> None:
        """A note on a cell, kept as plain values: its XML and VML are written at the save
        (``comments_xml``, ``comments_vml``), not built as openpyxl objects (12,000 of them
        cost a fifth of a large workbook)."""
        from gik_desk.export.sheets import AUTHOR, COMMENT_SIZE

        if source is not None:
            self._notes.append((ref, text, source.author, source.height, source.width))
        else:
            self._notes.append((ref, text, AUTHOR, *COMMENT_SIZE))
        self.ws._comments = self._notes  # openpyxl only asks whether there are any

    def comments_xml(self) -> bytes:
        """``xl/comments/commentN.xml`` as openpyxl writes it (``CommentSheet.to_tree``)."""
        authors: dict[str, int] = {}
        for note in self._notes:
            authors.setdefault(note[2], len(authors))
        parts = [
            '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
            "<authors>",
            *[f"<author>{_escape(a)}</author>" for a in authors],
            "</authors><commentList>",
        ]
        for ref, text, author, _, _ in self._notes:
            stripped = text.strip()
            space = ' xml:space="preserve"' if stripped and stripped != text else ""
            parts.append(
                f'<comment ref="{ref}" authorId="{authors[author]}" shapeId="0"><text>'
                f"<t{space}>{_escape(text)}</t></text></comment>"
            )
        parts.append("</commentList></comments>")
        return "".join(parts).encode("utf-8")

    def comments_vml(self) -> bytes:
        """``xl/drawings/commentsDrawingN.vml``: openpyxl's own shapes, one per note, from a
        template openpyxl made (``_vml_parts``), so the bytes are what it writes."""
        head, shape = _vml_parts()
        out = [head]
        for idx, (ref, _, _, height, width) in enumerate(self._notes, 1026):
            row, col = coordinate_to_tuple(ref)
            out.append(
                shape.replace(_VML_ID, b"_x0000_s%04d" % idx)
                .replace(_VML_ROW, b">%d<" % (row - 1))
                .replace(_VML_COL, b">%d<" % (col - 1))
                .replace(_VML_SIZE, b"width:%spx;height:%spx" % (str(width).encode(),
                                                                   str(height).encode()))
            )  # fmt: skip
        out.append(b"</xml>")
        return b"".join(out)

    def close(self) -> None:
        """openpyxl writes what surrounds the rows (an empty ``<sheetData>``) into memory;
        :meth:`write_to` puts the rows in between as the archive is written."""
        if not self._started:  # no row: openpyxl's own (empty) sheet, through a temp file
            self._close()
            return
        ws = self.ws
        ws._rows = ws._write_rows()
        next(ws._rows)
        self._close()

    def write_to(self, dest: IO[bytes]) -> None:
        """The whole sheet's XML: openpyxl's head, the rows, openpyxl's tail."""
        try:
            xml = self._xml.getvalue()
            start = xml.index(b"<sheetData")
            end = xml.index(b">", start) + 1
            if xml[end - 2 : end] != b"/>":
                end = xml.index(b"</sheetData>", start) + len(b"</sheetData>")
            dest.write(xml[:start] + b"<sheetData>")
            if self._spool is not None:
                self._spool.seek(0)
                shutil.copyfileobj(self._spool, dest, 1 << 20)
            dest.write("".join(self._pending).encode("utf-8"))
            dest.write(b"</sheetData>" + xml[end:])
        finally:
            self.discard()

    def discard(self) -> None:
        """Drop the rows not written (a cancelled or failed export)."""
        self._pending.clear()
        if self._spool is not None:
            self._spool.close()
            self._spool = None


def set_row_height(ws: WriteOnlyWorksheet, row: int, height: float) -> None:
    """A row's height, set before the row is appended: kept by the sheet's row writer as a
    number (an openpyxl ``RowDimension`` each cost more than the row's cells)."""
    writer = _WRITERS.get(ws)
    if writer is not None and writer._row < row:
        writer.heights[row] = height
    else:
        ws.row_dimensions[row].height = height


_VML_ID, _VML_ROW, _VML_COL = b"_x0000_s1026", b">1048574<", b">16383<"
_VML_SIZE = b"width:320px;height:120px"


@lru_cache(maxsize=1)
def _vml_parts() -> tuple[bytes, bytes]:
    """What openpyxl writes before the shapes, and one shape (id 1026, cell XFD1048575,
    320 × 120 px) whose id, row, column and size the notes replace."""
    from openpyxl.comments.shape_writer import ShapeWriter

    class _Note:
        height, width = 120, 320

    empty = ShapeWriter([]).write(None)
    one = ShapeWriter([("XFD1048575", _Note())]).write(None)
    head = empty[: -len(b"</xml>")]
    shape = one[len(head) : -len(b"</xml>")]
    for mark in (_VML_ID, _VML_ROW, _VML_COL, _VML_SIZE):
        if shape.count(mark) != 1:  # another openpyxl writes its VML otherwise: say so at once
            raise RuntimeError(f"openpyxl's comment VML has changed: {mark!r} not found once")
    return head, shape


_WRITERS: WeakKeyDictionary[WriteOnlyWorksheet, RowWriter] = WeakKeyDictionary()


class _ArchiveWriter(ExcelWriter):  # type: ignore[misc]
    """openpyxl's workbook writer, a sheet with a ``RowWriter`` streamed straight into its
    archive member (no temp file to write, read back and remove)."""

    def write_worksheet(self, ws: Any) -> None:
        rows = _WRITERS.get(ws)
        if rows is None or not rows._started:
            super().write_worksheet(ws)
            return
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        if not ws.closed:
            ws.close()
        ws._rels = ws._writer._rels
        with self._archive.open(ws.path[1:], "w", force_zip64=True) as dest:
            rows.write_to(dest)
        self.manifest.append(ws)

    def _write_comment(self, ws: Any) -> None:
        """As openpyxl's, the two parts written from the sheet's notes as text."""
        rows = _WRITERS.get(ws)
        if rows is None or not rows._notes or self.workbook.vba_archive is not None:
            super()._write_comment(ws)
            return
        cs = CommentSheet(authors=AuthorList(), commentList=[])  # its number, path and type
        self._comments.append(cs)
        cs._id = len(self._comments)
        self._archive.writestr(cs.path[1:], rows.comments_xml())
        self.manifest.append(cs)
        ws.legacy_drawing = f"xl/drawings/commentsDrawing{cs._id}.vml"
        self._archive.writestr(ws.legacy_drawing, rows.comments_vml())
        self.vba_modified.add(ws.legacy_drawing)
        ws._rels.append(Relationship(Id="comments", type=cs._rel_type, Target=cs.path))


def save_archive(wb: Any, archive: ZipFile) -> None:
    """Write the workbook into ``archive`` (openpyxl's ``ExcelWriter(wb, archive).save()``)."""
    _ArchiveWriter(wb, archive).save()


_PLAIN: StyleKey = (None, None, None, False)
_QUOTED: StyleKey = (None, None, None, True)
