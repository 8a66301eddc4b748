"""Shared test setup: headless Qt before anything imports it, and the project's own data paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# OCR (issue 29) caches pages under the user's cache folder; tests cache only where they say
os.environ.setdefault("GIK_OCR_CACHE", "")

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"
PDFS = DATA / "pdf"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def pdf_dir() -> Path:
    return PDFS


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qapp" in fixtures or "qtbot" in fixtures:
            item.add_marker(pytest.mark.gui)
