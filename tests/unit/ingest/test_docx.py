"""DOCX: document order, merges from gridSpan/vMerge in the cell XML, zip bombs refused first."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from gik_desk.ingest import read_document
from gik_desk.model import IngestError
from tests.unit.ingest import builders as bld
from tests.unit.ingest.conftest import assert_spans_index_cells, grid

MERGED = bld.table(
    [bld.C("三、本年度办理结果", rowspan=3), bld.C("(一)予以公开", colspan=2), 51],
    [bld.C("(三)不予公开", rowspan=2), "1.属于国家秘密", 0],
    ["2.其他法律行政法规禁止公开", None],
)


def test_grid_span_and_vmerge_are_read_from_cell_xml(tmp_path: Path) -> None:
    path = bld.make_docx(
        ["二、主动公开政府信息情况", MERGED, "五、存在的主要问题"], tmp_path / "r.docx"
    )
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert "w:gridSpan" in xml
    assert "w:vMerge" in xml
    doc = read_document(path)
    assert doc.kind == "docx"
    assert grid(doc, 0) == [
        (0, 0, "三、本年度办理结果", 3, 1),
        (0, 1, "(一)予以公开", 1, 2),
        (0, 3, "51", 1, 1),
        (1, 1, "(三)不予公开", 2, 1),
        (1, 2, "1.属于国家秘密", 1, 1),
        (1, 3, "0", 1, 1),
        (2, 2, "2.其他法律行政法规禁止公开", 1, 1),
        (2, 3, "", 1, 1),
    ]
    assert doc.text == (
        "二、主动公开政府信息情况\n"
        "三、本年度办理结果 | (一)予以公开 | 51 |\n"
        "(三)不予公开 | 1.属于国家秘密 | 0 |\n"
        "2.其他法律行政法规禁止公开 |  |\n"
        "五、存在的主要问题\n"
    )
    assert_spans_index_cells(doc)


def test_not_a_zip_named_docx_is_corrupt(tmp_path: Path) -> None:
    p = tmp_path / "r.docx"
    p.write_bytes("这不是 Word 文件".encode())
    with pytest.raises(IngestError) as err:
        read_document(p)
    assert err.value.code == "corrupt-docx"
    assert "另存为 .docx" in err.value.message


def test_zip_without_word_part_is_corrupt_docx(tmp_path: Path) -> None:
    p = tmp_path / "r.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(IngestError) as err:
        read_document(p)
    assert err.value.code == "corrupt-docx"


def make_bomb(path: Path, megabytes: int) -> Path:
    """A valid .docx whose document part is padded (legal trailing whitespace) to inflate
    from a few kB to ``megabytes`` MB, so an unguarded reader really would inflate it."""
    real = bld.make_docx(["正文"], path.with_suffix(".real.docx"))
    with zipfile.ZipFile(real) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                zf.writestr(info.filename, src.read(info))
                continue
            with zf.open("word/document.xml", "w", force_zip64=True) as fh:
                fh.write(src.read(info))
                chunk = b" " * (1 << 20)
                for _ in range(megabytes):
                    fh.write(chunk)
    return path


@pytest.mark.timeout(60)
def test_zip_bomb_is_refused_before_any_member_is_inflated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = make_bomb(tmp_path / "bomb.docx", 64)
    assert bomb.stat().st_size < 1 << 20
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def counting_open(self: zipfile.ZipFile, name: object, *a: object, **k: object) -> object:
        opened.append(str(name))
        return real_open(self, name, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", counting_open)
    with pytest.raises(IngestError) as err:
        read_document(bomb)
    assert err.value.code == "zip-bomb"
    assert opened == []


def test_too_many_zip_members_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "many.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        for i in range(2100):
            zf.writestr(f"x/{i}.xml", "")
    with pytest.raises(IngestError) as err:
        read_document(p)
    assert err.value.code == "zip-bomb"


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is reliable on Linux")
def test_zip_bomb_under_a_memory_cap_is_refused_not_killed(tmp_path: Path) -> None:
    bomb = make_bomb(tmp_path / "bomb.docx", 400)
    code = textwrap.dedent(
        f"""
        import resource, sys
        import gik_desk.ingest.docx  # load the readers before the cap
        from gik_desk.ingest import read_document
        from gik_desk.model import IngestError
        with open("/proc/self/status") as fh:
            vm = next(int(l.split()[1]) for l in fh if l.startswith("VmSize")) * 1024
        resource.setrlimit(resource.RLIMIT_AS, (vm + (200 << 20), vm + (200 << 20)))
        try:
            read_document({str(bomb)!r})
        except IngestError as exc:
            print(exc.code)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "zip-bomb"


def test_bomb_check_reads_only_the_central_directory() -> None:
    from gik_desk.ingest.limits import Limits
    from gik_desk.ingest.zipguard import check_zip

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<a/>" * 10)
    zf2 = check_zip(buf.getvalue(), Limits(), "corrupt-docx")
    assert zf2.namelist() == ["word/document.xml"]
    zf2.close()


def test_legacy_hmerge_and_grid_before_are_honoured(tmp_path: Path) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    for r, texts in enumerate([("行政复议", "", "总计"), ("18", "3", "")]):
        for c, text in enumerate(texts):
            t.cell(r, c).text = text
    for c, val in ((0, "restart"), (1, "continue")):  # Word 97 style horizontal merge
        h = OxmlElement("w:hMerge")
        h.set(qn("w:val"), val)
        t.rows[0].cells[c]._tc.get_or_add_tcPr().append(h)
    row1 = t.rows[1]._tr
    row1.remove(row1.tc_lst[-1])  # the second row starts one grid column in
    tr_pr = row1.get_or_add_trPr()
    gb = OxmlElement("w:gridBefore")
    gb.set(qn("w:val"), "1")
    tr_pr.append(gb)
    path = tmp_path / "legacy.docx"
    d.save(str(path))
    doc = read_document(path)
    assert grid(doc, 0) == [
        (0, 0, "行政复议", 1, 2),
        (0, 2, "总计", 1, 1),
        (1, 1, "18", 1, 1),
        (1, 2, "3", 1, 1),
    ]


def test_report_inside_a_one_cell_frame_keeps_its_tables(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    frame = d.add_table(rows=1, cols=1).cell(0, 0)
    frame.paragraphs[0].text = "二、主动公开政府信息情况"
    inner = frame.add_table(rows=2, cols=2)
    for r, row in enumerate([("规章", "0"), ("行政规范性文件", "1")]):
        for c, text in enumerate(row):
            inner.cell(r, c).text = text
    frame.add_paragraph("三、收到和处理政府信息公开申请情况")
    path = tmp_path / "framed.docx"
    d.save(str(path))
    doc = read_document(path)
    assert doc.text == (
        "二、主动公开政府信息情况\n规章 | 0 |\n行政规范性文件 | 1 |\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    assert grid(doc, 0) == [(0, 0, "规章", 1, 1), (0, 1, "0", 1, 1), (1, 0, "行政规范性文件", 1, 1),
                            (1, 1, "1", 1, 1)]  # fmt: skip


def test_package_declaring_too_much_uncompressed_data_is_too_large(tmp_path: Path) -> None:
    from gik_desk.ingest import Limits

    path = bld.make_docx(["正文", MERGED], tmp_path / "r.docx")
    with pytest.raises(IngestError) as err:
        read_document(path, Limits(max_zip_total=10_000))
    assert err.value.code == "too-large"
