"""PDF: pypdfium2 text, pdfplumber tables on table pages only, scanned/encrypted/corrupt refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from gik_desk.ingest import read_document
from gik_desk.ingest.cjk import fold_radicals
from gik_desk.model import Document, IngestError
from tests.unit.ingest import builders as bld
from tests.unit.ingest.conftest import assert_spans_index_cells
from tests.unit.ingest.pdfmake import image_only_pdf, text_pdf

# Keyed by hand from the page images (pdftoppm -r 80) of the published PDFs in tests/data/pdf.
REAL = {
    "huaian_2024.pdf": {"agency": "淮安市人民政府", "pages": 6, "table_pages": {3, 4, 5}},
    "hongzequ_2023.pdf": {"agency": "洪泽区人民政府", "pages": 5, "table_pages": {2, 3, 4}},
    "hongzequ_2024.pdf": {"agency": "淮安市洪泽区人民政府", "pages": 5, "table_pages": {2, 3, 4}},
}
HUAIAN_NEW = ["一、本年新收政府信息公开申请数量", "3001", "53", "0", "0", "61", "4", "3119"]
HUAIAN_APPEALS = "72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20 |"


def _row_texts(doc: Document, first: str) -> list[str]:
    for t in doc.tables:
        for row in t.rows():
            if row and row[0].text == first:
                return [c.text for c in row]
    raise AssertionError(f"no row starting {first}")


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_pdf_text_pages_and_table_pages(pdf_dir: Path, name: str) -> None:
    want = REAL[name]
    doc = read_document(pdf_dir / name)
    assert doc.kind == "pdf"
    assert want["agency"] in doc.text
    assert "本年新收" in doc.text
    assert len(doc.pages) == want["pages"]
    assert {t.page for t in doc.tables} == want["table_pages"]
    for a, b in zip(doc.pages, doc.pages[1:], strict=False):
        assert a.end == b.start
    assert_spans_index_cells(doc)


def test_huaian_2024_tables_read_as_rows(pdf_dir: Path) -> None:
    doc = read_document(pdf_dir / "huaian_2024.pdf")
    assert _row_texts(doc, HUAIAN_NEW[0]) == HUAIAN_NEW
    assert _row_texts(doc, "行政处罚") == ["行政处罚", "3985758"]
    assert _row_texts(doc, "行政事业性收费") == ["行政事业性收费", "96171.6"]
    assert HUAIAN_APPEALS in doc.text
    # the row-group label printed one character per line is one cell again, spanning its rows
    group = next(c for t in doc.tables for c in t.cells if c.text == "三、本年度办理结果")
    assert group.rowspan >= 10
    # a wrapped label is joined without the line break
    assert (
        "(二)部分公开(区分处理的,只计这一情形,不计其他情形)".replace("(", "（")
        .replace(")", "）")
        .replace(",", "，")
        in doc.text
    )


def test_table_page_text_keeps_reading_order(pdf_dir: Path) -> None:
    doc = read_document(pdf_dir / "huaian_2024.pdf")
    page4 = doc.pages[3].slice(doc.text)
    heading = page4.index("三、收到和处理政府信息公开申请情况")
    assert page4.index("行政事业性收费 | 96171.6 |") < heading < page4.index("3119 |")


def test_built_pdf_with_ruled_merged_cells(tmp_path: Path) -> None:
    table = bld.table(
        [bld.C("三、本年度办理结果", rowspan=3), bld.C("(一)予以公开", colspan=2), 51],
        [bld.C("(三)不予公开", rowspan=2), "1.属于国家秘密", 0],
        ["2.其他法律行政法规禁止公开", None],
    )
    table = bld.T(table.rows, (14.0, 40.0, 200.0, 40.0))
    path = bld.make_pdf(["行政复议和本年新收申请的统计表如下", table], tmp_path / "r.pdf")
    doc = read_document(path)
    assert [(c.row, c.col, c.text, c.rowspan, c.colspan) for c in doc.tables[0].cells] == (
        bld.grid_tuples(table)
    )
    assert "2.其他法律行政法规禁止公开 |  |" in doc.text
    assert_spans_index_cells(doc)


def test_fake_bold_is_not_doubled_on_text_and_table_pages(tmp_path: Path) -> None:
    import pdfplumber

    lines = [
        "济南市天桥区人民政府政府信息公开工作年度报告",
        "行政复议情况说明:本年度共收到复议申请",
    ]
    for rules in (False, True):
        path = text_pdf(tmp_path / f"bold{rules}.pdf", lines, fake_bold=True, rules=rules)
        with pdfplumber.open(path) as pdf:
            assert len(pdf.pages[0].chars) >= 2 * sum(len(x) for x in lines)  # really doubled
        doc = read_document(path)
        assert lines[0] + "\n" in doc.text
        assert "天天" not in doc.text
        if rules:
            assert "本年新收 | 358 |\n" in doc.text


def test_kangxi_and_supplement_radicals_fold_to_ideographs() -> None:
    assert fold_radicals("\u2f2f作\u2ed4户\u2ee2上\u2ec5") == "工作门户马上见"
    assert fold_radicals("（一）予以公开") == "（一）予以公开"  # full-width punctuation untouched


def test_image_only_pdf_is_scanned(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as err:
        read_document(image_only_pdf(tmp_path / "scan.pdf"))
    assert err.value.code == "scanned-pdf"
    assert "OCR" in err.value.message


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = text_pdf(
        tmp_path / "enc.pdf", ["济南市天桥区人民政府政府信息公开工作年度报告"], encrypt="pw"
    )
    with pytest.raises(IngestError) as err:
        read_document(path)
    assert err.value.code == "encrypted-pdf"


def test_truncated_pdf_is_corrupt(tmp_path: Path, pdf_dir: Path) -> None:
    p = tmp_path / "cut.pdf"
    p.write_bytes((pdf_dir / "huaian_2024.pdf").read_bytes()[:400])
    with pytest.raises(IngestError) as err:
        read_document(p)
    assert err.value.code == "corrupt-pdf"


def test_pdf_without_signature_is_corrupt(tmp_path: Path) -> None:
    p = tmp_path / "fake.pdf"
    p.write_bytes("这是一段文字,不是 PDF".encode())
    with pytest.raises(IngestError) as err:
        read_document(p)
    assert err.value.code == "corrupt-pdf"


def test_table_page_pdfminer_cannot_parse_falls_back_to_pdfium_text(
    pdf_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gik_desk.ingest import pdf as pdf_reader

    def broken(*a: object, **k: object) -> None:
        raise RuntimeError("damaged content stream")

    monkeypatch.setattr(pdf_reader, "_table_page", broken)
    doc = read_document(pdf_dir / "huaian_2024.pdf")
    assert doc.tables == ()
    assert "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119" in doc.text
    assert sum("表格无法识别" in w for w in doc.warnings) == 3
