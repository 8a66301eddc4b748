"""Spreadsheets: calamine values and merged ranges; uncached formulas flagged, never 0."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from gik_desk.ingest import read_document
from gik_desk.model import IngestError
from tests.soffice import needs_libreoffice
from tests.unit.ingest import builders as bld
from tests.unit.ingest.conftest import assert_spans_index_cells, grid


def test_merged_cells_become_spans(tmp_path: Path) -> None:
    table = bld.table(
        [bld.C("行政复议", colspan=2), bld.C("总计", rowspan=2)],
        ["结果维持", "结果纠正"],
        [18, 3, 40],
    )
    doc = read_document(
        bld.make_xlsx(["四、政府信息公开行政复议、行政诉讼情况", table], tmp_path / "r.xlsx")
    )
    assert doc.kind == "xlsx"
    assert grid(doc, 0) == [
        (0, 0, "行政复议", 1, 2),
        (0, 2, "总计", 2, 1),
        (1, 0, "结果维持", 1, 1),
        (1, 1, "结果纠正", 1, 1),
        (2, 0, "18", 1, 1),
        (2, 1, "3", 1, 1),
        (2, 2, "40", 1, 1),
    ]
    assert "四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 总计 |\n" in doc.text
    assert_spans_index_cells(doc)


def test_formula_without_cached_value_is_flagged_not_zero(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["行政许可", 95386])
    ws.append(["行政处罚", "=B1-93880"])  # openpyxl writes no cached value
    path = tmp_path / "f.xlsx"
    wb.save(path)
    doc = read_document(path)
    cells = {(c.row, c.col): c.text for c in doc.tables[0].cells}
    assert cells[(0, 1)] == "95386"
    assert cells.get((1, 1), "") == ""  # blank, not "0"
    assert "行政处罚 |  |" in doc.text or "行政处罚 |\n" in doc.text
    assert any("公式" in w and "B2" in w for w in doc.warnings)


def test_decimal_and_integer_values_print_as_written(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["行政事业性收费", 96171.6])
    ws.append(["行政强制", 88])
    path = tmp_path / "n.xlsx"
    wb.save(path)
    doc = read_document(path)
    assert "行政事业性收费 | 96171.6 |\n行政强制 | 88 |\n" in doc.text


def test_corrupt_xlsx(tmp_path: Path) -> None:
    p = tmp_path / "bad.xlsx"
    p.write_bytes(b"not a workbook at all")
    with pytest.raises(IngestError) as err:
        read_document(p)
    assert err.value.code == "corrupt-xlsx"


@pytest.mark.slow
@needs_libreoffice
def test_excel_97_xls_reads_values_and_merges(tmp_path: Path) -> None:
    table = bld.table([bld.C("行政复议", colspan=2), "总计"], [18, 3, 40])
    src = bld.make_xlsx(["表四", table], tmp_path / "t.xlsx")
    profile = (tmp_path / "profile").resolve().as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xls",
         "--outdir", str(tmp_path / "out"), str(src)],
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
    xls = tmp_path / "out" / "t.xls"
    if not xls.is_file():
        pytest.skip("LibreOffice could not write .xls here")
    assert xls.read_bytes().startswith(b"\xd0\xcf\x11\xe0")  # OLE, not a renamed zip
    doc = read_document(xls)
    assert grid(doc, 0) == bld.grid_tuples(table)
    assert "行政复议 | 总计 |\n18 | 3 | 40 |\n" in doc.text
