"""Issue 10: no exported cell is a formula or an error, whichever sheet writes it.

Hostile inputs (a 2017 report whose 统计表 row labels are ``=HYPERLINK(…)``/``=2+3``/
``@SUM(1)``/``#N/A``, a letter that is not a report, an .xlsx input full of formulas) are parsed,
audited and exported; every cell of every sheet is then read back with openpyxl: no ``f``
(formula) or ``e`` (error) cell, and every text a spreadsheet could read as one is quote-prefixed.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from gik_desk import services
from gik_desk.export import write_workbook
from gik_desk.export.cells import guard_sheet, is_dangerous, safe_row
from tests.unit.hostile import hostile_files as hf


def _walk(path: Path) -> list[tuple[str, str, object, str, bool]]:
    """(sheet, coordinate, value, data_type, quotePrefix) of every cell of every sheet."""
    wb = load_workbook(path)
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    out.append((ws.title, c.coordinate, c.value, c.data_type, c.quotePrefix))
    return out


def test_every_cell_of_every_sheet_is_guarded_for_hostile_inputs(tmp_path: Path) -> None:
    inputs = [hf.formula_legacy_report(tmp_path), hf.formula_not_report(tmp_path)]
    inputs.append(hf.formula_xlsx(tmp_path))
    batch = services.audit_paths(inputs, workers=1)
    legacy = [r for r in batch.reports if r.source.endswith("公式注入2017.txt")]
    assert legacy
    assert "legacy" in legacy[0].tables  # the per-report sheet gets the labels
    out = write_workbook(batch, tmp_path / "导出.xlsx")
    cells = _walk(out)
    lists = {"汇总", "统计", "问题清单", "表格数据", "说明"}
    assert any(t not in lists for t, *_ in cells)  # a per-body detail sheet
    bad = [(s, xy, v, t) for s, xy, v, t, _ in cells if t in ("f", "e")]
    assert bad == []
    unguarded = [
        (s, xy, v) for s, xy, v, _, q in cells if isinstance(v, str) and is_dangerous(v) and not q
    ]
    assert unguarded == []
    texts = {v for *_, v, _t, _q in cells if isinstance(v, str)}
    for label in hf.FORMULA_LABELS:  # the text is kept, as text
        assert any(label in t for t in texts), label


@pytest.mark.parametrize(
    "text",
    ["#N/A", "#ref!", " #DIV/0! ", "＃VALUE!", "@SUM(1)", "=2+3", "\t=1", "\r=1", "＝1", "-2+3"],
)
def test_error_literals_and_formula_starts_are_dangerous(text: str) -> None:
    assert is_dangerous(text)


@pytest.mark.parametrize("text", ["#1 报告", "N/A", "表二", "32", "说明#N/A"])
def test_ordinary_text_is_not_dangerous(text: str) -> None:
    assert not is_dangerous(text)


def test_a_raw_append_cannot_bypass_the_guard(tmp_path: Path) -> None:
    """A sheet writer appending a raw value (as layout.py once did) still gets guarded text;
    inf and NaN, which a spreadsheet cannot hold, become text."""
    wb = Workbook(write_only=True)
    ws = guard_sheet(wb.create_sheet("表"))
    ws.append(["=1+1", "#N/A", "@SUM(1)", math.inf, math.nan, -32, 1.5, None, "正常"])
    ws.append(safe_row(ws, ['=HYPERLINK("x")']))
    path = tmp_path / "raw.xlsx"
    wb.save(path)
    cells = {xy: (v, t, q) for _, xy, v, t, q in _walk(path)}
    assert cells["A1"] == ("=1+1", "s", True)
    assert cells["B1"] == ("#N/A", "s", True)
    assert cells["C1"] == ("@SUM(1)", "s", True)
    assert cells["D1"][:2] == ("inf", "s")
    assert cells["E1"][:2] == ("nan", "s")
    assert cells["F1"][:2] == (-32, "n")
    assert cells["G1"][:2] == (1.5, "n")
    assert cells["I1"][:2] == ("正常", "s")
    assert cells["A2"] == ('=HYPERLINK("x")', "s", True)
