"""The old-style 统计表 some pre-2019 reports attach (本年度 / 历年累计 columns).

It has no national key list: a row's key is its normalised label (``主动公开政府信息数``),
columns are ``year`` (本年度) and ``cumulative`` (历年累计), so the running total can be
followed from year to year.
"""

from __future__ import annotations

import re

from gik_desk.model import Document, Span, Table
from gik_desk.parse.builder import TableBuilder
from gik_desk.parse.tokens import tokenize
from gik_desk.template import normalise_label

_HEADER = re.compile(r"本年度?[^\n]{0,40}?(?:历年)?累计")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\(\w{1,2}\)|\d+[.、])")
_END = re.compile(r"\n\s*\n|\n[一二三四五六七八九十]+、")
_COLS = ("year", "cumulative")


def read_legacy(doc: Document, norm: str, span: Span) -> Table | None:
    """The 统计表 in ``span``, or None when the report has none."""
    m = _HEADER.search(norm, span.start, span.end)
    if m is None:
        return None
    end_m = _END.search(norm, m.end(), span.end)
    end = end_m.start() if end_m else span.end
    toks = tokenize(doc, m.end(), end, norm)
    b = TableBuilder("legacy", "pre2019")
    labels: list = []
    rows: list[str] = []
    for t in toks:
        if t.is_label:
            labels.append(t)
            continue
        if not labels:
            if rows:
                prev = rows[-1]
                if (prev, "cumulative") not in b.cells:
                    b.put(prev, "cumulative", t)
                    continue
            b.skip([t], "统计表中未能对应到行的数值")
            continue
        key = _ORDINAL.sub("", normalise_label("".join(x.text for x in labels)))
        b.label(key, labels)
        b.put(key, "year", t)
        rows.append(key)
        labels = []
    if not rows:
        return None
    expected = tuple((r, c) for r in rows for c in _COLS)
    return b.build(expected, Span(m.start(), end))
