"""Cell text → value, unit and fill (numbers.py)."""

from __future__ import annotations

import pytest

from gik_desk.model import Fill
from gik_desk.parse.numbers import read_cell


@pytest.mark.parametrize(
    ("text", "value", "printed", "unit"),
    [
        ("23", 23, "23", None),
        ("１２３", 123, "１２３", None),
        ("1,234", 1234, "1,234", None),
        ("-32", -32, "-32", None),
        ("+163", 163, "+163", None),
        ("7710(次)", 7710, "7710", "次"),
        ("7710（次）", 7710, "7710", "次"),
        ("104367.118823万元", 104367.118823, "104367.118823", "万元"),
        ("251000元", 251000, "251000", "元"),
        (" 5952 ", 5952, "5952", None),
    ],
)
def test_number_value_unit_and_exact_span(
    text: str, value: float, printed: str, unit: str | None
) -> None:
    c = read_cell(text)
    assert c is not None
    assert c.fill is Fill.NUMBER
    assert c.value == value
    assert type(c.value) is type(value)  # ints stay int, decimals float
    assert text[c.start : c.end] == printed
    assert c.unit == unit


@pytest.mark.parametrize(
    ("text", "fill"),
    [
        ("", Fill.BLANK),
        ("\u00a0", Fill.BLANK),
        ("&nbsp;", Fill.BLANK),
        ("—", Fill.DASH),
        ("-", Fill.DASH),
        ("－", Fill.DASH),
        ("/", Fill.SLASH),
        ("／", Fill.SLASH),
        ("无", Fill.NONE_WORD),
    ],
)
def test_blank_marks_are_fills_never_zero(text: str, fill: Fill) -> None:
    c = read_cell(text)
    assert c is not None
    assert c.fill is fill
    assert c.value is None


@pytest.mark.parametrize("text", ["行政许可", "1.属于国家秘密", "第二十条第(九)项", "结果 维持"])
def test_labels_are_not_cells(text: str) -> None:
    assert read_cell(text) is None
