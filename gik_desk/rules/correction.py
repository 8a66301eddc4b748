"""The smallest correction that makes every identity of a table hold.

The identities themselves live in ``template/identities.py`` (the parser reads them too).
An identity is ``sum(parts) = sum(totals)``. A correction is the fewest cell edits (one, else
two) after which EVERY evaluable identity of the table holds; every equally small one is
returned, so the reviewer chooses. Cells left blank are never read as 0: an identity that reads
a non-number is not evaluable and takes no part (BLANK reports the blank).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import combinations

from gik_desk.model import Edit, Number, Table
from gik_desk.template.identities import (
    Identity,
    Pos,
    app_identities,
    appeal_identities,
    table_identities,
)

__all__ = [
    "MAX_ALTERNATIVES",
    "Identity",
    "Pos",
    "app_identities",
    "appeal_identities",
    "numeric_values",
    "smallest_corrections",
    "table_identities",
]

MAX_ALTERNATIVES = 12


def numeric_values(table: Table) -> dict[Pos, Number]:
    """Only cells that hold a number; blanks and text stay out (never 0)."""
    return {pos: c.value for pos, c in table.cells.items() if c.is_number and c.value is not None}


def _ok(v: Number) -> bool:
    return v >= 0 and float(v).is_integer()


def smallest_corrections(
    table: str,
    identities: Sequence[Identity],
    values: Mapping[Pos, Number],
    order: Callable[[Pos], int],
) -> list[tuple[Edit, ...]]:
    """Every fewest-edit correction (1, else 2 cells) after which all evaluable identities hold.

    ``order`` ranks cells (printed order, or a preference); alternatives come sorted by it.
    """
    live = [i for i in identities if i.evaluable(values)]
    res = {id(i): i.residual(values) for i in live}
    broken = [i for i in live if res[id(i)] != 0]
    if not broken:
        return []
    cand = sorted({p for i in broken for p in i.cells}, key=order)
    touching: dict[Pos, list[Identity]] = {p: [i for i in live if p in i.cells] for p in cand}

    singles: list[tuple[Edit, ...]] = []
    for x in cand:
        if not all(x in i.cells for i in broken):
            continue
        ds = {-res[id(i)] / i.coef(x) for i in touching[x] if i.coef(x) != 0}
        if len(ds) != 1:
            continue
        d = ds.pop()
        if d != 0 and _ok(values[x] + d):
            singles.append((_edit(table, x, values[x] + d),))
    if singles:
        return singles[:MAX_ALTERNATIVES]

    pairs: list[tuple[Edit, ...]] = []
    for x, y in combinations(cand, 2):
        if not all(x in i.cells or y in i.cells for i in broken):
            continue
        sol = _solve_pair(x, y, touching, res)
        if sol is None:
            continue
        dx, dy = sol
        if dx != 0 and dy != 0 and _ok(values[x] + dx) and _ok(values[y] + dy):
            pairs.append((_edit(table, x, values[x] + dx), _edit(table, y, values[y] + dy)))
            if len(pairs) >= MAX_ALTERNATIVES:
                break
    return pairs


def _solve_pair(
    x: Pos, y: Pos, touching: Mapping[Pos, list[Identity]], res: Mapping[int, Number]
) -> tuple[float, float] | None:
    eqs = {id(i): i for i in touching[x] + touching[y]}.values()
    dx: float | None = None
    dy: float | None = None
    for i in eqs:
        ax, ay = i.coef(x), i.coef(y)
        if ax and not ay:
            v = -res[id(i)] / ax
            if dx is not None and dx != v:
                return None
            dx = v
        elif ay and not ax:
            v = -res[id(i)] / ay
            if dy is not None and dy != v:
                return None
            dy = v
    for i in eqs:
        ax, ay = i.coef(x), i.coef(y)
        if ax and ay:
            if dx is not None and dy is None:
                dy = (-res[id(i)] - ax * dx) / ay
            elif dy is not None and dx is None:
                dx = (-res[id(i)] - ay * dy) / ax
    if dx is None or dy is None:
        return None  # underdetermined: not one answer, so none offered
    for i in eqs:
        if res[id(i)] + i.coef(x) * dx + i.coef(y) * dy != 0:
            return None
    return dx, dy


def _edit(table: str, pos: Pos, value: Number) -> Edit:
    v: Number = int(value) if float(value).is_integer() else value
    return Edit(table, pos[0], pos[1], v)
