"""A page nested past ``max_html_depth`` is refused before selectolax parses it (its cost grows
faster than the square of the depth: minutes at 100,000); a deep but legitimate page, or one
that leaves thousands of <p> open, is still read."""

from __future__ import annotations

from pathlib import Path

import pytest

from gik_desk.ingest import read_document
from gik_desk.model import IngestError


def _write(tmp_path: Path, name: str, html: str) -> Path:
    p = tmp_path / name
    p.write_text(html, encoding="utf-8")
    return p


def test_a_page_nested_100000_deep_is_refused_as_too_deep(tmp_path: Path) -> None:
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + "表三" + "</div>" * depth + "</body></html>"
    with pytest.raises(IngestError) as info:
        read_document(_write(tmp_path, "deep.html", page))
    assert info.value.code == "html-too-deep"


def test_deep_but_legitimate_nesting_and_unclosed_paragraphs_are_read(tmp_path: Path) -> None:
    # 400 levels: past lxml's 256, so selectolax reads it; 20,000 <p> left open do not count
    page = (
        "<html><body>"
        + "<div>" * 400
        + "本年新收 358"
        + "</div>" * 400
        + "<p>第一段" * 20_000
        + "</body></html>"
    )
    doc = read_document(_write(tmp_path, "ok.html", page))
    assert "本年新收 358" in doc.text
    assert doc.meta["parser"] == "selectolax"
