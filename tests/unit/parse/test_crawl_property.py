"""Never a figure in the wrong cell, on any consistent table a crawler collapses (issue 9).

Hypothesis draws 表三 and 表四 tables whose every identity holds, mostly zeros and small
figures (so runs collapse a lot), renders them as a crawled page (``crawl_render``) and reads
them back. The truth is then a least-cost reading, so any other reading the reader could pick
ties with it: the reader may leave a cell unread, never hold a value the table does not have
there. ``make fuzz`` runs many more examples (GIK_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import os

from crawl_render import Crawl, render
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_desk.model import Document
from gik_desk.parse import parse_document
from gik_desk.template import ACTIVE_BLOCKS, APP_COLS, APPEAL_COLS, app_rows

_EXAMPLES = int(os.environ.get("GIK_FUZZ_EXAMPLES", "40"))
_SMALL = st.sampled_from([0, 0, 0, 0, 1, 2, 3, 5, 12, 40])
_GROUPS = ("review", "suit_direct", "suit_after_review")
_PARTS = ("upheld", "corrected", "other", "pending")


@st.composite
def _tables(draw: st.DrawFn) -> dict[str, dict[str, dict[str, float]]]:
    gen = draw(st.sampled_from(["t2021", "t2019"]))
    cols = [c.key for c in APP_COLS if c.key != "total"]
    keys = [r.key for r in app_rows(gen)]
    results = keys[keys.index("granted") : keys.index("total")]
    app: dict[str, dict[str, float]] = {}
    for row in results:
        app[row] = {c: draw(_SMALL) for c in cols}
    app["total"] = {c: sum(app[r][c] for r in results) for c in cols}
    app["carried_out"] = {c: draw(_SMALL) for c in cols}
    app["carried_in"] = {
        c: min(draw(_SMALL), app["total"][c] + app["carried_out"][c]) for c in cols
    }
    app["new"] = {c: app["total"][c] + app["carried_out"][c] - app["carried_in"][c] for c in cols}
    for row in app.values():
        row["total"] = sum(row[c] for c in cols)
    count: dict[str, float] = {}
    for g in _GROUPS:
        parts = {p: draw(_SMALL) for p in _PARTS}
        count.update({f"{g}.{p}": v for p, v in parts.items()})
        count[f"{g}.total"] = sum(parts.values())
    active = {
        r.key: {c.key: draw(_SMALL) for c in block.cols}
        for block in ACTIVE_BLOCKS[gen]
        for r in block.rows
    }
    return {"active": active, "applications": app, "appeals": {"count": count}}


@settings(
    max_examples=_EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("GIK_FUZZ_EXAMPLES"),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(tables=_tables(), ordinals=st.booleans())
def test_a_collapsed_consistent_table_never_reads_a_wrong_figure(
    tables: dict[str, dict[str, dict[str, float]]], ordinals: bool
) -> None:
    text = render(
        tables, body="莆田市某某局", year=2021, crawl=Crawl(collapse=True, ordinal_lines=ordinals)
    )
    (report,) = parse_document(Document("t.txt", "txt", text, "x"))
    for name in ("applications", "appeals"):
        t = report.tables[name]
        for row, cols in tables[name].items():
            for col, want in cols.items():
                cell = t.cells.get((row, col))
                got = cell.value if cell is not None else None
                assert got is None or got == want, (name, row, col, got, want)
    appeals = report.tables["appeals"]
    assert {c.key for c in APPEAL_COLS} == {col for _, col in appeals.cells}
