"""Issue 24: a letter on paper. Rendered to PDF by LibreOffice (the bundled font, tests/soffice.py):
the signature block (office and date) stays on the page of the last item, whatever the length;
the reports reviewed are named by body, format and years."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest

from gik_desk.export.letters import Letter, format_word, plan_letters, write_letter
from gik_desk.model.letter import LetterHead
from gik_desk.workspace import Workspace
from tests.soffice import MISSING, to_pdf
from tests.unit.export import letter_batches as lb

LAST = "末项的对外意见"  # the last item's outward text: where the last item printed
DAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def tianqiao(tmp_path_factory: pytest.TempPathFactory) -> Letter:
    ws_path, batch = lb.reviewed_tianqiao(tmp_path_factory.mktemp("letters"))
    with Workspace.open(ws_path) as ws:
        snapshot = ws.snapshot()
    (letter,) = plan_letters(batch, snapshot).letters
    return letter


def test_formats_are_named_as_a_reader_names_them() -> None:
    assert [format_word(f) for f in ("txt", "html", "pdf", "docx", "xlsx")] == [
        "文本", "网页", "PDF", "Word", "Excel",
    ]  # fmt: skip


def test_the_reports_reviewed_are_named_by_body_format_and_year(
    tianqiao: Letter, tmp_path: Path
) -> None:
    path = write_letter(tianqiao, LetterHead(day=DAY), tmp_path / "l.docx")
    text = [p.text for p in docx.Document(str(path)).paragraphs]
    named = "济南市天桥区人民政府2008年度至2022年度政府信息公开工作年度报告（文本版）"
    assert text[text.index("一、审核的报告") + 1] == named


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason=MISSING)
@pytest.mark.parametrize("copies", [1, 2])
def test_the_signature_stays_with_the_last_item(
    tianqiao: Letter, tmp_path: Path, copies: int
) -> None:
    """Seed 001's 2021 item repeated: with one more copy (two items) the plain flow put the
    last item at the foot of page 1 and the office and date alone on page 2."""
    pdfplumber = pytest.importorskip("pdfplumber")
    ((report, items),) = tianqiao.items
    tail = replace(items[-1], outward=(LAST,))
    longer = Letter(
        tianqiao.body, tianqiao.body_key, tianqiao.reports, ((report, items * copies + (tail,)),)
    )
    path = write_letter(longer, LetterHead(office="某市政务公开办", day=DAY), tmp_path / "l.docx")
    with pdfplumber.open(to_pdf(path, tmp_path)) as pdf:
        pages = ["".join((p.extract_text() or "").split()) for p in pdf.pages]
    dated = [i for i, t in enumerate(pages) if "2026年12月1日" in t]
    last = [i for i, t in enumerate(pages) if LAST in t]
    assert len(dated) == 1
    assert last == dated
    assert "某市政务公开办" in pages[dated[0]]
