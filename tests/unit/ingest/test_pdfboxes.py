"""Issue 18: a written stretch of PDF text gets one box per printed token (``ingest/pdfboxes``).

Glyph positions are made up by hand (points, top-left origin); offsets are counted by hand.
"""

from __future__ import annotations

from gik_desk.ingest.pdfboxes import Glyph, reading_order, stretch_boxes
from gik_desk.model import TextBox


def _line(text: str, x: float, top: float, width: float = 10.0) -> list[Glyph]:
    return [(ch, (x + i * width, top, x + (i + 1) * width, top + 12)) for i, ch in enumerate(text)]


def test_a_label_and_a_figure_on_one_line_are_two_boxes() -> None:
    glyphs = _line("本年新收", 100, 50) + _line("340", 200, 50, 6)
    # written at offset 20 as "本年新收 340": the space splits the tokens
    boxes = stretch_boxes(20, "本年新收 340", reading_order(glyphs), page=2)
    assert boxes == [
        TextBox(20, 24, 2, 100, 50, 140, 62),
        TextBox(25, 28, 2, 200, 50, 218, 62),
    ]


def test_a_cell_wrapped_over_two_printed_lines_is_one_box_per_line() -> None:
    # join_lines glued "申请人无" and "正当理由" without a space: one token, two printed lines
    glyphs = _line("正当理由", 100, 80) + _line("申请人无", 100, 65)
    boxes = stretch_boxes(0, "申请人无正当理由", reading_order(glyphs), page=0)
    assert [(b.start, b.end, b.top) for b in boxes] == [(0, 4, 65), (4, 8, 80)]


def test_glyphs_that_do_not_pair_with_the_text_give_a_line_box_over_the_whole_stretch() -> None:
    glyphs = _line("ﬁle", 10, 10)  # a ligature glyph: 3 printed, 4 written characters
    boxes = stretch_boxes(7, "file", reading_order(glyphs), page=1)
    assert boxes == [TextBox(7, 11, 1, 10, 10, 40, 22)]


def test_a_blank_stretch_has_no_box() -> None:
    assert stretch_boxes(3, "", reading_order(_line("0", 0, 0)), page=0) == []
