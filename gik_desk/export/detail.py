"""Per-body detail sheets: every report's tables as the template prints them, one under another.

One sheet per body (not per report) so 1,000 reports make ~200 sheets rather than 1,000, and a
body's years read top to bottom, oldest first. Columns are fixed and narrow enough for A4
portrait: the row label, at most seven figures, the mark. 表四's fifteen columns print as its
three groups under one another (结果维持 … 总计), the way a reader compares them anyway.
Row and column labels come from ``gik_desk.template``; offending cells are coloured, commented
and named in words in the 标记 column, as on the list sheets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Generator, Sequence
from pathlib import PurePath
from typing import Any

from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from gik_desk.export.layout import MARK_HEADER, _cell_value, _mark, _table_blocks
from gik_desk.export.printing import fit_height, fit_page
from gik_desk.export.sheets import HEADER_FILL, SEVERITY_FILL, TITLE_FONT, SheetBook, Styled
from gik_desk.export.sheets import styled_cell as _styled
from gik_desk.export.wording import report_name, template_label
from gik_desk.jobs import run_to_end
from gik_desk.model import Cell, Finding, Report, Severity, Table
from gik_desk.model.batch import Batch
from gik_desk.template import TABLE_NAMES, col_label, row_label
from gik_desk.template.tables import APPEAL_GROUPS, ColSpec, RowSpec

FIGURES = 7  # figure columns a row holds (表三's seven); wider tables continue on the next line
LABEL_WIDTH, FIGURE_WIDTH, MARK_WIDTH = 30, 8, 16
_TABLE_ORDER = ("active", "applications", "appeals", "legacy")
_APPEAL_PARTS = ("upheld", "corrected", "other", "pending", "total")
_APPEAL_PART_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")

Line = list[Any]


def body_key(r: Report) -> str:
    """The body a report belongs to: its normalised name, else its printed name."""
    return r.agency_key or r.agency or "(未识别机关)"


def _worst(fs: list[Finding]) -> Severity:
    return min((f.severity for f in fs), key=lambda s: s.rank)


def _figure(cell: Cell | None, fs: list[Finding] | None) -> Any:
    value = _cell_value(cell)
    note = cell.source_note if cell is not None else ""  # OCR / keyed (issue 29)
    if not fs:
        return Styled(value, comment=note) if note else value
    msg = "\n".join([note] * bool(note) + [f"[{f.severity.zh}] {f.rule}：{f.message}" for f in fs])
    return Styled(value, fill=SEVERITY_FILL[_worst(fs)], comment=msg)


def _header(heading: str, labels: Sequence[str]) -> Line:
    cells: list[str | None] = [heading or "项目", *labels]
    cells += [None] * (FIGURES + 1 - len(cells))
    return [Styled(h, fill=HEADER_FILL, bold=True, wrap=True) for h in cells] + [
        Styled(MARK_HEADER, fill=HEADER_FILL, bold=True, wrap=True)
    ]


def _row(label: str, values: Sequence[Any], marks: list[Finding]) -> Line:
    out: Line = [Styled(label, wrap=True), *values]
    out += [None] * (FIGURES + 1 - len(out))
    return [*out, Styled(_mark(marks), wrap=True) if marks else None]


def _grid_lines(name: str, table: Table, by_cell: dict[str, list[Finding]]) -> list[Line]:
    """A table's blocks, seven figure columns at a time; cells no block places listed after."""
    lines: list[Line] = []
    placed: set[tuple[str, str]] = set()
    for heading, rows, cols in _table_blocks(table):
        for start in range(0, max(len(cols), 1), FIGURES):
            part = cols[start : start + FIGURES]
            keys = [c.key if isinstance(c, ColSpec) else c for c in part]
            labels = [c.display if isinstance(c, ColSpec) else col_label(name, c) for c in part]
            lines.append(_header(heading, labels))
            for r in rows:
                rkey = r.key if isinstance(r, RowSpec) else r
                if isinstance(r, RowSpec):
                    label = f"{r.group} {r.label}".strip()
                else:
                    label = row_label(name, r, short=False)
                marks: list[Finding] = []
                values = []
                for ck in keys:
                    placed.add((rkey, ck))
                    fs = by_cell.get(f"{name}/{rkey}/{ck}")
                    marks += fs or []
                    values.append(_figure(table.cells.get((rkey, ck)), fs))
                lines.append(_row(label, values, marks))
    for (rkey, ck), x in table.cells.items():
        if (rkey, ck) not in placed:  # cells the template does not place: listed, never dropped
            label = f"{row_label(name, rkey, short=False)} / {col_label(name, ck)}"
            lines.append(_row(label, [_cell_value(x)], []))
    return lines


def _appeal_lines(table: Table, by_cell: dict[str, list[Finding]]) -> list[Line]:
    """表四 as its three groups under one another: five columns instead of fifteen."""
    lines: list[Line] = [_header("", list(_APPEAL_PART_LABELS))]
    for group, label in APPEAL_GROUPS:
        marks: list[Finding] = []
        values = []
        for part in _APPEAL_PARTS:
            ck = f"{group}.{part}"
            fs = by_cell.get(f"appeals/count/{ck}")
            marks += fs or []
            values.append(_figure(table.cells.get(("count", ck)), fs))
        lines.append(_row(label, values, marks))
    known = {f"{g}.{p}" for g, _ in APPEAL_GROUPS for p in _APPEAL_PARTS}
    for (rkey, ck), x in table.cells.items():
        if rkey != "count" or ck not in known:
            label = f"{row_label('appeals', rkey, short=False)} / {col_label('appeals', ck)}"
            lines.append(_row(label, [_cell_value(x)], []))
    return lines


def report_lines(report: Report, findings: list[Finding]) -> list[Line]:
    """One report's block: a heading naming it, then each table under its own title."""
    by_cell: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        for c in f.cells:
            by_cell[c.key].append(f)
    counts = [
        f"{s.zh} {n}"
        for s in Severity
        if (n := sum(1 for f in findings if f.severity is s))
    ]  # fmt: skip
    heading = Styled(report_name(report), bold=True, wrap=True)
    lines: list[Line] = [
        [],
        [heading, template_label(report.template), None, "问题：" + ("、".join(counts) or "无")],
        ["文件", PurePath(report.source).name, None, None, None, None, None, None, None],
    ]
    if not report.tables:
        lines.append(["(未读到统计表)"])
    names = [n for n in _TABLE_ORDER if n in report.tables]
    names += [n for n in report.tables if n not in names]
    for name in names:
        table = report.tables[name]
        lines.append([Styled(TABLE_NAMES.get(name, name), bold=True)])
        if name == "appeals":
            lines += _appeal_lines(table, by_cell)
        else:
            lines += _grid_lines(name, table, by_cell)
    return lines


def _write(ws: WriteOnlyWorksheet, n: int, line: Line, widths: list[float]) -> None:
    fit_height(ws, n, line, widths, (0, FIGURES + 1))
    ws.append(line)  # Styled values as they are: the sheet's row writer gives them their look


def write_detail_sheets(book: SheetBook, batch: Batch) -> list[str]:
    """One sheet per body, its reports oldest first; returns the sheet titles."""
    steps = detail_sheet_steps(book, batch)
    return run_to_end(steps)


def detail_sheet_steps(book: SheetBook, batch: Batch) -> Generator[str, None, list[str]]:
    """``write_detail_sheets`` one body at a time: yields each body's name once written, so an
    export can show progress and stop between bodies (the bulk of a large workbook)."""
    bodies: dict[str, list[Report]] = defaultdict(list)
    for r in batch.reports:
        bodies[body_key(r)].append(r)
    by_report = batch.findings_by_report()
    widths = [LABEL_WIDTH, *([FIGURE_WIDTH] * FIGURES), MARK_WIDTH]
    titles = []
    for reports in bodies.values():
        reports.sort(key=lambda r: (r.year or 0, r.source, r.index))
        name = reports[0].agency or "(未识别机关)"
        ws = book.sheet(name)
        titles.append(book.titles[-1])
        final = fit_page(ws, widths, book.info, wrap=[0, FIGURES + 1])
        ws.freeze_panes = "A2"
        title = _styled(ws, Styled(f"{name}　各年度统计表（{len(reports)}份报告）", bold=True))
        title.font = TITLE_FONT
        ws.append([title])
        n = 1
        for r in reports:
            for line in report_lines(r, by_report.get(r.id, [])):
                n += 1
                _write(ws, n, line, final)
        yield name
    return titles
