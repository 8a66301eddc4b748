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

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, product

from gik_desk.model import Fill, Number
from gik_desk.template.identities import Identity, Pos

MAX_READINGS = 4000
MAX_COMBOS = 4096


@dataclass(frozen=True, slots=True)
class Printed:
    """One printed value of a row, as the reader sees it."""

    text: str  # the printed text, normalised digits
    value: Number | None
    fill: Fill


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
        a.fill is Fill.NUMBER
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


def readings(printed: Sequence[Printed], n: int, max_joins: int = 2) -> list[list[Reading]]:
    """Every reading of ``printed`` as ``n`` cells, in tiers by the number of joins; none
    when there would be more than ``MAX_READINGS`` (a cut list could fake a unique choice).

    The chooser takes the first tier the identities accept: a split number is rarer than a
    collapsed run, and each join multiplies the readings.
    """
    k = len(printed)
    if k == 0 or n == 0:
        return []
    tiers: list[list[Reading]] = []
    total = 0
    for joins in range(max(0, k - n), min(max_joins, k - 1) + 1):
        tier: list[Reading] = []
        for groups in _groups(printed, joins):
            g = len(groups)
            if g > n:
                continue
            for bounds in combinations(range(1, n), g - 1):
                lengths = [b - a for a, b in zip((0, *bounds), (*bounds, n), strict=True)]
                cells: list[Piece] = []
                for (a, b), length in zip(groups, lengths, strict=True):
                    value, fill = _group_piece(printed, a, b)
                    derived = length > 1 or a != b
                    cells.extend(Piece(value, fill, a, b, derived) for _ in range(length))
                tier.append(tuple(cells))
                total += 1
                if total > MAX_READINGS:
                    return []  # too many to choose among honestly: the row stays unread
        if tier:
            tiers.append(tier)
    return tiers


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


def _assign(values: dict[Pos, Number | None], row: str, cols: Sequence[str], r: Reading) -> None:
    for col, piece in zip(cols, r, strict=True):
        values[row, col] = piece.value if piece.fill is Fill.NUMBER else None


def choose(
    fixed: Mapping[Pos, Number | None],
    pending: Mapping[str, tuple[Sequence[str], Sequence[Sequence[Reading]]]],
    identities: Sequence[Identity],
) -> dict[str, list[Reading]]:
    """The readings of each pending row that break the fewest identities.

    First each row alone, against the identities that lie within the row (表三's row sum,
    表四's group sums); then the rows still open together, against every identity, when
    their combinations are few enough. Least broken wins, so one misprinted cell elsewhere
    does not leave the rest of the table unread; ties are all kept (the caller reads only
    what they agree on).
    """
    out: dict[str, list[Reading]] = {}
    for row, (cols, tiers) in pending.items():
        cells = {(row, c) for c in cols}
        local = [i for i in identities if set(i.cells) <= cells]
        best: tuple[tuple[int, int], list[Reading]] | None = None
        for tier in tiers:  # fewest joins first; a later tier only if it breaks fewer
            scored = _least(
                tier, lambda r, row=row, cols=cols, local=local: _score(local, {}, row, cols, r)
            )
            if scored[1] and (best is None or scored[0] < best[0]):
                best = scored
            if best is not None and best[0][0] == 0:
                break
        out[row] = best[1] if best else []
    open_rows = [row for row, rs in out.items() if len(rs) > 1]
    base: dict[Pos, Number | None] = dict(fixed)
    for row, rs in out.items():
        if len(rs) == 1:
            _assign(base, row, pending[row][0], rs[0])
    if not open_rows:
        return out
    n = 1
    for row in open_rows:
        n *= len(out[row])
    if n > MAX_COMBOS:
        for row in open_rows:  # each against what is already certain
            cols = pending[row][0]
            out[row] = _least(
                out[row], lambda r, row=row, cols=cols: _score(identities, base, row, cols, r)
            )[1]
        return out
    low: tuple[int, int] | None = None
    keep: dict[str, set[int]] = {row: set() for row in open_rows}
    for combo in product(*(range(len(out[row])) for row in open_rows)):
        values = dict(base)
        for row, i in zip(open_rows, combo, strict=True):
            _assign(values, row, pending[row][0], out[row][i])
        score = violations(identities, values)
        if low is None or score < low:
            low = score
            keep = {row: set() for row in open_rows}
        if score == low:
            for row, i in zip(open_rows, combo, strict=True):
                keep[row].add(i)
    for row in open_rows:
        out[row] = [out[row][i] for i in sorted(keep[row])]
    return out


def _score(
    identities: Sequence[Identity],
    base: Mapping[Pos, Number | None],
    row: str,
    cols: Sequence[str],
    r: Reading,
) -> tuple[int, int]:
    values = dict(base)
    _assign(values, row, cols, r)
    return violations(identities, values)


def _least(
    rs: Sequence[Reading], score: Callable[[Reading], tuple[int, int]]
) -> tuple[tuple[int, int], list[Reading]]:
    """The lowest score among ``rs`` and every reading that has it."""
    scored = [(score(r), r) for r in rs]
    if not scored:
        return (1 << 30, 0), []
    low = min(s for s, _ in scored)
    return low, [r for s, r in scored if s == low]


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
