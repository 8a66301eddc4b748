"""Prose as one flowing text, and where each of its characters stands in the document.

Crawled pages break sentences over many short lines, even inside a number (``202`` / ``5年``,
``2`` / ``4份``). Narrative reading joins those lines back; every span it finds is mapped to the
document's own offsets, which the source pane and OUTPUT.md use. Table regions are left out.

A ``Flow`` is a list of segments (flow offset, document offset, length): building it is linear
in the prose's length and a lookup is a binary search, so a large file costs no per-character
table.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from gik_desk.model import Span

_TERMINATORS = frozenset("。！？；;!?：:")
# a line that starts a heading or a numbered point keeps its break before and after it
_HEADING = re.compile(
    r"[一二三四五六七八九十]{1,3}\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]"
)
_META = re.compile(r"[\u4e00-\u9fff]{2,4}\s*[:：]")  # 标题: / 发布时间: lines of a crawled page


@dataclass(frozen=True, slots=True)
class Flow:
    """``text`` and its segments ``(flow_start, doc_start, length)``, in order."""

    text: str
    segments: tuple[tuple[int, int, int], ...]
    starts: tuple[int, ...] = ()  # the segments' flow starts, for the binary search

    def at(self, i: int) -> int:
        """The document offset of flow character ``i`` (``len(text)``: just past the end)."""
        if not self.segments:
            return 0
        k = max(0, bisect_right(self.starts, i) - 1)
        f0, d0, n = self.segments[k]
        return d0 + min(i - f0, n)

    def span(self, a: int, b: int) -> Span:
        """The document span of flow characters ``a:b``."""
        if b <= a:
            p = self.at(a)
            return Span(p, p)
        return Span(self.at(a), self.at(b - 1) + 1)


def build(text: str, pieces: Sequence[Span], join_lines: bool) -> Flow:
    """The prose in ``pieces`` of ``text``; with ``join_lines``, a line break inside a
    sentence is dropped (not after 。；：, not around a heading or a page's metadata line)."""
    out: list[str] = []
    segs: list[tuple[int, int, int]] = []
    pos = 0
    if not join_lines:  # no break dropped: each piece is one segment (the same ``at``)
        for piece in pieces:
            if out and not out[-1].endswith("\n"):
                segs.append((pos, piece.start, 1))
                out.append("\n")
                pos += 1
            if piece.end > piece.start:
                segs.append((pos, piece.start, piece.end - piece.start))
                out.append(text[piece.start : piece.end])
                pos += piece.end - piece.start
        return Flow("".join(out), tuple(segs), tuple(s[0] for s in segs))
    for piece in pieces:
        if out and not out[-1].endswith("\n"):
            segs.append((pos, piece.start, 1))
            out.append("\n")
            pos += 1
        start = piece.start
        while start < piece.end:
            nl = text.find("\n", start, piece.end)
            stop = piece.end if nl < 0 else nl
            if stop > start:
                segs.append((pos, start, stop - start))
                out.append(text[start:stop])
                pos += stop - start
            if nl < 0:
                break
            if not (join_lines and _inline_break(text, start, nl, piece.end)):
                segs.append((pos, nl, 1))
                out.append("\n")
                pos += 1
            start = nl + 1
    return Flow("".join(out), tuple(segs), tuple(s[0] for s in segs))


def _inline_break(text: str, line_start: int, nl: int, end: int) -> bool:
    """The break at ``nl`` falls inside a sentence."""
    line = text[line_start:nl].strip()
    if not line or line[-1] in _TERMINATORS:
        return False
    nxt_end = text.find("\n", nl + 1, end)
    nxt = text[nl + 1 : end if nxt_end < 0 else nxt_end].strip()
    if not nxt:
        return False
    if _HEADING.match(nxt) or _META.match(nxt) or _META.match(line):
        return False
    return not (_HEADING.match(line) and len(line) <= 30)


def broken_lines(text: str, start: int, end: int) -> bool:
    """Most lines short and unfinished: a crawled page that printed each phrase, number and
    table cell on a line of its own (the Putian corpus: 60–84 % such lines; the seeds and
    PDFs at most 16 %)."""
    lines = short = 0
    for raw in text[start:end].split("\n"):  # ``stripped_lines``, at C speed
        line = raw.strip()
        if not line:
            continue
        lines += 1
        if len(line) <= 12 and "|" not in line and line[-1] not in _TERMINATORS:
            short += 1
    return lines >= 20 and short * 5 >= lines * 2


def stripped_lines(text: str, start: int, end: int) -> Iterator[str]:
    """The non-blank lines of ``text[start:end]``, stripped: one pass, no copy of the span."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        line = text[pos:stop].strip()
        if line:
            yield line
        pos = stop + 1
