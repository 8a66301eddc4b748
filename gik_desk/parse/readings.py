"""Readings of a row printed one cell per line, and the choice among them by identities.

Crawled pages print each table cell on its own line, and crawlers often collapse a run of
identical consecutive lines into one: a 表三 row ``3 / 0 / 3`` is 3,0,0,0,0,0,3, a lone ``0``
an all-zero row. A number can also be split over two lines (``2 / 7`` = 27). A row's
*readings* are every way its printed values can be the row's cells under those two effects.

Which reading is the row is decided by the template's identities (``template/identities.py``)
and only where they leave one: a cell on which the surviving readings disagree stays unread,
with its alternatives (never a guess). Sizes are small and bounded: a row has at most 15 cells,
readings are capped at ``MAX_READINGS``, joint choices at ``MAX_COMBOS``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from gik_desk.model import Fill, Number
from gik_desk.template.identities import Identity, Pos

MAX_READINGS = 50000
MAX_STATES = 400000


@dataclass(frozen=True, slots=True)
class Printed:
    """One printed value of a row, as the reader sees it."""

    text: str  # the printed text, normalised digits
    value: Number | None
    fill: Fill
    whole: bool = False  # never joined with its neighbour (a merged ordinal's digit)


@dataclass(frozen=True, slots=True)
class Piece:
    """One cell of a reading: its value and the printed values it comes from."""

    value: Number | None
    fill: Fill
    first: int  # index of the first printed value it is read from
    last: int  # index of the last (a number split over lines spans several)
    derived: bool  # not printed alone on its own line: expanded from a run, or joined


Reading = tuple[Piece, ...]


def _joinable(a: Printed, b: Printed) -> bool:
    return (
        not a.whole
        and not b.whole
        and a.fill is Fill.NUMBER
        and b.fill is Fill.NUMBER
        and a.text.isdigit()
        and b.text.isdigit()
        and a.text.isascii()
        and b.text.isascii()
        and not (a.text.startswith("0"))
    )


def _groups(printed: Sequence[Printed], joins: int) -> Iterator[list[tuple[int, int]]]:
    """Every segmentation of the printed values into groups with exactly ``joins`` joins."""
    k = len(printed)
    spots = [i for i in range(k - 1) if _joinable(printed[i], printed[i + 1])]
    for chosen in combinations(spots, joins):
        cut = set(chosen)
        out: list[tuple[int, int]] = []
        start = 0
        for i in range(k):
            if i in cut:
                continue
            out.append((start, i))
            start = i + 1
        yield out


def _group_piece(printed: Sequence[Printed], a: int, b: int) -> tuple[Number | None, Fill]:
    if a == b:
        return printed[a].value, printed[a].fill
    return int("".join(p.text for p in printed[a : b + 1])), Fill.NUMBER


def readings(
    printed: Sequence[Printed], n: int, max_joins: int | None = None
) -> Iterator[list[Reading]]:
    """Every reading of ``printed`` as ``n`` cells, tier by tier: the fewest joins first.

    At most ``max_joins`` numbers split over lines beyond those the count forces (more values
    than cells). A tier of more than ``MAX_READINGS`` ends the list: the chooser then treats
    the row as unreadable, since a cut list could fake a unique choice.
    """
    k = len(printed)
    if k == 0 or n == 0:
        return
    if max_joins is None:  # two cuts in a 表三 row (162 natural, 162 总计); one elsewhere
        max_joins = 2 if n == 7 else 1
    least = max(0, k - n)
    pieces: dict[tuple[int, int, bool], Piece] = {}  # shared: readings differ in few places
    for joins in range(least, min(max(least, max_joins), k - 1) + 1):
        tier: list[Reading] = []
        for groups in _groups(printed, joins):
            g = len(groups)
            if g > n:
                continue
            for bounds in combinations(range(1, n), g - 1):
                lengths = [b - a for a, b in zip((0, *bounds), (*bounds, n), strict=True)]
                cells: list[Piece] = []
                for (a, b), length in zip(groups, lengths, strict=True):
                    piece = pieces.get((a, b, length > 1))
                    if piece is None:
                        value, fill = _group_piece(printed, a, b)
                        piece = Piece(value, fill, a, b, length > 1 or a != b)
                        pieces[a, b, length > 1] = piece
                    cells.extend([piece] * length)
                tier.append(tuple(cells))
                if len(tier) > MAX_READINGS:
                    yield []  # too many: the caller must not choose among a cut list
                    return
        if tier:
            yield tier


def violations(
    identities: Sequence[Identity], values: Mapping[Pos, Number | None]
) -> tuple[int, int]:
    """(broken, not evaluable): identities broken on ``values``, and those that read a cell
    that is not a number. Fewer broken is better; then fewer unevaluable, so a reading that
    spreads a blank mark over more cells does not win by hiding sums."""
    bad = 0
    skipped = 0
    for ident in identities:
        total = 0.0
        ok = True
        for p in ident.parts:
            v = values.get(p)
            if v is None:
                ok = False
                break
            total += v
        if not ok:
            skipped += 1
            continue
        for p in ident.totals:
            v = values.get(p)
            if v is None:
                ok = False
                break
            total -= v
        if not ok:
            skipped += 1
        elif abs(total) > 1e-9:
            bad += 1
    return bad, skipped


Cost = tuple[int, int]  # (identities broken across rows, identities not evaluable)
_Sum = tuple[float | None, ...]  # per cross-row identity: running sum, None once not evaluable


def _terms(
    identities: Sequence[Identity], row: str, cols: Sequence[str]
) -> list[list[tuple[int, int]]]:
    """Per identity, its (column index in ``cols``, coefficient) pairs on ``row``."""
    index = {c: j for j, c in enumerate(cols)}
    return [
        [(index[p[1]], ident.coef(p)) for p in ident.cells if p[0] == row and p[1] in index]
        for ident in identities
    ]


def _holds(terms: Sequence[Sequence[tuple[int, int]]], r: Reading) -> tuple[bool, int]:
    """(every identity within the row that can be evaluated holds, how many cannot)."""
    skipped = 0
    ok = True
    for t in terms:
        total = 0.0
        for j, w in t:
            piece = r[j]
            if piece.value is None or piece.fill is not Fill.NUMBER:
                skipped += 1
                break
            total += w * piece.value
        else:
            ok = ok and abs(total) <= 1e-9
    return ok, skipped


def _joins(r: Reading) -> int:
    """How many numbers ``r`` reads as split over two or more lines."""
    return len({(p.first, p.last) for p in r if p.first != p.last})


def _candidates(
    local: Sequence[Sequence[tuple[int, int]]], tiers: Iterable[Sequence[Reading]]
) -> tuple[list[tuple[Reading, Cost]], list[tuple[Reading, Cost]], bool] | None:
    """(the fewest-join readings, every reading that satisfies the row's own identities,
    whether a fewest-join one does); None where the list was cut (too many to choose among
    honestly). Each reading is checked once."""
    first: list[tuple[Reading, Cost]] = []
    holding: list[tuple[Reading, Cost]] = []
    first_holds = False
    for n, tier in enumerate(tiers):
        if not tier:
            return None
        for r in tier:
            ok, skipped = _holds(local, r)
            if n == 0:
                first.append((r, (0, skipped)))
                first_holds = first_holds or ok
            if ok:
                holding.append((r, (0, skipped)))
    return (first, holding, first_holds) if first else None


def choose(
    fixed: Mapping[Pos, Number | None],
    pending: Mapping[str, tuple[Sequence[str], Iterable[Sequence[Reading]]]],
    identities: Sequence[Identity],
    fallback: Mapping[str, Iterable[Sequence[Reading]]] | None = None,
    exact: Collection[str] = (),
) -> dict[str, list[Reading]]:
    """The readings of each pending row that belong to a least-cost table.

    Within a row, its own identities (表三's row sum, 表四's group sums) are a filter: where
    some reading without a join satisfies them, only satisfying readings count, joined or not
    (``1 / 4 / 8 / 0 / 22`` balances as 1,1,4,8,8,0,22 and, joined, as 14,8,0,0,0,0,22);
    where none does (a misprint, or a number cut over lines), every reading without a join
    counts alike, beside the joined ones that satisfy them: never ranked by how badly they
    break the row, which would let a misprint choose where a figure goes.

    Across rows, a table's cost is (identities spanning rows that break, identities not
    evaluable); a join is neither favoured nor penalised, only the columns tell (``3 / 40 /
    17 …`` balances only as 340; ``0 / 5 / 0`` is not 0,…,50,50 when the columns say
    otherwise). Every least-cost table is kept, found exactly by a dynamic programme whose
    state is the running sum of each cross-row identity; a cell is read only where they all
    agree (the caller's ``agreed``), so a tie leaves it unread, never guessed.

    Rows named in ``exact`` (digit runs split by ``digits.split_hinted``) are settled only by
    tables that break no identity: where every table breaks one, they keep every reading, so
    a misprint never chooses where a figure goes.
    """
    fallback = fallback or {}
    cands: dict[str, list[tuple[Reading, Cost]]] = {}
    for row, (cols, tiers) in pending.items():
        cells = {(row, c) for c in cols}
        local = _terms([i for i in identities if set(i.cells) <= cells], row, cols)
        found = _candidates(local, tiers)
        if found is None:
            continue
        first, holding, first_holds = found
        merged: list[tuple[Reading, Cost]] = []
        if row in fallback:
            # perhaps the row's last figure was merged with the next row's ordinal
            # (``… 6`` / ``、属于四类过程性信息`` stands for 6 and for the ordinal 6): those
            # readings compete where they balance the row, and the columns decide
            other = _candidates(local, fallback[row])
            if other is not None and other[2]:
                # each such reading costs one: it asks the ordinal to be two things at once,
                # so it wins only where it saves more (a misprint elsewhere cannot pull it in)
                merged = [(r, (c[0] + 1, c[1])) for r, c in other[1] if _joins(r) == 0]
        if first_holds:
            cands[row] = holding + merged
        elif merged:
            cands[row] = merged
        else:
            seen = {id(r) for r, _ in first}
            cands[row] = first + [x for x in holding if id(x[0]) not in seen]
    cross = [i for i in identities if len({p[0] for p in i.cells}) > 1]
    found_tables = _programme(fixed, pending, cands, cross)
    if found_tables is not None:
        kept, best = found_tables
        if best[0] > 0:
            for row in exact:
                if row in cands:
                    kept[row] = [r for r, _ in cands[row]]
        return kept
    # too many tables to weigh exactly: every candidate of each row stays plausible
    return {row: [r for r, _ in rs] for row, rs in cands.items()}


def _programme(
    fixed: Mapping[Pos, Number | None],
    pending: Mapping[str, tuple[Sequence[str], Iterable[Sequence[Reading]]]],
    cands: Mapping[str, list[tuple[Reading, Cost]]],
    cross: Sequence[Identity],
) -> tuple[dict[str, list[Reading]], Cost] | None:
    """The readings on the least-cost tables (see ``choose``) and that cost; None: too many
    states."""
    rows = sorted(cands, key=lambda r: len(cands[r]))
    start: list[float | None] = [0.0] * len(cross)
    for k, ident in enumerate(cross):
        for p in ident.cells:
            if p[0] in cands:
                continue
            v = fixed.get(p)
            acc = start[k]
            start[k] = None if v is None or acc is None else acc + ident.coef(p) * v
    terms = {row: _terms(cross, row, pending[row][0]) for row in rows}
    forward: list[dict[_Sum, Cost]] = [{tuple(start): (0, 0)}]
    edges: list[list[tuple[_Sum, int, _Sum]]] = []
    for row in rows:
        nxt: dict[_Sum, Cost] = {}
        step: list[tuple[_Sum, int, _Sum]] = []
        moves = [_move(terms[row], r) for r, _ in cands[row]]
        for state, cost in forward[-1].items():
            for i, (_, local) in enumerate(cands[row]):
                key = _add(state, moves[i])
                total = _plus(cost, local)
                if key not in nxt or total < nxt[key]:
                    nxt[key] = total
                step.append((state, i, key))
        if len(nxt) > MAX_STATES:
            return None
        forward.append(nxt)
        edges.append(step)
    backward: list[dict[_Sum, Cost]] = [{s: _final(s) for s in forward[-1]}]
    for depth in range(len(rows) - 1, -1, -1):
        cur: dict[_Sum, Cost] = {}
        after = backward[0]
        for state, i, key in edges[depth]:
            total = _plus(cands[rows[depth]][i][1], after[key])
            if state not in cur or total < cur[state]:
                cur[state] = total
        backward.insert(0, cur)
    best = min(_plus(forward[0][s], backward[0][s]) for s in forward[0])
    kept: dict[str, list[Reading]] = {}
    for depth, row in enumerate(rows):
        keep: set[int] = set()
        for state, i, key in edges[depth]:
            total = _plus(_plus(forward[depth][state], cands[row][i][1]), backward[depth + 1][key])
            if total == best:
                keep.add(i)
        kept[row] = [cands[row][i][0] for i in sorted(keep)]
    return kept, best


def _plus(a: Cost, b: Cost) -> Cost:
    return a[0] + b[0], a[1] + b[1]


def _move(terms: Sequence[Sequence[tuple[int, int]]], r: Reading) -> tuple[float | None, ...]:
    out: list[float | None] = []
    for t in terms:
        total: float | None = 0.0
        for j, w in t:
            piece = r[j]
            if piece.value is None or piece.fill is not Fill.NUMBER:
                total = None
                break
            total += w * piece.value  # type: ignore[operator]
        out.append(total)
    return tuple(out)


def _add(state: _Sum, move: tuple[float | None, ...]) -> _Sum:
    return tuple(
        None if a is None or b is None else a + b for a, b in zip(state, move, strict=True)
    )


def _final(state: _Sum) -> Cost:
    broken = sum(1 for v in state if v is not None and abs(v) > 1e-9)
    return broken, sum(1 for v in state if v is None)


def agreed(rs: Sequence[Reading], j: int) -> Piece | None:
    """Cell ``j`` when every reading gives it the same value, else None."""
    if not rs:
        return None
    first = rs[0][j]
    for r in rs[1:]:
        p = r[j]
        if p.value != first.value or p.fill is not first.fill:
            return None
    if any(r[j].derived for r in rs):
        return Piece(first.value, first.fill, first.first, first.last, True)
    return first
