"""Cell text → value, unit and fill: what a printed table cell says, and exactly where.

Blank marks ("", —, /, 无) are fills, never 0 (RULES.md BLANK). Full-width digits and
thousands separators are read; the span covers the printed number only (sign and decimals
included), so ``text[span]`` is what the reviewer sees.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from gik_desk.model import Fill, Number

# One-to-one (same length) so offsets into the translated text are offsets into the original.
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９＋－．，（）：｜／　\u00a0",
    "0123456789+-.,():|/  ",
)

_NUMBER = re.compile(
    r"(?P<lead>[(\s]*)"
    r"(?P<num>[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"\s*(?P<unit>\(?\s*(?:万元|亿元|千元|元|人次|次|件|个|项|条|家|人|%)\s*\)?)?"
    r"[)\s]*"
)
_DASHES = frozenset({"-", "—", "–", "－", "--", "——", "―", "─", "-—"})
_SLASHES = frozenset({"/", "／", "\\", "//"})
_NONE_WORDS = frozenset({"无", "没有", "暂无"})
_BLANKS = frozenset({"", "&nbsp;", "nbsp"})


# The same mapping as pairs: a long text is faster through one ``str.replace`` per character
# present (C speed) than through ``translate`` (a dict lookup per character).
_FULLWIDTH_PAIRS = tuple((chr(a), chr(b)) for a, b in _FULLWIDTH.items())
_LONG = 64


def ascii_digits(text: str) -> str:
    """Full-width digits and punctuation → ASCII, same length (spans stay valid)."""
    if text.isascii():
        return text
    if len(text) < _LONG:
        return text.translate(_FULLWIDTH)
    for wide, narrow in _FULLWIDTH_PAIRS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


@dataclass(frozen=True, slots=True)
class CellText:
    """What one printed cell says. ``start``/``end`` are offsets of the number inside it."""

    fill: Fill
    value: Number | None = None
    start: int = 0
    end: int = 0
    unit: str | None = None


def blank_fill(text: str) -> Fill | None:
    """The fill of a blank mark, or None when the text is not one."""
    s = ascii_digits(text).strip()
    if s in _BLANKS:
        return Fill.BLANK
    if s in _DASHES:
        return Fill.DASH
    if s in _SLASHES:
        return Fill.SLASH
    if s in _NONE_WORDS:
        return Fill.NONE_WORD
    return None


def to_number(digits: str) -> Number:
    """``"1,234"`` → 1234, ``"-32"`` → -32, ``"+163"`` → 163, ``"104367.118823"`` → float."""
    s = digits.replace(",", "").replace("−", "-")
    if "." in s:
        return float(s)
    return int(s)


@functools.lru_cache(maxsize=8192)
def read_cell(text: str) -> CellText | None:
    """Read one cell. None when the text is neither a number nor a blank mark (a label).

    Cached: tables repeat the same few cell texts (0, 1, —, row labels) thousands of times,
    and ``CellText`` is frozen, so sharing one is safe.
    """
    fill = blank_fill(text)
    if fill is not None:
        return CellText(fill)
    s = ascii_digits(text)
    m = _NUMBER.fullmatch(s)
    if m is None:
        return None
    unit = m.group("unit")
    if unit:
        unit = unit.strip("() ")
    return CellText(
        Fill.NUMBER,
        to_number(m.group("num")),
        m.start("num"),
        m.end("num"),
        unit or None,
    )
