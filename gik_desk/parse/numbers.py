"""Cell text → value, unit and fill: what a printed table cell says, and exactly where.

Blank marks ("", —, /, 无) are fills, never 0 (RULES.md BLANK). Full-width digits, other
scripts' decimal digits (Arabic-Indic ٣٤٠, Devanagari ३४०) and thousands separators are read;
the span covers the printed number only (sign and decimals included), so ``text[span]`` is what
the reviewer sees.

This is the one bounded number reader (issue 10). A number is at most ``MAX_NUMBER_CHARS``
characters (Python refuses ``int()`` past 4,300 digits and a 400-digit decimal is ``inf``), and
never inf or NaN. Text that looks like a number but cannot be read for sure (三百四十, ①, 34²,
a zero-width space inside 3\u200b40, a 100-digit run) is a ``Fill.TEXT`` cell: it keeps its
column, so the row's later values never shift one column left, and the rules flag it.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
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
MAX_NUMBER_CHARS = 64  # a printed count or amount, even a glued run (digits.MAX_RUN), is shorter
# Characters that make a piece "look like a number" when nothing else is in it.
_CN_NUMERALS = frozenset("零〇一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟")
_CN_MULTIPLIERS = frozenset("十百千万亿拾佰仟")
_NUMBERISH_PUNCT = frozenset("+-−.,()%（）:： ")
_UNIT_TAIL = re.compile(r"\(?\s*(?:万元|亿元|千元|元|人次|次|件|个|项|条|家|人|%)\s*\)?\s*$")
_DASHES = frozenset({"-", "—", "–", "－", "--", "——", "―", "─", "-—"})
_SLASHES = frozenset({"/", "／", "\\", "//"})
_NONE_WORDS = frozenset({"无", "没有", "暂无"})
_BLANKS = frozenset({"", "&nbsp;", "nbsp"})


# The same mapping as pairs: a long text is faster through one ``str.replace`` per character
# present (C speed) than through ``translate`` (a dict lookup per character).
_FULLWIDTH_PAIRS = tuple((chr(a), chr(b)) for a, b in _FULLWIDTH.items())
_LONG = 64


def ascii_digits(text: str) -> str:
    """Full-width digits and punctuation → ASCII, same length (spans stay valid).

    Other scripts' decimal digits (٣٤٠) are left as they are: ``\\d`` and ``int`` read them,
    and scanning a whole document for them would cost ~25 ns a character.
    """
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
    """``"1,234"`` → 1234, ``"-32"`` → -32, ``"+163"`` → 163, ``"104367.118823"`` → float.

    Raises ValueError for text longer than ``MAX_NUMBER_CHARS`` or not finite (never returns
    inf/NaN); :func:`read_number` is the same without raising.
    """
    value = read_number(digits)
    if value is None:
        raise ValueError(f"not a bounded number: {digits[:40]!r}")
    return value


def read_number(digits: str) -> Number | None:
    """:func:`to_number`, or None when the text is too long, not a number, or not finite."""
    if len(digits) > MAX_NUMBER_CHARS:
        return None
    s = digits.replace(",", "").replace("−", "-")  # int/float read any script's digits
    try:
        if "." in s:
            value = float(s)
            return value if math.isfinite(value) else None
        return int(s)
    except ValueError:
        return None


def looks_numeric(text: str) -> bool:
    """Text a reviewer would read as a number although :func:`read_cell` cannot: digits of
    any kind (①, ², ٣) or Chinese numerals (三百四十) with only signs, separators, units and
    invisible characters beside them. Such a cell is unreadable, not a label."""
    s = _UNIT_TAIL.sub("", text.strip())
    if not s:
        return False
    odd = numerals = 0  # digits read_cell does not take, invisible characters; 三 四
    multiplier = False
    for ch in s:
        if ch in _CN_NUMERALS:
            numerals += 1
            multiplier = multiplier or ch in _CN_MULTIPLIERS
            continue
        cat = unicodedata.category(ch)
        if cat[0] == "N" or cat == "Cf":
            odd += ch not in "0123456789"
        elif not (ch in _NUMBERISH_PUNCT or ch.isspace()):
            return False
    # ASCII digits with punctuation only ("1.") stay what they were: an ordinal, a label.
    # Chinese numerals alone: only a whole written number (三百四十, 十一), not an ordinal (三).
    return odd > 0 or (numerals >= 2 and multiplier)


def _one_script(number: str) -> bool:
    """All the digits of ``number`` come from one script (ASCII, or one other)."""
    if number.isascii():
        return True
    zeros = {ord(ch) - unicodedata.digit(ch) for ch in number if ch.isdigit()}
    return len(zeros) <= 1


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
        return CellText(Fill.TEXT) if looks_numeric(text) else None
    value = read_number(m.group("num"))
    if value is None or not _one_script(m.group("num")):
        # too long to be a count, beyond float (never inf), or digits of two scripts (3٤0):
        # unreadable, not a guess
        return CellText(Fill.TEXT)
    unit = m.group("unit")
    if unit:
        unit = unit.strip("() ")
    return CellText(
        Fill.NUMBER,
        value,
        m.start("num"),
        m.end("num"),
        unit or None,
    )
