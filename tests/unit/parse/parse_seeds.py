"""Helpers for the parse tests: test files parsed once per session."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from gik_desk.model import Report
from gik_desk.parse import parse_path

DATA = Path(__file__).parents[2] / "data"
SEEDS = DATA / "seeds"
PDFS = DATA / "pdf"
EXPECTED = DATA / "expected"
REAL = DATA / "real"


@cache
def parsed(name: str) -> tuple[Report, ...]:
    """The reports of one test file (seed or PDF), parsed once."""
    path = SEEDS / name if (SEEDS / name).exists() else PDFS / name
    reports, problems = parse_path(path)
    assert not problems, problems  # a PDF that stops reading is a failure, never a skip
    return tuple(reports)


def report_at(name: str, index: int) -> Report:
    reports = parsed(name)
    assert index < len(reports), f"{name}: only {len(reports)} reports"
    return reports[index]


def seed(prefix: str) -> str:
    """Seed file name from its number, e.g. ``seed("001")``."""
    return next(p.name for p in SEEDS.glob(f"{prefix}_*.txt"))
