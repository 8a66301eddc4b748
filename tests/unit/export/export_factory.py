"""Reports and findings built by hand (no parser) for the export tests."""

from __future__ import annotations

from gik_desk.model import (
    Cell,
    CellRef,
    Edit,
    Fill,
    Finding,
    NarrativeFigure,
    Report,
    Severity,
    Span,
    Table,
)

TEXT = "济南市天桥区人民政府\n2021年政府信息公开工作年度报告\n自然人 3 总计 1\n收到申请358件\n"
INJECTIONS = ("=cmd|' /C calc'!A0", "+1", "-1+1", "@SUM(1)")


def make_cell(row: str, col: str, value: int | float | None, start: int, **kw: object) -> Cell:
    raw = kw.pop("raw", None) or ("" if value is None else str(value))
    span = Span(start, start + len(raw)) if raw else None
    return Cell("applications", row, col, value, str(raw), span, **kw)  # type: ignore[arg-type]


def make_report(
    rid: str = "r1",
    agency: str | None = "济南市天桥区人民政府",
    year: int | None = 2021,
    *,
    source: str = "batch/001.txt",
    index: int = 0,
) -> Report:
    cells = {
        ("other.no_supplement", "natural"): make_cell("other.no_supplement", "natural", 3, 30),
        ("other.no_supplement", "total"): make_cell("other.no_supplement", "total", 1, 35),
        ("new", "natural"): make_cell("new", "natural", 340, 40),
        ("new", "total"): make_cell("new", "total", None, 0, raw="—", fill=Fill.DASH),
    }
    table = Table(
        "applications",
        "t2021",
        cells,
        span=Span(20, 60),
        missing=(("granted", "natural"),),
    )
    active = Table(
        "active",
        "t2019",
        {
            ("licensing", "change"): Cell(
                "active", "licensing", "change", -32, "-32", Span(10, 13)
            ),
            ("procurement", "amount"): Cell(
                "active",
                "procurement",
                "amount",
                104367.118823,
                "104367.118823万元",
                Span(14, 30),
                unit="万元",
            ),
        },
    )
    return Report(
        id=rid,
        source=source,
        index=index,
        text=TEXT,
        span=Span(0, len(TEXT)),
        agency=agency,
        agency_key=(agency or "").replace("人民政府", ""),
        year=year,
        template="t2021" if (year or 0) >= 2021 else "t2019",
        table_templates={"applications": "t2021", "active": "t2019"},
        tables={"applications": table, "active": active},
        narrative=(NarrativeFigure("applications.received", 358, Span(47, 50)),),
        file_sha256="ab" * 32,
    )


def make_finding(
    rid: str = "r1", message: str = "(六)其他处理第1项:各类申请人合计3件,总计栏填报1件"
) -> Finding:
    return Finding(
        rule="APP-ROW",
        severity=Severity.ERROR,
        message=message,
        report_id=rid,
        key=f"APP-ROW|{rid}|other.no_supplement",
        cells=(
            CellRef("applications", "other.no_supplement", "total"),
            CellRef("applications", "other.no_supplement", "natural"),
        ),
        spans=(Span(35, 36),),
        actual=1,
        expected=3,
        suggestions=((Edit("applications", "other.no_supplement", "total", 3),),),
        formula="3 ≠ 1",
    )
