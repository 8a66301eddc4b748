"""Publication dates a page states about itself (RULES.md META-DATE reads ``meta["published"]``)."""

from __future__ import annotations

import re
from datetime import date

_LABELLED = re.compile(
    r"(?:发布时间|发布日期|发文日期|公开日期|成文日期|日期)\s*[:：]?\s*"
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)
_BARE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def _iso(y: str, m: str, d: str) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def find_published(text: str, *, bare: bool = False) -> str | None:
    """The first labelled date (发布时间：2024-01-20) as ISO; ``bare`` accepts any date."""
    for m in (_BARE if bare else _LABELLED).finditer(text):
        iso = _iso(*m.groups())
        if iso:
            return iso
    return None
