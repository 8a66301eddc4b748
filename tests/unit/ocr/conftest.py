"""Scans are made once a session and read once: OCR is seconds a page on two shared cores."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from gik_desk.ingest import read_document
from gik_desk.model import Document, Report
from gik_desk.parse import parse_document
from tests.scans import report_pages, scan_images, scan_pdf

DATA = Path(__file__).resolve().parents[2] / "data"
EXPECTED = DATA / "expected" / "tables"


@dataclass(frozen=True)
class Scan:
    """A scan made at test time, how it was made, what reading it gave, and the hand-keyed
    values of the report it shows (tests/data/expected/tables)."""

    name: str
    doc: Document
    reports: list[Report]
    expected: dict[tuple[str, str, str], float]


# name: (source, 0-based pages or seed year, dpi, defects, expected-table file)
VARIANTS: dict[str, tuple[str, object, int, dict[str, object], str]] = {
    "hongzequ_2023-200-clean": (
        "pdf/hongzequ_2023.pdf",
        [0, 1, 2, 3],
        200,
        {"jpeg": 85},
        "hongzequ_2023__0",
    ),
    "hongzequ_2023-200-seal": (
        "pdf/hongzequ_2023.pdf",
        [0, 1, 2, 3],
        200,
        {"jpeg": 85, "seal": True},
        "hongzequ_2023__0",
    ),
    "hongzequ_2024-150-skew+2": (
        "pdf/hongzequ_2024.pdf",
        [0, 1, 2, 3],
        150,
        {"jpeg": 60, "skew": 2.0},
        "hongzequ_2024__0",
    ),
    "huaian_2024-300-skew-2": (
        "pdf/huaian_2024.pdf",
        [0, 2, 3, 4],
        300,
        {"jpeg": 80, "skew": -2.0},
        "huaian_2024__0",
    ),
    "huaian_2024-200-grey": (
        "pdf/huaian_2024.pdf",
        [0, 2, 3, 4],
        200,
        {"jpeg": 70, "grey": True},
        "huaian_2024__0",
    ),
    "tianqiao_2021-200": (
        "seeds/001_711b86d480afee15.txt",
        2021,
        200,
        {"jpeg": 85},
        "001_711b86d480afee15__1",
    ),
    "dongsheng_2024-200": (
        "seeds/002_fe52555f254f9b80.txt",
        2024,
        200,
        {"jpeg": 85},
        "002_fe52555f254f9b80__0",
    ),
}


def _expected(stem: str) -> dict[tuple[str, str, str], float]:
    data = json.loads((EXPECTED / f"{stem}.json").read_text("utf-8"))
    return {
        (t, r, c): v
        for t, rows in data["tables"].items()
        for r, cols in rows.items()
        for c, v in cols.items()
    }


def _seed_text(path: Path, year: int, tables_only: bool) -> str:
    doc = read_document(path)
    report = next(r for r in parse_document(doc) if r.year == year)
    text = doc.text[report.span.start : report.span.end]
    if tables_only:  # the tables, their headings and the title: no prose paragraphs
        text = "\n".join(ln for ln in text.split("\n") if len(ln) < 40 or "|" in ln)
    return text


def _make(name: str, folder: Path) -> Path:
    source, where, dpi, defects, _ = VARIANTS[name]
    out = folder / f"{name}.pdf"
    if source.startswith("pdf/"):
        assert isinstance(where, list)
        return scan_pdf(DATA / source, out, dpi=dpi, pages=where, **defects)  # type: ignore[arg-type]
    assert isinstance(where, int)
    text = _seed_text(DATA / source, where, tables_only="tianqiao" in name)
    return scan_images(report_pages(text, dpi), out, dpi=dpi, **defects)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def ocr_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One OCR cache for the session (``GIK_TEST_OCR_CACHE`` keeps one across runs)."""
    path = Path(os.environ.get("GIK_TEST_OCR_CACHE") or tmp_path_factory.mktemp("ocr-cache"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GIK_OCR_CACHE", str(path))
        yield path


@pytest.fixture(scope="session")
def scans(ocr_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Scan]:
    """Every variant scanned and read once, lazily (a test asks only for what it reads)."""
    folder = tmp_path_factory.mktemp("scans")
    made: dict[str, Scan] = {}

    class Lazy(dict[str, Scan]):
        def __missing__(self, name: str) -> Scan:
            path = _make(name, folder)
            doc = read_document(path)
            made[name] = Scan(name, doc, parse_document(doc), _expected(VARIANTS[name][4]))
            self[name] = made[name]
            return made[name]

    return Lazy()
