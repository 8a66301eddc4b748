"""Hand-made batches for the workspace tests: real Report/Finding objects over a small text.

Two reports of the national template, written the way ingest writes a table (``cell | cell |``);
cell spans and finding keys are built here by hand, not by the parser under development.
"""

from __future__ import annotations

from gik_desk.model import Cell, CellRef, Finding, Report, Severity, Span, Table
from gik_desk.model.batch import Batch

REPORT_A = (
    "甲区人民政府2021年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "2021年本机关共收到政府信息公开申请12件,予以公开5件。\n"
    "三、收到和处理政府信息公开申请情况\n"
    "(六)其他处理 | 1.申请人无正当理由逾期不补正 | 3 | 0 | 1 |\n"
    "(七)总计 | 12 | 0 | 12 |\n"
)
REPORT_B = (
    "乙县人民政府2022年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "2022年本机关共收到政府信息公开申请20件,予以公开5件。\n"
    "三、收到和处理政府信息公开申请情况\n"
    "(六)其他处理 | 1.申请人无正当理由逾期不补正 | 2 | 0 | 2 |\n"
    "(七)总计 | 20 | 0 | 20 |\n"
)
EXTRA = (
    "丙镇人民政府2020年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "2020年本机关共收到政府信息公开申请5件,予以公开5件。\n"
)
SOURCE = "/data/reports/two.txt"
OTHER_SOURCE = "/data/reports/other.txt"
TOTAL_CELL = CellRef("applications", "other.1", "total")


def span_of(text: str, needle: str, after: str = "") -> Span:
    """Span of ``needle``'s first occurrence after ``after`` (itself found first)."""
    base = text.index(after) + len(after) if after else 0
    start = text.index(needle, base)
    return Span(start, start + len(needle))


def report(
    text: str, body: str, agency_key: str, year: int, *, source: str = SOURCE, index: int = 0
) -> Report:
    """The report ``body`` inside ``text``, with its 其他处理 1. 总计 cell located by hand."""
    start = text.index(body)
    span = Span(start, start + len(body))
    row_head = "逾期不补正 | "
    line = text[span.start :].split("\n(七)")[0]
    total_raw = line.rstrip(" |").rsplit("| ", 1)[1]
    total = span_of(text, f"| {total_raw} |\n(七)", after=text[start : start + 20]).shifted(2)
    total = Span(total.start, total.start + len(total_raw))
    cells = {
        ("other.1", "total"): Cell(
            "applications", "other.1", "total", int(total_raw), total_raw, total
        ),
    }
    assert row_head in body
    return Report(
        id=f"{source}#{index}",
        source=source,
        index=index,
        text=text,
        span=span,
        agency=agency_key,
        agency_key=agency_key,
        year=year,
        template="t2021",
        tables={"applications": Table("applications", "t2021", cells)},
        file_sha256="0" * 64,
    )


def finding(
    r: Report,
    rule: str = "APP-ROW",
    cells: tuple[CellRef, ...] = (TOTAL_CELL,),
    message: str = "各类申请人合计与总计栏不符",
) -> Finding:
    key = f"{rule}|{r.agency_key}|{r.year}|" + ",".join(c.key for c in cells)
    return Finding(rule, Severity.ERROR, message, r.id, key, cells)


def two_reports(extra_on_top: bool = False, a_text: str = REPORT_A) -> tuple[Report, Report]:
    text = (EXTRA if extra_on_top else "") + a_text + REPORT_B
    a = report(text, a_text, "甲区", 2021, index=1 if extra_on_top else 0)
    b = report(text, REPORT_B, "乙县", 2022, index=2 if extra_on_top else 1)
    return a, b


def batch(
    reports: tuple[Report, ...], findings: list[Finding], sources: tuple[str, ...] = (SOURCE,)
) -> Batch:
    return Batch(reports=list(reports), findings=findings, sources=list(sources))


def standard_batch(extra_on_top: bool = False, a_text: str = REPORT_A) -> Batch:
    """Both reports, each with an APP-ROW finding; A also with a narrative finding."""
    a, b = two_reports(extra_on_top, a_text)
    findings = [
        finding(a),
        finding(b),
        finding(a, rule="NARR-APP", cells=(), message="正文申请数与表格不符"),
    ]
    if "| 3 | 0 | 3 |" in a_text:  # corrected: A's row adds up, no APP-ROW finding
        findings = findings[1:]
    return batch((a, b), findings)
