"""Issue 29: a scan pasted into Word -- page pictures and no text -- is read by OCR too.

The pictures are hongzequ_2023.pdf's pages 1 and 3 (the title and 表三's first rows) rendered
at 200 dpi at test time; 表三 本年新收 总计 is printed 21 (tests/data/expected/tables/
hongzequ_2023__0.json).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from gik_desk.ingest import ocr, read_document
from gik_desk.model import OCR
from gik_desk.parse import parse_document

PDF = Path(__file__).resolve().parents[2] / "data" / "pdf" / "hongzequ_2023.pdf"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not ocr.available(), reason="rapidocr-onnxruntime not installed"),
]


def _scanned_docx(out: Path) -> Path:
    import docx
    import pypdfium2 as pdfium
    from docx.shared import Mm

    pdf = pdfium.PdfDocument(str(PDF))
    document = docx.Document()
    try:
        for i in (0, 2):
            buf = io.BytesIO()
            pdf[i].render(scale=200 / 72).to_pil().convert("RGB").save(buf, "PNG")
            buf.seek(0)
            document.add_picture(buf, width=Mm(180))
    finally:
        pdf.close()
    document.save(str(out))
    return out


def test_page_pictures_in_a_word_file_are_read(ocr_cache: Path, tmp_path: Path) -> None:
    doc = read_document(_scanned_docx(tmp_path / "扫描件.docx"))
    assert doc.meta["ocr"]["pages"] == [1, 2]
    report = next(r for r in parse_document(doc) if r.tables)
    assert report.year == 2023
    cell = report.tables["applications"].cell("new", "total")
    assert cell is not None
    assert cell.value == 21
    assert cell.source == OCR
