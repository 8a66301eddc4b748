"""Turning value tokens into cells of one canonical table, digit runs included.

Shared by the 表二/表三/表四 walkers: places a row's values, splits a glued digit run when
that is the only reading, and records what could not be placed (``Unread``) so nothing is
dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace

from gik_desk.model import Cell, Derivation, Fill, LabelSeen, Number, Span, Table, Unread
from gik_desk.parse.digits import Part, split_hinted, split_tokens, thousands_group
from gik_desk.parse.numbers import ascii_digits
from gik_desk.parse.readings import Piece, Printed, Reading, agreed, choose, readings
from gik_desk.parse.tokens import Token
from gik_desk.template.identities import Identity

_COUNT_TABLES = frozenset({"applications", "appeals"})  # cells that hold counts of cases
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")  # ``1,234``: one figure, never a run


@dataclass(slots=True)
class TableBuilder:
    name: str
    template: str
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    labels: list[LabelSeen] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    derivations: list[Derivation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # rows printed one value per line with fewer (or more) values than columns: read once
    # the whole table is known (``settle``), by the template's identities
    pending: dict[str, tuple[tuple[str, ...], tuple[Token, ...]]] = field(default_factory=dict)
    # the next row's ordinal digit, which may also be this row's last figure (``place_lines``)
    merged: dict[str, Token] = field(default_factory=dict)
    # rows of digit tokens with every split their own identities allow (``_hinted``)
    splits: dict[str, tuple[tuple[str, ...], tuple[Token, ...], list[tuple[Part, ...]]]] = field(
        default_factory=dict
    )

    def label(
        self, key: str, tokens: Sequence[Token], axis: str = "row", text: str | None = None
    ) -> None:
        if not tokens:
            return
        if text is None:
            text = "".join(t.text for t in tokens) if axis == "row" else tokens[0].text
        span = Span(tokens[0].span.start, tokens[-1].span.end)
        self.labels.append(LabelSeen(key, text, span, axis))

    def skip(self, tokens: Sequence[Token], reason: str) -> None:
        for t in tokens:
            if t.is_layout_blank:
                continue  # an empty grid cell outside any row is layout, not content
            self.unread.append(Unread(t.text, t.span, reason))

    def put(self, row: str, col: str, tok: Token) -> None:
        c = tok.cell
        assert c is not None
        text, span = tok.text, tok.span
        if c.fill is Fill.NUMBER:
            if not text.isdigit() and self.name in _COUNT_TABLES and _not_a_count(text, c.unit):
                # ``(8)`` or ``8%`` where a count belongs: a negative, a share, a note? unread,
                # with the printed text kept on the cell for the reviewer
                self.cells[row, col] = Cell(self.name, row, col, None, text, span, Fill.TEXT)
                return
            if c.start or c.end != span.end - span.start:  # ``tok.number_span``, inlined
                span = Span(span.start + c.start, span.start + c.end)
        self.cells[row, col] = _new_cell(self.name, row, col, c.value, text, span, c.fill, c.unit)

    def place_row(
        self,
        row: str,
        cols: Sequence[str],
        values: Sequence[Token],
        groups: Sequence[int] | None = None,
        keep_extra: bool = False,
    ) -> list[Token]:
        """Put ``values`` into ``row``'s columns in order.

        Too few values that are all digit runs, with at least one digit per column, are split
        by ``groups`` (each group's last part = sum of the rest) when ``groups`` is given.
        Values beyond the row are returned with ``keep_extra`` (the caller may place them on
        a row whose label is printed after its numbers), else recorded as unread.
        """
        n = len(cols)
        while len(values) > n and values[0].is_layout_blank:
            values = values[1:]  # an empty sub-label cell beside a merged label
        while len(values) > n and values[-1].is_layout_blank:
            values = values[:-1]
        if groups and sum(groups) == n and self._hinted(row, cols, values, groups):
            return []
        splittable = len(values) < n and groups and sum(groups) == n and _splittable(values, n)
        if splittable and self._derive(row, cols, values, groups or ()):
            return []
        if (
            groups
            and len(values) < n
            and any(v.cell and v.cell.fill is Fill.NUMBER for v in values)
        ):
            # fewer figures than cells in a table with identities: which cell each belongs to
            # is not known, so none is placed from the left
            self.skip(values, f"{row} 行只有 {len(values)} 个数值,应有 {n} 个,无法确定所在列")
            return []
        for col, tok in zip(cols, values, strict=False):
            self.put(row, col, tok)
        if len(values) > n:
            if keep_extra:
                return list(values[n:])
            self.skip(values[n:], f"{row} 行多出的数值")
        elif len(values) < n:
            self.notes.append(f"{row}: 只读到 {len(values)} 个数值,应有 {n} 个")
        return []

    def _hinted(
        self, row: str, cols: Sequence[str], values: Sequence[Token], groups: Sequence[int]
    ) -> bool:
        """A row of plain digit tokens whose printed separators may not be its cell
        boundaries (a run glued, ``450 000045``, ``1 234``): kept for ``settle`` with every
        reading the row's identities allow. False: read it as printed (or as before)."""
        if len(values) == len(cols) and not any(t.spaced for t in values[1:]):
            return False  # one token per cell, none a thousands group: the only reading
        texts = [ascii_digits(t.text) for t in values]
        atomic = [_THOUSANDS.fullmatch(x) is not None for x in texts]
        runs = [x.replace(",", "") if a else x for x, a in zip(texts, atomic, strict=True)]
        if not runs or not all(r.isascii() and r.isdigit() for r in runs):
            return False
        # a space before a group of three digits may be a thousands separator (``1 234``)
        joinable = [
            t.spaced and thousands_group(r) for t, r in zip(values[1:], runs[1:], strict=True)
        ]
        if len(values) == len(cols) and not any(joinable):
            return False  # one cell per token: the only reading
        options = split_hinted(runs, groups, joinable, atomic)
        if not options:
            if len(values) > len(cols) and any(joinable):
                # more figures than cells, a space perhaps a thousands separator, and no
                # reading adds up: which figure is whose cannot be told
                self.skip(values, f"{row} 行的数值无法按本表勾稽关系对应到各列")
                return True
            return False
        span = Span(values[0].span.start, values[-1].span.end)
        raw = " ".join(t.text for t in values)
        flat = tuple(dict.fromkeys(tuple(p.value for p in o) for o in options))
        if len(values) != len(cols) or len(flat) > 1 or any(not p.whole(runs) for p in options[0]):
            self.derivations.append(Derivation(row, raw, span, flat))
        self.splits[row] = (tuple(cols), tuple(values), options)
        return True

    def place_lines(
        self,
        row: str,
        cols: Sequence[str],
        values: Sequence[Token],
        checked: bool = True,
        merged: Token | None = None,
    ) -> None:
        """A row printed one value per line, kept for ``settle``: a run may be collapsed or a
        number split over lines even where the count matches (``3`` / ``40`` / ``17`` … is
        340,17,…). ``checked=False`` (表二, no identities): a full row is read as printed."""
        while len(values) > len(cols) and values[-1].is_layout_blank:
            values = values[:-1]
        if len(values) == len(cols) and not checked:
            for col, tok in zip(cols, values, strict=True):
                self.put(row, col, tok)
            return
        groups = (7,) if len(cols) == 7 else (5, 5, 5) if len(cols) == 15 else None
        if (
            checked
            and groups
            and all(t.spaced for t in values[1:])
            and self._hinted(row, cols, values, groups)
        ):
            return  # the row's figures printed on one line: its spaces are hints, not lines
        # a glued digit run on its own line (``4120000043``) is the seeds' case; figures
        # on lines of their own are never glued to each other
        if (
            len(values) == 1
            and _splittable(values, len(cols))
            and groups
            and self._derive(row, cols, values, groups)
        ):
            return
        self.pending[row] = (tuple(cols), tuple(values))
        if merged is not None and merged.cell is not None and values[-1].text != merged.text:
            self.merged[row] = merged

    def settle(self, identities: Sequence[Identity]) -> None:
        """Read the pending rows: each cell on which every reading the identities leave
        agrees is read (derived where it was not printed alone); the others stay unread,
        with their alternatives, and the table is incomplete (PARSE)."""
        if not self.pending and not self.splits:
            return
        fixed = {pos: c.value if c.is_number else None for pos, c in self.cells.items()}
        options: dict[str, tuple[tuple[str, ...], Iterable[list[Reading]]]] = {}
        split_readings: dict[str, list[Reading]] = {}
        for row, (cols, toks, opts) in self.splits.items():
            runs = [ascii_digits(t.text) for t in toks]
            rs = [
                tuple(Piece(p.value, Fill.NUMBER, p.token, p.last, not p.whole(runs)) for p in o)
                for o in opts
            ]
            split_readings[row] = rs
            options[row] = (cols, [rs])
        rows: dict[str, tuple[tuple[str, ...], tuple[Token, ...]]] = {}
        fallback: dict[str, Iterator[list[Reading]]] = {}
        for row, (cols, toks) in self.pending.items():
            printed = [_printed(t) for t in toks]
            options[row] = (cols, readings(printed, len(cols)))
            extra = self.merged.get(row)
            if extra is not None:
                whole = replace(_printed(extra), whole=True)
                fallback[row] = readings([*printed, whole], len(cols))
                toks = (*toks, extra)  # indexes of the shorter reading stay the same
            rows[row] = (cols, toks)
        chosen = choose(fixed, options, identities, fallback, exact=set(self.splits))
        for row, (cols, toks, opts) in self.splits.items():
            self._settle_split(row, cols, toks, opts, split_readings[row], chosen.get(row, []))
        for row, (cols, toks) in rows.items():
            rs = chosen.get(row, [])
            if not rs:
                self.skip(toks, f"{row} 行的数值无法按本表勾稽关系对应到各列")
                continue
            raw = " / ".join(t.text for t in toks)
            span = Span(toks[0].span.start, toks[-1].span.end)
            flat = tuple(
                dict.fromkeys(tuple(p.value for p in r if p.value is not None) for r in rs)
            )
            derived_any = False
            for j, col in enumerate(cols):
                piece = agreed(rs, j)
                if piece is None:
                    alts = tuple(dict.fromkeys(v for r in rs if (v := r[j].value) is not None))
                    self.cells[row, col] = Cell(
                        self.name,
                        row,
                        col,
                        None,
                        raw,
                        span,
                        Fill.NUMBER,
                        derived=True,
                        alternatives=alts,
                    )
                    derived_any = True
                    continue
                first, last = toks[piece.first], toks[piece.last]
                cell_span = (
                    first.number_span
                    if piece.first == piece.last
                    else Span(first.span.start, last.span.end)
                )
                text = (
                    first.text
                    if piece.first == piece.last
                    else " / ".join(t.text for t in toks[piece.first : piece.last + 1])
                )
                unit = first.cell.unit if first.cell is not None else None
                self.cells[row, col] = Cell(
                    self.name,
                    row,
                    col,
                    piece.value,
                    text,
                    cell_span,
                    piece.fill,
                    unit,
                    derived=piece.derived,
                )
                derived_any = derived_any or piece.derived
            if derived_any:
                self.derivations.append(Derivation(row, raw, span, flat, kind="runs"))
        self.pending.clear()
        self.merged.clear()
        self.splits.clear()

    def _settle_split(
        self,
        row: str,
        cols: Sequence[str],
        toks: Sequence[Token],
        opts: Sequence[tuple[Part, ...]],
        all_readings: Sequence[Reading],
        kept: Sequence[Reading],
    ) -> None:
        """Cells of a hinted row: read where every kept split agrees, else unread with the
        alternatives; each read cell's span is its digits where the splits agree on them."""
        raw = " ".join(t.text for t in toks)
        span = Span(toks[0].span.start, toks[-1].span.end)
        index = {id(r): k for k, r in enumerate(all_readings)}
        chosen = [opts[index[id(r)]] for r in kept if id(r) in index]
        if not chosen:
            self.skip(toks, f"{row} 行的数值无法按本表勾稽关系对应到各列")
            return
        for j, col in enumerate(cols):
            values = tuple(dict.fromkeys(o[j].value for o in chosen))
            if len(values) > 1:
                self.cells[row, col] = Cell(
                    self.name, row, col, None, raw, span, Fill.NUMBER, derived=True,
                    alternatives=values,
                )  # fmt: skip
                continue
            where = {(o[j].token, o[j].start, o[j].last, o[j].end) for o in chosen}
            part = chosen[0][j]
            whole = len(where) == 1 and part.whole([ascii_digits(t.text) for t in toks])
            if len(where) == 1:
                a, b = toks[part.token], toks[part.last]
                cell_span = Span(a.span.start + part.start, b.span.start + part.end)
                text = _joined(toks, part)
            else:
                cell_span, text = span, raw
            if whole:
                self.put(row, col, toks[part.token])
                continue
            shown = text if part.token != part.last else raw  # a thousands group, or the run
            self.cells[row, col] = Cell(
                self.name, row, col, part.value, shown, cell_span, derived=True
            )

    def _derive(
        self, row: str, cols: Sequence[str], values: Sequence[Token], groups: Sequence[int]
    ) -> bool:
        runs = [ascii_digits(t.text) for t in values]
        options = split_tokens(runs, groups)
        span = Span(values[0].span.start, values[-1].span.end)
        raw = "".join(t.text for t in values)
        if not options:
            # fewer figures than cells and no split adds up: placing them from the left
            # would put figures in cells they may not belong to, so none is read
            self.skip(values, f"{row} 行数字粘连,无法按勾稽关系拆分")
            return True
        flat = [tuple(v for part in opt for v in part) for opt in options]
        self.derivations.append(Derivation(row, raw, span, tuple(flat)))
        if len(options) == 1:
            k = 0
            for tok, parts in zip(values, options[0], strict=True):
                pos = tok.span.start
                for v in parts:
                    width = len(str(v))
                    self.cells[row, cols[k]] = Cell(
                        self.name, row, cols[k], v, raw, Span(pos, pos + width), derived=True
                    )
                    pos += width
                    k += 1
            return True
        for k, col in enumerate(cols):
            alts = tuple(dict.fromkeys(opt[k] for opt in flat))
            value: Number | None = alts[0] if len(alts) == 1 else None
            self.cells[row, col] = Cell(
                self.name,
                row,
                col,
                value,
                raw,
                span,
                Fill.NUMBER,
                derived=True,
                alternatives=alts if len(alts) > 1 else (),
            )
        return True

    def build(self, expected: Sequence[tuple[str, str]], span: Span | None) -> Table:
        missing = tuple(k for k in expected if k not in self.cells)
        cells = {}
        for r, c in expected:
            cell = self.cells.get((r, c))
            if cell is None:  # only a missing cell is made (not one per expected cell)
                cell = Cell(self.name, r, c, None, "", None, Fill.MISSING)
            cells[r, c] = cell
        for k, v in self.cells.items():
            cells.setdefault(k, v)
        ambiguous = any(c.alternatives for c in cells.values())
        return Table(
            name=self.name,
            template=self.template,
            cells=cells,
            span=span,
            labels=tuple(self.labels),
            missing=missing,
            unread=tuple(self.unread),
            derivations=tuple(self.derivations),
            complete=not missing and not ambiguous,
            notes=tuple(self.notes),
        )


# A table of 表三 is ~180 cells: made without the frozen dataclass's ``__init__`` (one
# ``object.__setattr__`` per field through a Python frame), each field set through its slot,
# 40 % faster. The field list is checked here, so a field added to ``Cell`` fails at import
# rather than leaving a cell without it.
_CELL_FIELDS = ("table", "row", "col", "value", "raw", "span", "fill", "unit", "derived",
                "alternatives", "source", "confidence")  # fmt: skip
assert tuple(f.name for f in fields(Cell)) == _CELL_FIELDS, "Cell's fields changed: _new_cell"
_new_object = object.__new__
(_set_table, _set_row, _set_col, _set_value, _set_raw, _set_span, _set_fill, _set_unit,
 _set_derived, _set_alternatives, _set_source, _set_confidence) = (
    Cell.__dict__[name].__set__ for name in _CELL_FIELDS
)  # fmt: skip


def _new_cell(
    table: str,
    row: str,
    col: str,
    value: Number | None,
    raw: str,
    span: Span | None,
    fill: Fill,
    unit: str | None,
) -> Cell:
    """``Cell(table, row, col, value, raw, span, fill, unit)``, the rest its defaults."""
    cell: Cell = _new_object(Cell)
    _set_table(cell, table)
    _set_row(cell, row)
    _set_col(cell, col)
    _set_value(cell, value)
    _set_raw(cell, raw)
    _set_span(cell, span)
    _set_fill(cell, fill)
    _set_unit(cell, unit)
    _set_derived(cell, False)
    _set_alternatives(cell, ())
    _set_source(cell, "")
    _set_confidence(cell, None)
    return cell


def _printed(t: Token) -> Printed:
    c = t.cell
    if c is None or c.fill is not Fill.NUMBER:
        return Printed(t.text, None, c.fill if c is not None else Fill.TEXT)
    number = ascii_digits(t.text)[c.start : c.end]
    return Printed(number, c.value, Fill.NUMBER)


def _splittable(values: Sequence[Token], n: int) -> bool:
    runs = [ascii_digits(t.text) for t in values]
    return all(r.isdigit() for r in runs) and sum(len(r) for r in runs) >= n


def _joined(toks: Sequence[Token], part: Part) -> str:
    """The printed digits of one part of a hinted split (a thousands group keeps its spaces)."""
    if part.token == part.last:
        return toks[part.token].text[part.start : part.end]
    return " ".join(t.text for t in toks[part.token : part.last + 1])


def _not_a_count(text: str, unit: str | None) -> bool:
    """A count printed as a share or in parentheses: its meaning is not certain."""
    return unit == "%" or "(" in text or "（" in text or "%" in text or "％" in text
