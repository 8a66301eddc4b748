"""Issue 18: ``gik_desk.original`` — spans to printed boxes, a point to its cell, a file's own
tables as HTML with the cell marked. No Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from gik_desk import services
from gik_desk.model import CellRef, Report, Span, TextBox
from gik_desk.original import pages as orig
from tests.unit.ingest import builders as bld
from tests.unit.ingest import tianqiao as tq
from tests.unit.services.hongze_figures import APPEALS_PAGE, HONGZE_2023, figures_row

REVIEW_TOTAL = CellRef("appeals", "count", "review.total")
REVIEW_UPHELD = CellRef("appeals", "count", "review.upheld")


@pytest.fixture(scope="module")
def hongze() -> Report:
    (report,) = services.audit_paths([str(HONGZE_2023)], workers=1).reports
    return report


def _contains(box: TextBox, rect: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = rect
    return box.x0 <= x0 and x1 <= box.x1 and box.top <= top and bottom <= box.bottom


def test_span_boxes_are_the_boxes_whose_offsets_overlap() -> None:
    boxes = [
        TextBox(0, 4, 0, 0, 0, 1, 1),
        TextBox(5, 8, 0, 2, 0, 3, 1),
        TextBox(9, 30, 1, 0, 0, 1, 1),
    ]
    assert orig.span_boxes(boxes, [Span(6, 7)]) == [boxes[1]]
    assert orig.span_boxes(boxes, [Span(3, 6), Span(20, 21)]) == boxes
    assert orig.span_boxes(boxes, [Span(4, 5)]) == []  # the space between two tokens
    assert orig.span_boxes(boxes, [Span(6, 6)]) == []  # a blank cell's zero-width span


def test_the_review_total_of_hongze_2023_is_boxed_where_pdfium_prints_its_0(hongze) -> None:
    figures = figures_row(APPEALS_PAGE)
    (zero,) = figures[4]
    assert zero[0] == "0"
    boxes = orig.cell_boxes(hongze, REVIEW_TOTAL)
    assert [b.page for b in boxes] == [APPEALS_PAGE]
    assert _contains(boxes[0], zero[1])
    assert APPEALS_PAGE in orig.report_pages(hongze)


def test_a_point_on_the_printed_10_is_the_review_upheld_cell_of_hongze_2023(hongze) -> None:
    ten = figures_row(APPEALS_PAGE)[0]
    x = (ten[0][1][0] + ten[-1][1][2]) / 2
    y = (ten[0][1][1] + ten[0][1][3]) / 2
    assert orig.cell_at(hongze, APPEALS_PAGE, x, y) == REVIEW_UPHELD
    assert orig.cell_at(hongze, APPEALS_PAGE, 2.0, 2.0) is None  # the page's corner: nothing


def test_a_rendered_page_is_rgbx_at_the_asked_scale(hongze) -> None:
    width, height = orig.page_sizes(HONGZE_2023)[APPEALS_PAGE]
    image = orig.render_page(HONGZE_2023, APPEALS_PAGE, 0.5)
    assert (image.width, image.height) == (round(width * 0.5), round(height * 0.5))
    assert len(image.data) == image.stride * image.height
    assert orig.render_page(HONGZE_2023, APPEALS_PAGE, 0.5) is image  # cached


def test_html_tables_mark_the_chosen_cell_of_tianqiao_2021(tmp_path: Path) -> None:
    blocks = bld.template_report(tq.TITLE, tq.ACTIVE, tq.APPLICATIONS, tq.APPEALS, tq.INTRO)
    path = tmp_path / "tianqiao_2021.html"
    path.write_bytes(bld.make_html(blocks))
    (report,) = services.audit_paths([str(path)], workers=1).reports
    doc = orig.load_document(report)
    ref = CellRef("applications", "other.no_supplement", "total")
    html = orig.document_html(report, doc, ref, mark_colour="#ffd54f")
    assert html.count(orig.MARK_ANCHOR) == 1
    assert f'bgcolor="#ffd54f"><a name="{orig.MARK_ANCHOR}"></a><b>1</b></td>' in html
    at = orig.grid_cell(report, doc, ref)
    assert at is not None
    assert orig.cell_in_grid(report, doc, *at) == ref
