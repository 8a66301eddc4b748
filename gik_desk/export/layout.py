"""Sheets laid out for reading: each report's tables as printed, and the 说明 sheet.

Row and column labels come from ``gik_desk.template`` (the one home of labels), never copies.
"""

from __future__ import annotations

from typing import Any

import gik_desk
from gik_desk.export.catalogue import catalogue_version, rule_catalogue
from gik_desk.export.cells import safe_row, safe_value
from gik_desk.export.printing import fit_height, fit_page
from gik_desk.export.sheets import HEADER_FILL, SEVERITY_FILL, TITLE_FONT, SheetBook, Styled
from gik_desk.export.sheets import styled_cell as _styled
from gik_desk.export.wording import now_local
from gik_desk.model import Cell, Finding, Severity, Table
from gik_desk.model.batch import Batch
from gik_desk.model.review import ReviewSnapshot
from gik_desk.template import APP_COLS, APPEAL_COLS, app_rows
from gik_desk.template.tables import ACTIVE_BLOCKS, ColSpec, RowSpec

MARK_HEADER = "标记(严重程度)"


def _cell_value(c: Cell | None) -> Any:
    if c is None:
        return None
    if c.is_number:
        return c.value
    return c.raw or None


def _mark(fs: list[Finding]) -> str:
    return "、".join(sorted({f"{f.severity.zh}({f.rule})" for f in fs}))


def _table_blocks(table: Table) -> list[tuple[str, list[RowSpec | str], list[ColSpec | str]]]:
    """(heading, rows, columns) blocks of a table as the template prints it."""
    if table.name == "applications":
        return [("", list(app_rows(table.template)), list(APP_COLS))]
    if table.name == "appeals":
        return [("", ["count"], list(APPEAL_COLS))]
    if table.name == "active" and table.template in ACTIVE_BLOCKS:
        return [(b.article, list(b.rows), list(b.cols)) for b in ACTIVE_BLOCKS[table.template]]
    rows: list[RowSpec | str] = list(table.rows())
    cols: list[ColSpec | str] = list(dict.fromkeys(c for _, c in table.cells))
    return [("", rows, cols)]


_SHEETS = (
    (
        "汇总",
        "每份报告一行：文件、机关、年度、模板、各严重程度的问题数；"
        "无法读取的文件也列出并写明原因。",
    ),
    (
        "统计",
        "与“统计看板”同一算法的数字，三块并排：问题按规则与严重程度计数(规则名称取自规则目录)；"
        "每个机关逐年的关键数据(本年新收、办理结果总计、结转下年度、行政复议、行政诉讼，"
        "同一机关同一年度取第一份报告)，有统计表时取表内总计，2019年前无统计表的报告取正文所述数字，"
        "“数据来源”列写明哪些数字取自正文，空白为未读到；复核进度按审核状态计数"
        "(未导出审核工作区时全部为待核实)。",
    ),
    (
        "问题清单",
        "每个问题一行：规则编号与名称、严重程度(错误/警告/提示)、说明、"
        "涉及单元格(按官方行列名称)、发现值、应为、建议更正；"
        "导出审核工作区时另有审核状态(下拉选择)、备注、审核人、时间；"
        "最右两列(隐藏)为问题键与校验码，隐藏的“导出基准”表记下导出时的状态与备注："
        "同事在 Excel/WPS 中填写状态与备注后，可用“文件 ▸ 导入审核表”导回工作区"
        "(可排序、可删行，请勿改动隐藏列)。",
    ),
    (
        "表格数据",
        "所有报告的统计表逐格一行：表、行、列(官方名称)、数值、原文；"
        "“推断”为“是”表示数值由连写数字拆分推断而来，非直接读取；"
        "有问题的单元格着色、加批注，并在“问题”列写明严重程度与规则编号。",
    ),
    ("批注", "审核人在原文或单元格上的批注及其引文；无法重新定位的批注注明原因。"),
    ("操作记录", "审核工作区的操作日志：时间、操作人、操作、对象、修改前后。"),
    ("说明", "本页：各工作表含义、规则目录(名称、依据)与版本、工具版本、源文件 SHA-256。"),
    (
        "(每个机关一页)",
        "每个机关一个工作表，其各年度报告按年份自上而下排列，表二、表三、表四按官方表式，"
        "表四三组上下排列；问题单元格着色、加批注，行末“标记”列写明严重程度与规则编号。",
    ),
)
_HIDDEN_NOTE = "(隐藏工作表，取消隐藏即可筛选；打印时以各机关工作表为准)"


def write_notes(book: SheetBook, batch: Batch, review: ReviewSnapshot | None) -> None:
    """What each sheet and column means, the rule catalogue, versions and file hashes."""
    ws = book.sheet("说明")
    widths = fit_page(ws, [14, 80, 8, 6], book.info, wrap=[0, 1], title_rows=None)
    n = 0

    def append(values: list[Any]) -> None:
        nonlocal n
        n += 1
        fit_height(ws, n, values, widths, (1,))
        ws.append(values)

    def head(*values: str) -> None:
        append([_styled(ws, Styled(v, fill=HEADER_FILL, bold=True)) for v in values])

    def line(*values: Any) -> None:  # long text wraps inside the page
        append([_styled(ws, Styled(v, wrap=True)) if isinstance(v, str) else v for v in values])

    title = _styled(ws, Styled("GIK Desk 政府信息公开年报审核台 — 审核结果说明", bold=True))
    title.font = TITLE_FONT
    append([title])
    append(safe_row(ws, ["工具版本", gik_desk.__version__]))
    append(safe_row(ws, ["导出时间", now_local()]))
    if review is not None and review.workspace_path:
        append(safe_row(ws, ["审核工作区", review.workspace_path]))
    append([])
    head("工作表", "含义")
    for name, text in _SHEETS:
        line(name, f"{text}{_HIDDEN_NOTE}" if name == "表格数据" else text)
    append([])
    head("严重程度", "含义(颜色仅为辅助，文字为准)")
    for sev, text in (
        (Severity.ERROR, "表内勾稽关系不成立(算术错误)"),
        (Severity.WARNING, "需审核人核实：文字与表格、逐年衔接、表式版本等"),
        (Severity.INFO, "值得一看：标签措辞、发布时间等"),
    ):
        append([_styled(ws, Styled(sev.zh, fill=SEVERITY_FILL[sev])), safe_value(ws, text)])
    append([])
    if catalogue_version():
        append(safe_row(ws, ["规则目录版本", catalogue_version()]))
    head("规则编号", "规则名称与依据", "严重程度", "版本")
    catalogue = rule_catalogue()
    seen = sorted({f.rule for f in batch.findings} | set(catalogue))
    for rid in seen:
        info = catalogue.get(rid)
        level = info.severity if info else ""
        sev_zh = Severity(level).zh if level in set(Severity) else level
        text = f"{info.title}\n依据：{info.basis}" if info else rid
        line(rid, text, sev_zh, info.version if info else "")
    append([])
    head("源文件", "SHA-256")
    hashes: dict[str, str] = {}
    for r in batch.reports:
        hashes.setdefault(r.source, r.file_sha256)
    for p in batch.problems:
        hashes.setdefault(p.source, "(无法读取)")
    for src, sha in hashes.items():
        append(safe_row(ws, [src, sha]))
