"""The parser's shortcuts read what the plain reading reads (issue 26): a bar line or a
flattened word read once and moved where it stands again, the narrative patterns found from
a word or from the literal after the figure, line ends indexed once."""

from __future__ import annotations

from gik_desk.model import Document, Fill, Span
from gik_desk.parse.header import _LineEnds
from gik_desk.parse.narrative import figures
from gik_desk.parse.numbers import ascii_digits
from gik_desk.parse.tokens import tokenize


def _doc(text: str) -> Document:
    return Document(source="t.txt", kind="txt", text=text, sha256="x")


def _read(text: str) -> list[tuple[str, int, int, Fill | None, bool]]:
    toks = tokenize(_doc(text), 0, len(text))
    return [
        (t.text, t.span.start, t.span.end, t.cell.fill if t.cell else None, t.gap) for t in toks
    ]


def test_a_repeated_bar_line_is_read_again_where_it_stands() -> None:
    text = "规章 | 0 | 12 |\n规章 | 0 | 12 |\n"
    assert _read(text) == [
        ("规章", 0, 2, None, False),
        ("0", 5, 6, Fill.NUMBER, False),
        ("12", 9, 11, Fill.NUMBER, False),
        ("规章", 14, 16, None, False),
        ("0", 19, 20, Fill.NUMBER, False),
        ("12", 23, 25, Fill.NUMBER, False),
    ]


def test_a_cached_line_keeps_its_own_printed_digits() -> None:
    # the same line once in ASCII, once in full-width digits: one reading, two printings
    text = "行政许可 | 3 |  | 4 |\n行政许可 | ３ |  | ４ |\n"
    toks = tokenize(_doc(text), 0, len(text), ascii_digits(text))
    assert [t.text for t in toks] == ["行政许可", "3", "", "4", "行政许可", "３", "", "４"]
    # a gap token stands just after the bar before it: 10 in the first line, 18 + 10 below
    assert [t.span for t in toks if t.gap] == [Span(10, 10), Span(28, 28)]
    assert [t.cell.value for t in toks if t.cell and t.cell.fill is Fill.NUMBER] == [3, 4, 3, 4]


def test_flattened_words_keep_their_spaced_mark_per_place() -> None:
    text = "其他 1 234\n其他 1 234"
    toks = tokenize(_doc(text), 0, len(text))
    assert [(t.text, t.span.start, t.spaced) for t in toks] == [
        ("其他", 0, False),
        ("1", 3, True),
        ("234", 5, True),
        ("其他", 9, False),
        ("1", 12, True),
        ("234", 14, True),
    ]


def test_narrative_figures_found_from_their_words() -> None:
    text = (
        "本年度收到政府信息公开申请12件，其中同意公开4件，同意部分公开3件，部分同意公开6件；"
        "共有 5 件申请结转下年度继续办理；受理申请 7件。"
    )
    found = [(f.key, f.value, text[f.span.start : f.span.end]) for f in figures(text, 0, len(text))]
    # 部分同意公开6件 is neither granted (同意公开 after 部分) nor partial (同意部分公开)
    assert found == [
        ("applications.received", 12, "12"),
        ("applications.granted", 4, "4"),
        ("applications.partial", 3, "3"),
        ("applications.carried_out", 5, "5"),
        ("applications.received", 7, "7"),
    ]


def test_a_figure_inside_a_longer_digit_run_is_not_read() -> None:
    text = "编号2024123456789012件申请结转下年。"
    assert figures(text, 0, len(text)) == []


def test_line_ends_found_from_the_index() -> None:
    text = "ab\ncd\n\nef"
    ends = _LineEnds(text, 0, len(text))
    assert [ends.after(p) for p in (0, 2, 3, 6, 7, 9)] == [2, 2, 5, 6, 9, 9]
    inner = _LineEnds(text, 3, 8)  # "cd\n\ne"
    assert [inner.after(p) for p in (3, 5, 6, 7)] == [5, 5, 6, 8]
