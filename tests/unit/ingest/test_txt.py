"""Plain text decoding: BOM -> strict UTF-8 -> strict GB18030 -> charset-normalizer."""

from __future__ import annotations

from pathlib import Path

import pytest

from gik_desk.ingest import read_document
from gik_desk.model import IngestError

REPORT = (
    "济南市天桥区人民政府2021年政府信息公开工作年度报告\r\n"
    "一、本年新收政府信息公开申请数量 | 340 |\n"
)


def _write(tmp_path: Path, data: bytes, name: str = "r.txt") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_utf8_without_bom_is_kept_exactly_crlf_included(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, REPORT.encode("utf-8")))
    assert doc.kind == "txt"
    assert doc.encoding == "utf-8"
    assert doc.text == REPORT  # no newline normalisation: offsets index the file
    assert doc.warnings == ()


def test_utf8_bom_is_stripped_and_recorded(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, b"\xef\xbb\xbf" + REPORT.encode("utf-8")))
    assert doc.encoding == "utf-8-sig"
    assert doc.text == REPORT


def test_gb18030_with_chars_gb2312_and_gbk_lack_decodes_fully(tmp_path: Path) -> None:
    text = "朱镕基、刘䶮同志视察。" + REPORT  # 镕 is not in GB2312, 䶮 (Ext A) not in GBK either
    data = text.encode("gb18030")
    with pytest.raises(UnicodeEncodeError):
        "镕".encode("gb2312")
    with pytest.raises(UnicodeEncodeError):
        "䶮".encode("gbk")
    doc = read_document(_write(tmp_path, data))
    assert doc.encoding == "gb18030"
    assert doc.text == text


@pytest.mark.parametrize(("bom", "codec"), [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_utf16_with_bom(tmp_path: Path, bom: bytes, codec: str) -> None:
    doc = read_document(_write(tmp_path, bom + REPORT.encode(codec)))
    assert doc.encoding == "utf-16"
    assert doc.text == REPORT


def test_short_gbk_string_decodes_as_gb18030_with_a_warning(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "年度报告".encode("gbk")))
    assert doc.text == "年度报告"
    assert doc.encoding == "gb18030"
    assert any("少于 8 个" in w for w in doc.warnings)


def test_binary_junk_named_txt_is_not_text(tmp_path: Path) -> None:
    junk = bytes(range(256)) * 8
    with pytest.raises(IngestError) as err:
        read_document(_write(tmp_path, junk))
    assert err.value.code == "not-text"
    assert "文本" in err.value.message


def test_control_characters_without_nul_are_not_text(tmp_path: Path) -> None:
    junk = bytes([0x01, 0x02, 0x03, 0x1B, 0x7F, 0x41]) * 50  # decodes as ASCII, still junk
    with pytest.raises(IngestError) as err:
        read_document(_write(tmp_path, junk))
    assert err.value.code == "not-text"


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as err:
        read_document(_write(tmp_path, b""))
    assert err.value.code == "empty-file"
    assert "空" in err.value.message


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as err:
        read_document(_write(tmp_path, b" \r\n\t\n"))
    assert err.value.code == "empty-file"


def test_seed_file_reads_as_utf8_with_sha(seeds_dir: Path) -> None:
    path = seeds_dir / "001_711b86d480afee15.txt"
    doc = read_document(path)
    assert doc.text == path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    assert "一、本年新收政府信息公开申请数量 | 340 | 17 |" in doc.text
    assert len(doc.sha256) == 64
