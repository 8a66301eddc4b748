"""The identities of a table as data, and the smallest correction that makes them all hold.

An identity is ``sum(parts) = sum(totals)``. A correction is the fewest cell edits (one, else
two) after which EVERY evaluable identity of the table holds; every equally small one is
returned, so the reviewer chooses. Cells left blank are never read as 0: an identity that reads
a non-number is not evaluable and takes no part (BLANK reports the blank).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from gik_desk.model import Edit, Number, Table
from gik_desk.template import APP_COLS, APPEAL_GROUPS, app_rows
from gik_desk.template.tables import app_result_rows

Pos = tuple[str, str]  # (row, col)
MAX_ALTERNATIVES = 12


@dataclass(frozen=True, slots=True)
class Identity:
    """``sum(parts) == sum(totals)``; ``rule`` and ``axis``/``key`` name it in findings."""

    rule: str
    axis: str  # row | col | group
    key: str  # the row key, column key or 表四 group
    parts: tuple[Pos, ...]
    totals: tuple[Pos, ...]

    @property
    def cells(self) -> tuple[Pos, ...]:
        """Printed order: the parts, then the total side."""
        return self.parts + self.totals

    def coef(self, pos: Pos) -> int:
        return (1 if pos in self.parts else 0) - (1 if pos in self.totals else 0)

    def evaluable(self, values: Mapping[Pos, Number]) -> bool:
        return all(p in values for p in self.cells)

    def lhs(self, values: Mapping[Pos, Number]) -> Number:
        return sum(values[p] for p in self.parts)

    def rhs(self, values: Mapping[Pos, Number]) -> Number:
        return sum(values[p] for p in self.totals)

    def residual(self, values: Mapping[Pos, Number]) -> Number:
        return self.lhs(values) - self.rhs(values)


def app_identities(template: str) -> list[Identity]:
    """表三: each row's applicant columns sum to 总计; each column's results sum to (七)总计;
    each column balances (new + carried_in = total + carried_out)."""
    gen = "t2019" if template == "t2019" else "t2021"
    cols = [c.key for c in APP_COLS]
    parts_cols = tuple(c for c in cols if c != "total")
    out: list[Identity] = []
    for r in app_rows(gen):
        out.append(
            Identity(
                "APP-ROW", "row", r.key, tuple((r.key, c) for c in parts_cols), ((r.key, "total"),)
            )
        )
    results = app_result_rows(gen)
    for c in cols:
        out.append(
            Identity("APP-RESULTS", "col", c, tuple((r, c) for r in results), (("total", c),))
        )
    for c in cols:
        out.append(
            Identity(
                "APP-BALANCE",
                "col",
                c,
                (("new", c), ("carried_in", c)),
                (("total", c), ("carried_out", c)),
            )
        )
    return out


def appeal_identities() -> list[Identity]:
    out: list[Identity] = []
    for g, _ in APPEAL_GROUPS:
        parts = tuple(("count", f"{g}.{p}") for p in ("upheld", "corrected", "other", "pending"))
        out.append(Identity("APPEAL-SUM", "group", g, parts, (("count", f"{g}.total"),)))
    return out


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
