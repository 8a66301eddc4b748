"""One report span → a ``Report``: header facts, tables, narrative figures."""

from __future__ import annotations

import hashlib

from gik_desk.model import Document, Report, Section, Span, Table, flow
from gik_desk.parse import header, narrative
from gik_desk.parse.legacy import read_legacy
from gik_desk.parse.tables import read_active, read_appeals, read_applications
from gik_desk.parse.tokens import is_line_per_cell, tokenize
from gik_desk.template import generation_for_year

_TABLE_SECTIONS = ("active", "applications", "appeals")
# looked for with ``str.find`` (a choice of words in one pattern is tried at every position)
_ANCHORS = {
    "applications": ("本列数据的勾稽关系", "申请人情况", "一、本年新收政府信息公开申请"),
    "appeals": ("未经复议直接起诉",),
}
_MAX_TABLE_CHARS = 6000


def report_id(source: str, index: int, body: str) -> str:
    """sha256 of the file's name, the report's place in it and its text, 16 hex: unique per
    file and position, so byte-identical copies of one file never share an id (issue 11: 60
    copies of the seeds showed 19 reports), and stable across runs for the same file."""
    key = f"{source}\x00{index}\x00{body}".encode("utf-8", "surrogatepass")  # GBK-bytes names
    return hashlib.sha256(key).hexdigest()[:16]


def _regions(text: str, secs: list[Section], span: Span) -> dict[str, Span]:
    """The text each table section covers: from its heading to the next heading. Without a
    heading, a table is found by the words its header always prints (表三 and 表四 only)."""
    out: dict[str, Span] = {}
    for i, s in enumerate(secs):
        if s.key in _TABLE_SECTIONS and s.key not in out:
            nxt = secs[i + 1].span.start if i + 1 < len(secs) else span.end
            out[s.key] = Span(s.span.end, nxt)
    for key, anchor in _ANCHORS.items():
        if key in out:
            continue
        found = [(i, i + len(w)) for w in anchor if (i := text.find(w, span.start, span.end)) >= 0]
        if not found:
            continue
        m_start, m_end = min(found)  # the first printed (no two words start alike)
        later = [s.span.start for s in secs if s.span.start > m_end]
        stop = min([*later, span.end, m_start + _MAX_TABLE_CHARS])
        out[key] = Span(m_start, stop)
    return out


def build_report(
    doc: Document, norm: str, span: Span, overview: int | None, index: int, rid: str
) -> Report:
    text = doc.text
    title, _ = header.find_title(text, span.start, overview)
    year = header.find_year(text, span.start, overview, span.end)
    agency = header.with_city(text, header.find_agency(text, span.start, overview, span.end, title))
    secs = header.sections(text, span.start, span.end)
    gen = generation_for_year(year)
    tables: dict[str, Table] = {}
    regions = _regions(text, secs, span)
    readers = {"active": read_active, "applications": read_applications, "appeals": read_appeals}
    for key, region in regions.items():
        toks = tokenize(doc, region.start, region.end, norm)
        if toks:
            lines = not doc.tables and is_line_per_cell(norm, region.start, region.end)
            t = readers[key](toks, gen, lines)
            if t is not None:
                tables[key] = t
    if gen == "pre2019" or not tables:
        legacy = read_legacy(doc, norm, span)
        if legacy is not None:
            tables["legacy"] = legacy
    table_spans = [t.span for t in tables.values() if t.span is not None]
    table_spans += [regions[k] for k in regions if k in tables]
    layout = "lines" if not doc.tables and flow.broken_lines(norm, span.start, span.end) else "text"
    figs = narrative.figures(text, span.start, span.end, table_spans, norm, layout == "lines")
    is_report = "applications" in tables or header.looks_like_report(
        text, span.start, span.end, title
    )
    return Report(
        id=rid,
        source=doc.source,
        index=index,
        text=text,
        span=span,
        agency=agency,
        agency_key=header.agency_key(agency),
        year=year,
        template=gen,
        table_templates={k: t.template for k, t in tables.items() if k != "legacy"},
        tables=tables,
        narrative=tuple(figs),
        sections=tuple(secs),
        title=title,
        is_report=is_report,
        published=_published(doc),
        file_sha256=doc.sha256,
        format=doc.kind,
        layout=layout,
        boxes=doc.boxes,
    )


def _published(doc: Document) -> str | None:
    v = doc.meta.get("published") if doc.meta else None
    return str(v) if v else None
