"""Build Reports for rule tests from plain dicts, with real spans into a generated text.

The text is written the way a seed reads (``label | v | v |`` rows under section headings), so
every cell's span really points at its printed digits and a narrative figure at its number.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from gik_desk.model import (
    Cell,
    Fill,
    LabelSeen,
    NarrativeFigure,
    Report,
    Section,
    Span,
    Table,
)
from gik_desk.template import APP_COLS, APPEAL_COLS, app_rows, generation_for_year

Value = int | float | str | None
_BLANKS = {None: Fill.BLANK, "": Fill.BLANK, "/": Fill.SLASH, "—": Fill.DASH, "无": Fill.NONE_WORD}
_HEADINGS = {
    "overview": "一、总体情况",
    "active": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "appeals": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}

# Tianqiao 2021 (seed 001, index 1) 表三, keyed by hand from lines 124-148
TIANQIAO_2021_APP: dict[str, list[Value]] = {
    "new": [340, 17, 0, 0, 1, 0, 358],
    "carried_in": [8, 0, 0, 0, 0, 0, 8],
    "granted": [51, 3, 0, 0, 0, 0, 54],
    "partial": [51, 2, 0, 0, 0, 0, 53],
    "withheld.secret": [0] * 7,
    "withheld.law": [0] * 7,
    "withheld.safety": [0] * 7,
    "withheld.third_party": [6, 2, 0, 0, 0, 0, 8],
    "withheld.internal": [1, 0, 0, 0, 0, 0, 1],
    "withheld.process": [0] * 7,
    "withheld.enforcement": [0] * 7,
    "withheld.query": [0] * 7,
    "unable.not_held": [182, 10, 0, 0, 1, 0, 193],
    "unable.needs_making": [2, 0, 0, 0, 0, 0, 2],
    "unable.unclear": [0] * 7,
    "rejected.petition": [4, 0, 0, 0, 0, 0, 4],
    "rejected.repeat": [1, 0, 0, 0, 0, 0, 1],
    "rejected.publication": [0] * 7,
    "rejected.mass": [0] * 7,
    "rejected.confirm": [0] * 7,
    "other.no_supplement": [3, 0, 0, 0, 0, 0, 1],
    "other.no_fee": [0] * 7,
    "other.other": [25, 0, 0, 0, 0, 0, 25],
    "total": [326, 17, 0, 0, 1, 0, 344],
    "carried_out": [22, 0, 0, 0, 0, 0, 22],
}
# Tianqiao 2021 表四 (line 153)
TIANQIAO_2021_APPEALS: list[Value] = [18, 3, 2, 17, 40, 11, 4, 1, 4, 20, 41, 1, 1, 5, 48]
# Tianqiao 2021 表二 (lines 106-119)
TIANQIAO_2021_ACTIVE: dict[str, dict[str, Value]] = {
    "rules": {"issued": 0, "repealed": 0, "in_force": 0},
    "normative": {"issued": 1, "repealed": 0, "in_force": 3},
    "licensing": {"decisions": 95386},
    "penalty": {"decisions": 1506},
    "coercion": {"decisions": 88},
    "fees": {"amount": 7167},
}


def zero_app(template: str = "t2021") -> dict[str, list[Value]]:
    return {r.key: [0] * 7 for r in app_rows(template)}


@dataclass
class _Writer:
    text: str = ""
    spans: dict[str, Span] = field(default_factory=dict)

    def write(self, s: str) -> Span:
        start = len(self.text)
        self.text += s
        return Span(start, len(self.text))


def _cell(w: _Writer, table: str, row: str, col: str, v: Value) -> Cell:
    if v in _BLANKS:
        raw = "" if v is None else str(v)
        w.write(f" {raw} |")
        return Cell(table, row, col, None, raw, None, _BLANKS[v])
    if isinstance(v, str):
        w.write(f" {v} |")
        return Cell(table, row, col, None, v, None, Fill.TEXT)
    w.write(" ")
    raw = str(v)
    span = w.write(raw)
    w.write(" |")
    return Cell(table, row, col, v, raw, span)


def make_report(
    *,
    year: int | None = 2021,
    agency: str | None = "济南市天桥区人民政府",
    agency_key: str | None = None,
    index: int = 0,
    source: str = "seed.txt",
    applications: Mapping[str, Sequence[Value]] | None = None,
    appeals: Sequence[Value] | None = None,
    active: Mapping[str, Mapping[str, Value]] | None = None,
    templates: Mapping[str, str] | None = None,
    narrative: str = "",
    figures: Sequence[tuple[str, int | float, str]] = (),
    other_text: str = "本年度未收取信息处理费。",
    sections: Sequence[str] | None = None,
    labels: Sequence[tuple[str, str, str, str]] = (),
    table_extra: Mapping[str, Mapping[str, object]] | None = None,
    is_report: bool = True,
    published: str | None = None,
) -> Report:
    """A Report whose text holds the narrative, the tables and a 第六部分.

    ``labels`` = (table, key, printed text, axis); ``figures`` = (key, value, quote) where the
    quote is found in ``narrative`` and the value's digits inside it.
    """
    gen = generation_for_year(year)
    tmpl = dict(templates or {})
    w = _Writer()
    secs: list[Section] = []
    want = list(sections) if sections is not None else list(_HEADINGS)

    def heading(key: str) -> None:
        if key in want:
            sp = w.write(_HEADINGS[key])
            secs.append(Section(key, _HEADINGS[key], sp))
            w.write("\n")

    heading("overview")
    narr_start = len(w.text)
    w.write(narrative + "\n")
    tables: dict[str, Table] = {}
    extra = table_extra or {}
    label_seen: dict[str, list[LabelSeen]] = {}
    heading("active")
    if active is not None:
        t = tmpl.setdefault("active", gen)
        start = len(w.text)
        cells = {}
        for row, cols in active.items():
            w.write(row)
            for col, v in cols.items():
                cells[row, col] = _cell(w, "active", row, col, v)
            w.write("\n")
        tables["active"] = Table(
            "active", t, cells, Span(start, len(w.text)), **extra.get("active", {})
        )  # type: ignore[arg-type]
    heading("applications")
    if applications is not None:
        t = tmpl.setdefault("applications", gen)
        start = len(w.text)
        cells = {}
        for row, vals in applications.items():
            w.write(row)
            for spec, v in zip(APP_COLS, vals, strict=True):
                cells[row, spec.key] = _cell(w, "applications", row, spec.key, v)
            w.write("\n")
        tables["applications"] = Table(
            "applications",
            t,
            cells,
            Span(start, len(w.text)),
            **extra.get("applications", {}),  # type: ignore[arg-type]
        )
    heading("appeals")
    if appeals is not None:
        t = tmpl.setdefault("appeals", gen)
        start = len(w.text)
        cells = {}
        for spec, v in zip(APPEAL_COLS, appeals, strict=True):
            cells["count", spec.key] = _cell(w, "appeals", "count", spec.key, v)
        w.write("\n")
        tables["appeals"] = Table(
            "appeals", t, cells, Span(start, len(w.text)), **extra.get("appeals", {})
        )  # type: ignore[arg-type]
    heading("problems")
    w.write("存在的问题与改进措施。\n")
    heading("other")
    w.write(other_text + "\n")
    for table, key, printed, axis in labels:
        sp = w.write(printed)
        w.write("\n")
        label_seen.setdefault(table, []).append(LabelSeen(key, printed, sp, axis))
    for name, seen in label_seen.items():
        t0 = tables[name]
        tables[name] = Table(
            t0.name,
            t0.template,
            t0.cells,
            t0.span,
            tuple(seen),
            t0.missing,
            t0.unread,
            t0.derivations,
            t0.complete,
        )
    figs = []
    for key, value, quote in figures:
        at = w.text.index(quote, narr_start)
        digits = str(int(value)) if float(value).is_integer() else str(value)
        d = w.text.index(digits, at)
        figs.append(
            NarrativeFigure(key, value, Span(d, d + len(digits)), Span(at, at + len(quote)))
        )
    return Report(
        id=f"{source}#{index}",
        source=source,
        index=index,
        text=w.text,
        span=Span(0, len(w.text)),
        agency=agency,
        agency_key=agency_key if agency_key is not None else agency,
        year=year,
        template=gen,
        table_templates=tmpl,
        tables=tables,
        narrative=tuple(figs),
        sections=tuple(secs),
        title=None,
        is_report=is_report,
        published=published,
        file_sha256=hashlib.sha256(w.text.encode("utf-8")).hexdigest(),
    )


# Tianqiao 2020 (seed 001, index 2) 表三 on the 2019 table, keyed by hand from lines 252-274
TIANQIAO_2020_APP: dict[str, list[Value]] = {
    "new": [286, 0, 0, 0, 1, 0, 287],
    "carried_in": [10, 0, 0, 0, 0, 0, 10],
    "granted": [78, 1, 0, 0, 1, 0, 80],
    "partial": [36, 0, 0, 0, 0, 0, 36],
    "withheld.secret": [1, 0, 0, 0, 0, 0, 1],
    "withheld.law": [0] * 7,
    "withheld.safety": [2, 0, 0, 0, 0, 0, 2],
    "withheld.third_party": [1, 0, 0, 0, 0, 0, 1],
    "withheld.internal": [2, 0, 0, 0, 0, 0, 2],
    "withheld.process": [0] * 7,
    "withheld.enforcement": [3, 0, 0, 0, 0, 0, 3],
    "withheld.query": [0] * 7,
    "unable.not_held": [128, 1, 0, 0, 0, 0, 129],
    "unable.needs_making": [0] * 7,
    "unable.unclear": [8, 0, 0, 0, 0, 0, 8],
    "rejected.petition": [22, 0, 0, 0, 0, 0, 22],
    "rejected.repeat": [0] * 7,
    "rejected.publication": [0] * 7,
    "rejected.mass": [0] * 7,
    "rejected.confirm": [1, 0, 0, 0, 0, 0, 1],
    "other": [4, 0, 0, 0, 0, 0, 4],
    "total": [286, 2, 0, 0, 1, 0, 289],
    "carried_out": [8, 0, 0, 0, 0, 0, 8],
}
# Tianqiao 2020 and 2019 表二 (lines 230-247, 325-342): (五)(六) blocks copied forward
TIANQIAO_2020_ACTIVE: dict[str, dict[str, Value]] = {
    "rules": {"made": 0, "published": 0, "public_total": 0},
    "normative": {"made": 1, "published": 1, "public_total": 9},
    "licensing": {"prev_items": 210, "change": -32, "decisions": 74026},
    "other_services": {"prev_items": 319, "change": 163, "decisions": 14465},
    "penalty": {"prev_items": 2155, "change": -89, "decisions": 1349},
    "coercion": {"prev_items": 58, "change": -3, "decisions": 55},
    "fees": {"prev_items": 17, "change": 0},
    "procurement": {"projects": 7710, "amount": 104367.118823},
}
TIANQIAO_2019_ACTIVE: dict[str, dict[str, Value]] = {
    **TIANQIAO_2020_ACTIVE,
    "normative": {"made": 1, "published": 1, "public_total": 8},
    "fees": {"prev_items": 16, "change": 1},
    "procurement": {"projects": 7030, "amount": 87420.234406},
}
# Tianqiao 2022 表二 (lines 13-26)
TIANQIAO_2022_ACTIVE: dict[str, dict[str, Value]] = {
    "rules": {"issued": 0, "repealed": 0, "in_force": 0},
    "normative": {"issued": 1, "repealed": 1, "in_force": 2},
    "licensing": {"decisions": 69110},
    "penalty": {"decisions": 946},
    "coercion": {"decisions": 88},
    "fees": {"amount": 5952},
}
# Dongsheng 2024 (seed 002) 表三: 8 received, 7 granted, 1 carried over
DONGSHENG_2024_APP: dict[str, list[Value]] = {
    **{k: [0] * 7 for k in zero_app("t2021")},
    "new": [8, 0, 0, 0, 0, 0, 8],
    "granted": [7, 0, 0, 0, 0, 0, 7],
    "total": [7, 0, 0, 0, 0, 0, 7],
    "carried_out": [1, 0, 0, 0, 0, 0, 1],
}
