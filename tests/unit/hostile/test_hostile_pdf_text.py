"""Issue 10: text a reader cannot see is not read (a white digit made 340 read as 3409)."""

from __future__ import annotations

from pathlib import Path

from gik_desk.ingest import read_document
from tests.unit.hostile import hostile_files as hf


def test_white_and_off_page_characters_are_ignored_and_flagged(tmp_path: Path) -> None:
    doc = read_document(hf.white_digit_pdf(tmp_path))
    assert "本年新收 | 340 | 12 |" in doc.text
    assert "3409" not in doc.text
    assert "7" not in doc.text.split("本年新收", 1)[1].split("\n", 1)[0]
    assert any("2 个看不见的字符" in w for w in doc.warnings)
