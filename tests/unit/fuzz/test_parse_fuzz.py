"""The parser never raises, whatever text it is handed: random text and mutated real reports.

Mutations start from the real seeds (tests/data/seeds): lines deleted, duplicated, swapped,
digits flipped, ``|`` inserted, the text truncated, random unicode spliced in. Each result must
be a list of ``Report`` whose spans stay inside the text. ``make fuzz`` runs 20000 examples per
test (GIK_FUZZ_EXAMPLES); the default 60 keep ``make test`` quick.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_desk import parse
from gik_desk.model import Document, Problem, Report

SEEDS = sorted((Path(__file__).parents[2] / "data" / "seeds").glob("*.txt"))
SEED_TEXTS = [p.read_text(encoding="utf-8-sig") for p in SEEDS]
EXAMPLES = int(os.environ.get("GIK_FUZZ_EXAMPLES", 60))
FUZZ = settings(
    derandomize=True,
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Characters the parser cares about, so random text reaches the interesting branches.
ALPHABET = st.sampled_from(
    [
        *"0123456789０１２３４５６７８９|｜ \t\n一二三四五六七八九十（）()、.。，,-—/无件年",
        *("本年新收", "总计", "行政复议", "行政诉讼", "结转下年度", "政府信息公开", "年度报告"),
    ]
)
UNICODE = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]),  # no lone surrogates: not valid text
    max_size=40,
)


def _doc(text: str) -> Document:
    return Document(
        source="fuzz.txt",
        kind="txt",
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
    )


def _check(text: str, tally: dict[str, int]) -> list[Report]:
    """Parse and check the result's shape: reports with spans inside the text."""
    tally["tried"] += 1
    reports = parse.parse_document(_doc(text))
    assert isinstance(reports, list)
    for r in reports:
        assert isinstance(r, Report)
        assert 0 <= r.span.start <= r.span.end <= len(text)
        for table in r.tables.values():
            for cell in table.cells.values():
                if cell.span is not None:
                    assert r.span.start <= cell.span.start <= cell.span.end <= r.span.end, cell.key
    return reports


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    """A real seed with a few line- and character-level mutations."""
    text = draw(st.sampled_from(SEED_TEXTS))
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 8))):
        if not lines:
            break
        op = draw(
            st.sampled_from(["delete", "duplicate", "swap", "digit", "bar", "unicode", "truncate"])
        )
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "digit":
            digits = [k for k, ch in enumerate(line) if ch.isdigit()]
            if digits:
                k = draw(st.sampled_from(digits))
                new = draw(st.sampled_from("0123456789"))
                lines[i] = line[:k] + new + line[k + 1 :]
        elif op == "bar":
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + draw(st.sampled_from(["|", " | ", "||", "｜"])) + line[k:]
        elif op == "unicode":
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + draw(UNICODE) + line[k:]
        else:  # truncate the whole text at a point inside line i
            k = draw(st.integers(0, len(line)))
            lines = [*lines[:i], line[:k]]
    return "\n".join(lines)


def test_every_seed_parses_to_at_least_one_report(fuzz_tally: dict[str, int]) -> None:
    """The unmutated seeds are the baseline the mutations start from (19 reports in 5 files)."""
    counts = [len(_check(t, fuzz_tally)) for t in SEED_TEXTS]
    assert sum(counts) == 19
    assert all(n >= 1 for n in counts)


@FUZZ
@given(text=st.lists(ALPHABET, max_size=300).map("".join))
def test_random_report_like_text_never_raises(fuzz_tally: dict[str, int], text: str) -> None:
    _check(text, fuzz_tally)


@FUZZ
@given(text=st.text(max_size=300))
def test_random_unicode_never_raises(fuzz_tally: dict[str, int], text: str) -> None:
    _check(text, fuzz_tally)


@FUZZ
@given(text=mutated_seed())
def test_mutated_seed_never_raises(fuzz_tally: dict[str, int], text: str) -> None:
    _check(text, fuzz_tally)


@FUZZ
@given(
    seed=st.sampled_from(SEED_TEXTS),
    cut=st.floats(min_value=0.0, max_value=1.0),
)
def test_truncated_seed_never_raises(fuzz_tally: dict[str, int], seed: str, cut: float) -> None:
    _check(seed[: int(len(seed) * cut)], fuzz_tally)


@FUZZ
@given(text=mutated_seed(), junk=st.binary(max_size=64), where=st.floats(0.0, 1.0))
def test_mutated_file_through_parse_path_gives_reports_or_problems(
    fuzz_tally: dict[str, int], text: str, junk: bytes, where: float
) -> None:
    """Through ingest too: bytes that may not even decode become a Problem, never an exception."""
    fuzz_tally["tried"] += 1
    data = text.encode("utf-8")
    k = int(len(data) * where)
    data = data[:k] + junk + data[k:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "报告.txt"
        path.write_bytes(data)
        reports, problems = parse.parse_path(path)
    assert all(isinstance(r, Report) for r in reports)
    assert all(isinstance(p, Problem) and p.message for p in problems)
