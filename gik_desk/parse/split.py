"""A file → the spans of the reports it holds.

One file may hold many reports (seed 001: fifteen years of one body, newest first, each
starting with ``字号:`` page debris and no title). Every report has its 一、总体情况 / 一、概述
heading exactly once; a report starts at the last ``字号:`` line or the first title line
between the previous heading and its own, else at the heading itself.
"""

from __future__ import annotations

import itertools
import re

from gik_desk.model import Span
from gik_desk.parse.header import overview_starts

_PAGE_DEBRIS = re.compile(r"^\s*字号\s*[:：]", re.M)
_TITLE_LINE = re.compile(
    r"^[^\n。]{0,60}(?:19|20)\d{2}\s*年[^\n。]{0,30}(?:年度报告|年报|工作报告)[^\n。]{0,10}$", re.M
)


def report_spans(text: str) -> list[tuple[Span, int | None]]:
    """(span, overview heading offset) of each report, in file order."""
    heads = overview_starts(text)
    if not heads:
        return [(Span(0, len(text)), None)]
    starts = [0]
    for prev, head in itertools.pairwise(heads):
        starts.append(_start_between(text, prev, head))
    ends = [*starts[1:], len(text)]
    return [(Span(s, e), h) for s, e, h in zip(starts, ends, heads, strict=True)]


def _start_between(text: str, prev_head: int, head: int) -> int:
    debris = list(_PAGE_DEBRIS.finditer(text, prev_head + 1, head))
    if debris:
        return debris[-1].start() + (len(debris[-1].group()) - len(debris[-1].group().lstrip()))
    title = _TITLE_LINE.search(text, prev_head + 1, head)
    if title:
        return title.start()
    line_start = text.rfind("\n", prev_head + 1, head) + 1
    return line_start if line_start > prev_head else head
