"""Annotation anchors: quote + context + position hint + cell; orphans instead of jumps."""

from __future__ import annotations

from wsbatch import EXTRA, REPORT_A, REPORT_B, SOURCE, batch, standard_batch, two_reports

from gik_desk.model import Span
from gik_desk.model.review import Annotation
from gik_desk.workspace import AddAnnotation, Workspace, make_annotation, reanchor, report_key
from gik_desk.workspace.anchors import CONTEXT


def _ann(text: str, quote: str, *, nth: int = 0, cell: str = "") -> Annotation:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    end = start + len(quote)
    return Annotation(
        id="a1",
        report_key="甲区|2021",
        source=SOURCE,
        exact=quote,
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        start=start,
        end=end,
        cell=cell,
    )


def test_report_key_is_body_and_year() -> None:
    a, b = two_reports()
    assert (report_key(a), report_key(b)) == ("甲区|2021", "乙县|2022")


def test_make_annotation_keeps_quote_and_context_inside_the_report() -> None:
    _a, b = two_reports()
    start = b.text.index("乙县人民政府")  # the first characters of report B
    ann = make_annotation(b, start, start + 6, note="标题", author="王审核")
    assert ann.exact == "乙县人民政府"
    assert ann.prefix == ""  # context never reaches into report A
    assert ann.suffix == REPORT_B[6 : 6 + CONTEXT]
    assert (ann.report_key, ann.source, ann.start) == ("乙县|2022", SOURCE, len(REPORT_A))
    assert ann.id
    assert ann.created


def test_inserted_text_moves_the_anchor() -> None:
    old = REPORT_A + REPORT_B
    ann = _ann(old, "予以公开5件", nth=1)  # report B's sentence
    new = EXTRA + old
    assert reanchor(ann, new) == (ann.start + len(EXTRA), ann.end + len(EXTRA))


def test_context_picks_the_right_repeat_over_the_nearest() -> None:
    text = "甲:收到申请12件,予以公开5件。乙:收到申请20件,予以公开5件。"
    ann = _ann(text, "予以公开5件", nth=1)
    hinted_at_first = reanchor(ann, text, expected_start=text.index("予以公开5件"))
    assert hinted_at_first == (ann.start, ann.end)


def test_equal_context_takes_the_nearest() -> None:
    text = "| 0 | 0 | 0 |\n" * 4
    ann = _ann(text, "0", nth=5)
    assert reanchor(ann, text) == (ann.start, ann.end)


def test_changed_quote_is_orphaned_with_reason() -> None:
    old = REPORT_A
    ann = _ann(old, "予以公开5件")
    found = reanchor(ann, old.replace("予以公开5件", "予以公开15件"))
    assert found == "原文已更改,引用的文字「予以公开5件」不再出现"


def test_short_quote_with_all_context_changed_is_orphaned_not_moved() -> None:
    text = "申请人总计 | 3 | 0 | 1 |\n其他 | 1 | 2 |"
    ann = _ann(text, "1")  # the first "1": the row's total
    new = "申请人总计 | 3 | 0 | 3 |\n其他 | 1 | 2 |"  # "1" still occurs, elsewhere
    found = reanchor(ann, new)
    assert isinstance(found, str)
    assert found.startswith("原文已更改,引用的文字「1」不再出现")


def test_long_unique_quote_survives_changed_context() -> None:
    text = "前言。本机关共收到政府信息公开申请12件。结尾。"
    ann = _ann(text, "本机关共收到政府信息公开申请12件")
    new = "新的前言全部改写了。本机关共收到政府信息公开申请12件!另一种结尾"
    start = new.index("本机关")
    assert reanchor(ann, new) == (start, start + len(ann.exact))


def test_hits_outside_the_region_do_not_count() -> None:
    text = REPORT_A + REPORT_B
    ann = _ann(text, "予以公开5件", nth=0)  # report A's
    region_b = Span(len(REPORT_A), len(text))
    found = reanchor(
        ann,
        REPORT_A.replace("予以公开5件", "予以公开6件") + REPORT_B,
        region=Span(0, len(REPORT_A)),
    )
    assert isinstance(found, str)  # the same words in report B are not A's
    in_b = reanchor(ann, text, region=region_b)
    assert isinstance(in_b, tuple)
    assert in_b[0] >= region_b.start


def test_cell_target_is_checked_structurally() -> None:
    a, _ = two_reports()
    cell = a.tables["applications"].cell("other.1", "total")
    assert cell is not None
    assert cell.span is not None
    ann = make_annotation(a, cell.span.start, cell.span.end, cell="applications/other.1/total")
    assert ann.exact == "1"
    moved, _ = two_reports(extra_on_top=True)
    moved_cell = moved.tables["applications"].cell("other.1", "total")
    assert moved_cell is not None
    assert moved_cell.span is not None
    assert reanchor(ann, moved.text, region=moved.span, cell_span=moved_cell.span) == (
        moved_cell.span.start,
        moved_cell.span.end,
    )
    fixed, _ = two_reports(a_text=REPORT_A.replace("| 3 | 0 | 1 |", "| 3 | 0 | 3 |"))
    fixed_cell = fixed.tables["applications"].cell("other.1", "total")
    assert fixed_cell is not None
    assert fixed_cell.span is not None
    found = reanchor(ann, fixed.text, region=fixed.span, cell_span=fixed_cell.span)
    assert found == "原文已更改,引用的文字「1」不再出现(该单元格现为「3」)"


def test_sync_reanchors_orphans_and_recovers(ws_target: str) -> None:
    first = standard_batch()
    a, b = first.reports
    with Workspace.open(ws_target, network=False) as ws:
        ws.sync_batch(first)
        s_b = a.text.index("予以公开5件", b.span.start)
        on_b = make_annotation(b, s_b, s_b + 6, note="乙县正文", annotation_id="on-b")
        row = a.text.index("1.申请人无正当理由逾期不补正 | 3 | 0 | 1 |")
        on_row = make_annotation(a, row, row + 28, note="整行", annotation_id="on-row")
        cell = a.tables["applications"].cell("other.1", "total")
        assert cell is not None
        assert cell.span is not None
        on_cell = make_annotation(
            a,
            cell.span.start,
            cell.span.end,
            annotation_id="on-cell",
            cell="applications/other.1/total",
        )
        for ann in (on_b, on_row, on_cell):
            ws.apply(AddAnnotation(ann))

        result = ws.sync_batch(standard_batch(extra_on_top=True))
        assert set(result.reanchored) == {"on-b", "on-row", "on-cell"}
        assert result.orphaned == ()
        moved = {x.id: x for x in ws.annotations()}
        new_text = EXTRA + REPORT_A + REPORT_B
        assert all(new_text[x.start : x.end] == x.exact for x in moved.values())
        assert moved["on-b"].start == s_b + len(EXTRA)

        corrected = REPORT_A.replace("| 3 | 0 | 1 |", "| 3 | 0 | 3 |")
        result = ws.sync_batch(standard_batch(extra_on_top=True, a_text=corrected))
        assert set(result.orphaned) == {"on-row", "on-cell"}
        orphans = {x.id: x.orphan_reason for x in ws.orphans()}
        assert orphans["on-row"].startswith("原文已更改,引用的文字「1.申请人无正当理由逾期不补正")
        assert orphans["on-cell"] == "原文已更改,引用的文字「1」不再出现(该单元格现为「3」)"
        assert {x.id: x.note for x in ws.annotations()}["on-row"] == "整行"  # kept, flagged

        ws.sync_batch(standard_batch())  # the original text again: orphans re-anchor
        assert ws.orphans() == []
        back = {x.id: (x.start, x.end) for x in ws.annotations()}
        assert back["on-row"] == (on_row.start, on_row.end)


def test_report_gone_from_reread_file_orphans_its_annotations(ws_target: str) -> None:
    first = standard_batch()
    a, b = first.reports
    with Workspace.open(ws_target, network=False) as ws:
        ws.sync_batch(first)
        s = a.text.index("予以公开5件")
        ws.apply(AddAnnotation(make_annotation(a, s, s + 6, annotation_id="x")))
        result = ws.sync_batch(batch((b,), [], sources=(SOURCE,)))
        assert result.orphaned == ("x",)
        assert ws.orphans()[0].orphan_reason == "重新读取后找不到该批注所在的报告(甲区 2021年)"
