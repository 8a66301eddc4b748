"""Issue 26: a sheet's rows and cell notes written as XML text (``export/sheetxml.py``) read back
as openpyxl wrote them: values, types, looks, row heights, notes; no text ever a formula."""

from __future__ import annotations

import dataclasses
import json
import re
import zipfile
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from export_factory import make_report

from gik_desk.export.cells import display_width
from gik_desk.export.json import dumps, json_doc
from gik_desk.export.printing import fit_height
from gik_desk.export.sheets import HEADER_FILL, SEVERITY_FILL, SheetBook, Styled
from gik_desk.export.xlsx import save_book
from gik_desk.model import Cell, Severity, Span, Table
from gik_desk.model.batch import Batch


def _book(tmp_path: Path) -> Path:
    book = SheetBook()
    ws = book.sheet("表")
    ws.append(["文本", 12, -32, 1.5, None, "", "=1+1", " 前后空格 ", "a&b<c>", True])
    fit_height(ws, 2, ["一行\n两行\n三行"], [10], [0])
    ws.append([Styled("一行\n两行\n三行", wrap=True)])
    ws.append([Styled(7, fill=SEVERITY_FILL[Severity.ERROR], comment="[错误] APP-ROW：总计不符")])
    ws.append([Styled("标题", fill=HEADER_FILL, bold=True), Styled(None, bold=True), "@SUM(1)"])
    ws.append([])
    ws.append([None, None, Styled("第三列", comment="第二条批注")])
    out = tmp_path / "rows.xlsx"
    buf = BytesIO()
    save_book(book.wb, buf)
    out.write_bytes(buf.getvalue())
    return out


def test_values_types_and_looks_read_back(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(_book(tmp_path))["表"]
    row1 = [c.value for c in ws[1]]
    assert row1 == ["文本", 12, -32, 1.5, None, None, "=1+1", " 前后空格 ", "a&b<c>", "True"]
    assert [c.data_type for c in ws[1]][:4] == ["s", "n", "n", "n"]
    assert ws["G1"].data_type == "s"  # a text, never a formula
    assert ws["G1"].quotePrefix is True
    assert ws["A1"].quotePrefix is False
    assert ws["A2"].value == "一行\n两行\n三行"
    assert ws["A2"].alignment.wrap_text is True
    assert ws.row_dimensions[2].height == 50  # three lines of 16 pt, and 2
    assert ws["A3"].value == 7
    assert ws["A3"].fill.fgColor.rgb.endswith("FFC7CE")
    assert ws["A3"].comment.text == "[错误] APP-ROW：总计不符"
    assert ws["A3"].comment.author == "GIK Desk"
    assert ws["A4"].font.b is True
    assert ws["A4"].fill.fgColor.rgb.endswith("D9D9D9")
    assert ws["B4"].font.b is True
    assert ws["B4"].value is None
    assert ws["C4"].quotePrefix is True
    assert ws["C4"].value == "@SUM(1)"
    assert ws["C6"].comment.text == "第二条批注"


def test_no_formula_and_one_note_shape_per_note(tmp_path: Path) -> None:
    with zipfile.ZipFile(_book(tmp_path)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
        vml = z.read("xl/drawings/commentsDrawing1.vml").decode("utf-8")
        notes = z.read("xl/comments/comment1.xml").decode("utf-8")
    assert "<f>" not in sheet
    assert "<f " not in sheet
    assert 'ht="50" customHeight="1"' in sheet
    # A3 and C6, counted from 0 in VML
    rows = re.findall(r"<ns\d:Row>(\d+)</ns\d:Row><ns\d:Column>(\d+)</ns\d:Column>", vml)
    assert rows == [("2", "0"), ("5", "2")]
    assert re.findall(r'id="(_x0000_s\d+)"', vml) == ["_x0000_s1026", "_x0000_s1027"]
    assert notes.count("<comment ") == 2
    assert "<authors><author>GIK Desk</author></authors>" in notes


@pytest.mark.parametrize(
    ("text", "width"),
    [("", 0), ("abc", 3), ("表三", 4), ("ＡＢ", 4), ("a中b", 4), ("𠀀", 2), ("한", 2), ("é", 1)],
)
def test_display_width_counts_wide_characters_twice(text: str, width: int) -> None:
    assert display_width(text) == width


def test_two_cells_naming_one_key_are_written_as_the_general_writer_writes_them() -> None:
    """ "a/b" + "c" and "a" + "b/c" make one cell_info key: the one-pass writer steps aside."""
    report = make_report()
    odd = Table(
        "legacy",
        "pre2019",
        {
            ("a/b", "c"): Cell("legacy", "a/b", "c", 1, "1", Span(1, 2)),
            ("a", "b/c"): Cell("legacy", "a", "b/c", 2, "2", Span(3, 4)),
        },
    )
    report = dataclasses.replace(report, tables={**report.tables, "legacy": odd})
    batch = Batch(reports=[report], findings=[], problems=[], sources=[report.source])
    expected = json.dumps(json_doc(batch), ensure_ascii=False, indent=2, allow_nan=False)
    assert dumps(batch) == expected
    assert json.loads(dumps(batch))["reports"][0]["tables"]["legacy"] == {
        "a/b": {"c": 1},
        "a": {"b/c": 2},
    }


@pytest.mark.parametrize(("source", "confidence"), [("keyed", None), ("ocr", 0.87)])
def test_a_keyed_or_ocr_cell_keeps_its_source_in_the_audit_file(
    source: str, confidence: float | None
) -> None:
    """Issue 29's ``source`` and ``confidence`` of a cell, written by the fast writer too."""
    report = make_report()
    table = report.tables["applications"]
    cells = dict(table.cells)
    cells[("new", "natural")] = dataclasses.replace(
        cells[("new", "natural")], source=source, confidence=confidence
    )
    table = dataclasses.replace(table, cells=cells)
    report = dataclasses.replace(report, tables={**report.tables, "applications": table})
    batch = Batch(reports=[report], findings=[], problems=[], sources=[report.source])
    expected = json.dumps(json_doc(batch), ensure_ascii=False, indent=2, allow_nan=False)
    assert dumps(batch) == expected
    info = json.loads(dumps(batch))["reports"][0]["cell_info"]["applications/new/natural"]
    assert info["source"] == source
    assert info.get("confidence") == confidence
