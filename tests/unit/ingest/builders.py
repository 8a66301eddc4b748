"""Fixture builders: render a report's blocks (paragraphs and merged tables) into each format.

A table is given in HTML flow order (rows of ``C(text, rowspan, colspan)``); every builder
places it on a grid with its own small placer (not the code under test) and writes the native
merge structure: HTML rowspan/colspan, DOCX gridSpan/vMerge (python-docx ``merge``), PDF ruled
cells with SPAN (reportlab), XLSX merged ranges (openpyxl), GB18030 text as row lines.
``template_report`` lays out a report's values in the national template (labels from
``gik_desk.template``) so the parse tests can render any report the same way.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from gik_desk.template import ACTIVE_BLOCKS, APP_COLS, APPEAL_COLS, APPEAL_GROUPS, app_rows
from gik_desk.template.tables import APP_COL_GROUP

Number = int | float


@dataclass(frozen=True)
class C:
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class T:
    rows: tuple[tuple[C, ...], ...]
    pdf_widths: tuple[float, ...] | None = None  # column widths in points for make_pdf


Block = str | T


def table(*rows: Sequence[C | str | Number | None]) -> T:
    """Rows of cells; plain values become one-slot cells, None a blank cell."""
    return T(tuple(tuple(c if isinstance(c, C) else C(_txt(c)) for c in row) for row in rows))


def _txt(v: object) -> str:
    return "" if v is None else str(v)


@dataclass(frozen=True)
class PlacedCell:
    row: int
    col: int
    text: str
    rowspan: int
    colspan: int


def place(t: T) -> tuple[list[PlacedCell], int, int]:
    """Grid positions of a flow-order table (test-side, deliberately simple)."""
    taken: set[tuple[int, int]] = set()
    out: list[PlacedCell] = []
    n_cols = 0
    for r, row in enumerate(t.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append(PlacedCell(r, c, cell.text, cell.rowspan, cell.colspan))
            for rr in range(r, r + cell.rowspan):
                for cc in range(c, c + cell.colspan):
                    taken.add((rr, cc))
            c += cell.colspan
            n_cols = max(n_cols, c)
    return out, len(t.rows), n_cols


def grid_tuples(t: T) -> list[tuple[int, int, str, int, int]]:
    """What a reader must recover: (row, col, text, rowspan, colspan) of each origin cell."""
    cells, _, _ = place(t)
    return [(c.row, c.col, c.text, c.rowspan, c.colspan) for c in cells]


def row_lines(t: T) -> list[str]:
    """The ingest text form of a table: ``cell | cell |`` per row, origins only."""
    cells, n_rows, _ = place(t)
    lines = []
    for r in range(n_rows):
        row = sorted((c for c in cells if c.row == r), key=lambda c: c.col)
        if row:
            lines.append(" ".join(f"{c.text} |" for c in row))
    return lines


# ---- formats ---------------------------------------------------------------------------------


def make_html(
    blocks: Sequence[Block],
    *,
    charset: str | None = "utf-8",
    encoding: str = "utf-8",
    head_extra: str = "",
    title: str = "年度报告",
) -> bytes:
    parts = ["<!DOCTYPE html><html><head>"]
    if charset:
        parts.append(f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">')
    parts.append(f"<title>{html.escape(title)}</title>{head_extra}</head><body>")
    parts.append("<script>var x = '不应出现的脚本文字';</script><!-- 注释也不应出现 -->")
    for b in blocks:
        if isinstance(b, str):
            parts.append(f"<p>{html.escape(b)}</p>")
            continue
        parts.append('<table border="1" cellspacing="0">')
        for row in b.rows:
            parts.append("<tr>")
            for c in row:
                attrs = ""
                if c.rowspan > 1:
                    attrs += f' rowspan="{c.rowspan}"'
                if c.colspan > 1:
                    attrs += f' colspan="{c.colspan}"'
                body = html.escape(c.text) if c.text else "&nbsp;"
                parts.append(f"<td{attrs}><p>{body}</p></td>")
            parts.append("</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts).encode(encoding)


def make_docx(blocks: Sequence[Block], path: Path) -> Path:
    import docx

    d = docx.Document()
    for b in blocks:
        if isinstance(b, str):
            d.add_paragraph(b)
            continue
        cells, n_rows, n_cols = place(b)
        tbl = d.add_table(rows=n_rows, cols=n_cols)
        tbl.style = "Table Grid"
        for c in cells:
            origin = tbl.cell(c.row, c.col)
            if c.rowspan > 1 or c.colspan > 1:
                origin = origin.merge(tbl.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
            origin.text = c.text
    d.save(str(path))
    return path


def make_pdf(blocks: Sequence[Block], path: Path, *, page_per_table: bool = True) -> Path:
    """Ruled tables in the bundled CJK font, embedded (``tests/cjkfont.py``)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    from tests.cjkfont import cjk_font

    font = cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=font, fontSize=7, leading=9, wordWrap="CJK")
    story: list[object] = []
    width = A4[0] - 72
    for b in blocks:
        if isinstance(b, str):
            story.append(Paragraph(html.escape(b), body))
            continue
        cells, n_rows, n_cols = place(b)
        data: list[list[object]] = [["" for _ in range(n_cols)] for _ in range(n_rows)]
        style: list[tuple[object, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
        for c in cells:
            data[c.row][c.col] = Paragraph(html.escape(c.text), cell) if c.text else ""
            if c.rowspan > 1 or c.colspan > 1:
                end = (c.col + c.colspan - 1, c.row + c.rowspan - 1)
                style.append(("SPAN", (c.col, c.row), end))
        widths = list(b.pdf_widths) if b.pdf_widths else _col_widths(b, n_cols, width)
        if page_per_table:
            story.append(PageBreak())
        story.append(Table(data, colWidths=widths, style=TableStyle(style)))
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=36, rightMargin=36, topMargin=36, bottomMargin=36
    )
    doc.build(story)
    return path


def _col_widths(t: T, n_cols: int, width: float) -> list[float]:
    """Label columns wide, number columns narrow; a 1-char column for vertical group labels."""
    cells, _, _ = place(t)
    numeric = [True] * n_cols
    for c in cells:
        if c.colspan == 1 and c.text and not c.text.replace(".", "").isdigit():
            numeric[c.col] = False
    widths = [28.0 if n else 0.0 for n in numeric]
    rest = width - sum(widths)
    labels = [i for i, n in enumerate(numeric) if not n]
    for i in labels:
        widths[i] = rest / len(labels)
    return widths


def make_xlsx(blocks: Sequence[Block], path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "年报"
    r0 = 1
    for b in blocks:
        if isinstance(b, str):
            ws.cell(r0, 1, b)
            r0 += 2
            continue
        cells, n_rows, _ = place(b)
        for c in cells:
            value: object = int(c.text) if c.text.isdigit() else (c.text or None)
            ws.cell(r0 + c.row, 1 + c.col, value)
            if c.rowspan > 1 or c.colspan > 1:
                ws.merge_cells(
                    start_row=r0 + c.row,
                    start_column=1 + c.col,
                    end_row=r0 + c.row + c.rowspan - 1,
                    end_column=c.col + c.colspan,
                )
        r0 += n_rows + 1
    wb.save(str(path))
    return path


def make_text(blocks: Sequence[Block]) -> str:
    lines: list[str] = []
    for b in blocks:
        lines.extend([b] if isinstance(b, str) else row_lines(b))
    return "\n".join(lines) + "\n"


# ---- the national template -------------------------------------------------------------------

APP_HEADER = "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"


def active_table(values: Mapping[tuple[str, str], Number | None]) -> T:
    """表二 (2021 template) as published: each 第二十条 block a full-width row."""
    rows: list[list[C]] = []
    for block in ACTIVE_BLOCKS["t2021"]:
        rows.append([C(block.article, colspan=4)])
        span = 3 - len(block.cols)  # four columns: the label and up to three values
        head = [C("信息内容")] + [C(c.label) for c in block.cols]
        if span:
            head[-1] = C(head[-1].text, colspan=1 + span)
        rows.append(head)
        for r in block.rows:
            cells = [C(r.label)]
            vals = [C(_txt(values.get((r.key, c.key)))) for c in block.cols]
            if span:
                vals[-1] = C(vals[-1].text, colspan=1 + span)
            rows.append(cells + vals)
    return T(tuple(tuple(r) for r in rows))


def applications_table(values: Mapping[str, Sequence[Number | None]]) -> T:
    """表三 (2021 template): three header rows, row groups as rowspans in the first columns."""
    rows: list[list[C]] = [
        [C(APP_HEADER, rowspan=3, colspan=3), C("申请人情况", colspan=7)],
        [
            C(APP_COLS[0].label, rowspan=2),
            C(APP_COL_GROUP, colspan=5),
            C(APP_COLS[-1].label, rowspan=2),
        ],
        [C(c.label) for c in APP_COLS[1:-1]],
    ]
    specs = app_rows("t2021")
    keys = [r.key for r in specs]
    results = keys[keys.index("granted") : keys.index("total") + 1]
    groups: dict[str, int] = {}
    for r in specs:
        if r.key in results[:-1] and r.group and not r.group.startswith("三、"):
            groups[r.group] = groups.get(r.group, 0) + 1
    seen: set[str] = set()
    for r in specs:
        vals = [C(_txt(v)) for v in values[r.key]]
        lead: list[C] = []
        if r.key == results[0]:
            lead.append(C(r.group, rowspan=len(results)))
        if r.key not in results:
            lead.append(C(r.label, colspan=3))
        elif r.group in groups:
            if r.group not in seen:
                seen.add(r.group)
                lead.append(C(r.group, rowspan=groups[r.group]))
            lead.append(C(r.label))
        else:
            lead.append(C(r.label, colspan=2))
        rows.append(lead + vals)
    # a one-character column makes the PDF print 三、本年度办理结果 vertically, as real reports do
    return T(tuple(tuple(r) for r in rows), (14.0, 52.0, 190.0, *([30.0] * 7)))


def appeals_table(values: Sequence[Number | None]) -> T:
    """表四: 行政复议 | 行政诉讼 over two sub-groups, five result columns each."""
    parts = [c.short for c in APPEAL_COLS[:5]]
    review, direct, after = (label.split(" · ")[-1] for _, label in APPEAL_GROUPS)
    return T(
        (
            (C(review, colspan=5), C("行政诉讼", colspan=10)),
            (*(C(p, rowspan=2) for p in parts), C(direct, colspan=5), C(after, colspan=5)),
            tuple(C(p) for p in parts * 2),
            tuple(C(_txt(v)) for v in values),
        )
    )


def app_rows_spec() -> tuple[object, ...]:
    """The 表三 row specs of the 2021 template (labels for tests to look rows up by)."""
    return tuple(app_rows("t2021"))


def app_rows_keys() -> list[str]:
    """The 表三 row keys of the 2021 template, in printed order."""
    return [r.key for r in app_rows("t2021")]


def template_report(
    title: str,
    active: Mapping[tuple[str, str], Number | None],
    applications: Mapping[str, Sequence[Number | None]],
    appeals: Sequence[Number | None],
    intro: Sequence[str] = (),
) -> list[Block]:
    """A whole 2021-template report: title, prose, the three tables under their headings."""
    return [
        title,
        "一、总体情况",
        *intro,
        "二、主动公开政府信息情况",
        active_table(active),
        "三、收到和处理政府信息公开申请情况",
        applications_table(applications),
        "四、政府信息公开行政复议、行政诉讼情况",
        appeals_table(appeals),
        "五、存在的主要问题及改进情况",
        "无。",
    ]
