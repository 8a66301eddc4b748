"""Python code points (the core's offsets) to Qt's UTF-16 positions and back.

A character outside the BMP (e.g. 𠀀) is one code point but two UTF-16 units; every offset after it
shifts by one in Qt. Without such characters the map is the identity and costs nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Maps offsets into ``text`` between code points and UTF-16 units."""

    __slots__ = ("_astral", "_astral_end16", "_len")

    def __init__(self, text: str) -> None:
        self._len = len(text)
        # a regex scan runs in C: a 70,000-character file costs well under a millisecond
        self._astral: list[int] = (
            [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        )
        # UTF-16 position just after each astral character
        self._astral_end16 = [cp + k + 2 for k, cp in enumerate(self._astral)]

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 position of code point ``offset`` (``offset`` may equal ``len(text)``)."""
        offset = max(0, min(offset, self._len))
        return offset + bisect_left(self._astral, offset)

    def to_code_point(self, pos16: int) -> int:
        """The code point at UTF-16 position ``pos16`` (inside a surrogate pair: the next one)."""
        pos16 = max(0, pos16)
        done = bisect_right(self._astral_end16, pos16)
        if done < len(self._astral) and pos16 > self._astral_end16[done] - 2:
            return self._astral[done] + 1  # between the two halves of a pair
        return min(pos16 - done, self._len)
