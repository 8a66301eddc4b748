"""Code points (the core's offsets) against Qt's UTF-16 positions, astral characters included."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gik_desk.model import Cell, CellRef, Finding, Report, Severity, Span, Table
from gik_desk.ui.textpos import Utf16Map
from gik_desk.ui.views.source_view import SourceView


def test_map_shifts_after_each_astral_character() -> None:
    text = "a𠀀b𠀁c"
    m = Utf16Map(text)
    assert [m.to_utf16(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert [m.to_code_point(u) for u in range(8)] == [0, 1, 2, 2, 3, 4, 4, 5]


@given(st.text(alphabet=st.sampled_from("a审1|\n𠀀𪚥😀"), max_size=40))
def test_map_matches_utf16_encoding(text: str) -> None:
    m = Utf16Map(text)
    for i in range(len(text) + 1):
        u = len(text[:i].encode("utf-16-le")) // 2
        assert m.to_utf16(i) == u
        assert m.to_code_point(u) == i


def test_source_pane_selects_a_cell_after_astral_characters(qtbot) -> None:
    # "𠀀" (U+20000) is two UTF-16 units: a cell after it sits one position later in Qt
    text = "前言\n𠀀𠀀机关名称\n(六)其他处理 | 3 | 1 |\n"
    start = text.index("1 |")
    cell = Cell("applications", "other.no_supplement", "total", 1, "1", Span(start, start + 1))
    report = Report(
        "r",
        "x.txt",
        0,
        text,
        Span(0, len(text)),
        "某区",
        "某区",
        2021,
        "t2021",
        tables={
            "applications": Table("applications", "t2021", {("other.no_supplement", "total"): cell})
        },
    )
    finding = Finding(
        "APP-ROW",
        Severity.ERROR,
        "合计不符",
        "r",
        "k",
        cells=(CellRef("applications", "other.no_supplement", "total"),),
        spans=(Span(start, start + 1),),
    )
    view = SourceView()
    qtbot.addWidget(view)
    view.show_report(report, [finding])
    view.show_cell(CellRef("applications", "other.no_supplement", "total"))
    cur = view.text.textCursor()
    assert cur.selectedText() == "1"
    assert cur.selectionStart() == start + 2  # two astral characters before it
    assert view.to_offset(cur.selectionStart()) == start
    with qtbot.waitSignal(view.finding_requested, check_params_cb=lambda f: f == finding):
        cur.clearSelection()
        view.text.setTextCursor(cur)
        view.click_at(start + 2)
