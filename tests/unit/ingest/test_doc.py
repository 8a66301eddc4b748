"""Word 97 .doc: an injectable converter chain, then the .docx reader; a clear problem otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from gik_desk.ingest import read_document
from gik_desk.model import IngestError
from tests.soffice import needs_libreoffice
from tests.unit.ingest import builders as bld

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TABLE = bld.table(["行政许可", 95386], ["行政处罚", 1506])


def _doc_file(tmp_path: Path) -> Path:
    p = tmp_path / "old.doc"
    p.write_bytes(OLE + b"\x00" * 1024)
    return p


def test_doc_without_converter_is_unsupported_doc(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as err:
        read_document(_doc_file(tmp_path), doc_converters=[])
    assert err.value.code == "unsupported-doc"
    assert err.value.message == "旧版 Word(.doc)无法直接读取表格,请另存为 .docx"


def fake_com(src: Path, out_dir: Path, timeout: float) -> Path:
    """Stands in for Word's SaveAs2: writes the .docx Word would have produced."""
    return bld.make_docx(["二、主动公开政府信息情况", TABLE], out_dir / (src.stem + ".docx"))


def test_converter_output_is_read_as_docx(tmp_path: Path) -> None:
    doc = read_document(_doc_file(tmp_path), doc_converters=[fake_com])
    assert doc.kind == "docx"
    assert doc.meta["converted_from"] == "doc"
    assert doc.meta["converter"] == "fake_com"
    assert "行政许可 | 95386 |" in doc.text
    assert doc.source.endswith("old.doc")
    assert any(".doc" in w for w in doc.warnings)


def test_a_failing_converter_falls_through_to_the_next(tmp_path: Path) -> None:
    def broken(src: Path, out_dir: Path, timeout: float) -> Path:
        raise OSError("Word 未安装")

    doc = read_document(_doc_file(tmp_path), doc_converters=[broken, fake_com])
    assert doc.meta["converter"] == "fake_com"


def test_all_converters_failing_names_them_in_detail(tmp_path: Path) -> None:
    def broken(src: Path, out_dir: Path, timeout: float) -> Path:
        raise OSError("Word 未安装")

    with pytest.raises(IngestError) as err:
        read_document(_doc_file(tmp_path), doc_converters=[broken])
    assert err.value.code == "unsupported-doc"
    assert "broken" in err.value.detail


def test_html_saved_as_doc_is_read_as_html(tmp_path: Path) -> None:
    p = tmp_path / "page.doc"
    p.write_bytes(bld.make_html(["网页另存的年度报告正文内容", TABLE]))
    doc = read_document(p, doc_converters=[])
    assert doc.kind == "html"
    assert "行政处罚 | 1506 |" in doc.text


@pytest.mark.slow
@needs_libreoffice
def test_real_libreoffice_round_trip(tmp_path: Path) -> None:
    import subprocess

    from gik_desk.ingest.doc import soffice_convert

    # A Word 97 file made by LibreOffice Writer from an HTML page: its docx->doc export drops
    # python-docx's tables, its HTML import keeps them.
    src = tmp_path / "orig.html"
    src.write_bytes(bld.make_html(["二、主动公开政府信息情况", TABLE]))
    profile = (tmp_path / "profile").resolve().as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "doc:MS Word 97",
            "--outdir",
            str(tmp_path / "out"),
            str(src),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    made = tmp_path / "out" / "orig.doc"
    if not made.is_file():  # e.g. only LibreOffice Calc installed (no Writer filters)
        pytest.skip("this LibreOffice cannot write .doc, so it cannot read one either")
    doc = read_document(made, doc_converters=[soffice_convert])
    assert doc.meta["converter"] == "soffice_convert"
    assert "行政许可 | 95386 |" in doc.text
