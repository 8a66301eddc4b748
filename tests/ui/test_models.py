"""Every table model passes qtmodeltester, and shows the seed's real values and labels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from gik_desk.model import Cell, Fill, Report, Span, Table
from gik_desk.model.review import FindingReview, ReviewStatus
from gik_desk.ui.models.batch_model import BatchModel, KindRole
from gik_desk.ui.models.findings_model import FindingsModel, FindingsProxy
from gik_desk.ui.models.table_model import ReportTableModel


def _tianqiao_2021(batch) -> Report:  # type: ignore[no-untyped-def]
    return next(r for r in batch.reports if r.year == 2021 and "天桥" in (r.agency or ""))


def test_findings_model_and_proxy_pass_modeltester(qtmodeltester, seed_batch) -> None:
    model = FindingsModel()
    reports = {r.id: r for r in seed_batch.reports}
    model.set_findings(seed_batch.findings, reports)
    f = seed_batch.findings[0]
    model.set_reviews({f.key: FindingReview(f.key, ReviewStatus.CONFIRMED, note="已函告")})
    qtmodeltester.check(model)
    proxy = FindingsProxy()
    proxy.setSourceModel(model)
    proxy.set_reports(reports)
    proxy.sort(0)
    qtmodeltester.check(proxy)
    assert model.index(0, 5).data() == "已确认 ✎"
    assert model.index(0, 0).data() == f.severity.zh
    proxy.set_filter(status=ReviewStatus.CONFIRMED)
    assert proxy.rowCount() == sum(1 for g in seed_batch.findings if g.key == f.key)


def test_batch_model_groups_bodies_and_counts(qtmodeltester, seed_batch) -> None:
    model = BatchModel()
    model.add_file(seed_batch.reports, [])
    model.set_findings(seed_batch.findings)
    qtmodeltester.check(model)
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "济南市天桥区人民政府" in names
    g = names.index("济南市天桥区人民政府")
    group = model.index(g, 0)
    years = [model.index(r, 0, group).data() for r in range(model.rowCount(group))]
    assert years == [f"{y}年" for y in range(2022, 2007, -1)]  # 15 years, newest first
    assert model.index(g, 0).data(KindRole) == "group"
    r2021 = _tianqiao_2021(seed_batch)
    n_err = sum(1 for f in seed_batch.findings_for(r2021.id) if f.severity.value == "error")
    badge = model.index(years.index("2021年"), 1, group).data()
    assert badge.startswith(f"●{n_err}")


def test_applications_table_model_tianqiao_2021(qtmodeltester, seed_batch, expected) -> None:
    exp = expected["tianqiao_2021"]
    report = _tianqiao_2021(seed_batch)
    model = ReportTableModel("applications")
    model.set_report(report, seed_batch.findings_for(report.id))
    qtmodeltester.check(model)
    cell = exp["app_row_cell"]
    index = model.index_of(cell["row"], cell["col"])
    assert index.data() == exp["total_cell"]["table_shows"]
    assert model.headerData(index.row(), Qt.Orientation.Vertical) == exp["row_header"]
    assert model.headerData(index.column(), Qt.Orientation.Horizontal) == exp["col_header"]
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None  # a shape, not only a colour
    assert "建议更正为 3" in index.data(Qt.ItemDataRole.ToolTipRole)
    natural = model.index_of(cell["row"], "natural")
    assert natural.data() == exp["natural_cell"]["table_shows"]


def test_other_tables_pass_modeltester(qtmodeltester, seed_batch) -> None:
    for report in seed_batch.reports:
        for name in ("active", "appeals", "legacy"):
            model = ReportTableModel(name)
            model.set_report(report, seed_batch.findings_for(report.id))
            if model.rowCount():
                qtmodeltester.check(model)


def test_derived_cells_are_italic_and_blank_is_not_zero(qapp) -> None:
    text = "表三 总计 350010036 —"
    cells = {
        ("total", "natural"): Cell(
            "applications",
            "total",
            "natural",
            35,
            "35",
            Span(6, 8),
            derived=True,
            alternatives=(3,),
        ),
        ("total", "business"): Cell(
            "applications", "total", "business", None, "—", Span(16, 17), fill=Fill.DASH
        ),
    }
    report = Report(
        "r1",
        "x.txt",
        0,
        text,
        Span(0, len(text)),
        "某区",
        "某区",
        2021,
        "t2021",
        tables={"applications": Table("applications", "t2021", cells)},
    )
    model = ReportTableModel("applications")
    model.set_report(report)
    derived = model.index_of("total", "natural")
    assert derived.data() == "35"
    font = derived.data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont)
    assert font.italic()
    assert "推算" in derived.data(Qt.ItemDataRole.ToolTipRole)
    blank = model.index_of("total", "business")
    assert blank.data() == "—"
    assert "空白不按 0 计" in blank.data(Qt.ItemDataRole.ToolTipRole)
