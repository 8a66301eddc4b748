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
