"""Where each token of a PDF's text was printed: ``TextBox`` es for ``Document.boxes`` (issue 18).

The text a PDF reader builds (a cell's ``join_lines``, a prose line's ``strip``) drops and joins
whitespace but never reorders or rewrites the printed characters (``fold_radicals`` keeps the
length), so the non-space characters of a written stretch and the non-space glyphs it was read
from pair up one to one, in reading order. Each pair gives a code-point offset a rectangle; a run
of them on one printed line, up to a space in the text, is one box. When the counts differ (a
ligature, a glyph pdfium and pdfplumber see differently) the stretch gets one box per printed
line over its whole span: coarser, never wrong about where.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from gik_desk.model import NativeTable, TextBox

Rect = tuple[float, float, float, float]  # x0, top, x1, bottom in points, top-left origin
Glyph = tuple[str, Rect]  # one printed character (its text) and where
LINE_TOLERANCE = 3.0  # glyphs whose tops differ by less share a printed line


def plumber_glyphs(chars: Iterable[dict[str, Any]]) -> list[Glyph]:
    """pdfplumber's char dicts as glyphs (already top-left, in points)."""
    out: list[Glyph] = []
    for c in chars:
        rect = (float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"]))
        out.append((str(c.get("text", "")), rect))
    return out


def _in(rect: Rect, bbox: Sequence[float]) -> bool:
    """pdfplumber's own test for a character in a table cell: its middle lies inside."""
    cx, cy = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


def reading_order(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Glyphs as printed lines, top to bottom, each left to right."""
    lines: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (g[1][1], g[1][0])):
        if lines and abs(lines[-1][0][1][1] - g[1][1]) < LINE_TOLERANCE:
            lines[-1].append(g)
        else:
            lines.append([g])
    for line in lines:
        line.sort(key=lambda g: g[1][0])
    return lines


def in_order(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Glyphs already in reading order, cut into printed lines where the baseline moves."""
    lines: list[list[Glyph]] = []
    for g in glyphs:
        last = lines[-1][-1][1] if lines else None
        if last is not None and abs(last[1] - g[1][1]) < LINE_TOLERANCE and g[1][0] >= last[0]:
            lines[-1].append(g)
        else:
            lines.append([g])
    return lines


def _union(rects: Iterable[Rect]) -> Rect:
    rs = list(rects)
    return (
        min(r[0] for r in rs),
        min(r[1] for r in rs),
        max(r[2] for r in rs),
        max(r[3] for r in rs),
    )


def stretch_boxes(start: int, text: str, lines: list[list[Glyph]], page: int) -> list[TextBox]:
    """Boxes for ``text`` written at offset ``start`` from these printed lines (see module doc)."""
    printed = [(li, g) for li, line in enumerate(lines) for g in line if g[0].strip()]
    if not text or not printed:
        return []
    points = [i for i, ch in enumerate(text) if not ch.isspace()]
    if len(points) != sum(len(g[0].strip()) for _, g in printed):
        return [
            TextBox(start, start + len(text), page, *_union(g[1] for g in line))
            for line in lines
            if line
        ]
    out: list[TextBox] = []
    run: list[tuple[int, Rect]] = []  # (offset, rect) of the token being built
    run_line = -1

    def close() -> None:
        if run:
            r = _union(rect for _, rect in run)
            out.append(TextBox(start + run[0][0], start + run[-1][0] + 1, page, *r))
            run.clear()

    k = 0
    for li, (glyph_text, rect) in printed:
        for _ in glyph_text.strip():
            i = points[k]
            k += 1
            if run and (li != run_line or i != run[-1][0] + 1):  # a new line or a space between
                close()
            run.append((i, rect))
            run_line = li
    close()
    return out


def table_boxes(
    table: NativeTable | None,
    bboxes: dict[tuple[int, int], Sequence[float]],
    glyphs: Sequence[Glyph],
    page: int,
) -> list[TextBox]:
    """Each non-blank cell's tokens, from the glyphs inside its ruled box."""
    if table is None:
        return []
    # glyphs by the height of their middle, so each cell looks only at its own band
    by_y = sorted(glyphs, key=lambda g: g[1][1] + g[1][3])
    mids = [(g[1][1] + g[1][3]) / 2 for g in by_y]
    out: list[TextBox] = []
    for cell in table.cells:
        bbox = bboxes.get((cell.row, cell.col))
        if bbox is None or not cell.text:
            continue
        band = by_y[bisect_left(mids, bbox[1]) : bisect_right(mids, bbox[3])]
        inside = [g for g in band if _in(g[1], bbox)]
        out += stretch_boxes(cell.span.start, cell.text, reading_order(inside), page)
    return out


def line_boxes(start: int, text: str, glyphs: Sequence[Glyph], page: int) -> list[TextBox]:
    """A prose line about to be written at ``start`` (``text`` stripped, as the builder writes
    it: the builder's other changes keep every character's place), printed as ``glyphs``."""
    return stretch_boxes(start, text, in_order(glyphs), page)


def page_text_boxes(
    lines: Sequence[tuple[int, str]], glyphs: Sequence[Glyph], page: int
) -> list[TextBox]:
    """A page written line by line from pdfium's text (each line's offset and stripped text):
    the page's glyphs, in pdfium's order, pair with the lines' non-space characters."""
    printed = [g for g in glyphs if g[0].strip()]
    counts = [sum(1 for ch in text if not ch.isspace()) for _, text in lines]
    if not printed or sum(counts) != sum(len(g[0].strip()) for g in printed):
        return []  # pdfium's text and its glyphs disagree: no boxes rather than wrong ones
    out: list[TextBox] = []
    k = 0
    for (start, text), n in zip(lines, counts, strict=True):
        out += stretch_boxes(start, text, in_order(printed[k : k + n]), page)
        k += n
    return out


def pdfium_glyphs(textpage: Any, height: float) -> list[Glyph]:
    """Every character pdfium placed on the page, flipped to a top-left origin."""
    import pypdfium2.raw as pdfium_c

    out: list[Glyph] = []
    for i in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, i)
        if code < 0x20 or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            continue  # controls the text drops too, or half of a surrogate pair (rare here)
        ch = chr(code)
        if not ch.strip():
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        out.append((ch, (left, height - top, right, height - bottom)))
    return out
