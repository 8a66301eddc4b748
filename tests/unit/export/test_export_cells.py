"""The one formula-injection guard: what counts as dangerous, titles, CSV, widths."""

from __future__ import annotations

import pytest

from gik_desk.export.cells import (
    MAX_CELL_CHARS,
    clean_text,
    csv_value,
    display_width,
    is_dangerous,
    sheet_title,
)


@pytest.mark.parametrize(
    "text",
    [
        "=cmd|' /C calc'!A0",
        "+1",
        "-1+1",
        "@SUM(1)",
        "\t=1",
        "\r=1",
        "\n=1",
        "  =1+1",
        "\u3000=1",
        "＝1+1",
        "=",
    ],
)
def test_formula_starts_are_dangerous(text: str) -> None:
    assert is_dangerous(text)


@pytest.mark.parametrize("text", ["济南市天桥区人民政府", "1+1", "a=b", "", "(六)其他处理", "32"])
def test_ordinary_text_is_not_dangerous(text: str) -> None:
    assert not is_dangerous(text)


def test_csv_value_prefixes_quote_only_for_dangerous_text() -> None:
    assert csv_value("=1+1") == "'=1+1"
    assert csv_value(" @SUM(1)") == "' @SUM(1)"
    assert csv_value("天桥区") == "天桥区"
    assert csv_value(-32) == -32
    assert csv_value(None) is None


def test_sheet_title_removes_forbidden_characters_and_caps_length() -> None:
    title = sheet_title("济南市[天桥区]:人民政府*办公室?/\\2021年度政府信息公开工作年度报告第一份")
    assert len(title) <= 31
    assert not set("[]:*?/\\") & set(title)
    assert title.startswith("济南市_天桥区__人民政府_办公室")


def test_sheet_title_is_unique_case_insensitively_and_never_empty() -> None:
    taken = ["汇总", "Data"]
    assert sheet_title("汇总", taken) == "汇总(2)"
    assert sheet_title("data", taken) == "data(2)"
    assert sheet_title("'''", []) == "表"
    assert sheet_title("History", []) == "表History"
    long = "长" * 40
    first = sheet_title(long, [])
    second = sheet_title(long, [first])
    assert first != second
    assert len(second) == 31
    assert second.endswith("(2)")


def test_clean_text_drops_xml_illegal_characters_and_caps_length() -> None:
    assert clean_text("a\x00b\x07c\td") == "abc\td"
    assert len(clean_text("x" * (MAX_CELL_CHARS + 10))) == MAX_CELL_CHARS


def test_display_width_counts_cjk_as_two() -> None:
    assert display_width("abc") == 3
    assert display_width("天桥区") == 6
    assert display_width("\uff08七\uff09总计") == 10  # full-width brackets
    assert display_width("(七)总计") == 8
