"""A table region → a stream of tokens (label / value), each with its span.

Three layouts meet us in text: ``cell | cell |`` rows, one cell per line, and everything
flattened with only spaces between cells. Empty pieces between bars are merged-cell debris
and are dropped. Where the document has a native grid (HTML/DOCX/PDF/XLSX), tokens come from
the grid instead: one per cell, a blank cell explicit, so a blank is never mistaken for debris.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable
from typing import NamedTuple

from gik_desk.model import Document, Fill, NativeTable, Span
from gik_desk.model.flow import stripped_lines
from gik_desk.parse.numbers import CellText, ascii_digits, read_cell

_WS_SPLIT = re.compile(r"[^|\s]+")
_BLANK = CellText(Fill.BLANK)  # frozen: one shared by every gap token
_TEXT = CellText(Fill.TEXT)
# A run of digits glued after a label (``…数量4120000043``), ending where the text ends, where
# the next row's ordinal starts (``…00000012.其他``), or before a ``(三)`` / ``四、`` label.
_WS = re.compile(r"\s")
_WS_OR_DIGIT = re.compile(r"[\s\d]")  # a piece with neither is one token as it stands
_SPACED_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\s\d{3})+")  # ``1 234``, no-break or thin space
_PAGE_MARK = re.compile(r"-\s*\d{1,4}\s*-|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?")
# A converter's invented header (``数据1``, ``列1``) is a label, never a label + a figure.
_GLUED = re.compile(
    r"(?<=[\u3400-\u9fff\"”)’】\]])(?<!数据)(?<!列)(\d+)"
    r"(?=$|\d[.、](?!\d)|\(|[一二三四五六七八九十]+、)"
)


class Token(NamedTuple):
    """One cell-like piece of a table region. ``cell`` is None for a label.

    A named tuple, not a frozen dataclass: a report makes a few hundred, made in a third of
    the time (a frozen dataclass sets each field through ``object.__setattr__``).
    """

    text: str  # as printed
    span: Span  # the whole piece in Document.text
    cell: CellText | None = None
    grid: bool = False  # came from a native grid cell
    gap: bool = False  # nothing between two bars inside a row line: a blank cell, or layout
    # a label whose ordinal was printed on its own line (``2`` / ``、重复申请``): where that
    # digit line stands; a crawler that collapses identical lines may have merged it with the
    # row above's last figure when that figure was the same number
    ordinal: Span | None = None
    # printed after the previous token with only spaces between them (no line break, no bar):
    # that space may be a thousands separator (``1 234``) rather than a cell boundary
    spaced: bool = False

    @property
    def is_layout_blank(self) -> bool:
        """A blank that may be layout (an empty sub-label cell beside a merged label)."""
        return (self.grid or self.gap) and self.cell is not None and self.cell.fill is Fill.BLANK

    @property
    def is_label(self) -> bool:
        return self.cell is None

    @property
    def number_span(self) -> Span | None:
        """Exactly the printed number, or the blank mark, inside the document text."""
        if self.cell is None:
            return None
        c, span = self.cell, self.span
        if c.fill is Fill.NUMBER and (c.start or c.end != span.end - span.start):
            return Span(span.start + c.start, span.start + c.end)
        return span  # a blank mark, or a number that is the whole piece (the common ``0``)


def _pieces(text: str, raw: str, start: int, end: int, flattened: bool) -> list[Token]:
    """Tokens of plain text in ``text[start:end]`` (``text`` already full-width-normalised,
    ``raw`` as printed: each token's text is the printed one)."""
    if flattened:
        out: list[Token] = []
        prev = -1
        for m in _WS_SPLIT.finditer(text, start, end):
            word = m.group()
            w, prev_end, prev = m.start(), prev, m.end()
            if word[0] in "-第" and _PAGE_MARK.fullmatch(word):
                continue
            if len(word) > _CACHED_LINE:
                toks = _as_printed(_unglue(word, w), raw)
                if toks and prev_end >= 0 and "\n" not in text[prev_end:w]:
                    toks[0] = toks[0]._replace(spaced=True)
                out.extend(toks)
                continue
            spaced = prev_end >= 0 and "\n" not in text[prev_end:w]
            printed = raw[w:prev]
            for t_text, a, b, cell, _, _ in _line_tokens(
                word, None if printed == word else printed, _unglue
            ):
                span = _new_object(Span)  # Span(a + w, b + w) (``_new_object``)
                _set_start(span, a + w)
                _set_end(span, b + w)
                out.append(_new_tuple(Token, (t_text, span, cell, False, False, None, spaced)))
                spaced = False  # the space is before the word's first token only
        return out
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        if line_end - pos > _CACHED_LINE:
            out.extend(_as_printed(_bar_line(text, pos, line_end), raw))
        else:
            line, printed = text[pos:line_end], raw[pos:line_end]
            for t_text, a, b, cell, gap, spaced in _line_tokens(
                line, None if printed == line else printed, _bar_cells
            ):
                span = _new_object(Span)  # Span(a + pos, b + pos) (``_new_object``)
                _set_start(span, a + pos)
                _set_end(span, b + pos)
                out.append(_new_tuple(Token, (t_text, span, cell, False, gap, None, spaced)))
        pos = line_end + 1
    return out


def _as_printed(tokens: list[Token], raw: str) -> list[Token]:
    """Each token's text as printed in ``raw`` (the normalised copy has the same length);
    most pieces are equal. Gap tokens hold no text."""
    out: list[Token] = []
    for t in tokens:
        if not t.gap:
            printed = raw[t.span.start : t.span.end]
            if printed != t.text:
                t = Token(printed, t.span, t.cell, spaced=t.spaced)
        out.append(t)
    return out


_CACHED_LINE = 300  # longer lines are read as they come (a hostile file's one huge line)
# a cached token: text, start, end, cell, gap, spaced (never a grid token, never an ordinal)
_LineToken = tuple[str, int, int, CellText | None, bool, bool]


@functools.lru_cache(maxsize=8192)
def _line_tokens(
    line: str, printed: str | None, read: Callable[[str, int], list[Token]]
) -> tuple[_LineToken, ...]:
    """``read(line, 0)`` (a bar line's cells, or a flattened table's word) on its own
    (offsets from 0), its tokens' text as ``printed`` (None: as ``line``): a batch repeats
    the same rows (``规章 | 0 | 0 | 0 |``) in report after report, and their tokens depend
    on their text only, so each is read once and moved to where it stands (``_pieces``)."""
    toks = read(line, 0)
    if printed is not None:
        toks = _as_printed(toks, printed)
    return tuple((t.text, t.span.start, t.span.end, t.cell, t.gap, t.spaced) for t in toks)


# Making a moved token is most of a bar line's cost once its reading is cached: the two are
# made without the checks their constructors repeat (a cached span moved right stays valid;
# a named tuple's ``__new__`` is a Python call around ``tuple.__new__``).
_new_tuple = tuple.__new__
_new_object = object.__new__
_set_start = Span.__dict__["start"].__set__
_set_end = Span.__dict__["end"].__set__


def _bar_cells(line: str, base: int) -> list[Token]:
    """``_bar_line`` of all of ``line`` (``base`` is 0: a cached line is read on its own)."""
    return _bar_line(line, base, base + len(line))


def _bar_line(text: str, a: int, b: int) -> list[Token]:
    """One line of ``cell | cell |``. Empty pieces before the first or after the last cell
    are merged-cell debris (``|||``); one between two cells is a gap token (ingest writes a
    blank cell as nothing between two bars), which the walker reads as blank or as layout."""
    parts = text[a:b].split("|")
    first, last = 0, len(parts) - 1
    while first <= last and not parts[first].strip():
        first += 1
    if first > last:
        return []
    while not parts[last].strip():
        last -= 1
    out: list[Token] = []
    x = a + sum(len(raw) for raw in parts[:first]) + first
    for i in range(first, last + 1):
        raw = parts[i]
        start, x = x, x + len(raw) + 1  # the next piece starts after the bar
        piece = raw.strip()
        if not piece:
            out.append(Token("", Span(start, start), _BLANK, gap=True))
            continue
        base = start if len(piece) == len(raw) else start + len(raw) - len(raw.lstrip())
        if piece.isdigit() and piece.isascii():  # the common cell: a plain number
            out.append(Token(piece, Span(base, base + len(piece)), read_cell(piece)))
            continue
        if piece[0] in "-第" and _PAGE_MARK.fullmatch(piece):
            continue  # a page number between two parts of a table
        if out and _unreadable_mark(piece) and any(t.cell is not None for t in out):
            # a cell of its own after the row's figures holding no word and no figure (``■``, a
            # smudge, ``？``): an unreadable figure where a number belongs, never a label
            out.append(Token(piece, Span(base, base + len(piece)), _TEXT))
            continue
        found = _WS_OR_DIGIT.search(piece)
        if found is None:  # a plain label (or ``—``): one token, nothing glued to split off
            out.append(Token(piece, Span(base, base + len(piece)), read_cell(piece)))
        elif _WS.search(piece, found.start()):
            out.extend(_mixed(piece, base))
        else:
            out.extend(_unglue(piece, base))
    return out


def _unreadable_mark(piece: str) -> bool:
    """No letter, no digit, no CJK character: nothing a label or a figure is made of."""
    return read_cell(piece) is None and not any(ch.isalnum() for ch in piece)


def _mixed(piece: str, base: int) -> list[Token]:
    """A cell holding spaces: a label (``商业 企业``) unless numbers sit among the words."""
    words = list(_WS_SPLIT.finditer(piece))
    if not any(read_cell(w.group()) is not None for w in words):
        return _unglue(piece, base)
    out: list[Token] = []
    label_start: int | None = None
    label_end = 0
    for w in words:
        if read_cell(w.group()) is None:
            if label_start is None:
                label_start = w.start()
            label_end = w.end()
            continue
        if label_start is not None:
            out.extend(_unglue(piece[label_start:label_end], base + label_start))
            label_start = None
        toks = _classify(w.group(), base + w.start())
        if toks and out and out[-1].cell is not None:
            toks[0] = toks[0]._replace(spaced=True)
        out.extend(toks)
    if label_start is not None:
        out.extend(_unglue(piece[label_start:label_end], base + label_start))
    return out


def _unglue(piece: str, base: int) -> list[Token]:
    out: list[Token] = []
    pos = 0
    for g in _GLUED.finditer(piece):
        if g.start() > pos:
            out.extend(_classify(piece[pos : g.start()], base + pos))
        out.extend(_classify(g.group(), base + g.start()))
        pos = g.end()
    if pos < len(piece):
        out.extend(_classify(piece[pos:], base + pos))
    return out


def _classify(piece: str, start: int) -> list[Token]:
    s = piece.strip()
    if not s:
        return []
    start += len(piece) - len(piece.lstrip())
    return [Token(s, Span(start, start + len(s)), read_cell(s))]


def _grid_tokens(doc: Document, table: NativeTable, start: int, end: int) -> list[Token]:
    """One token per grid cell. Text after a number in the same row sits where a number
    belongs (``不适用``): it is a TEXT fill, not the start of a new label."""
    out: list[Token] = []
    for row in table.rows():
        seen_number = False
        for c in row:
            if c.span.start < start or c.span.start > end:
                continue
            printed = doc.text[c.span.start : c.span.end]
            s = printed.strip()
            offset = c.span.start + (printed.find(s) if s else 0)
            span = Span(offset, offset + len(s))
            if _SPACED_THOUSANDS.fullmatch(s):
                # ``1 234`` in one cell: a thousands separator (or two figures); the row's
                # identities tell (``builder._hinted``), so each group is a token of its own
                for k, w in enumerate(_WS_SPLIT.finditer(s)):
                    a = offset + w.start()
                    tok = Token(w.group(), Span(a, w.end() + offset), read_cell(w.group()))
                    out.append(tok._replace(grid=True, spaced=k > 0))
                seen_number = True
                continue
            cell = read_cell(s)
            if not s:
                cell = CellText(Fill.BLANK)
            elif cell is None and seen_number:
                cell = CellText(Fill.TEXT)
            seen_number = seen_number or (cell is not None and cell.fill is Fill.NUMBER)
            out.append(Token(s, span, cell, grid=True))
    return out


# Words a browser or a crawler leaves on their own line around a page (a translate widget,
# share buttons, font-size switches): never part of a table.
RESIDUE = frozenset(
    {
        "翻译",
        "搜索",
        "复制",
        "分享",
        "打印",
        "关闭",
        "收藏",
        "返回顶部",
        "【打印】",
        "【关闭】",
        "[打印]",
        "[关闭]",
        "大中小",
        "字号",
        "默认",
        "扫一扫",
        "微信",
        "微博",
    }
)
_ORDINAL_TAIL = ("、", ".", "．")
_text_of = operator.attrgetter("text")


def is_line_per_cell(text: str, start: int, end: int) -> bool:
    """Crawled pages print a table one cell per line, without bars: there, a row may show
    fewer values than it has cells (a crawler collapsed identical lines) and the readings
    of ``parse/readings.py`` apply. Flattened text (seed 003) has many cells per line."""
    if text.find("|", start, end) >= 0:
        return False
    lines = multi = 0
    for line in stripped_lines(text, start, end):
        lines += 1
        if len(_WS_SPLIT.findall(line)) > 2:
            multi += 1
    return lines >= 8 and multi * 5 <= lines


def _tidy(tokens: list[Token], text: str) -> list[Token]:
    """Drop browser residue; an ordinal printed on its own line before the rest of its
    label (``2`` / ``、政府公报公开数``) is part of the label, not a value."""
    texts = list(map(_text_of, tokens))
    joined = "\n" + "\n".join(texts)
    if RESIDUE.isdisjoint(texts) and not any(f"\n{tail}" in joined for tail in _ORDINAL_TAIL):
        return tokens  # most regions: no residue, no label that starts with an ordinal's tail
    out: list[Token] = []
    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i]
        c = t.cell
        if c is None:
            if not t.grid and t.text in RESIDUE:
                i += 1
                continue
        elif (
            len(t.text) <= 2  # cheapest test first: most figures are not a lone ordinal
            and i + 1 < n
            and not t.grid
            and c.fill is Fill.NUMBER
            and t.text.isdigit()
        ):
            nxt = tokens[i + 1]
            if not nxt.grid and nxt.cell is None and nxt.text.startswith(_ORDINAL_TAIL):
                span = Span(t.span.start, nxt.span.end)
                label = text[span.start : span.end].replace("\n", "")
                out.append(Token(label, span, ordinal=t.number_span))
                i += 2
                continue
        out.append(t)
        i += 1
    return out


def is_flattened(text: str, start: int, end: int) -> bool:
    """No bars in the region: cells are separated by spaces only (seed 003)."""
    return text.find("|", start, end) < 0


def tokenize(doc: Document, start: int, end: int, norm: str | None = None) -> list[Token]:
    """Tokens of ``doc.text[start:end]``, from the native grid where one covers it.

    ``norm`` is ``ascii_digits(doc.text)`` when the caller already has it.
    """
    text = norm if norm is not None else ascii_digits(doc.text)
    grids = [t for t in doc.tables if t.span.start < end and t.span.end > start]
    out: list[Token] = []
    pos = start
    flattened = is_flattened(text, start, end)
    for g in sorted(grids, key=lambda t: t.span.start):
        g_start, g_end = max(g.span.start, start), min(g.span.end, end)
        if g_start > pos:
            out.extend(_pieces(text, doc.text, pos, g_start, flattened))
        out.extend(_grid_tokens(doc, g, g_start, g_end))
        pos = max(pos, g_end)
    if pos < end:
        out.extend(_pieces(text, doc.text, pos, end, flattened))
    return _tidy(out, doc.text)
