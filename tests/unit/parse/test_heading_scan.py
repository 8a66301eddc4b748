"""The heading scanner (``header._scan``) finds exactly what the guarded regexes find: same
matches, same groups, with and without a start/end window, on every seed and on the edge cases
of the guard (line start, after a bar, after "大 中 小", a numeral glued to a word)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gik_desk.parse import header

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
EDGES = [
    "一、总体情况",
    "x一、概述",
    " 一、总体情况\n十二、 总体情况|三、概述 大 中 小四、概述",
    "第十二、总体情况 二、概述",
    "一、总体情况一、概述",
    "|五、其他需要报告的事项|\n六.存在的主要问题",
    "大 中 小一、总体情况",
    "中 小一、总体情况",
]


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + EDGES


@pytest.mark.parametrize("text", _texts())
def test_scan_matches_the_guarded_regexes(text: str) -> None:
    windows = [(0, len(text)), (1, len(text) - 1), (len(text) // 3, len(text) // 2)]
    for start, end in windows:
        want = [(m.span(), m.groupdict()) for m in header._HEADING.finditer(text, start, end)]
        got = [
            (m.span(), m.groupdict()) for m in header._scan(header._HEADING_BODY, text, start, end)
        ]
        assert got == want
    assert header.overview_starts(text) == [m.start() for m in header._OVERVIEW.finditer(text)]


def test_seed_001_has_one_overview_per_report() -> None:
    """Seed 001 holds Tianqiao's reports for 2022 back to 2008: 15 reports."""
    text = (SEEDS / "001_711b86d480afee15.txt").read_text(encoding="utf-8")
    assert len(header.overview_starts(text)) == 15
