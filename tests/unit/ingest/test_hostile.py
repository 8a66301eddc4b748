"""Hostile or random input: readers end in a Document or an IngestError, never anything else."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_desk.ingest import Limits, read_document
from gik_desk.ingest.grid import SrcCell, place_flow
from gik_desk.model import Document, IngestError
from tests.unit.ingest.conftest import assert_spans_index_cells


def _outcome(p: Path) -> Document | IngestError:
    """A Document or the IngestError; any other exception fails the test."""
    try:
        return read_document(p, doc_converters=[])
    except IngestError as err:
        return err


SPAN = st.one_of(st.integers(0, 5), st.sampled_from([10**9, 65535, 1001]))
CELL = st.builds(SrcCell, st.text(max_size=5), SPAN, SPAN)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(CELL, max_size=6), max_size=8))
def test_flow_grids_are_consistent_for_any_spans(rows: list[list[SrcCell]]) -> None:
    try:
        g = place_flow(rows, Limits())
    except IngestError as err:
        code = err.code
    else:
        code = ""
    if code:
        assert code == "table-too-large"
        return
    seen: set[tuple[int, int]] = set()
    for c in g.cells:
        assert 1 <= c.colspan <= 1000
        assert 1 <= c.rowspan <= max(g.n_rows - c.row, 1)
        assert (c.row, c.col) not in seen
        seen.add((c.row, c.col))
        assert c.col + c.colspan <= g.n_cols


def _attr(v: int) -> str:
    return f' rowspan="{v}"' if v % 2 else f' colspan="{v}"'


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(st.tuples(st.text(alphabet="本年新收0123 |&;<>", max_size=6), SPAN), max_size=5),
        min_size=1,
        max_size=6,
    )
)
def test_random_html_tables_read_or_refuse(rows: list[list[tuple[str, int]]]) -> None:
    body = "".join(
        "<tr>" + "".join(f"<td{_attr(n)}>{t}</td>" for t, n in row) + "</tr>" for row in rows
    )
    page = f"<html><body><p>年度报告正文内容</p><table>{body}</table></body></html>"
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "r.html"
        p.write_text(page, encoding="utf-8")
        doc = _outcome(p)
    if isinstance(doc, Document):
        assert_spans_index_cells(doc)
    else:
        assert doc.code in ("table-too-large", "empty-file", "not-text")


@pytest.mark.parametrize("ext", [".txt", ".html", ".docx", ".pdf", ".xlsx", ".doc", ".xls"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(min_size=1, max_size=2048))
def test_random_bytes_under_any_extension_read_or_refuse(ext: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"r{ext}"
        p.write_bytes(data)
        doc = _outcome(p)
    if isinstance(doc, Document):
        assert doc.text.strip()
    else:
        assert doc.message  # a Chinese message for the reviewer, whatever the code


def _valid_files(d: Path) -> dict[str, bytes]:
    from tests.unit.ingest import builders as bld

    blocks: list[bld.Block] = [
        "行政复议和本年新收申请情况统计如下所示",
        bld.table([bld.C("三、本年度办理结果", rowspan=2), "(一)予以公开", 5], ["(二)部分公开", 7]),
    ]
    (d / "v.html").write_bytes(bld.make_html(blocks))
    bld.make_docx(blocks, d / "v.docx")
    bld.make_pdf(blocks, d / "v.pdf", page_per_table=False)
    bld.make_xlsx(blocks, d / "v.xlsx")
    return {p.suffix: p.read_bytes() for p in d.iterdir()}


@pytest.fixture(scope="module")
def valid_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _valid_files(tmp_path_factory.mktemp("valid"))


@pytest.mark.parametrize("ext", [".html", ".docx", ".pdf", ".xlsx"])
def test_damaged_real_files_read_or_refuse(
    valid_files: dict[str, bytes], ext: str, tmp_path: Path
) -> None:
    import random

    rng = random.Random(f"gik-desk-{ext}")  # fixed seed: a failure reproduces
    original = valid_files[ext]
    outcomes: set[str] = set()
    for i in range(40):
        data = bytearray(original)
        for _ in range(rng.randint(1, 8)):
            pos = rng.randrange(len(data))
            data[pos] = rng.randrange(256)
        if i % 5 == 0:
            data = data[: rng.randrange(len(data))]
        p = tmp_path / f"d{i}{ext}"
        p.write_bytes(bytes(data))
        doc = _outcome(p)
        if isinstance(doc, IngestError):
            assert doc.message
        outcomes.add(doc.kind if isinstance(doc, Document) else doc.code)
    assert outcomes  # every damaged file ended in a Document or an IngestError
