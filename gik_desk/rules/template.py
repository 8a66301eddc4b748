"""Template checks: TPL-VERSION, TPL-ROWS, TPL-LABEL, TPL-SECTIONS, PARSE, BLANK, NOT-REPORT,
META-DATE. They say what the reviewer must read by hand; none of them guesses a number."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from datetime import date

from gik_desk.model import OCR, Cell, CellRef, Edit, Finding, Report, Table, Unread
from gik_desk.rules.registry import cell_spans, finding, fmt, report_check
from gik_desk.template import (
    APP_COLS,
    APPEAL_COLS,
    SECTION_KEYS,
    col_label,
    generation_for_year,
    normalise_label,
    row_label,
)
from gik_desk.template.labels import label_deviation as _label_deviation
from gik_desk.template.labels import official_label
from gik_desk.template.tables import (
    APPEAL_GROUP_SHORT,
    APPEAL_GROUP_WORDS,
    TABLE_SHORT,
    expected_cells,
    table_cols,
    table_rows,
)

_GEN_NAME = {
    "t2021": "2021年版(国办公开办函〔2021〕30号)",
    "t2019": "2019年版(国办公开办函〔2019〕60号)",
}
_KIND = {"truncated": "截断", "outdated": "沿用旧表述", "variant": "错别字或用词不同"}


def _short(table: str) -> str:
    return TABLE_SHORT.get(table, table)


def _order(table: Table) -> dict[tuple[str, str], int]:
    cells = expected_cells(table.name, table.template)
    out = {p: i for i, p in enumerate(cells)}
    for p in table.cells:
        out.setdefault(p, len(out))
    return out


def _ranker(table: Table) -> Callable[[tuple[str, str]], int]:
    order = _order(table)
    return lambda p: order.get(p, len(order))


@report_check
def check_not_report(report: Report) -> Iterator[Finding]:
    if report.is_report:
        return
    body = report.body_text.strip()
    title = report.title or (body.splitlines()[0][:40] if body else "")
    msg = (
        "该文件不是政府信息公开工作年度报告:未见表三(收到和处理政府信息公开申请情况),"
        f"标题中也没有“年度报告”字样(开头为“{title}”)。请确认是否误归入年报栏目。"
    )
    yield finding("NOT-REPORT", report, msg, spans=(report.span,), discriminator=report.source)


@report_check
def check_version(report: Report) -> Iterator[Finding]:
    want = generation_for_year(report.year)
    if not report.is_report or want not in _GEN_NAME:
        return
    for name in ("active", "applications"):
        table = report.tables.get(name)
        used = report.table_templates.get(name) or (table.template if table else None)
        if used not in _GEN_NAME or used == want:
            continue
        hint = ""
        if name == "applications" and used == "t2019":
            hint = "((六)其他处理只有一行,未分列逾期不补正、逾期未缴费和其他三项)"
        elif name == "applications":
            hint = "((六)其他处理分为三项)"
        msg = (
            f"{report.year}年度报告的{_short(name)}使用了{_GEN_NAME[used]}格式{hint},"
            f"应使用{_GEN_NAME[want]}格式。"
        )
        span = table.span if table is not None else None
        yield finding(
            "TPL-VERSION",
            report,
            msg,
            spans=(span,),
            discriminator=name,
            formula=f"{report.year}年度 → {want};{_short(name)} → {used}",
        )


def _whole(table: Table, missing: set[tuple[str, str]]) -> tuple[list[str], list[str]]:
    rows, cols, by_row, by_col = _template_groups(table.name, table.template)
    whole_rows = [r for r in rows if by_row[r] <= missing]
    whole_cols = [c for c in cols if by_col[c] <= missing and len(by_col[c]) > 1]
    return whole_rows, whole_cols


@functools.lru_cache(maxsize=64)
def _template_groups(
    name: str, template: str
) -> tuple[
    tuple[str, ...],
    tuple[str, ...],
    dict[str, frozenset[tuple[str, str]]],
    dict[str, frozenset[tuple[str, str]]],
]:
    """A template's rows, columns and required cells per row and per column, computed once
    per (table, generation) rather than per report and row (a batch checks ~1,000 tables)."""
    rows = tuple(r.key for r in table_rows(name, template))
    cols = tuple(c.key for c in table_cols(name, template))
    need = expected_cells(name, template)
    by_row = {r: frozenset(p for p in need if p[0] == r) for r in rows}
    by_col = {c: frozenset(p for p in need if p[1] == c) for c in cols}
    return rows, cols, by_row, by_col


# Pure functions of a few short strings that every report repeats: computed once a label.
label_deviation = functools.lru_cache(maxsize=8192)(_label_deviation)


@report_check
def check_rows_and_parse(report: Report) -> Iterator[Finding]:
    """TPL-ROWS for whole rows/columns absent or unknown; PARSE for everything not read."""
    if not report.is_report:
        return
    for table in report.tables.values():
        missing = set(table.missing)
        whole_rows, whole_cols = _whole(table, missing)
        unknown = [u for u in table.unread if "unknown" in u.reason or "未知" in u.reason]
        items = [f"“{row_label(table.name, r)}”行" for r in whole_rows]
        items += [f"“{col_label(table.name, c)}”列" for c in whole_cols]
        items += [f"模板中没有的“{u.text.strip()[:30]}”" for u in unknown]
        if items:
            covered = {p for p in missing if p[0] in whole_rows or p[1] in whole_cols}
            cells = tuple(CellRef(table.name, r, c) for r, c in sorted(covered, key=_ranker(table)))
            msg = f"{_short(table.name)}与模板不符:{'、'.join(items)}。"
            yield finding(
                "TPL-ROWS",
                report,
                msg,
                cells=cells,
                discriminator=table.name,
                spans=[table.span, *(u.span for u in unknown)],
            )
        else:
            covered = set()
        yield from _parse(
            report, table, missing - covered, [u for u in table.unread if u not in unknown]
        )


def _parse(
    report: Report, table: Table, missing: set[tuple[str, str]], unread: list[Unread]
) -> Iterator[Finding]:
    order = _order(table)
    undecided = sorted(
        (p for p, c in table.cells.items() if c.value is None and c.alternatives),
        key=lambda p: order.get(p, 0),
    )
    unread_ocr = sorted(
        (p for p, c in table.cells.items() if c.source == OCR and c.value is None),
        key=lambda p: order.get(p, 0),
    )
    what = []
    if unread_ocr:  # issue 29: a scanned figure below the confidence needed is never guessed
        shown = "、".join(
            f"“{row_label(table.name, r)}”行“{col_label(table.name, c)}”"
            f"(置信度 {table.cells[r, c].confidence or 0:.2f})"
            for r, c in unread_ocr[:4]
        )
        more = f"等 {len(unread_ocr)} 格" if len(unread_ocr) > 4 else ""
        what.append(f"扫描件中 {shown}{more}的数字识别不够确定,未读取,请对照原件录入")
    if not table.complete and not undecided and not unread_ocr:
        what.append("未能完整读取")
    if missing:
        what.append(f"有 {len(missing)} 格未在原文中找到")
    if undecided:
        shown = "、".join(
            f"“{row_label(table.name, r)}”行“{col_label(table.name, c)}”"
            f"({'或'.join(fmt(v) for v in sorted(table.cells[r, c].alternatives))})"
            for r, c in undecided[:4]
        )
        more = f"等 {len(undecided)} 格" if len(undecided) > 4 else ""
        what.append(f"{shown}{more}无法从原文唯一确定,未作判断")
    if unread:
        quoted = "、".join(f"“{u.text.strip()[:20]}”" for u in unread[:3])
        what.append(f"有 {len(unread)} 处文字无法对应到行列({quoted})")
    if what:
        named = sorted(missing | set(undecided) | set(unread_ocr), key=lambda p: order.get(p, 0))
        cells = tuple(CellRef(table.name, r, c) for r, c in named)
        msg = f"{_short(table.name)}{','.join(what)},请对照原文人工核对。"
        yield finding(
            "PARSE",
            report,
            msg,
            cells=cells,
            discriminator=table.name,
            spans=[
                table.span,
                *(u.span for u in unread),
                *(table.cells[p].span for p in (*undecided, *unread_ocr)),
            ],
        )
    yield from _derived_runs(report, table, order)
    for d in table.derivations:
        if d.kind != "digits":
            continue
        cols = [c.key for c in (APPEAL_COLS if table.name == "appeals" else APP_COLS)]
        cells = tuple(CellRef(table.name, d.row, c) for c in cols)
        label = f"“{row_label(table.name, d.row)}”行" if table.name != "appeals" else ""
        if len(d.options) == 1:
            vals = "、".join(fmt(v) for v in d.options[0])
            msg = (
                f"{_short(table.name)}{label}的数字在原文中连写为“{d.raw}”,值由数字串推断为 "
                f"{vals}(按本表勾稽关系唯一可行的拆分),并非直接读出,请核对原文。"
            )
            sugg: list[tuple[Edit, ...]] = []
        else:
            alts = " ".join(
                f"({i}){'、'.join(fmt(v) for v in o)}" for i, o in enumerate(d.options, 1)
            )
            msg = (
                f"{_short(table.name)}{label}的数字在原文中连写为“{d.raw}”,有 {len(d.options)} "
                f"种拆分都符合勾稽关系:{alts}。未作判断,请审核人对照原件确定。"
            )
            sugg = [
                tuple(Edit(table.name, d.row, c, v) for c, v in zip(cols, o, strict=False))
                for o in d.options
            ]
        yield finding(
            "PARSE",
            report,
            msg,
            cells=cells,
            spans=(d.span,),
            suggestions=sugg,
            discriminator=f"{table.name}:{d.row}:derived",
        )


def _derived_runs(
    report: Report, table: Table, order: dict[tuple[str, str], int]
) -> Iterator[Finding]:
    """One finding per table for the cells read from values printed one per line whose
    repeats were collapsed (``3 / 0 / 3``): read by the template's identities (表二 by the
    collapse alone), not cell by cell, so the reviewer checks them against the original."""
    runs = [d for d in table.derivations if d.kind == "runs"]
    derived = sorted(
        (p for p, c in table.cells.items() if c.derived and c.value is not None),
        key=lambda p: order.get(p, 0),
    )
    if not runs or not derived:
        return
    rows = len({r for r, _ in derived})
    checked = table.name in ("applications", "appeals")  # the tables with identities
    how = "按本表勾稽关系唯一确定" if checked else "按重复数值被合并的规律唯一确定"
    msg = (
        f"{_short(table.name)}有 {len(derived)} 格(涉及 {rows} 行)在原文中未逐格印出:"
        f"连续相同的数值只印一次(如“{runs[0].raw}”),或一个数字断在两行,值{how},"
        "并非逐格读出,请对照原件核对。"
    )
    yield finding(
        "PARSE",
        report,
        msg,
        cells=tuple(CellRef(table.name, r, c) for r, c in derived),
        spans=[d.span for d in runs],
        discriminator=f"{table.name}:derived-runs",
    )


@report_check
def check_blank(report: Report) -> Iterator[Finding]:
    """BLANK: one finding per block (a whole column, a whole row, else a row's blank cells)."""
    if not report.is_report:
        return
    for table in report.tables.values():
        if table.name not in TABLE_SHORT or table.name == "legacy":
            continue
        blank = {p: c for p, c in table.cells.items() if c.fill.is_blank}
        if not blank:
            continue
        order = _order(table)
        left = dict(blank)
        blocks: list[tuple[str, list[Cell]]] = []
        cols = [c.key for c in table_cols(table.name, table.template)]
        for col in cols:
            in_col = [c for (r, k), c in table.cells.items() if k == col]
            if len(in_col) > 1 and all(c.fill.is_blank for c in in_col):
                blocks.append((f"“{col_label(table.name, col)}”列整列", in_col))
                for c in in_col:
                    left.pop((c.row, c.col), None)
        rows: dict[str, list[Cell]] = {}
        for (r, _), c in left.items():
            rows.setdefault(r, []).append(c)
        for r, cs in rows.items():
            whole = all(c.fill.is_blank for (rr, _), c in table.cells.items() if rr == r)
            where = "" if table.name == "appeals" else f"“{row_label(table.name, r)}”行"
            blocks.append((where + ("整行" if whole else ""), cs))
        for where, cs in blocks:
            cs = sorted(cs, key=lambda c: order.get((c.row, c.col), 0))
            refs = tuple(CellRef(c.table, c.row, c.col) for c in cs)
            shown = "、".join(sorted({f"“{c.raw}”" if c.raw else "空白" for c in cs}))
            msg = (
                f"{_short(table.name)}{where}应填数字处未填(填为{shown}),共 {len(cs)} 格。"
                "留空不等于 0,涉及这些格的合计未作校验,请要求补填。"
            )
            yield finding("BLANK", report, msg, cells=refs, spans=cell_spans(report, refs))


def _col_deviation(table: Table, key: str, printed: str) -> tuple[str, str] | None:
    """(official label, kind) when a printed column header deviates; the table's generation
    decides the wording (2019 表二 says 处理决定数量, 2021 says 本年处理决定数量)."""
    return _col_deviation_of(table.name, table.template, key, printed)


@functools.lru_cache(maxsize=8192)
def _col_deviation_of(name: str, template: str, key: str, printed: str) -> tuple[str, str] | None:
    specs = {c.key: c for c in table_cols(name, template)}
    if key not in specs:
        return None
    official = specs[key].short if name == "appeals" else specs[key].label
    p, o = normalise_label(printed), normalise_label(official)
    for g in APPEAL_GROUP_WORDS:
        if p.startswith(g) and p != g:
            p = p[len(g) :]
    if not p or p == o:
        return None
    kind = "truncated" if o.startswith(p) else "variant"
    return official, kind


@report_check
def check_labels(report: Report) -> Iterator[Finding]:
    """TPL-LABEL: one finding per table listing every printed label that deviates."""
    if not report.is_report:
        return
    for table in report.tables.values():
        items: dict[tuple[str, str, str], list[str]] = {}
        rows: list[str] = []
        cols: list[str] = []
        spans = []
        for seen in table.labels:
            if seen.axis == "col":
                dev = _col_deviation(table, seen.key, seen.text)
                if dev is None:
                    continue
                official, kind = dev
                cols.append(seen.key)
            else:
                kind_ = label_deviation(table.name, seen.key, table.template, seen.text)
                if kind_ is None:
                    continue
                official, kind = official_label(table.name, seen.key, table.template), kind_
                rows.append(seen.key)
            where = items.setdefault((seen.text.strip(), official, kind), [])
            if table.name == "appeals" and "." in seen.key:
                where.append(APPEAL_GROUP_SHORT.get(seen.key.split(".")[0], ""))
            spans.append(seen.span)
        if not items:
            continue
        shown = ";".join(
            f"“{printed}”(规范表述为“{official}”,{_KIND[kind]}"
            + (f",见{'、'.join(dict.fromkeys(w))}" if w else "")
            + ")"
            for (printed, official, kind), w in items.items()
        )
        picked = {p for p in table.cells if p[0] in rows or p[1] in cols}
        cells = tuple(CellRef(table.name, r, c) for r, c in sorted(picked, key=_ranker(table)))
        msg = f"{_short(table.name)}以下栏目名称与规范表述不一致:{shown}。"
        yield finding("TPL-LABEL", report, msg, cells=cells, spans=spans, discriminator=table.name)


@report_check
def check_sections(report: Report) -> Iterator[Finding]:
    """TPL-SECTIONS on template years; skipped when no heading was recognised at all."""
    if not report.is_report or report.template not in _GEN_NAME or not report.sections:
        return
    present = {s.key for s in report.sections}
    missing = [k for k in SECTION_KEYS if k not in present]
    if missing:
        names = "、".join(f"“{SECTION_KEYS[k]}”" for k in missing)
        msg = f"报告缺少规定的部分:{names}(按标题文字识别,不按序号)。"
        yield finding(
            "TPL-SECTIONS",
            report,
            msg,
            spans=[s.span for s in report.sections],
            discriminator=",".join(missing),
        )


_COUNTY_UP = re.compile(r"(省|自治区|市|州|盟|县|区|旗)人民政府$")


def deadline(agency: str | None, year: int) -> tuple[date, str]:
    """The publication deadline for a report on ``year`` and whom it binds (RULES.md META-DATE)."""
    if year < 2019:
        return date(year + 1, 3, 31), "2019年以前各机关均为3月31日前"
    if agency and _COUNTY_UP.search(agency.strip()):
        return date(year + 1, 3, 31), "县级以上人民政府的本级年度报告应于3月31日前公布"
    return date(year + 1, 1, 31), "部门年度报告应于1月31日前公布"


@report_check
def check_date(report: Report) -> Iterator[Finding]:
    if not report.is_report or not report.published or report.year is None:
        return
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", report.published)
    if m is None:
        return
    pub = date(int(m[1]), int(m[2]), int(m[3]))
    due, who = deadline(report.agency, report.year)
    if pub > due:
        msg = f"网页所示发布时间 {pub.isoformat()} 晚于规定期限 {due.isoformat()}({who})。"
        yield finding(
            "META-DATE",
            report,
            msg,
            discriminator=report.published,
            formula=f"{pub.isoformat()} > {due.isoformat()}",
        )
