"""Issue 29: a figure OCR read is marked ``source="ocr"`` with its confidence; below the
confidence needed it is unread (value None, a PARSE finding names it) unless the template's
identities accept exactly one of its close readings.

Seed 002 (Dongsheng 2024): 表三 本年新收 总计 is printed 8
(tests/data/seeds/002_fe52555f254f9b80.txt lines 64-71: 自然人 8, the other applicants 0, 总计 8),
so of the readings 8 and 3 only 8 fits the row's identity.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from gik_desk.ingest import read_document
from gik_desk.model import OCR, Document
from gik_desk.parse import parse_document
from gik_desk.rules import audit

SEED = Path(__file__).resolve().parents[2] / "data" / "seeds" / "002_fe52555f254f9b80.txt"


@pytest.fixture(scope="module")
def doc() -> Document:
    return read_document(SEED)


def _marked(doc: Document, conf: float, unread: bool, options: list[str]) -> Document:
    cell = parse_document(doc)[0].tables["applications"].cell("new", "total")
    assert cell is not None
    assert cell.span is not None
    mark = [cell.span.start, cell.span.end, conf, unread, options]
    return dataclasses.replace(doc, meta={**doc.meta, "ocr": {"pages": [1], "cells": [mark]}})


def test_a_sure_figure_is_marked_ocr_with_its_confidence(doc: Document) -> None:
    cell = (
        parse_document(_marked(doc, 0.998, False, ["8"]))[0]
        .tables["applications"]
        .cell("new", "total")
    )
    assert cell is not None
    assert cell.value == 8
    assert cell.source == OCR
    assert cell.confidence == 0.998


def test_a_doubtful_figure_is_unread_and_named_by_a_parse_finding(doc: Document) -> None:
    report = parse_document(_marked(doc, 0.61, True, ["8"]))[0]
    cell = report.tables["applications"].cell("new", "total")
    assert cell is not None
    assert cell.value is None
    assert cell.source == OCR
    parse = [f for f in audit([report]) if f.rule == "PARSE" and "识别不够确定" in f.message]
    assert len(parse) == 1
    assert [c.key for c in parse[0].cells] == ["applications/new/total"]
    assert "0.61" in parse[0].message


def test_the_identities_decide_only_when_exactly_one_reading_fits(doc: Document) -> None:
    fits = parse_document(_marked(doc, 0.61, True, ["3", "8"]))[0]
    assert fits.tables["applications"].value("new", "total") == 8
    neither = parse_document(_marked(doc, 0.61, True, ["3", "6"]))[0]
    assert neither.tables["applications"].value("new", "total") is None
