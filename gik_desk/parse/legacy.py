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


# a crawled page prints the header one word per line (and 指标名称 one character per line):
# 指标名称 / 计量单位 (or 计量 / 单位, or 单位) / then the period columns
_LINE_HEAD = re.compile(r"指\s*标\s*名\s*称\s*\n\s*(?:计\s*量\s*)?单\s*位\s*\n")
_PERIOD = re.compile(
    r"\s*(?:\d{4}\s*年?\s*度?|年\s*度|本\s*年\s*度?|本年数|历年累计|累计数?|年末统计)\s*"
)
_UNITS = frozenset(
    {"条", "件", "件次", "人次", "人", "个", "次", "项", "份", "元", "万元", "期", "篇"}
)
_LEAD = re.compile(r"^其中[:：]?")


def read_legacy(doc: Document, norm: str, span: Span) -> Table | None:
    """The 统计表 in ``span``, or None when the report has none."""
    m = _LINE_HEAD.search(norm, span.start, span.end)
    if m is not None and not doc.tables:
        return _read_lines(doc, norm, m.start(), m.end(), span.end)
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


def _read_lines(doc: Document, norm: str, start: int, pos: int, end: int) -> Table | None:
    """The 附表 of a crawled page (Putian 2008–2018): the period header lines after 单位 give
    one column (年末统计, 本年度) or two (… 历年累计); each row is its label, its unit and its
    figures, one per line, runs of equal lines collapsed (``0`` for 0, 0). Read by
    ``parse/readings.py`` without identities: a row that stays ambiguous is named unread."""
    cumulative = False
    while pos < end:
        nl = norm.find("\n", pos, end)
        stop = end if nl < 0 else nl
        if not _PERIOD.fullmatch(norm, pos, stop):
            break
        cumulative = cumulative or "累计" in norm[pos:stop]
        pos = stop + 1
    cols = _COLS if cumulative else _COLS[:1]
    stop = _lines_end(norm, pos, end)
    toks = tokenize(doc, pos, stop, norm)
    b = TableBuilder("legacy", "pre2019")
    rows: list[str] = []
    labels: list[Token] = []
    values: list[Token] = []

    def emit() -> None:
        words = [t for t in labels if normalise_label(t.text) not in _UNITS]
        label = _LEAD.sub("", normalise_label("".join(t.text for t in words)))
        key = _ORDINAL.sub("", label)
        if key in rows:
            key = label  # a label printed twice (027: 1、/2、同意公开答复数): keep its ordinal
        if not key or key in rows:
            b.skip(values, "统计表中未能对应到行的数值")
            return
        b.label(key, words)
        b.place_lines(key, cols, values, checked=False)
        rows.append(key)

    for t in toks:
        if t.is_label:
            if values:
                emit()
                labels, values = [], []
            labels.append(t)
        else:
            values.append(t)
    if values and labels:
        emit()
    if not rows:
        return None
    b.settle(())
    expected = tuple((r, c) for r in rows for c in cols)
    return b.build(expected, Span(start, stop))


def _lines_end(norm: str, pos: int, end: int) -> int:
    """A crawled 附表 runs while its lines are short (labels, units, figures): a line of
    prose, or a heading, ends it."""
    while pos < end:
        nl = norm.find("\n", pos, end)
        stop = end if nl < 0 else nl
        line = norm[pos:stop].strip()
        if len(line) > 40 or re.match(r"[一二三四五六七八九十]{1,3}[、.]", line):
            return pos
        pos = stop + 1
    return end
