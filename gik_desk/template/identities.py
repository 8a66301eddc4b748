"""The template's identities as data: the one home the parser and the rules both read.

An identity is ``sum(parts) = sum(totals)``. The parser uses them to choose among the readings
of a collapsed or glued row; the rules use them to find broken tables and the smallest
correction. Cells are ``(row, col)`` pairs of one table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from gik_desk.template.tables import APP_COLS, APPEAL_GROUPS, app_result_rows, app_rows

Pos = tuple[str, str]  # (row, col)
Number = int | float


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


@cache
def app_identities(template: str) -> tuple[Identity, ...]:
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
    return tuple(out)


@cache
def appeal_identities() -> tuple[Identity, ...]:
    """表四: in each of the three groups, 总计 = 维持 + 纠正 + 其他 + 尚未审结."""
    out: list[Identity] = []
    for g, _ in APPEAL_GROUPS:
        parts = tuple(("count", f"{g}.{p}") for p in ("upheld", "corrected", "other", "pending"))
        out.append(Identity("APPEAL-SUM", "group", g, parts, (("count", f"{g}.total"),)))
    return tuple(out)


def table_identities(table: str, template: str) -> tuple[Identity, ...]:
    """Every identity of ``table`` (表二 has none)."""
    if table == "applications":
        return app_identities(template)
    if table == "appeals":
        return appeal_identities()
    return ()


# ---- year against year (issue 22: declared here with the identities within a table) ---------


@dataclass(frozen=True, slots=True)
class YearIdentity:
    """``this[target] = Σ last[last_plus] + Σ this[this_plus] − Σ this[this_minus]`` between a
    report and last year's, in one table; ``kind`` names its wording in findings."""

    table: str
    kind: str  # carry | in_force | prev_items | public_total
    row: str
    target: Pos
    last_plus: tuple[Pos, ...]
    this_plus: tuple[Pos, ...] = ()
    this_minus: tuple[Pos, ...] = ()

    @property
    def this_cells(self) -> tuple[Pos, ...]:
        """This year's cells of the identity, the stock (target) cell first."""
        return (self.target, *self.this_plus, *self.this_minus)


@cache
def carry_identities() -> tuple[YearIdentity, ...]:
    """表三, any template: this year's 二、上年结转 = last year's 四、结转下年度继续办理."""
    return tuple(
        YearIdentity(
            "applications", "carry", "carried_in", ("carried_in", c.key), (("carried_out", c.key),)
        )
        for c in APP_COLS
    )


@cache
def stock_identities(template: str) -> tuple[YearIdentity, ...]:
    """表二, both years of one template: the stock figures carried from last year."""
    if template == "t2021":  # 现行有效 = last year's + 本年制发 − 本年废止
        return tuple(
            YearIdentity(
                "active",
                "in_force",
                row,
                (row, "in_force"),
                ((row, "in_force"),),
                this_plus=((row, "issued"),),
                this_minus=((row, "repealed"),),
            )
            for row in ("rules", "normative")
        )
    if template != "t2019":
        return ()
    counted = ("licensing", "other_services", "penalty", "coercion", "fees")
    prev = tuple(  # 上一年项目数量 = last year's + last year's 本年增/减
        YearIdentity(
            "active", "prev_items", row, (row, "prev_items"), ((row, "prev_items"), (row, "change"))
        )
        for row in counted
    )
    public = tuple(  # 对外公开总数量 = last year's + 本年新公开
        YearIdentity(
            "active",
            "public_total",
            row,
            (row, "public_total"),
            ((row, "public_total"),),
            this_plus=((row, "published"),),
        )
        for row in ("rules", "normative")
    )
    return prev + public
