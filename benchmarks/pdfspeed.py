"""PDF reading speed against pdfplumber and against pdfium's bare text (issue 19).

``pdf_vs_pdfplumber_ratio``: our parse of each sample PDF (``parse_path``: read, tables, report)
÷ pdfplumber's ``extract_tables()`` + ``extract_text()`` on every page of the same files.
``pdf_vs_text_floor_ratio``: the same parse ÷ pdfium text extraction of every page.
All three run warm in one process, interleaved, median of 3.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT / "tests" / "data" / "pdf"


def _plumber(files: list[Path]) -> None:
    import pdfplumber

    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.extract_text()


def _floor(files: list[Path]) -> None:
    import pypdfium2 as pdfium

    for f in files:
        pdf = pdfium.PdfDocument(f)
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                tp = page.get_textpage()
                tp.get_text_range()
                tp.close()
                page.close()
        finally:
            pdf.close()


def _ours(files: list[Path]) -> None:
    from gik_desk.parse import parse_path

    for f in files:
        parse_path(f)


def _read(files: list[Path]) -> None:
    from gik_desk.ingest import read_document

    for f in files:
        read_document(f)


def measure(files: list[Path] | None = None, runs: int = 3) -> list[tuple[str, float, str, str]]:
    from gik_desk.ingest import read_document

    files = files or sorted(PDFS.glob("*.pdf"))
    jobs: dict[str, Callable[[list[Path]], None]] = {
        "ours": _ours,
        "read": _read,
        "plumber": _plumber,
        "floor": _floor,
    }
    for fn in jobs.values():  # warm: imports, fonts, caches
        fn(files)
    times: dict[str, list[float]] = {k: [] for k in jobs}
    for _ in range(runs):
        for name, fn in jobs.items():
            t = time.perf_counter()
            fn(files)
            times[name].append(time.perf_counter() - t)
    med = {k: statistics.median(v) for k, v in times.items()}
    fallback = []
    for f in files:
        pages = read_document(f).meta.get("pdf_fallback_pages", [])
        fallback += [f"{f.name} p{p}" for p in pages]
    n_pages = _count_pages(files)
    note = f"{len(files)} files, {n_pages} pages; fallback pages: {', '.join(fallback) or 'none'}"
    return [
        ("pdf_parse_ms_per_page", 1000 * med["ours"] / n_pages, "ms", "parse_path: read + report"),
        ("pdf_read_ms_per_page", 1000 * med["read"] / n_pages, "ms", "read_document only"),
        ("pdfplumber_ms_per_page", 1000 * med["plumber"] / n_pages, "ms", "tables + text"),
        ("pdfium_text_ms_per_page", 1000 * med["floor"] / n_pages, "ms", "text only"),
        ("pdf_vs_pdfplumber_ratio", med["ours"] / med["plumber"], "x", note),
        ("pdf_vs_text_floor_ratio", med["ours"] / med["floor"], "x", "target <= 5"),
        ("pdf_read_vs_text_floor_ratio", med["read"] / med["floor"], "x", "ingest alone"),
    ]


def _count_pages(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    n = 0
    for f in files:
        pdf = pdfium.PdfDocument(f)
        n += len(pdf)
        pdf.close()
    return n


if __name__ == "__main__":
    for name, value, unit, note in measure():
        print(f"{name}: {value:.3g} {unit}  # {note}", flush=True)
