"""The key counts tracked per body across years (统计看板 trend, 统计 sheet).

Kept apart from ``frames`` so the dashboard can name and colour its lines without importing
pandas (~0.3 s) before a batch arrives.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KeySeries:
    """One key count of a body across years: the cells summed, or the narrative figure pre-2019."""

    key: str
    name: str
    cells: tuple[tuple[str, str, str], ...]  # (table, row, col) canonical keys, all needed
    narrative: str  # the OUTPUT.md narrative key a pre-2019 report states instead


KEY_SERIES: tuple[KeySeries, ...] = (
    KeySeries("new", "本年新收", (("applications", "new", "total"),), "applications.received"),
    KeySeries(
        "handled", "办理结果总计", (("applications", "total", "total"),), "applications.answered"
    ),
    KeySeries(
        "carried_out",
        "结转下年度",
        (("applications", "carried_out", "total"),),
        "applications.carried_out",
    ),
    KeySeries(
        "review", "行政复议", (("appeals", "count", "review.total"),), "appeals.review.total"
    ),
    KeySeries(
        "suit",
        "行政诉讼",
        (
            ("appeals", "count", "suit_direct.total"),
            ("appeals", "count", "suit_after_review.total"),
        ),
        "appeals.suit.total",
    ),
)
