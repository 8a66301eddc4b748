"""Tables from pdfium's own character boxes and drawn lines, without pdfplumber (issue 19).

pdfplumber re-parses every content stream in Python (~70–200 ms a page); pdfium has already
parsed it in C. This module reads, through ``pypdfium2.raw``, each character's loose box and
each path's segments, then finds tables the way pdfplumber's ``lines`` strategy does (snap and
join edges within 3 pt, intersections, smallest cells, tables of cells sharing corners) and
writes text the way its ``extract_text`` does (lines by ``top`` within 3 pt, a space where a
gap exceeds 3 pt). So a page reads to the same rows as before, several times faster.

A page it cannot read with confidence (characters turned against the page, a pdfium error)
raises ``UnreadableError`` and the caller hands that page to pdfplumber.

Coordinates are the page as displayed (``/Rotate`` applied), PDF points, top-left origin.
"""

from __future__ import annotations

import ctypes
import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pypdfium2.raw as pdfium_c

from gik_desk.ingest.cjk import fold_radicals
from gik_desk.model import TextBox

SNAP = 3.0  # pdfplumber's snap / join / intersection tolerances
MIN_EDGE = 3.0
X_TOL = 3.0  # a gap wider than this between two characters is a word break
Y_TOL = 3.0  # characters whose tops are this close share a line
_WHITE = (255, 255, 255)


class UnreadableError(Exception):
    """The fast reader cannot vouch for this page; pdfplumber reads it instead."""


class TooManyRulesError(Exception):
    """More rules than any report table draws: a hostile page, read as plain text."""


MAX_CROSSINGS = 250_000  # horizontal x vertical rules tested (a real table page: < 5,000)


class Ch(NamedTuple):
    """A printed character in display coordinates; ``base`` is its baseline."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    base: float


Rect = tuple[float, float, float, float]  # x0, top, x1, bottom


class Frame:
    """PDF user space (bottom-left origin, unrotated) to the displayed page (top-left origin)."""

    def __init__(self, crop: Rect, rotation: int) -> None:
        left, bottom, right, top = crop
        self.rotation = rotation % 360
        w, h = right - left, top - bottom
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)
        r = self.rotation
        self.rect: Callable[[float, float, float, float], Rect]
        if r == 90:
            self.rect = lambda lo, b, ri, t: (b - bottom, lo - left, t - bottom, ri - left)
        elif r == 180:
            self.rect = lambda lo, b, ri, t: (right - ri, b - bottom, right - lo, t - bottom)
        elif r == 270:
            self.rect = lambda lo, b, ri, t: (top - t, right - ri, top - b, right - lo)
        else:
            self.rect = lambda lo, b, ri, t: (lo - left, top - t, ri - left, top - b)

    def point(self, x: float, y: float) -> tuple[float, float]:
        x0, top, _, _ = self.rect(x, y, x, y)
        return x0, top


# ---- page objects: rules, images, text flags -------------------------------------------------

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (row vectors, as PDF writes them)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


@dataclass(slots=True)
class Objects:
    """What the page's drawing tells: rule count, image cover, edges, odd text."""

    n_rules: int = 0
    covered: float = 0.0
    h_edges: list[tuple[float, float, float]] = field(default_factory=list)  # y, x0, x1
    v_edges: list[tuple[float, float, float]] = field(default_factory=list)  # x, top, bottom
    white_text: bool = False
    turned_text: bool = False  # text not upright on the displayed page


class _Raw:
    """Reusable ctypes out-parameters (allocating them per call costs more than the call)."""

    def __init__(self) -> None:
        self.f = [ctypes.c_float() for _ in range(4)]
        self.u = [ctypes.c_uint() for _ in range(4)]
        self.i = [ctypes.c_int() for _ in range(2)]
        self.m = pdfium_c.FS_MATRIX()

    def bounds(self, obj: Any) -> Rect:
        lo, b, r, t = self.f
        if not pdfium_c.FPDFPageObj_GetBounds(obj, lo, b, r, t):
            return (0.0, 0.0, 0.0, 0.0)
        return lo.value, b.value, r.value, t.value

    def matrix(self, obj: Any) -> Matrix:
        m = self.m
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
            return _IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def fill(self, obj: Any) -> tuple[int, int, int, int]:
        r, g, b, a = self.u
        if not pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a):
            return (0, 0, 0, 255)
        return r.value, g.value, b.value, a.value


def scan_objects(page: Any, frame: Frame, want_edges: bool) -> Objects:
    """One walk over the page's objects (into form XObjects, their matrices composed)."""
    out = Objects()
    raw = _Raw()
    area = max(frame.width * frame.height, 1.0)
    n = pdfium_c.FPDFPage_CountObjects(page)
    _walk(
        [pdfium_c.FPDFPage_GetObject(page, i) for i in range(n)],
        None,
        raw,
        frame,
        want_edges,
        out,
        0,
    )
    out.covered = min(out.covered / area, 1.0)
    return out


def _walk(
    objs: Iterable[Any],
    parent: Matrix | None,
    raw: _Raw,
    frame: Frame,
    want_edges: bool,
    out: Objects,
    depth: int,
) -> None:
    for obj in objs:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < 15:
                mat = raw.matrix(obj)
                inner = mat if parent is None else _mul(mat, parent)
                n = pdfium_c.FPDFFormObj_CountObjects(obj)
                kids = [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(n)]
                _walk(kids, inner, raw, frame, want_edges, out, depth + 1)
            continue
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            if want_edges:
                _text_flags(obj, parent, raw, frame, out)
            continue
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE):
            continue
        lo, b, r, t = raw.bounds(obj)
        if parent is not None:
            xs_ys = [_apply(parent, x, y) for x, y in ((lo, b), (r, t), (lo, t), (r, b))]
            lo, r = min(p[0] for p in xs_ys), max(p[0] for p in xs_ys)
            b, t = min(p[1] for p in xs_ys), max(p[1] for p in xs_ys)
        x0, top, x1, bottom = frame.rect(lo, b, r, t)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            w = max(0.0, min(x1, frame.width) - max(x0, 0.0))
            h = max(0.0, min(bottom, frame.height) - max(top, 0.0))
            out.covered += w * h
            continue
        thin = min(x1 - x0, bottom - top) < 3
        if thin:
            out.n_rules += 1
        if want_edges:
            _path_edges(obj, parent, raw, frame, thin, out)


def _text_flags(obj: Any, parent: Matrix | None, raw: _Raw, frame: Frame, out: Objects) -> None:
    if not out.white_text and raw.fill(obj)[:3] == _WHITE:
        out.white_text = True
    if out.turned_text:
        return
    m = raw.matrix(obj)
    if parent is not None:
        m = _mul(m, parent)
    a, b = m[0], m[1]
    if b == 0 and a > 0 and frame.rotation == 0:
        return  # upright, the common case
    if a == 0 and b == 0:
        return
    angle = math.degrees(math.atan2(b, a)) % 360  # counter-clockwise, in user space
    # /Rotate turns the page clockwise, so upright text is drawn turned counter-clockwise
    off = (angle - frame.rotation) % 360
    if min(off, 360 - off) > 1.0:
        out.turned_text = True


def _path_edges(
    obj: Any, parent: Matrix | None, raw: _Raw, frame: Frame, thin: bool, out: Objects
) -> None:
    """Axis-aligned segments of a painted path, as pdfplumber's line/rect/curve edges.

    A filled, unstroked box larger than 3 pt each way is a background, not a rule.
    """
    fillmode, stroke = raw.i
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fillmode, stroke):
        return
    if not stroke.value and not fillmode.value:
        return  # painted with neither: invisible
    if not stroke.value and not thin:
        return
    m = raw.matrix(obj)
    if parent is not None:
        m = _mul(m, parent)
    x, y = raw.f[0], raw.f[1]
    n = pdfium_c.FPDFPath_CountSegments(obj)
    start: tuple[float, float] | None = None
    prev: tuple[float, float] | None = None
    for i in range(n):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        if not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        p = frame.point(*_apply(m, x.value, y.value))
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or prev is None:
            start = p
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            _edge(prev, p, out)
        # a Bézier segment is no rule: only its end point carries on
        prev = p
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
            _edge(p, start, out)


def _edge(p: tuple[float, float], q: tuple[float, float], out: Objects) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) < 1e-6 and abs(x1 - x0) >= 1.0:
        out.h_edges.append((y0, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) < 1e-6 and abs(y1 - y0) >= 1.0:
        out.v_edges.append((x0, min(y0, y1), max(y0, y1)))


# ---- characters ------------------------------------------------------------------------------


def read_chars(textpage: Any, text: str, frame: Frame, check_colour: bool) -> tuple[list[Ch], int]:
    """Printed characters (pdfium's generated spaces and line breaks left out) and how many
    were invisible: white, or outside the page (issue 10: a white 9 made 340 read 3409).

    ``text`` is pdfium's text of the page, one code point per character index. One ctypes
    call per character (its loose box): the baseline is taken as the box's bottom, which is
    pdfplumber's ``bottom`` too.
    """
    n = pdfium_c.FPDFText_CountChars(textpage)
    if len(text) != n:  # a character pdfium spells with two code points: ask one by one
        text = "".join(_code(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(n))
    rect = pdfium_c.FS_RECTF()
    loose = pdfium_c.FPDFText_GetLooseCharBox
    generated = pdfium_c.FPDFText_IsGenerated
    to_rect = frame.rect
    width, height = frame.width, frame.height
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    colour = pdfium_c.FPDFText_GetFillColor
    chars: list[Ch] = []
    hidden = 0
    for i, t in enumerate(text):
        if t < " " or t in "\ufffe\uffff\x7f":
            continue  # control characters pdfium puts at line ends
        if t in " \xa0\u3000" and generated(textpage, i):
            continue
        if not loose(textpage, i, rect):
            continue
        x0, top, x1, bottom = to_rect(rect.left, rect.bottom, rect.right, rect.top)
        if x1 - x0 > _HUGE or bottom - top > _HUGE:
            x0, top, x1, bottom = _tight(textpage, i, frame)
        if x1 <= 0 or x0 >= width or bottom <= 0 or top >= height:
            hidden += 1
            continue
        if (
            check_colour
            and colour(textpage, i, r, g, b, a)
            and (r.value, g.value, b.value) == _WHITE
        ):
            hidden += 1
            continue
        chars.append(Ch(t, x0, top, x1, bottom, bottom))
    return chars, hidden


def _code(u: int) -> str:
    return chr(u) if 0 < u <= 0x10FFFF else "\ufffe"


_HUGE = 60.0  # pt: a loose box this large is pdfium's error, not a glyph


def _tight(textpage: Any, i: int, frame: Frame) -> Rect:
    """The glyph's own box down to its baseline, for the rare character whose loose box pdfium
    gets wrong (a vertical label in Hongze 2024 came out 199 pt square)."""
    lo, r, b, t = (ctypes.c_double() for _ in range(4))
    pdfium_c.FPDFText_GetCharBox(textpage, i, lo, r, b, t)
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage, i, x, y)
    x0, top, x1, bottom = frame.rect(lo.value, b.value, r.value, t.value)
    _, base = frame.point(x.value, y.value)
    return x0, top, x1, max(bottom, base)


def has_doubled(chars: Sequence[Ch]) -> bool:
    """Fake bold prints each glyph twice a fraction of a point apart (cheap test before
    ``dedupe``): equal characters next to each other in (text, line, x) order."""
    order = sorted(chars, key=lambda c: (c.text, int(c.top), c.x0))
    for p, c in itertools.pairwise(order):
        if p.text == c.text and abs(c.x0 - p.x0) <= 1 and abs(c.top - p.top) <= 1:
            return True
    return False


def _cluster(values: Iterable[float], tol: float) -> dict[float, int]:
    """pdfplumber's ``cluster_list``: sorted distinct values, a new group past ``tol``."""
    out: dict[float, int] = {}
    last: float | None = None
    k = -1
    for v in sorted(set(values)):
        if last is None or v > last + tol:
            k += 1
        out[v] = k
        last = v
    return out


def dedupe(chars: list[Ch], tol: float = 1.0) -> list[Ch]:
    """Drop a character repeated within ``tol`` of itself (pdfplumber's ``dedupe_chars``)."""
    groups: dict[str, list[int]] = {}
    for i, ch in enumerate(chars):
        groups.setdefault(ch.text, []).append(i)
    keep: set[int] = set()
    for idx in groups.values():
        if len(idx) == 1:
            keep.add(idx[0])
            continue
        ys = _cluster((chars[i].top for i in idx), tol)
        by_y: dict[int, list[int]] = {}
        for i in idx:
            by_y.setdefault(ys[chars[i].top], []).append(i)
        for members in by_y.values():
            xs = _cluster((chars[i].x0 for i in members), tol)
            by_x: dict[int, list[int]] = {}
            for i in members:
                by_x.setdefault(xs[chars[i].x0], []).append(i)
            for cl in by_x.values():
                keep.add(min(cl, key=lambda i: (chars[i].top, chars[i].x0)))
    return [ch for i, ch in enumerate(chars) if i in keep]


# ---- text as pdfplumber writes it ------------------------------------------------------------


def lines_of(chars: Sequence[Ch]) -> list[list[list[Ch]]]:
    """Lines, each a list of words (left to right, split at spaces and at gaps wider than
    3 pt), as pdfplumber's word extractor makes them; but a line is the characters whose
    *baselines* lie within 3 pt, where pdfplumber compares tops, so that text in two fonts
    on one printed line stays one line (a larger font's top sits higher)."""
    if not chars:
        return []
    key = _cluster((c.base for c in chars), Y_TOL)
    rows: dict[int, list[Ch]] = {}
    for c in chars:
        rows.setdefault(key[c.base], []).append(c)
    out: list[list[list[Ch]]] = []
    for k in sorted(rows):
        words: list[list[Ch]] = []
        cur: list[Ch] = []
        for c in sorted(rows[k], key=lambda c: c.x0):
            if c.text.isspace():
                if cur:
                    words.append(cur)
                cur = []
                continue
            if cur:
                p = cur[-1]
                if c.x0 < p.x0 or c.x0 > p.x1 + X_TOL or abs(c.base - p.base) > Y_TOL:
                    words.append(cur)
                    cur = []
            cur.append(c)
        if cur:
            words.append(cur)
        if words:
            out.append(words)
    return out


def line_text(words: Sequence[Sequence[Ch]]) -> str:
    return " ".join("".join(c.text for c in w) for w in words)


# ---- tables: pdfplumber's "lines" strategy --------------------------------------------------


def _snap(edges: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Move edges within 3 pt of each other (chained) to their mean position."""
    key = _cluster((e[0] for e in edges), SNAP)
    groups: dict[int, list[tuple[float, float, float]]] = {}
    for e in edges:
        groups.setdefault(key[e[0]], []).append(e)
    out: list[tuple[float, float, float]] = []
    for members in groups.values():
        pos = sum(e[0] for e in members) / len(members)
        out += [(pos, e[1], e[2]) for e in members]
    return out


def _join(edges: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Join collinear edges whose gap is at most 3 pt; drop the short ones."""
    by_pos: dict[float, list[tuple[float, float, float]]] = {}
    for e in edges:
        by_pos.setdefault(e[0], []).append(e)
    out: list[tuple[float, float, float]] = []
    for pos in sorted(by_pos):
        run: list[list[float]] = []
        for _, a, b in sorted(by_pos[pos], key=lambda e: e[1]):
            if run and a <= run[-1][1] + SNAP:
                run[-1][1] = max(run[-1][1], b)
            else:
                run.append([a, b])
        out += [(pos, a, b) for a, b in run if b - a >= MIN_EDGE]
    return out


def find_tables(
    h_edges: list[tuple[float, float, float]], v_edges: list[tuple[float, float, float]]
) -> list[list[Rect]]:
    """Tables (lists of cell boxes), top to bottom, each of more than one cell."""
    hs = _join(_snap(h_edges))
    vs = _join(_snap(v_edges))
    if not hs or not vs:
        return []
    if len(hs) * len(vs) > MAX_CROSSINGS:
        raise TooManyRulesError(f"{len(hs)} x {len(vs)} rules")
    tol = SNAP
    points: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    vs.sort(key=lambda e: (e[0], e[1]))
    hs.sort(key=lambda e: (e[0], e[1]))
    for vi, (x, top, bottom) in enumerate(vs):
        for hi, (y, x0, x1) in enumerate(hs):
            if top <= y + tol and bottom >= y - tol and x0 - tol <= x <= x1 + tol:
                pv, ph = points.setdefault((x, y), (set(), set()))
                pv.add(vi)
                ph.add(hi)
    by_x: dict[float, list[float]] = {}
    by_y: dict[float, list[float]] = {}
    for x, y in sorted(points):
        by_x.setdefault(x, []).append(y)
        by_y.setdefault(y, []).append(x)

    def v_link(p: tuple[float, float], q: tuple[float, float]) -> bool:
        return bool(points[p][0] & points[q][0])

    def h_link(p: tuple[float, float], q: tuple[float, float]) -> bool:
        return bool(points[p][1] & points[q][1])

    cells: list[Rect] = []
    for x, y in sorted(points):
        pt = (x, y)
        below = [(x, yy) for yy in by_x[x] if yy > y]
        right = [(xx, y) for xx in by_y[y] if xx > x]
        found = None
        for bp in below:
            if not v_link(pt, bp):
                continue
            for rp in right:
                if not h_link(pt, rp):
                    continue
                br = (rp[0], bp[1])
                if br in points and v_link(br, rp) and h_link(br, bp):
                    found = (x, y, br[0], br[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return _group(cells)


def _group(cells: list[Rect]) -> list[list[Rect]]:
    """Cells sharing a corner form one table (connected components)."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            ri, rj = root(i), root(j)
            if ri != rj:
                parent[ri] = rj
    tables: dict[int, list[Rect]] = {}
    for i, c in enumerate(cells):
        tables.setdefault(root(i), []).append(c)
    out = [t for t in tables.values() if len(t) > 1]
    out.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return out


def bbox(cells: Sequence[Rect]) -> Rect:
    return (
        min(c[0] for c in cells),
        min(c[1] for c in cells),
        max(c[2] for c in cells),
        max(c[3] for c in cells),
    )


def in_cell(ch: Ch, cell: Rect) -> bool:
    """pdfplumber's rule: the character's centre, half-open on the right and bottom."""
    h = (ch.x0 + ch.x1) / 2
    v = (ch.top + ch.bottom) / 2
    return cell[0] <= h < cell[2] and cell[1] <= v < cell[3]


def inside(ch: Ch, boxes: Sequence[Rect]) -> bool:
    h = (ch.x0 + ch.x1) / 2
    v = (ch.top + ch.bottom) / 2
    return any(b[0] <= h <= b[2] and b[1] <= v <= b[3] for b in boxes)


# ---- boxes: where the written text was printed -----------------------------------------------


def align_boxes(
    written: str, start: int, lines: Sequence[Sequence[Sequence[Ch]]], page: int
) -> list[TextBox]:
    """Boxes for ``written`` (at ``start`` in the document) from the characters it was made of.

    Non-space characters of the text and of ``lines`` (lines of words of characters) are
    the same sequence (radicals folded, whitespace collapsed); a box is a run of them that
    is one token of the text and sits on one printed line. A mismatch ends the walk with one
    box over the rest, so nothing written is left without a place.
    """
    seq: list[tuple[Ch, int]] = []
    for li, line in enumerate(lines):
        for word in line:
            seq += [(c, li) for c in word if not c.text.isspace()]
    out: list[TextBox] = []
    k = 0
    run: list[Ch] = []
    run_start = 0
    run_line = -1

    def flush(end: int) -> None:
        if run:
            out.append(_box(run, start + run_start, start + end, page))
            run.clear()

    i = 0
    for i, t in enumerate(written):
        if t.isspace():
            flush(i)
            continue
        if k >= len(seq) or fold_radicals(seq[k][0].text) != t:
            flush(i)
            rest = [c for c, _ in seq[k:]] or [c for c, _ in seq[-1:]]
            if rest:
                end = len(written.rstrip())
                if end > i:
                    out.append(_box(rest, start + i, start + end, page))
            return out
        ch, li = seq[k]
        if run and li != run_line:
            flush(i)
        if not run:
            run_start, run_line = i, li
        run.append(ch)
        k += 1
    flush(len(written))
    return out


def _box(chars: Sequence[Ch], a: int, b: int, page: int) -> TextBox:
    return TextBox(
        a,
        b,
        page,
        min(c.x0 for c in chars),
        min(c.top for c in chars),
        max(c.x1 for c in chars),
        max(c.bottom for c in chars),
    )


def range_box(textpage: Any, frame: Frame, first: int, count: int) -> Rect | None:
    """The union of pdfium's rectangles over characters ``first .. first+count``."""
    n = pdfium_c.FPDFText_CountRects(textpage, first, count)
    if n <= 0:
        return None
    lo, t, r, b = (ctypes.c_double() for _ in range(4))
    x0 = top = math.inf
    x1 = bottom = -math.inf
    for k in range(n):
        if not pdfium_c.FPDFText_GetRect(textpage, k, lo, t, r, b):
            continue
        a0, a1, a2, a3 = frame.rect(lo.value, b.value, r.value, t.value)
        x0, top = min(x0, a0), min(top, a1)
        x1, bottom = max(x1, a2), max(bottom, a3)
    if x0 == math.inf:
        return None
    return x0, top, x1, bottom


def merge_edges(values: list[float]) -> list[float]:
    """Distinct rule positions, merging values within a point of each other (a table's
    columns and rows as its cells' sides give them: text PDFs and OCR scans alike)."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > 1.0:
            out.append(v)
    return out
