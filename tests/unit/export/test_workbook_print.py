"""Issue 15: the audit workbook prints on A4 and can be handed upward as it is.

The seed batch (tests/data/seeds, 19 reports) is exported and converted with LibreOffice: the PDF
is short, nothing runs off a page, text prints at ≥ 70 % of its size, 依据 and local times show.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from pathlib import Path

import openpyxl
import pytest

from gik_desk import services
from gik_desk.export.printing import fit_widths, total_points
from gik_desk.export.xlsx import write_workbook
from gik_desk.model.batch import Batch
from gik_desk.model.review import Event, FindingReview, ReviewSnapshot, ReviewStatus
from tests.soffice import needs_libreoffice, to_pdf

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT / "tests" / "data" / "seeds"
BODY_PT = 11.0  # the workbook's text size; the PDF's is BODY_PT × the effective print scale


@pytest.fixture
def shanghai(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _seed_review(batch: Batch) -> ReviewSnapshot:
    f = batch.findings[0]
    at = "2026-12-02T04:47:00+00:00"
    done = FindingReview(f.key, ReviewStatus.CONFIRMED, "已核实", "张三", at)
    event = Event(1, at, "张三", "set_status", f'["{f.key}"]', '["待核实"]', '["已确认"]')
    return ReviewSnapshot(reviews={f.key: done}, events=(event,))


def test_fit_widths_narrows_wrapping_columns_only() -> None:
    fitted = fit_widths([10, 80, 60, 6], [1, 2], 500)
    assert total_points(fitted) <= 500
    assert fitted[0] == 10
    assert fitted[3] == 6


@pytest.mark.slow
@needs_libreoffice
def test_seed_workbook_prints_on_a4_readable_within_60_pages(
    tmp_path: Path, shanghai: None
) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    batch = services.audit_paths([SEEDS], workers=1)
    assert len(batch.reports) == 19
    out = write_workbook(batch, tmp_path / "种子批次.xlsx", review=_seed_review(batch))

    wb = openpyxl.load_workbook(out)
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    for ws in visible:
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert int(ws.page_setup.scale) >= 70, ws.title
        assert "第 &P 页 共 &N 页" in ws.oddFooter.center.text, ws.title
        assert "种子批次" in ws.oddHeader.left.text, ws.title
    assert wb["问题清单"].print_title_rows == "$1:$1"
    summary = list(wb["汇总"].iter_rows(values_only=True))
    assert summary[0][:4] == ("机关", "年度", "模板", "审核")
    assert {r[2] for r in summary[1:]} <= {"2019年版", "2021年版", "2019年前", "未识别"}
    events = list(wb["操作记录"].iter_rows(values_only=True))
    assert events[1][1] == "2026-12-02 12:47"  # 04:47 UTC in Shanghai
    assert events[1][3] == "更改审核状态"
    assert (events[1][5], events[1][6]) == ("待核实", "已确认")

    pdf_path = to_pdf(out, tmp_path)
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) <= 60
        text = ""
        firsts: dict[str, int] = {}
        for n, page in enumerate(pdf.pages, start=1):
            words = page.extract_words()
            assert max(w["x1"] for w in words) <= page.width, n
            body = [c["size"] for c in page.chars if 45 < c["top"] < page.height - 45]
            # the effective scale LibreOffice chose when fitting to one page wide
            assert statistics.median(body) >= 0.7 * BODY_PT - 0.01, (n, statistics.median(body))
            page_text = page.extract_text() or ""
            text += page_text
            head = page_text.split("\n", 1)[0]
            for ws in visible:
                if head.endswith(ws.title) and ws.title not in firsts:
                    firsts[ws.title] = n
    assert "表三每一行" in text  # APP-ROW's 依据 beside Tianqiao 2021's finding and in 说明
    assert "2026-12-02 12:47" in text
    assert "t2021" not in text
    assert "set_status" not in text
    docs = ROOT / "docs" / "workbook"
    if os.environ.get("GIK_WRITE_DOCS"):  # refresh the PNGs of each sheet's first page
        docs.mkdir(exist_ok=True)
        for i, (title, n) in enumerate(firsts.items()):
            subprocess.run(
                ["pdftoppm", "-r", "60", "-f", str(n), "-l", str(n), "-png", "-singlefile",
                 str(pdf_path), str(docs / f"{i:02d}-{title}")],
                check=True, timeout=60,
            )  # fmt: skip
