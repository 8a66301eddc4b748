"""parse_path never raises for bad input: every failure is a Problem with a stable code."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_desk.model import Document
from gik_desk.parse import parse_document, parse_path


def test_missing_file_is_a_problem(tmp_path: Path) -> None:
    reports, problems = parse_path(tmp_path / "nope.txt")
    assert reports == []
    assert [p.code for p in problems] == ["not-found"]
    assert problems[0].source == str(tmp_path / "nope.txt")


def test_empty_file_is_a_problem(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    reports, problems = parse_path(p)
    assert reports == []
    assert [x.code for x in problems] == ["empty-file"]


def test_unexpected_parse_failure_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "r.txt"
    p.write_text("一、总体情况\n2023年,某某局坚持公开。\n", "utf-8")

    def boom(doc: Document) -> list[object]:
        raise RuntimeError("bug")

    monkeypatch.setattr("gik_desk.parse.parse_document", boom)
    reports, problems = parse_path(p)
    assert reports == []
    assert [x.code for x in problems] == ["parse-failed"]
    assert "人工" in problems[0].message


def test_text_file_parses_with_source_and_hash(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_text(
        "某某局2023年政府信息公开工作年度报告\n一、总体情况\n2023年,某某局坚持公开。\n", "utf-8"
    )
    (r,), problems = parse_path(p)
    assert problems == []
    assert r.source == str(p)
    assert r.year == 2023
    assert r.agency == "某某局"
    assert len(r.file_sha256) == 64


_ALPHABET = st.sampled_from(
    list("0123456789０１|| \n\t—/无一二三四、()（）.总计本年新收申请数量行政复议其他处理第二十条项")
)


@settings(max_examples=150, deadline=None)
@given(st.text(_ALPHABET, max_size=400))
def test_parse_document_never_raises_and_spans_stay_inside(text: str) -> None:
    for r in parse_document(Document("f.txt", "txt", text, "x")):
        assert 0 <= r.span.start <= r.span.end <= len(text)
        for t in r.tables.values():
            for c in t.cells.values():
                if c.span is not None:
                    assert 0 <= c.span.start <= c.span.end <= len(text)
