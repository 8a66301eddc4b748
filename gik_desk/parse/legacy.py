"""The old-style 统计表 some pre-2019 reports attach (本年度 / 历年累计 columns).

It has no national key list: a row's key is its normalised label (``主动公开政府信息数``),
columns are ``year`` (本年度) and ``cumulative`` (历年累计), so the running total can be
followed from year to year.
"""

from __future__ import annotations

import re

from gik_desk.model import Document, Span, Table
from gik_desk.parse.builder import TableBuilder
from gik_desk.parse.tokens import Token, tokenize
from gik_desk.template import normalise_label

_HEADER = re.compile(r"本年度?[^\n]{0,40}?(?:历年)?累计")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\(\w{1,2}\)|\d+[.、])")
_ROW_LINE = re.compile(r"[|\d—/]")
_COLS = ("year", "cumulative")


def read_legacy(doc: Document, norm: str, span: Span) -> Table | None:
    """The 统计表 in ``span``, or None when the report has none."""
    m = _HEADER.search(norm, span.start, span.end)
    if m is None:
        return None
    end = _table_end(norm, m.end(), span.end)
    toks = tokenize(doc, m.end(), end, norm)
    b = TableBuilder("legacy", "pre2019")
    labels: list[Token] = []
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


def _table_end(norm: str, start: int, end: int) -> int:
    """The table runs while its lines hold cells (bars or figures); prose or a gap ends it."""
    pos = norm.find("\n", start, end)
    while 0 <= pos < end:
        nxt = norm.find("\n", pos + 1, end)
        line_end = end if nxt < 0 else nxt
        if not _ROW_LINE.search(norm, pos + 1, line_end):
            return pos
        pos = nxt
    return end
