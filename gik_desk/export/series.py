"""The key counts tracked per body across years (统计看板 trend, 统计 sheet).

Kept apart from ``frames`` so the dashboard can name and colour its lines without importing
pandas (~0.3 s) before a batch arrives.
"""

from __future__ import annotations

from dataclasses import dataclass

from gik_desk.template.narrative import narrative_cells


@dataclass(frozen=True, slots=True)
class KeySeries:
    """One key count of a body across years: the cells summed, or the narrative figure pre-2019."""

    key: str
    name: str
    cells: tuple[tuple[str, str, str], ...]  # (table, row, col) canonical keys, all needed
    narrative: str  # the OUTPUT.md narrative key a pre-2019 report states instead


def _series(key: str, name: str, narrative: str) -> KeySeries:
    """A series of the cells ``narrative`` stands for (``template/narrative.py``)."""
    found = narrative_cells(narrative)
    assert found is not None, narrative  # every series follows a key the template holds
    table, cells = found
    return KeySeries(key, name, tuple((table, row, col) for row, col in cells), narrative)


KEY_SERIES: tuple[KeySeries, ...] = (
    _series("new", "本年新收", "applications.received"),
    _series("handled", "办理结果总计", "applications.answered"),
    _series("carried_out", "结转下年度", "applications.carried_out"),
    _series("review", "行政复议", "appeals.review.total"),
    _series("suit", "行政诉讼", "appeals.suit.total"),
)
