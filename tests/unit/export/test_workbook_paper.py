"""Issue 24: 问题清单 on paper. The seeds' workbook exported with a workspace, converted by
LibreOffice (under the bundled font, tests/soffice.py), prints its 25 findings on at most 4 A4
landscape pages at a print scale of 85 % or more (body text ≥ 9 pt), with no page holding only
the header, every word inside the page; 涉及单元格 prints summarised (the full list kept in a
folded column) and the figures name the cell they belong to."""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path

import openpyxl
import pytest

from gik_desk import services
from gik_desk.export.wording import cells_summary, figures_text
from gik_desk.export.xlsx import write_workbook
from gik_desk.model import CellRef, Finding, Severity
from gik_desk.model.review import ReviewSnapshot
from tests.soffice import MISSING, to_pdf

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT / "tests" / "data" / "seeds"
BODY_PT = 11.0
SEVERITIES = {"错误", "警告", "提示"}


def _f(cells: tuple[CellRef, ...], actual: float | None, expected: float | None) -> Finding:
    return Finding(
        "APP-ROW", Severity.ERROR, "m", "r", "k", cells, actual=actual, expected=expected
    )


def test_cells_are_summarised_by_the_column_or_row_they_share() -> None:
    total = CellRef("applications", "total", "total")
    column = tuple(CellRef("applications", r, "total") for r in ("new", "carried_in"))
    assert cells_summary(()) == ""
    assert cells_summary((total,)) == "表三 → (七)总计 → 总计"
    assert cells_summary((*column, total)) == "表三 总计列 3 格"
    row = tuple(CellRef("applications", "new", c) for c in ("natural", "business", "total"))
    assert cells_summary(row) == "表三 一、本年新收行 3 格"
    mixed = (*column, CellRef("applications", "new", "natural"))
    assert cells_summary(mixed) == "表三 总计列等 3 格"


def test_figures_name_the_cell_that_holds_them() -> None:
    part = CellRef("applications", "other.no_supplement", "total")
    total = CellRef("applications", "total", "total")
    # an identity: the first edit first, the total last; 344 is the total's
    f = _f((part, total), 344, 342)
    assert figures_text(f, {part: 1, total: 344}) == "表三 → (七)总计 → 总计：344，应为 342"
    assert figures_text(f, {}) == "344，应为 342"  # no cell holds it: named by nothing
    one = _f((part,), 1, 3)
    assert figures_text(one) == "表三 → (六)其他处理 1. → 总计：1，应为 3"
    assert figures_text(_f((), None, None)) == ""


def _column_text(page, left: float, right: float) -> str:  # type: ignore[no-untyped-def]
    crop = page.crop((left - 1, 0, right - 1, page.height))
    return "".join((crop.extract_text() or "").split())


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason=MISSING)
def test_the_seeds_findings_print_on_four_pages_or_fewer(tmp_path: Path) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    batch = services.audit_paths([SEEDS], workers=1)
    assert len(batch.findings) == 25
    out = write_workbook(batch, tmp_path / "种子批次.xlsx", review=ReviewSnapshot(reviews={}))

    ws = openpyxl.load_workbook(out)["问题清单"]
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    place, figures, cells = (header.index(h) for h in ("位置", "发现值与应为", "涉及单元格"))
    results = next(r for r in rows if r[header.index("规则编号")] == "APP-RESULTS")
    # Tianqiao 2021 表三: (七)总计 printed 344, its parts sum to 342; 22 cells of the 总计 column
    assert results[place] == "表三 总计列 22 格"
    assert results[figures] == "表三 → (七)总计 → 总计：344，应为 342"
    assert len(results[cells].split("；")) == 22  # the full list, kept beside
    letter = openpyxl.utils.get_column_letter(cells + 1)
    assert ws.column_dimensions[letter].hidden
    assert ws.column_dimensions[letter].outlineLevel == 1
    area = ws.print_area.split("!")[1].replace("$", "")
    assert area.startswith("A1:")

    pdf_path = to_pdf(out, tmp_path)
    with pdfplumber.open(pdf_path) as pdf:
        pages = [
            p for p in pdf.pages if (p.extract_text() or "").split("\n", 1)[0].endswith("问题清单")
        ]
        assert 1 <= len(pages) <= 4
        severities = 0
        text = ""
        for page in pages:
            words = page.extract_words()
            assert all(w["x0"] >= 0 and w["x1"] <= page.width for w in words)
            assert all(w["top"] >= 0 and w["bottom"] <= page.height for w in words)
            body = [c["size"] for c in page.chars if 45 < c["top"] < page.height - 45]
            size = statistics.median(body)
            assert size >= 0.85 * BODY_PT - 0.01, size
            assert size >= 9.0, size
            heads = {w["text"]: w for w in words if w["text"] in ("严重", "说明", "建议更正")}
            left, right = heads["严重"]["x0"], heads["说明"]["x0"]
            shown = [w for w in words if w["text"] in SEVERITIES and left - 1 <= w["x0"] < right]
            assert shown, "a page without a finding row"
            severities += len(shown)
            text += _column_text(page, heads["说明"]["x0"], heads["建议更正"]["x0"])
        assert severities == 25  # every finding once
        # 汇总 likewise: readable, and every body's and file's name printed whole on one line
        summary = [
            p for p in pdf.pages if (p.extract_text() or "").split("\n", 1)[0].endswith("汇总")
        ]
        lines = set()
        for page in summary:
            assert statistics.median(c["size"] for c in page.chars) >= 9.0
            lines |= set((page.extract_text() or "").split("\n"))
        printed = " ".join(lines)
        for seed in SEEDS.glob("*.txt"):
            assert seed.name in printed
        for body in ("天津市南开区政务服务办公室", "济南市天桥区人民政府", "铁岭市营商环境建设局"):
            assert body in printed
        for f in batch.findings:  # every message whole, none cut off at a row's foot
            assert "".join(f.message.split()) in text, f.message
