"""Year against year (YOY-CARRY, YOY-STOCK, YOY-COPY, YOY-NARRATIVE).

Pairs form on ``Report.agency_key`` and ``year - 1`` inside the batch, within a file first
(``pairs``); without last year's report (or the cells a check needs) a rule stays silent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from gik_desk.model import CellRef, Finding, NarrativeFigure, Number, Report, Span, Table
from gik_desk.rules.registry import batch_check, finding, fmt, number_at, span_of
from gik_desk.template import ACTIVE_BLOCKS, APP_COLS, APPEAL_COLS, row_label
from gik_desk.template.identities import carry_identities, stock_identities
from gik_desk.template.tables import expected_cells

MIN_COPIED = 3
_LAST_YEAR_READS = {
    "in_force": ("in_force",),
    "prev_items": ("prev_items", "change"),
    "public_total": ("public_total",),
}  # non-zero figures a block needs before "identical" stops being coincidence


def pairs(reports: Sequence[Report]) -> Iterator[tuple[Report, Report]]:
    """(this year, last year) for every report whose body has last year's report in the batch.

    Last year's report comes from the same file first (each version of a file pairs with its
    own previous year), then from another file of the same body, preferring the version the
    reviewer marked current (``Report.current``), then batch order.
    """
    index: dict[tuple[str, int], list[Report]] = {}
    for r in reports:
        if r.agency_key and r.year is not None and r.is_report:
            index.setdefault((r.agency_key, r.year), []).append(r)
    for r in reports:
        if r.agency_key and r.year is not None and r.is_report:
            found = index.get((r.agency_key, r.year - 1), [])
            prev = next((p for p in found if same_text(p, r)), None)
            prev = prev or next((p for p in found if p.current), None)
            prev = prev or (found[0] if found else None)
            if prev is not None and prev is not r:
                yield r, prev


def same_text(a: Report, b: Report) -> bool:
    """Spans of ``b`` index ``a``'s text only when both come from the same file."""
    return a.source == b.source and a.file_sha256 == b.file_sha256


def _span(report: Report, t: Table | None, row: str, col: str, this: Report) -> Span | None:
    return span_of(t, row, col) if same_text(report, this) else None


@batch_check
def check_carry(reports: Sequence[Report]) -> Iterator[Finding]:
    for this, prev in pairs(reports):
        a, b = this.tables.get("applications"), prev.tables.get("applications")
        across = ""
        if a is not None and b is not None and a.template != b.template:
            across = "(跨新旧表格格式比较)"
        for spec, ident in zip(APP_COLS, carry_identities(), strict=True):
            c = spec.key
            now, before = number_at(a, *ident.target), number_at(b, *ident.last_plus[0])
            if now is None or before is None or now == before:
                continue
            ref = CellRef(ident.table, *ident.target)
            msg = (
                f"表三“{spec.label}”列:本年“二、上年结转” {fmt(now)} 件,{prev.year}年度报告"
                f"“四、结转下年度继续办理” {fmt(before)} 件,相差 {fmt(abs(now - before))}{across}。"
            )
            yield finding(
                "YOY-CARRY",
                this,
                msg,
                cells=(ref,),
                related=prev,
                spans=(
                    span_of(a, "carried_in", c),
                    _span(prev, b, "carried_out", c, this),
                ),
                actual=now,
                expected=before,
                formula=f"{this.year}年上年结转 {fmt(now)} ≠ {prev.year}年结转下年度 {fmt(before)}",
            )


def _stock_checks(
    this: Report, prev: Report
) -> Iterator[tuple[str, list[tuple[str, str]], Number, Number, str]]:
    """(row, this year's cells, found, expected, explanation) for every stock identity
    (``template.identities.stock_identities``) the two years break."""
    a, b = this.tables.get("active"), prev.tables.get("active")
    if a is None or b is None or a.template != b.template:
        return
    for ident in stock_identities(a.template):
        now = number_at(a, *ident.target)
        lasts = [number_at(b, *p) for p in ident.last_plus]
        plus = [number_at(a, *p) for p in ident.this_plus]
        minus = [number_at(a, *p) for p in ident.this_minus]
        if now is None or None in lasts or None in plus or None in minus:
            continue
        exp = sum(lasts) + sum(plus) - sum(minus)  # type: ignore[arg-type]
        if now != exp:
            why = _STOCK_WORDS[ident.kind](now, lasts, plus, minus, exp, prev.year)
            yield ident.row, list(ident.this_cells), now, exp, why


_Words = Callable[[Number, list[Any], list[Any], list[Any], Number, int | None], str]
_STOCK_WORDS: dict[str, _Words] = {
    "in_force": lambda now, last, plus, minus, exp, year: (
        f"现行有效件数 {fmt(now)},而{year}年度现行有效 {fmt(last[0])} "
        f"+ 本年制发 {fmt(plus[0])} − 本年废止 {fmt(minus[0])} = {fmt(exp)}"
    ),
    "prev_items": lambda now, last, plus, minus, exp, year: (
        f"上一年项目数量 {fmt(now)},而{year}年度报告上一年项目数量 {fmt(last[0])} + "
        f"本年增/减 {fmt(last[1])} = {fmt(exp)}"
    ),
    "public_total": lambda now, last, plus, minus, exp, year: (
        f"对外公开总数量 {fmt(now)},而{year}年度总数量 {fmt(last[0])} "
        f"+ 本年新公开 {fmt(plus[0])} = {fmt(exp)}"
    ),
}


@batch_check
def check_stock(reports: Sequence[Report]) -> Iterator[Finding]:
    for this, prev in pairs(reports):
        a = this.tables.get("active")
        for row, pos, now, exp, why in _stock_checks(this, prev):
            refs = tuple(CellRef("active", r, c) for r, c in pos)
            b = prev.tables.get("active")
            read_last = _LAST_YEAR_READS[pos[0][1]]
            spans = [span_of(a, r, c) for r, c in pos]
            spans += [_span(prev, b, row, c, this) for c in read_last]
            msg = (
                f"表二“{row_label('active', row)}”:{why}。"
                "文件可能失效或重新清理计数,请核实并在报告中说明。"
            )
            yield finding(
                "YOY-STOCK",
                this,
                msg,
                cells=refs,
                spans=spans,
                actual=now,
                expected=exp,
                related=prev,
                formula=why,
            )


def _blocks(t: Table) -> list[tuple[str, list[tuple[str, str]]]]:
    if t.name == "active":
        gen = "t2019" if t.template == "t2019" else "t2021"
        return [
            (f"表二{b.article}", [(r.key, c.key) for r in b.rows for c in b.cols])
            for b in ACTIVE_BLOCKS[gen]
        ]
    if t.name == "appeals":
        return [("表四", [("count", c.key) for c in APPEAL_COLS])]
    if t.name == "applications":
        return [("表三", list(expected_cells("applications", t.template)))]
    return []


@batch_check
def check_copy(reports: Sequence[Report]) -> Iterator[Finding]:
    for this, prev in pairs(reports):
        for name, a in this.tables.items():
            b = prev.tables.get(name)
            if b is None or a.template != b.template:
                continue
            for block, pos in _blocks(a):
                now = [number_at(a, r, c) for r, c in pos]
                last = [number_at(b, r, c) for r, c in pos]
                if None in now or now != last:
                    continue
                nonzero = [
                    v for v, (_, c) in zip(now, pos, strict=True) if v and not c.endswith("total")
                ]
                if len(nonzero) < MIN_COPIED:
                    continue
                refs = tuple(CellRef(name, r, c) for r, c in pos)
                shown = "、".join(fmt(v) for v in now if v)
                msg = (
                    f"{block}的数字({shown})与{prev.year}年度报告完全相同,"
                    "疑似沿用上年数据未更新,请核实。"
                )
                yield finding(
                    "YOY-COPY",
                    this,
                    msg,
                    cells=refs,
                    related=prev,
                    spans=[span_of(a, r, c) for r, c in pos]
                    + [_span(prev, b, r, c, this) for r, c in pos],
                    formula=f"{this.year}年 = {prev.year}年:{shown}",
                )


def _prose_carry(prev: Report) -> tuple[Number, str, list[NarrativeFigure]] | None:
    """What last year's prose says was carried into this year: a stated 结转 figure, or 0 when a
    report without 表三 says it received N and finished N (Tianqiao 2018: 收到283件, 办结283件)."""
    said = prev.figure("applications.carried_out")
    if said is not None:
        return said.value, f"结转下年度 {fmt(said.value)} 件", [said]
    got, done = prev.figure("applications.received"), prev.figure("applications.answered")
    if (
        "applications" in prev.tables
        or got is None
        or done is None
        or got.value != done.value
        or prev.figure("applications.carried_in") is not None
    ):
        return None
    return 0, f"收到申请 {fmt(got.value)} 件、办结 {fmt(done.value)} 件,即无结转", [got, done]


@batch_check
def check_narrative(reports: Sequence[Report]) -> Iterator[Finding]:
    """This year's 上年结转 against the carry-over last year's prose states or implies."""
    for this, prev in pairs(reports):
        carry = _prose_carry(prev)
        if carry is None:
            continue
        value, told, figs = carry
        t = this.tables.get("applications")
        now = number_at(t, "carried_in", "total")
        fig = this.figure("applications.carried_in") if now is None else None
        if now is None and fig is not None:
            now = fig.value
        if now is None or now == value:
            continue
        if number_at(prev.tables.get("applications"), "carried_out", "total") == now:
            continue  # last year's own table agrees: its prose is TEXT-TABLE's business there
        refs = (CellRef("applications", "carried_in", "total"),) if fig is None else ()
        where = "表三“二、上年结转”" if fig is None else "正文所述上年结转"
        msg = f"本年{where} {fmt(now)} 件,而{prev.year}年度报告正文称{told},两者应当一致。"
        spans = [span_of(t, "carried_in", "total") if fig is None else fig.span]
        if same_text(prev, this):
            spans += [f.span for f in figs]
        yield finding(
            "YOY-NARRATIVE",
            this,
            msg,
            cells=refs,
            spans=spans,
            actual=now,
            expected=value,
            related=prev,
            quote="".join(prev.text[f.span.start : f.span.end] for f in figs) + str(prev.year),
        )
