"""read_document's guards and discover(): size cap before reading, sniffing, lazy readers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gik_desk.ingest import Limits, discover, read_document
from gik_desk.model import IngestError
from tests.unit.ingest import builders as bld


def test_file_over_the_size_cap_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes("年报".encode() * 1000)

    def no_reading(*a: object, **k: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(IngestError) as err:
        read_document(p, Limits(max_bytes=1000))
    assert err.value.code == "too-large"
    assert "过大" in err.value.message


def test_missing_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as err:
        read_document(tmp_path / "nope.txt")
    assert err.value.code == "not-found"


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as err:
        read_document(tmp_path)
    assert err.value.code == "not-a-file"


def test_unknown_extension_is_unsupported(tmp_path: Path) -> None:
    p = tmp_path / "report.rtf"
    p.write_bytes(b"{\\rtf1 hello}")
    with pytest.raises(IngestError) as err:
        read_document(p)
    assert err.value.code == "unsupported-format"


def test_content_wins_over_a_lying_extension(tmp_path: Path) -> None:
    p = tmp_path / "report.txt"
    bld.make_docx(["二、主动公开政府信息情况正文", bld.table(["规章", 0])], p)
    doc = read_document(p)
    assert doc.kind == "docx"
    assert "规章 | 0 |" in doc.text
    assert any("扩展名" in w for w in doc.warnings)


def test_html_without_html_extension_is_sniffed(tmp_path: Path) -> None:
    p = tmp_path / "page"
    p.write_bytes(bld.make_html(["天桥区政府信息公开年度报告正文内容"]))
    assert read_document(p).kind == "html"


def test_discover_walks_folders_skips_unknown_keeps_named_unknown(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/2.txt", "a/b/1.PDF", "a/b/x.png", "a/~$lock.docx", "a/c.html", "z.rtf"):
        (tmp_path / name).write_bytes(b"x")
    found = discover([tmp_path / "a", tmp_path / "z.rtf", tmp_path / "a" / "2.txt"])
    assert found == sorted(
        [tmp_path / "a/2.txt", tmp_path / "a/b/1.PDF", tmp_path / "a/c.html", tmp_path / "z.rtf"],
        key=str,
    )


def test_readers_load_lazily() -> None:
    code = (
        "import sys, json, tempfile, pathlib\n"
        "from gik_desk.ingest import read_document\n"
        "p = pathlib.Path(tempfile.mkdtemp()) / 'r.txt'\n"
        "p.write_text('济南市天桥区人民政府2021年政府信息公开工作年度报告', encoding='utf-8')\n"
        "read_document(p)\n"
        "heavy = ['pdfplumber', 'pypdfium2', 'docx', 'openpyxl', 'python_calamine', 'lxml',"
        " 'selectolax', 'charset_normalizer']\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_ingest_error_survives_pickling_for_worker_processes() -> None:
    import pickle

    err = IngestError("too-large", "文件过大", "60 MB")
    back = pickle.loads(pickle.dumps(err))
    assert (back.code, back.message, back.detail) == ("too-large", "文件过大", "60 MB")
