"""Broken bytes in every format: ``parse_path`` returns reports or problems, never raises.

Starts from real files: the three published PDFs (tests/data/pdf) and a DOCX and an HTML page
built from seed 000's text, then flips bytes, truncates, splices in junk or repeats a chunk.
The examples per test are a fifth of GIK_FUZZ_EXAMPLES (a PDF takes ~0.2 s to read).
"""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_desk import parse
from gik_desk.model import Problem, Report

DATA = Path(__file__).parents[2] / "data"
PDFS = sorted((DATA / "pdf").glob("*.pdf"))
SEED_000 = DATA / "seeds" / "000_375d3c597609dd56.txt"
EXAMPLES = int(os.environ.get("GIK_FUZZ_EXAMPLES", 60))
SLOW_FUZZ = settings(
    derandomize=True,
    max_examples=max(10, EXAMPLES // 5),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _seed_lines() -> list[str]:
    return SEED_000.read_text(encoding="utf-8-sig").splitlines()


def _html_bytes() -> bytes:
    """Seed 000 as a web page: ``a | b |`` lines become table rows, the rest paragraphs."""
    parts = ["<html><head><meta charset='utf-8'></head><body>"]
    rows: list[str] = []
    for line in _seed_lines():
        if "|" in line:
            cells = [html.escape(c.strip()) for c in line.split("|")[:-1]]
            rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
            continue
        if rows:
            parts.append("<table>" + "".join(rows) + "</table>")
            rows = []
        parts.append(f"<p>{html.escape(line)}</p>")
    if rows:
        parts.append("<table>" + "".join(rows) + "</table>")
    parts.append("</body></html>")
    return "".join(parts).encode("utf-8")


def _docx_bytes() -> bytes:
    """Seed 000 as a Word file: runs of ``|`` lines become tables."""
    import docx

    document = docx.Document()
    block: list[list[str]] = []

    def flush() -> None:
        if block:
            width = max(len(r) for r in block)
            table = document.add_table(rows=len(block), cols=width)
            for i, row in enumerate(block):
                for j, text in enumerate(row):
                    table.cell(i, j).text = text
            block.clear()

    for line in _seed_lines():
        if "|" in line:
            block.append([c.strip() for c in line.split("|")[:-1]])
        else:
            flush()
            document.add_paragraph(line)
    flush()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seed.docx"
        document.save(str(path))
        return path.read_bytes()


SOURCES: dict[str, bytes] = {p.name: p.read_bytes() for p in PDFS}
SOURCES["seed000.html"] = _html_bytes()
SOURCES["seed000.docx"] = _docx_bytes()


@st.composite
def mutated_file(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SOURCES)))
    data = bytearray(SOURCES[name])
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "truncate", "junk", "repeat", "zero"]))
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[i] ^= draw(st.integers(1, 255))
        elif op == "truncate":
            del data[i:]
        elif op == "junk":
            data[i:i] = draw(st.binary(min_size=1, max_size=64))
        elif op == "repeat":
            n = draw(st.integers(1, 4096))
            data[i:i] = data[i : i + n]
        else:
            n = draw(st.integers(1, 4096))
            data[i : i + n] = bytes(len(data[i : i + n]))
    return name, bytes(data)


def test_unmutated_sources_each_give_one_report() -> None:
    """The baseline: each file the mutations start from reads as exactly one report."""
    with tempfile.TemporaryDirectory() as folder:
        for name, data in SOURCES.items():
            path = Path(folder) / name
            path.write_bytes(data)
            reports, problems = parse.parse_path(path)
            assert problems == [], name
            assert len(reports) == 1, name


@SLOW_FUZZ
@given(case=mutated_file())
def test_mutated_file_never_raises(fuzz_tally: dict[str, int], case: tuple[str, bytes]) -> None:
    fuzz_tally["tried"] += 1
    name, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        reports, problems = parse.parse_path(path)
    assert all(isinstance(r, Report) for r in reports)
    assert all(isinstance(p, Problem) and p.code and p.message for p in problems)
    for r in reports:
        assert 0 <= r.span.start <= r.span.end <= len(r.text)
