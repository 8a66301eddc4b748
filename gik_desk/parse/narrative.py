"""Figures the narrative states (OUTPUT.md ``narrative``), each with the span of its digits.

Precision over recall: only clauses whose meaning is unambiguous are read. "收到/受理/新收 …申请
N件" is a received figure, "办结/答复 …申请 N件" an answered one; a clause that merely says
"办理" is left alone (it may mean received or answered). For Tianqiao 2018 the text states
both "共收到公开政府信息申请283件" and "共办结政府信息公开申请283件", so 283 is read twice,
from two different clauses. Numbers written in words (两件) are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from gik_desk.model import NarrativeFigure, Span, flow
from gik_desk.model.span import outside
from gik_desk.parse.numbers import ascii_digits, to_number

# A figure starts where a digit run starts and is at most 12 digits (issue 10): without the
# guards each pattern beginning with it retried from every digit of a run, O(run²) (a
# 20,000-digit run took 17.6 s); now each position costs O(1) and the scan is linear.
_N = r"(?<!\d)(?P<n>\d{1,12})(?!\d)"
_GAP = r"[^,，。;；:：、\d]{0,14}?"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(p))
    for key, p in (
        ("applications.received", rf"(?:收到|受理|新收|接收){_GAP}申请(?:共|合计)?\s*{_N}\s*件"),
        ("applications.received", rf"(?:收到|受理|新收|接收)(?:共|了)?\s*{_N}\s*件{_GAP}申请"),
        ("applications.answered", rf"(?:办结|答复){_GAP}申请(?:共|合计)?\s*{_N}\s*件"),
        ("applications.answered", rf"(?:办结|答复)(?:共|了)?\s*{_N}\s*件{_GAP}申请"),
        ("applications.answered", rf"本年(?:度)?(?:共)?办结\s*{_N}\s*件"),
        (
            "applications.carried_out",
            rf"结转(?:至|到)?下(?:一)?年(?:度)?(?:继续办理)?(?:的)?\s*{_N}\s*件",
        ),
        ("applications.carried_out", rf"{_N}\s*件(?:申请)?(?:结转|转入)(?:至|到)?下(?:一)?年"),
        ("applications.granted", rf"予以公开(?:的)?\s*{_N}\s*件"),
        # old reports: "同意公开"的为88件、"同意部分公开"的为5件 (莆田市 2008)
        # the lookbehind after 同意, not before it: a pattern that starts with a literal is
        # looked for at C speed, one that starts with a lookbehind tried at every position
        ("applications.granted", rf"同意(?<!部分同意)公开[\"”']?(?:的)?(?:为|有|共)?\s*{_N}\s*件"),
        ("applications.partial", rf"同意部分公开[\"”']?(?:的)?(?:为|有|共)?\s*{_N}\s*件"),
        ("appeals.review.total", rf"行政复议(?:申请)?(?:案件)?(?:的)?(?:有|共)?\s*{_N}\s*件"),
        ("appeals.suit.total", rf"行政诉讼(?:案件)?(?:的)?(?:有|共)?\s*{_N}\s*件"),
    )
)
# A pattern that starts with its figure is tried at every position of the prose (5× the
# others together); it is looked for from the literal after the figure instead (``_found``).
_FROM_AFTER = {
    pat: re.compile(r"件(?:申请)?(?:结转|转入)")
    for _, pat in _PATTERNS
    if pat.pattern.startswith(rf"{_N}\s*件(?:申请)?(?:结转|转入)")
}
# A pattern that starts with a choice of words (``(?:收到|受理|新收|接收)``) is tried at every
# position too (the engine has no fast search for a choice): its words are found with
# ``str.find`` and the pattern tried only there, leftmost first, as ``finditer`` would.
_LEAD_WORDS = re.compile(r"\(\?:([\u4e00-\u9fff|]+)\)")
_LEADS = {
    pat: tuple(m.group(1).split("|"))
    for _, pat in _PATTERNS
    if (m := _LEAD_WORDS.match(pat.pattern)) is not None
}
_CLAUSE_END = re.compile(r"[。;；\n]")
_CLAUSE_MAX = 4000  # a clause is looked for this far either side: O(1) per figure, not O(text)


def figures(
    text: str,
    start: int,
    end: int,
    skip: Sequence[Span] = (),
    norm: str | None = None,
    join_lines: bool = False,
) -> list[NarrativeFigure]:
    """Narrative figures in ``text[start:end]``, outside the table regions in ``skip``.

    ``norm`` is ``ascii_digits(text)`` when the caller has it (same length, same offsets).
    ``join_lines``: the prose is a crawled page's, broken over short lines (``model/flow.py``).
    O(end - start) per pattern (figures start only where a digit run starts), plus O(1)
    per figure for its clause (``_CLAUSE_MAX``).
    """
    norm = norm if norm is not None else ascii_digits(text)
    prose = flow.build(norm, outside(Span(start, end), skip), join_lines)
    out: list[NarrativeFigure] = []
    seen: set[tuple[str, int]] = set()
    places: dict[tuple[str, ...], list[int]] = {}  # two patterns share each choice of words
    for key, pat in _PATTERNS:
        for m in _found(pat, prose.text, places):
            a, b = m.span("n")
            if (key, a) in seen or _cumulative(prose.text, a):
                continue
            seen.add((key, a))
            out.append(
                NarrativeFigure(key, to_number(m.group("n")), prose.span(a, b), _clause(prose, a))
            )
    out.sort(key=lambda f: f.span.start)
    return out


def _found(
    pat: re.Pattern[str], text: str, places: dict[tuple[str, ...], list[int]]
) -> Iterator[re.Match[str]]:
    """``pat.finditer(text)``; for a pattern of ``_FROM_AFTER``, the same matches found from
    the literal after the figure: back over spaces and the digit run, then ``pat`` there (no
    two of its matches overlap: each holds one digit run, at its start)."""
    leads = _LEADS.get(pat)
    if leads is not None:
        if leads not in places:
            places[leads] = _word_places(text, leads)
        yield from _from_places(pat, places[leads], text)
        return
    after = _FROM_AFTER.get(pat)
    if after is None:
        yield from pat.finditer(text)
        return
    for m in after.finditer(text):
        i = m.start()
        while i > 0 and text[i - 1].isspace():  # ``\s``
            i -= 1
        j = i
        while j > 0 and text[j - 1].isdecimal():  # ``\d``
            j -= 1
        if j < i:
            found = pat.match(text, j)
            if found is not None:
                yield found


def _word_places(text: str, words: tuple[str, ...]) -> list[int]:
    """Where each of ``words`` stands in ``text``, in order. Found by its first character
    (``str.find`` of one character runs several times faster than of two)."""
    found: set[int] = set()
    for w in words:
        first = w[0]
        i = text.find(first)
        while i >= 0:
            if text.startswith(w, i):
                found.add(i)
            i = text.find(first, i + 1)
    return sorted(found)


def _from_places(pat: re.Pattern[str], places: list[int], text: str) -> Iterator[re.Match[str]]:
    """``pat.finditer(text)`` for a pattern that starts with one of the words at ``places``:
    a match starts only where a word does, so the leftmost match at or after ``pos`` is the
    first of those places where ``pat`` matches (its matches are never empty)."""
    pos = 0
    for i in places:
        if i < pos:
            continue
        m = pat.match(text, i)
        if m is not None:
            yield m
            pos = m.end()


_CUMULATIVE = re.compile(r"累计|历年|截至\S{0,12}(底|末)")


def _cumulative(text: str, pos: int) -> bool:
    """The figure's clause counts since the start, not this year ("截至2015年底…累计被申请
    行政复议16件" beside "被申请行政复议8件": 莆田市 2015). Looks back ``_CLAUSE_MAX`` at most."""
    lo = max(0, pos - _CLAUSE_MAX)
    left = max(max(text.rfind(c, lo, pos) for c in "。;；,，\n") + 1, lo)
    return bool(_CUMULATIVE.search(text, left, pos))


def _clause(prose: flow.Flow, pos: int) -> Span:
    """The clause around ``pos``, within ``_CLAUSE_MAX`` characters either side."""
    text = prose.text
    lo = max(0, pos - _CLAUSE_MAX)
    left = max(max(text.rfind(c, lo, pos) for c in "。;；\n") + 1, lo)
    hi = min(len(text), pos + _CLAUSE_MAX)
    m = _CLAUSE_END.search(text, pos, hi)
    right = m.start() if m else hi
    return prose.span(left, right)
