"""Issue 10: a spreadsheet's size is read from its XML before calamine loads it.

A 1.5 kB .xlsx with one cell at XFD1048576 aborted the process (calamine asked for 512 GB);
one at CV1048576 took 3.2 GB and was then called "文件是空的"; 1,000 merged ranges in 8 kB
took > 10 GB. Each now becomes a ``table-too-large`` problem in well under a second.
"""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from gik_desk import services
from gik_desk.ingest import Limits, read_document
from gik_desk.ingest.xlsxguard import extent
from gik_desk.model import IngestError
from tests.unit.hostile import hostile_files as hf


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("ref", ["XFD1048576", "CV1048576", "A1048576"])
def test_a_far_cell_is_refused_before_loading(tmp_path: Path, ref: str) -> None:
    path = hf.far_cell_xlsx(tmp_path, ref)
    assert path.stat().st_size < 2048
    before = _peak_mb()
    t = time.perf_counter()
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert time.perf_counter() - t < 2
    assert _peak_mb() - before < 200
    assert info.value.code == "table-too-large"  # not "文件是空的"


def test_a_thousand_merged_ranges_are_refused_before_loading(tmp_path: Path) -> None:
    path = hf.merged_xlsx(tmp_path, 1_000)
    assert path.stat().st_size < 16_384
    before = _peak_mb()
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert _peak_mb() - before < 200
    assert info.value.code == "table-too-large"


def test_a_small_sheet_still_reads(tmp_path: Path) -> None:
    cells = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>本年新收</t></is></c>'
    cells += '<c r="B1"><v>12</v></c></row></sheetData><mergeCells count="1">'
    path = hf.raw_xlsx(tmp_path, "小表.xlsx", cells + '<mergeCell ref="C1:D1"/></mergeCells>')
    doc = read_document(path)
    assert "本年新收" in doc.text
    assert "12" in doc.text


def test_extent_follows_cells_without_references() -> None:
    xml = b'<dimension ref="A1:B2"/><row><c/><c/><c/></row><row r="9"><c r="E9"/><c/></row>'
    got = extent(xml)
    assert (got.last_row, got.last_col) == (8, 5)


def test_a_docx_bomb_just_under_the_ratio_guard_is_refused(tmp_path: Path) -> None:
    """A document.xml past the XML-part cap (20 MB) at a ratio under 200 once took 58 s and
    2.7 GB; the central directory alone refuses it."""
    path = hf.near_bomb_docx(tmp_path)
    t = time.perf_counter()
    with pytest.raises(IngestError) as info:
        read_document(path, Limits())
    assert time.perf_counter() - t < 2
    assert info.value.code == "zip-bomb"


def test_hostile_spreadsheets_in_a_batch_are_one_problem_each(tmp_path: Path) -> None:
    hostile = [hf.far_cell_xlsx(tmp_path), hf.merged_xlsx(tmp_path)]
    good = hf.copy_good(tmp_path, hf.SHORT_SEED)
    batch = services.audit_paths([tmp_path], workers=1)
    assert sorted((Path(p.source).name, p.code) for p in batch.problems) == sorted(
        (h.name, "table-too-large") for h in hostile
    )
    assert [Path(r.source).name for r in batch.reports] == [good.name]
