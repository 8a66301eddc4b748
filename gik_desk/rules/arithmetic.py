"""Arithmetic identities of 表三 and 表四 (APP-ROW, APP-RESULTS, APP-BALANCE, APPEAL-SUM) and
VALUE: every broken identity is one finding carrying the table's smallest correction."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from gik_desk.model import CellRef, Edit, Fill, Finding, Number, Report, Table
from gik_desk.rules.correction import (
    Identity,
    Pos,
    app_identities,
    appeal_identities,
    numeric_values,
    smallest_corrections,
)
from gik_desk.rules.registry import cell_spans, finding, fmt, report_check
from gik_desk.template import APP_COLS, APPEAL_COLS, APPEAL_GROUPS, app_rows, cell_label
from gik_desk.template.tables import DECIMAL_COLS, SIGNED_COLS, cell_name, col_label, row_label

_GROUP_LABEL = dict(APPEAL_GROUPS)


def _order(table: Table) -> dict[Pos, int]:
    if table.name == "appeals":
        # the 总计 of a group first: correcting a sum is the likelier fix than a result
        cols = [c.key for c in APPEAL_COLS]
        ranked = sorted(cols, key=lambda c: (0 if c.endswith(".total") else 1, cols.index(c)))
        return {("count", c): i for i, c in enumerate(ranked)}
    rows = [r.key for r in app_rows(table.template)]
    cols = [c.key for c in APP_COLS]
    return {(r, c): i * len(cols) + j for i, r in enumerate(rows) for j, c in enumerate(cols)}


@report_check
def check_arithmetic(report: Report) -> Iterator[Finding]:
    if not report.is_report:
        return
    for name in ("applications", "appeals"):
        table = report.tables.get(name)
        if table is None or (not table.complete and (table.missing or table.unread)):
            continue  # a table not fully read is PARSE's: sums over misreads cry wolf
        # cells left open between readings (alternatives) only make the identities through
        # them unevaluable: the rest are checked on what is known (issue 9)
        ids = appeal_identities() if name == "appeals" else app_identities(table.template)
        yield from _identity_findings(report, table, ids)


def _identity_findings(
    report: Report, table: Table, identities: Sequence[Identity]
) -> Iterator[Finding]:
    values = numeric_values(table)
    rank = _order(table)
    live = [i for i in identities if i.evaluable(values)]
    broken = [i for i in live if i.residual(values) != 0]
    if not broken:
        return
    fixes = smallest_corrections(table.name, identities, values, lambda p: rank.get(p, 10**6))
    for ident in broken:
        first = _first_edit(ident, fixes)
        head = first if first is not None else ident.totals[0]
        order = [head] + [p for p in ident.cells if p != head]
        cells = tuple(CellRef(table.name, r, c) for r, c in order)
        lhs, rhs = ident.lhs(values), ident.rhs(values)
        others = [o for o in broken if o is not ident and first is not None and first in o.cells]
        msg = _describe(table, ident, values) + _advice(table, ident, fixes, others, values)
        yield finding(
            ident.rule,
            report,
            msg,
            cells=cells,
            spans=cell_spans(report, cells),
            actual=rhs,
            expected=lhs,
            suggestions=fixes,
            formula=_formula(table, ident, values),
        )


def _first_edit(ident: Identity, fixes: Sequence[tuple[Edit, ...]]) -> Pos | None:
    for fix in fixes[:1]:
        for e in fix:
            if (e.row, e.col) in ident.cells:
                return (e.row, e.col)
    return None


def _describe(table: Table, ident: Identity, v: dict[Pos, Number]) -> str:
    lhs, rhs = ident.lhs(v), ident.rhs(v)
    diff = fmt(abs(lhs - rhs))
    if ident.rule == "APP-ROW":
        return (
            f"表三 {row_label('applications', ident.key)}:各类申请人合计 {fmt(lhs)} 件,"
            f"总计栏填报 {fmt(rhs)} 件,相差 {diff}。"
        )
    if ident.rule == "APP-RESULTS":
        return (
            f"表三“{col_label('applications', ident.key)}”列:(一)至(六)各项办理结果合计 "
            f"{fmt(lhs)} 件,(七)总计填报 {fmt(rhs)} 件,相差 {diff}。"
        )
    if ident.rule == "APP-BALANCE":
        c = ident.key
        return (
            f"表三“{col_label('applications', c)}”列:本年新收 {fmt(v['new', c])} + 上年结转 "
            f"{fmt(v['carried_in', c])} = {fmt(lhs)},办理结果总计 {fmt(v['total', c])} + "
            f"结转下年度 {fmt(v['carried_out', c])} = {fmt(rhs)},相差 {diff}。"
        )
    return (
        f"表四 {_GROUP_LABEL[ident.key]}:结果维持、结果纠正、其他结果、尚未审结合计 "
        f"{fmt(lhs)} 件,总计填报 {fmt(rhs)} 件,相差 {diff}。"
    )


def _ident_name(ident: Identity) -> str:
    if ident.rule == "APP-ROW":
        return f"“{row_label('applications', ident.key)}”行合计"
    if ident.rule == "APP-RESULTS":
        return f"“{col_label('applications', ident.key)}”列办理结果合计"
    if ident.rule == "APP-BALANCE":
        return f"“{col_label('applications', ident.key)}”列勾稽关系"
    return f"{_GROUP_LABEL[ident.key]}合计"


def _edit_text(table: Table, e: Edit, v: dict[Pos, Number]) -> str:
    return f"将{cell_name(table.name, e.row, e.col)}由 {fmt(v[e.row, e.col])} 改为 {fmt(e.value)}"


def _advice(
    table: Table,
    ident: Identity,
    fixes: Sequence[tuple[Edit, ...]],
    others: Sequence[Identity],
    v: dict[Pos, Number],
) -> str:
    if not fixes:
        return "改动一至两格均无法使本表全部关系成立,请对照原始台账核对。"
    n = len(fixes[0])
    if len(fixes) == 1:
        text = ";".join(_edit_text(table, e, v) for e in fixes[0])
        out = f"最小更正:{text},即可使本表全部勾稽关系成立。"
    else:
        alts = " ".join(
            f"({i}){';'.join(_edit_text(table, e, v) for e in fix)}"
            for i, fix in enumerate(fixes, 1)
        )
        out = (
            f"以下 {len(fixes)} 种改法同样只需改动 {n} 格,均可使本表全部关系成立,"
            f"请审核人判断:{alts}。"
        )
    if others:
        names = "、".join(_ident_name(o) for o in others)
        out += f"同一格的错误同时破坏了{_ident_name(ident)}与{names},一并修复。"
    return out


def _formula(table: Table, ident: Identity, v: dict[Pos, Number]) -> str:
    def term(p: Pos) -> str:
        r, c = p
        if table.name == "appeals":
            name = col_label("appeals", c, short=True)
        elif ident.axis == "row":
            name = col_label("applications", c)
        else:
            name = row_label("applications", r)
        return f"{name} {fmt(v[p])}"

    lhs = " + ".join(term(p) for p in ident.parts)
    rhs = " + ".join(term(p) for p in ident.totals)
    sign = "=" if ident.residual(v) == 0 else "≠"
    return f"{lhs} = {fmt(ident.lhs(v))} {sign} {rhs}" + (
        f" = {fmt(ident.rhs(v))}" if len(ident.totals) > 1 else ""
    )


@report_check
def check_values(report: Report) -> Iterator[Finding]:
    """VALUE: a count that is negative, fractional or not a number where a number belongs."""
    if not report.is_report:
        return
    for table in report.tables.values():
        if table.name not in ("active", "applications", "appeals"):
            continue
        for cell in table.cells.values():
            bad = cell.fill is Fill.TEXT
            if cell.is_number and cell.value is not None:
                v = cell.value
                bad = (v < 0 and cell.col not in SIGNED_COLS) or (
                    not float(v).is_integer() and cell.col not in DECIMAL_COLS
                )
            if not bad:
                continue
            ref = CellRef(cell.table, cell.row, cell.col)
            label = cell_label(cell.table, cell.row, cell.col)
            msg = f"{label}填报“{cell.raw}”,此处应为非负整数。"
            yield finding(
                "VALUE",
                report,
                msg,
                cells=(ref,),
                spans=(cell.span,),
                actual=cell.value,
                formula=f"{label} = {cell.raw}",
            )
