"""Issue 10: reading is linear in the input; no regex backtracks over a digit run or a line.

A 20,000-digit run took 17.6 s (narrative patterns retried from every digit), a 16 MB report
without line breaks 36 s (``sections`` re-found line starts; ``_city_of`` rescanned the file
per report). Each test times one size and ten times that size: linear work grows ~10x, the
old quadratic work ~100x; the bound (30x) leaves room for a noisy machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from gik_desk import services
from gik_desk.parse import parse_path
from gik_desk.parse.header import sections
from tests.unit.hostile import hostile_files as hf


def _seconds(fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(2):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _ratio(make: Callable[[int], Path], small: int) -> float:
    a, b = make(small), make(small * 10)
    return _seconds(lambda: parse_path(b)) / max(_seconds(lambda: parse_path(a)), 1e-3)


@pytest.mark.slow
def test_a_digit_run_is_read_in_linear_time(tmp_path: Path) -> None:
    assert _ratio(lambda n: hf.digit_run_report(tmp_path, n), 100_000) < 30


@pytest.mark.slow
def test_a_report_without_line_breaks_is_read_in_linear_time(tmp_path: Path) -> None:
    # 0.5 → 5 MB: linear ~9x; before the fix ~25x (the quadratic part is small per byte)
    assert _ratio(lambda n: hf.no_newline_report(tmp_path, n), 500_000) < 16


def test_a_20000_digit_run_is_audited_quickly_with_its_figures_bounded(tmp_path: Path) -> None:
    path = hf.digit_run_report(tmp_path, 20_000)
    t = time.perf_counter()
    batch = services.audit_paths([path], workers=1)
    assert time.perf_counter() - t < 5  # was 17.6 s
    assert batch.problems == []
    (report,) = batch.reports
    assert all(f.value < 10**12 for f in report.narrative)  # the run is no figure


def test_sections_index_line_ends_once_and_agree_with_a_line_scan() -> None:
    text = "前言\n一、总体情况 内容\n七、附加说明\n  八、不在行首\n九、表格 | 1 |\n十、结尾"
    found = [(s.key, s.heading) for s in sections(text, 0, len(text))]
    assert found == [
        ("overview", "一、总体情况"),
        ("unknown", "七、附加说明"),
        ("unknown", "十、结尾"),
    ]
