"""Narrative against table and against itself (TEXT-TABLE, APP-CARRY, TEXT-SUM, TEXT-PCT,
TEXT-SELF, TEXT-FEE).

Precision over recall: only clear clauses count. A "其中" with one part is a subset, not a
breakdown; a figure whose subject is the government organ itself ("区政府共收到…") is not the
whole area's table and is not compared; approximate figures (余, 多) are never summed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gik_desk.model import CellRef, Finding, NarrativeFigure, Number, Report, Span, Table, flow
from gik_desk.model.flow import Flow
from gik_desk.model.span import outside
from gik_desk.rules.registry import finding, fmt, number_at, report_check, span_of
from gik_desk.template.narrative import narrative_cells
from gik_desk.template.tables import cell_name, legacy_row

_WHAT = {
    "applications.received": "收到(受理)政府信息公开申请",
    "applications.carried_in": "上年结转申请",
    "applications.answered": "办结(答复)申请",
    "applications.carried_out": "结转下年度继续办理",
    "applications.granted": "予以公开",
    "applications.partial": "部分公开",
    "applications.withheld": "不予公开",
    "applications.unable": "无法提供",
    "applications.rejected": "不予处理",
    "applications.other": "其他处理",
    "appeals.review.total": "行政复议",
    "appeals.suit.total": "行政诉讼",
}
# the government organ itself as subject: 区政府共收到, 区政府办代表区政府受理 (Hongze 2024)
_SCOPED = re.compile(
    r"(?<![全本])[区市县]政府(办公室|办|机关|本级)?(代表[区市县]政府)?(共|受理|收到|办理)"
)
_NO_NOTICE = re.compile(
    r"收费通知\s*0\s*件|未(发出|发送|下发)(过)?收费通知|没有(发出|发送)收费通知"
)
_CARRY_WORDS = re.compile(
    r"结转|转入下一?年|下一?年度继续|跨年度|正在办理|尚在办理|仍在办理|尚未办结"
)
_FEE_WORDS = re.compile(r"信息处理费|收费|收取[^。]{0,12}费|费用")
_UPHELD_ALL = re.compile(r"行政复议[^。;\uff1b]{0,30}(均|全部)(获|被|予以)?维持")


def cells_for(report: Report, key: str) -> tuple[str, list[tuple[str, str]]] | None:
    """(table, cells) a narrative key claims; a group key sums its rows' 总计. A pre-2019
    report without 表三/表四 answers from its old 统计表, by the meaning of its row labels."""
    old = report.tables.get("legacy")
    if old is not None and key.split(".")[0] not in report.tables:
        row = legacy_row(key, dict.fromkeys(r for r, _ in old.cells))
        return ("legacy", [(row, "year")]) if row is not None else None
    t = report.tables.get("applications")
    return narrative_cells(key, t.template if t else "t2021")


def prose(report: Report, within: Span | None = None) -> list[Flow]:
    """The report's text outside its tables (within ``within``), as one flow: a crawled
    page's line breaks inside sentences joined (``model/flow.py``), spans mapped back."""
    cuts = [t.span for t in report.tables.values() if t.span is not None]
    area = within if within is not None else report.span
    return [flow.build(report.text, outside(area, cuts), report.layout == "lines")]


def _clause(report: Report, fig: NarrativeFigure) -> str:
    if fig.clause is not None:
        return report.text[fig.clause.start : fig.clause.end]
    return report.text[max(report.span.start, fig.span.start - 30) : fig.span.end + 2]


def _scoped(report: Report, fig: NarrativeFigure) -> bool:
    """The sentence names the government organ itself ("区政府共收到"), not the whole area."""
    lo = max(report.span.start, fig.span.start - 120)
    before = report.text[lo : fig.span.start]
    cut = max(before.rfind(ch) for ch in "。;;")
    # PDF text layers wrap lines mid-sentence ("区政府办代表区\n政府受理"): join them
    return bool(_SCOPED.search(re.sub(r"\s+", "", before[cut + 1 :])))


def _table_value(t: Table, cells: list[tuple[str, str]]) -> Number | None:
    vals = [t.cell(r, c) for r, c in cells]
    if not vals or any(c is None or not c.is_number for c in vals):
        return None
    return sum(c.value for c in vals if c is not None and c.value is not None)


def _other_cell(t: Table, cells: list[tuple[str, str]], n: Number) -> tuple[str, str] | None:
    """The one other cell holding the narrative's number: same row first, then the 总计s."""
    if not n:
        return None
    rows = {r for r, _ in cells}
    tiers = [
        [p for p in t.cells if p[0] in rows and p not in cells],
        [p for p in t.cells if p[0] not in rows and (p[1] == "total" or p[1].endswith(".total"))],
    ]
    for tier in tiers:
        hits = [p for p in tier if number_at(t, *p) == n]
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None
    return None


@report_check
def check_text_table(report: Report) -> Iterator[Finding]:
    if not report.is_report:
        return
    for fig in report.narrative:
        claim = cells_for(report, fig.key)
        if claim is None or (
            fig.key not in _WHAT and not fig.key.startswith(("appeals.", "active."))
        ):
            continue
        name, cells = claim
        t = report.tables.get(name)
        if t is None or _scoped(report, fig):
            continue
        v = _table_value(t, cells)
        if v is None or v == fig.value:
            continue
        what = _WHAT.get(fig.key, fig.key)
        where = (
            cell_name(name, *cells[0])
            if len(cells) == 1
            else (f"表三“{what}”各项合计" if name == "applications" else "表四诉讼两组总计之和")
        )
        msg = f"正文称{what} {fmt(fig.value)} 件,{where}为 {fmt(v)} 件。"
        other = _other_cell(t, cells, fig.value)
        if other is not None:
            msg += f"正文数字恰与{cell_name(name, *other)}一致,疑将该栏数字当作{what}总数。"
        refs = [CellRef(name, r, c) for r, c in cells] + ([CellRef(name, *other)] if other else [])
        spans = [fig.span, *(span_of(t, r, c) for r, c in cells)]
        yield finding(
            "TEXT-TABLE",
            report,
            msg,
            cells=tuple(refs),
            spans=spans,
            actual=fig.value,
            expected=v,
            quote=_clause(report, fig),
            formula=f"正文 {fmt(fig.value)} ≠ 表 {fmt(v)}",
        )
    yield from _upheld_words(report)


def _upheld_words(report: Report) -> Iterator[Finding]:
    t = report.tables.get("appeals")
    if t is None:
        return
    for piece in prose(report):
        for m in _UPHELD_ALL.finditer(piece.text):
            cells = [("count", "review.corrected"), ("count", "review.pending")]
            bad = [(p, number_at(t, *p)) for p in cells]
            if any(v is None for _, v in bad):
                return
            if all(v == 0 for _, v in bad):
                continue
            shown = ",".join(f"{cell_name('appeals', *p)} {fmt(v)} 件" for p, v in bad)
            msg = f"正文称行政复议“{m.group(0)[-4:]}”,但{shown}。"
            yield finding(
                "TEXT-TABLE",
                report,
                msg,
                cells=tuple(CellRef("appeals", *p) for p in cells),
                spans=[piece.span(m.start(), m.end()), *(span_of(t, *p) for p in cells)],
                quote=m.group(0),
            )


@report_check
def check_app_carry(report: Report) -> Iterator[Finding]:
    fig = report.figure("applications.received")
    t = report.tables.get("applications")
    if not report.is_report or fig is None or t is None or _scoped(report, fig):
        return
    total, carried = t.cell("total", "total"), t.cell("carried_out", "total")
    if total is None or carried is None or not (total.is_number and carried.is_number):
        return
    if not (total.value < fig.value and carried.value > 0):  # type: ignore[operator]
        return
    if report.figure("applications.carried_out") is not None:
        return
    if any(_CARRY_WORDS.search(piece.text) for piece in prose(report)):
        return
    msg = (
        f"正文称受理政府信息公开申请 {fmt(fig.value)} 件,"
        f"表三本年办理结果总计 {fmt(total.value)} 件、结转下年度 {fmt(carried.value)} 件,"
        "正文未说明其余申请结转下年度办理。"
    )
    refs = (
        CellRef("applications", "total", "total"),
        CellRef("applications", "carried_out", "total"),
    )
    yield finding(
        "APP-CARRY",
        report,
        msg,
        cells=refs,
        spans=(fig.span, total.span, carried.span),
        actual=total.value,
        expected=fig.value,
        quote=_clause(report, fig),
        formula=(
            f"受理 {fmt(fig.value)} > 办结 {fmt(total.value)}(结转 {fmt(carried.value)} 未说明)"
        ),
    )


@report_check
def check_text_self(report: Report) -> Iterator[Finding]:
    if not report.is_report:
        return
    by_key: dict[str, list[NarrativeFigure]] = {}
    for f in report.narrative:
        if not _scoped(report, f):
            by_key.setdefault(f.key, []).append(f)
    for key, figs in by_key.items():
        values = sorted({f.value for f in figs})
        if len(values) < 2:
            continue
        a = next(f for f in figs if f.value == values[0])
        b = next(f for f in figs if f.value == values[-1])
        what = _WHAT.get(key, key)
        msg = f"正文两处所述{what}不一致:一处为 {fmt(a.value)} 件,另一处为 {fmt(b.value)} 件。"
        yield finding(
            "TEXT-SELF",
            report,
            msg,
            spans=[f.span for f in figs],
            actual=b.value,
            expected=a.value,
            quote=_clause(report, a) + _clause(report, b),
        )


@report_check
def check_fee(report: Report) -> Iterator[Finding]:
    if not report.is_report or report.template != "t2021":
        return
    secs = sorted(report.sections, key=lambda s: s.span.start)
    other = next((s for s in secs if s.key == "other"), None)
    if other is not None:
        after = [s.span.start for s in secs if s.span.start > other.span.start]
        end = min(after) if after else report.span.end
        text = "".join(p.text for p in prose(report, Span(other.span.end, end)))
    else:
        text = "".join(p.text for p in prose(report))
    if not _FEE_WORDS.search(text):
        msg = (
            "第六部分“其他需要报告的事项”未说明是否收取信息处理费"
            "(2021年格式要求说明收费情况,未收取也应写明)。"
        )
        yield finding(
            "TEXT-FEE",
            report,
            msg,
            spans=(other.span if other else None,),
            discriminator="no-statement",
        )
    t = report.tables.get("applications")
    c = t.cell("other.no_fee", "total") if t is not None else None
    said = _NO_NOTICE.search(text)
    if c is not None and c.is_number and c.value and said:
        msg = (
            f"{cell_name('applications', 'other.no_fee', 'total')}为 {fmt(c.value)} 件"
            f"(逾期未按收费通知缴费),但第六部分称“{said.group(0)}”。"
        )
        yield finding(
            "TEXT-FEE",
            report,
            msg,
            cells=(CellRef("applications", "other.no_fee", "total"),),
            spans=(c.span,),
            actual=c.value,
        )


# ---- "共 N …,其中 a …, b …" --------------------------------------------------------------

_UNIT = r"(?:件|条|个|项|人次|人|名|次|篇|期|家|户|份)"
# Figures are at most 12 digits, read from where a run starts (issue 10: a 20,000-digit run
# must neither backtrack nor reach ``int``, which refuses more than 4,300 digits). Full-width
# punctuation is spelled as escapes (，；：（）！？), so no tool folds it away.
_HEAD = re.compile(
    rf"(?<![\d.])(\d{{1,12}})(?!\d)({_UNIT})"
    r"([^\d,\uff0c;\uff1b、。:\uff1a“”\"()\uff08\uff09]{0,20})"
    r"[,\uff0c]?\s*其中[,\uff0c:\uff1a]?"
)
_PCT = re.compile(r"^[^\d%]{0,6}?(\d{1,12}(?:\.\d{1,12})?)%$")
_PART = re.compile(rf"(?<![\d.])(\d{{1,12}})(?!\d)\s*({_UNIT})")
_SENTENCE = re.compile(r"[^。!?\uff01\uff1f;\uff1b\n]+")
_CHUNK = re.compile(r"[^,\uff0c;\uff1b、]+")
_VAGUE = re.compile(r"\d\s*(余|多|近|约)|(余|多)" + _UNIT)


@dataclass(frozen=True, slots=True)
class _Part:
    label: str
    value: int
    span: Span
    pct: tuple[str, Span] | None = None


def breakdowns(report: Report) -> Iterator[tuple[str, int, Span, list[_Part], bool]]:
    """Every clear "N …,其中 a, b …" clause.

    Yields (sentence, N, N's span, parts, whether the list ran to the sentence's end).
    O(prose) for the heads; each head's parts stop at the first chunk that is not one.
    """
    for piece in prose(report):
        for sm in _SENTENCE.finditer(piece.text):
            sent, s0 = sm.group(0), sm.start()
            for hm in _HEAD.finditer(sent):
                n_span = piece.span(s0 + hm.start(1), s0 + hm.end(1))
                parts, ended = _parts(sent, hm.end(), hm.group(2), s0, piece)
                yield sent, int(hm.group(1)), n_span, parts, ended


def _parts(sent: str, start: int, unit: str, s0: int, piece: Flow) -> tuple[list[_Part], bool]:
    parts: list[_Part] = []
    pos = start
    lead = ""  # "安全生产、" before "应急管理类信息28件": one part's label listing two things
    for cm in _CHUNK.finditer(sent, start):  # no slice: a long sentence is not copied per head
        chunk = cm.group(0).strip()
        c0 = cm.start()
        after = cm.end()
        if (
            not re.search(r"\d", chunk)
            and after < len(sent)
            and sent[after] == "、"
            and len(chunk) <= 12
        ):
            lead += chunk + "、"
            continue
        pm = _PCT.match(chunk)
        if pm and parts:
            p = parts[-1]
            parts[-1] = _Part(
                p.label,
                p.value,
                p.span,
                (
                    pm.group(1),
                    piece.span(
                        s0 + c0 + cm.group(0).find(pm.group(1)),
                        s0 + c0 + cm.group(0).find(pm.group(1)) + len(pm.group(1)),
                    ),
                ),
            )
            pos = cm.end()
            continue
        nums = re.findall(r"\d+(?:\.\d+)?", chunk)
        found = _PART.search(cm.group(0))
        if (
            len(nums) != 1
            or found is None
            or found.group(2) != unit
            or "其中" in chunk
            or _VAGUE.search(chunk)
        ):
            return parts, False
        parts.append(
            _Part(
                lead + (chunk[: chunk.find(found.group(1))] if found else chunk),
                int(found.group(1)),
                piece.span(s0 + c0 + found.start(1), s0 + c0 + found.end(1)),
            )
        )
        lead = ""
        pos = cm.end()
    return parts, pos >= len(sent.rstrip())


_ABOUT = re.compile(r"(约|近|逾|超过|将近|大约)\s*$")


def _approximate(report: Report, n_span: Span) -> bool:
    """A figure stated as approximate (约400条, 近100件): a short sum says nothing then."""
    return _ABOUT.search(report.text[max(0, n_span.start - 4) : n_span.start]) is not None


@report_check
def check_sums(report: Report) -> Iterator[Finding]:
    """TEXT-SUM, TEXT-PART and TEXT-PCT over the clear breakdowns of the prose.

    TEXT-PART (info): two or more named parts, none of them 其他, listed to the sentence's end
    and adding up to less than a total that is not approximate; the parts' own approximate
    figures (余/多/约) already stop the list (``_parts``), so a list with one never fires."""
    if not report.is_report:
        return
    for sent, n, n_span, parts, ended in breakdowns(report):
        total = sum(p.value for p in parts)
        named = not any("其他" in p.label or "其它" in p.label for p in parts)
        exhaustive = ended and not named
        approx = any(_approximate(report, sp) for sp in (n_span, *(p.span for p in parts)))
        shown = " + ".join(str(p.value) for p in parts)
        verdict: tuple[str, str, str] | None = None
        if len(parts) >= 2 and ended and named and total < n and not approx:
            verdict = (
                "TEXT-PART",
                f"所列分项 {shown} = {total},少于总数 {n}(差 {n - total}),"
                "可能分项列举不全,也可能只列了其中一部分,请核对。",
                "<",
            )
        if len(parts) >= 2 and (total > n or (total < n and exhaustive)):
            verdict = (
                "TEXT-SUM",
                f"分项 {shown} = {total},与总数 {n} 不符,相差 {abs(total - n)}。",
                "≠",
            )
        if verdict is not None:
            rule, text, sign = verdict
            yield finding(
                rule,
                report,
                f"“{sent.strip()}”:{text}",
                spans=[n_span, *(p.span for p in parts)],
                actual=total,
                expected=n,
                quote=sent,
                formula=f"{shown} = {total} {sign} {n}",
            )
        for p in parts:
            if p.pct is None or n == 0:
                continue
            stated, span = p.pct
            decimals = len(stated.split(".")[1]) if "." in stated else 0
            computed = p.value / n * 100
            if abs(computed - float(stated)) >= 10**-decimals:
                shown_c = f"{computed:.{decimals + 1}f}"
                msg = (
                    f"“{sent.strip()}”:{p.value}/{n} = {shown_c}%,正文为 {stated}%,"
                    "相差超过末位一个单位。"
                )
                yield finding(
                    "TEXT-PCT",
                    report,
                    msg,
                    spans=(n_span, p.span, span),
                    actual=float(stated),
                    expected=round(computed, decimals + 1),
                    quote=sent + stated,
                    formula=f"{p.value} ÷ {n} × 100% = {shown_c}%",
                )


__all__ = ["breakdowns", "cells_for", "prose"]
