"""The reviewer's workbook: summary, statistics, findings, table data, review sheets, notes.

Every cell goes through the one guard (``export/cells.py``); the file is written atomically.
Colour is never the only signal: each coloured cell also carries the severity word.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Generator, Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from gik_desk.atomic import atomic_open
from gik_desk.export.catalogue import rule_basis, rule_title
from gik_desk.export.cells import display_width
from gik_desk.export.detail import body_key, detail_sheet_steps
from gik_desk.export.journal import Namer, annotation_row, damaged_review_row, event_row
from gik_desk.export.layout import write_notes
from gik_desk.export.printing import PRINT_SCALE, PrintInfo
from gik_desk.export.rectification_sheet import write_rectification
from gik_desk.export.review_keys import (
    BASELINE_HEADERS,
    BASELINE_SHEET,
    CELLS_HEADER,
    CHECK_HEADER,
    FIGURES_HEADER,
    KEY_HEADER,
    NOTE_HEADER,
    OUTWARD_HEADER,
    PLACE_HEADER,
    REPORT_HEADER,
    RULE_HEADER,
    STATUS_HEADER,
    finding_columns,
    print_end,
    row_checksum,
)
from gik_desk.export.sheets import SEVERITY_FILL, SheetBook, Styled
from gik_desk.export.stats import write_stats
from gik_desk.export.wording import (
    cell_words,
    cells_summary,
    figures_text,
    now_local,
    report_name,
    suggestion_text,
    template_label,
)
from gik_desk.jobs import run_to_end
from gik_desk.model import CellRef, Finding, Report, Severity
from gik_desk.model.batch import Batch
from gik_desk.model.formats import body_name
from gik_desk.model.rectification import BodyRectification
from gik_desk.model.review import ReviewSnapshot, ReviewStatus
from gik_desk.model.times import local_time
from gik_desk.template import cell_label

SUMMARY = "汇总"
FINDINGS = "问题清单"
DATA = "表格数据"
ANNOTATIONS = "批注"
VERSIONS = "版本比较"
EVENTS = "操作记录"


def _select(batch: Batch, report_ids: Iterable[str] | None) -> Batch:
    if report_ids is None:
        return batch
    keep = set(report_ids)
    return Batch(
        reports=[r for r in batch.reports if r.id in keep],
        findings=[f for f in batch.findings if f.report_id in keep],
        problems=[],
        sources=list(batch.sources),
    )


def _worst(findings: list[Finding]) -> Severity:
    return min((f.severity for f in findings), key=lambda s: s.rank)


def _summary(book: SheetBook, batch: Batch, review: ReviewSnapshot | None) -> None:
    by_report = batch.findings_by_report()
    # who, which year, which form and how far the review is lead; the file path comes last
    headers = ["机关", "年度", "模板", "审核", "错误", "警告", "提示", "问题合计", "版本", "说明"]
    headers += ["文件", "序号"]
    versions: Counter[tuple[str | None, int | None]] = Counter(
        (r.agency_key, r.year) for r in batch.reports if r.agency_key and r.year
    )
    rows: list[list[Any]] = []
    for r in batch.reports:
        fs = by_report.get(r.id, [])
        sev = Counter(f.severity for f in fs)
        done = 0
        if review is not None:
            done = sum(
                1
                for f in fs
                if (rv := review.reviews.get(f.key)) and rv.status is not ReviewStatus.PENDING
            )
        state = "无问题" if not fs else f"已审核 {done}/{len(fs)}"
        body = body_name(r.agency, parenthesised=True)
        row: list[Any] = [body, r.year, template_label(r.template), state]
        row += [sev[Severity.ERROR], sev[Severity.WARNING], sev[Severity.INFO], len(fs)]
        several = versions[(r.agency_key, r.year)] > 1
        left_out = "其他版本(不计入统计)"
        if done and not r.current:  # the reviewer's decisions the statistics skip (issue 23)
            left_out = f"其他版本(不计入统计；其上 {done} 个审核决定不计入)"
        row.append(("现行版本" if r.current else left_out) if several else "")
        note = "" if r.is_report else "不是年度报告"
        if fs:
            worst = _worst(fs)
            row[0] = Styled(row[0], fill=SEVERITY_FILL[worst])
            note = "；".join(x for x in (note, f"最高严重程度：{worst.zh}") if x)
        row += [note, r.source, r.index + 1]
        rows.append(row)
    for p in batch.problems:
        row = ["(无法读取)", None, None, None, None, None, None, None, None]
        row += [f"无法读取({p.code})：{p.message}", p.source, None]
        rows.append(row)
    # on paper (issue 24): the room shared by what the texts need, a file's name never broken
    # (its folders wrap), every cell at the top of its row
    names = [display_width(re.split(r"[\\/]", str(r[-2]))[-1]) for r in rows if r[-2]]
    bodies = [display_width(str(getattr(r[0], "value", r[0]))) for r in rows]
    whole = [min(max(bodies, default=8) + 2, 30), min(max(names, default=8) + 2, 40)]
    floors = [whole[0], 99, 99, 99, 99, 99, 99, 99, 8, 10, whole[1], 99]
    book.table(
        SUMMARY,
        headers,
        rows,
        wrap_cols=[0, 8, 9, 10],
        cap=40,
        max_widths=floors,
        scale=PRINT_SCALE,
        align_top=True,
    )


def _findings(
    book: SheetBook, batch: Batch, review: ReviewSnapshot | None
) -> tuple[dict[str, list[Finding]], list[list[Any]]]:
    """The findings sheet; returns findings by cell key per report for the data sheets, and
    the 导出基准 rows (what each finding's status and note were when exported)."""
    order = {r.id: i for i, r in enumerate(batch.reports)}
    reports = {r.id: r for r in batch.reports}
    fs = sorted(batch.findings, key=lambda f: (order.get(f.report_id, 1 << 30), f.severity.rank))
    columns = finding_columns(review is not None)
    headers = [c.header for c in columns]
    rows: list[list[Any]] = []
    baseline: list[list[Any]] = []
    by_cell: dict[str, list[Finding]] = defaultdict(list)
    for f in fs:
        r = reports.get(f.report_id)
        for c in f.cells:
            by_cell[f"{f.report_id}|{c.key}"].append(f)
        rv = review.reviews.get(f.key) if review is not None else None
        status = rv.status if rv else ReviewStatus.PENDING
        note = rv.note if rv else ""
        name = report_name(r) if r else f.report_id
        values: dict[str, Any] = {
            REPORT_HEADER: name,
            "严重程度": Styled(f.severity.zh, fill=SEVERITY_FILL[f.severity]),
            "规则名称": rule_title(f.rule),
            "说明": f.message,
            "依据": rule_basis(f.rule),
            CELLS_HEADER: "；".join(cell_label(c.table, c.row, c.col) for c in f.cells),
            "发现值": f.actual,
            "应为": f.expected,
            "建议更正": suggestion_text(f),
            RULE_HEADER: f.rule,
            PLACE_HEADER: cells_summary(f.cells),
            FIGURES_HEADER: figures_text(f, _end_values(r, f)),
            "文件": r.source if r else "",
            "计算式": f.formula,
        }
        if review is not None:
            check = row_checksum(f.key, status, note)
            values |= {
                STATUS_HEADER: status.label,
                NOTE_HEADER: note,
                OUTWARD_HEADER: review.outward.get(f.key, ""),
                "审核人": rv.reviewer if rv else "",
                "审核时间": local_time(rv.updated) if rv else "",
                KEY_HEADER: f.key,
                CHECK_HEADER: check,
            }
            origin = [review.workspace_path, review.workspace_id]
            baseline.append([f.key, name, f.rule, status.label, note, check, values[OUTWARD_HEADER],
                             *origin])  # fmt: skip
        rows.append([values[h] for h in headers])
    validation = None
    if review is not None:
        validation = (headers.index(STATUS_HEADER), [s.label for s in ReviewStatus.ordered()])
    end = print_end(columns)
    book.table(
        FINDINGS,
        headers,
        rows,
        wrap_cols=[i for i, c in enumerate(columns) if c.wrap],
        validation=validation,
        print_cols=end,
        max_widths=[c.width for c in columns],
        hidden_cols=[i for i, c in enumerate(columns) if c.hidden],
        aside_cols=[i for i, c in enumerate(columns[:end]) if not (c.printed or c.hidden)],
        scale=PRINT_SCALE,
        align_top=True,
    )
    return by_cell, baseline


def _end_values(report: Report | None, f: Finding) -> dict[CellRef, Any]:
    """The numbers of a finding's first and last cells (where an identity's total sits)."""
    if report is None or not f.cells:
        return {}
    out: dict[CellRef, Any] = {}
    for c in (f.cells[0], f.cells[-1]):
        table = report.tables.get(c.table)
        cell = table.cells.get((c.row, c.col)) if table is not None else None
        if cell is not None and cell.is_number:
            out[c] = cell.value
    return out


def _baseline(book: SheetBook, rows: list[list[Any]]) -> None:
    """导出基准 (hidden): each finding's status and note as exported, for the import."""
    ws = book.table(BASELINE_SHEET, BASELINE_HEADERS, rows, cap=40)
    ws.sheet_state = "hidden"


def _data(book: SheetBook, batch: Batch, by_cell: dict[str, list[Finding]]) -> None:
    headers = ["报告", "文件", "表", "行", "列", "数值", "原文", "推断", "问题", "单元格键"]
    headers.append("来源")  # OCR (with its confidence) or keyed (issue 29); last, keys stay put
    rows: list[list[Any]] = []
    for r in batch.reports:
        name = report_name(r)
        for tname, table in r.tables.items():
            template = table.template
            for (row, col), c in table.cells.items():
                key = f"{tname}/{row}/{col}"
                value: Any = c.value if c.is_number else None
                marks = ""
                fs = by_cell.get(f"{r.id}|{key}")
                if fs:
                    worst = _worst(fs)
                    msg = "\n".join(f"[{f.severity.zh}] {f.rule}：{f.message}" for f in fs)
                    value = Styled(value, fill=SEVERITY_FILL[worst], comment=msg)
                    marks = "；".join(sorted({f"{f.severity.zh} {f.rule}" for f in fs}))
                words = cell_words(tname, template, row, col)
                rows.append(
                    [
                        name,
                        r.source,
                        *words,
                        value,
                        c.raw,
                        "是" if c.derived else "",
                        marks,
                        key,
                        c.source_note if c.source else "",  # a property, and rarely set
                    ]
                )
    ws = book.table(DATA, headers, rows, cap=40)
    # every value also prints, laid out as the template, on the per-body sheets: this list is for
    # filtering and pivoting, and printing it would add a page per 40 cells
    ws.sheet_state = "hidden"


def _versions(book: SheetBook, batch: Batch) -> None:
    """版本比较: every DUP-VERSION's comparison, one row per differing cell (value here, value
    there), or one row saying the versions agree cell by cell."""
    reports = {r.id: r for r in batch.reports}
    headers = ["报告", "本版文件", "现行版本", "另一版本文件", "单元格", "本版数值", "该版数值"]
    headers += ["单元格键"]
    rows: list[list[Any]] = []
    for f in batch.findings:
        r = reports.get(f.report_id)
        if f.rule != "DUP-VERSION" or r is None:
            continue
        lead = [report_name(r), r.source, "是" if r.current else ""]
        for v in f.versions:
            if not v.diffs:
                rows.append([*lead, v.source, "无不同单元格", None, None, ""])
            for d in v.diffs:
                c = d.cell
                label = cell_label(c.table, c.row, c.col)
                rows.append([*lead, v.source, label, d.here, d.there, c.key])
    if rows:
        book.table(VERSIONS, headers, rows, wrap_cols=[0, 1, 3, 4])


def _review_sheets(book: SheetBook, batch: Batch, review: ReviewSnapshot) -> None:
    names = Namer(batch, review)
    rows = [annotation_row(a, names) for a in review.annotations]
    headers = ["报告", "文件", "单元格", "引文", "批注", "作者", "时间", "定位"]
    book.table(ANNOTATIONS, headers, rows, wrap_cols=[0, 1, 2, 3, 4, 7])
    ev = [event_row(e, names) for e in review.events]
    ev += [damaged_review_row(r, names) for r in review.reviews.values() if r.damaged]
    headers = ["序号", "时间", "操作人", "操作", "对象", "修改前", "修改后"]
    book.table(EVENTS, headers, ev, wrap_cols=[4, 5, 6])


def build_workbook(
    batch: Batch,
    out: IO[bytes],
    *,
    review: ReviewSnapshot | None = None,
    report_ids: Iterable[str] | None = None,
    name: str = "",
    rectification: Sequence[BodyRectification] = (),
) -> list[str]:
    """Write the workbook to a binary stream; returns the sheet titles.

    ``name`` is the batch's name, printed in every page header.
    """
    steps = workbook_steps(
        batch, out, review=review, report_ids=report_ids, name=name, rectification=rectification
    )
    return run_to_end(steps)


def workbook_steps(
    batch: Batch,
    out: IO[bytes],
    *,
    review: ReviewSnapshot | None = None,
    report_ids: Iterable[str] | None = None,
    name: str = "",
    rectification: Sequence[BodyRectification] = (),
) -> Generator[tuple[int, int, str], None, list[str]]:
    """``build_workbook`` step by step: yields (done, total, what was written) after each sheet
    and each body's detail sheet, so a caller can show progress and stop between steps (closing
    the generator discards the book; nothing reaches ``out`` before the last step)."""
    full = batch
    batch = _select(batch, report_ids)
    title = f"政府信息公开年报审核 {name}".strip() + f"（{len(batch.reports)}份报告）"
    book = SheetBook(PrintInfo(title, now_local()))
    n_bodies = len({body_key(r) for r in batch.reports})
    total = 7 + n_bodies
    try:
        _summary(book, batch, review)
        yield 1, total, SUMMARY
        write_stats(book, batch.current(), review)  # the current version of each report only
        yield 2, total, "统计"
        by_cell, baseline = _findings(book, batch, review)
        yield 3, total, FINDINGS
        _versions(book, batch)
        write_rectification(book, rectification)
        _data(book, batch, by_cell)
        yield 4, total, DATA
        if review is not None:
            _review_sheets(book, full, review)
        write_notes(book, full if report_ids is None else batch, review)
        yield 5, total, "说明"
        done = 5
        details = detail_sheet_steps(book, batch)
        while True:
            try:
                body = next(details)
            except StopIteration:
                break
            done += 1
            yield min(done, total - 2), total, body
        if review is not None:
            _baseline(book, baseline)
        save_book(book.wb, out)
        yield total, total, "保存"
    except BaseException:
        book.discard()
        raise
    return list(book.titles)


def save_book(wb: Any, out: IO[bytes]) -> None:
    """``Workbook.save`` through an archive this code closes: when a write fails (a full
    disk), the half-written archive is dropped at once instead of being finished later by
    ``ZipFile.__del__``, which then printed "seek of closed file" after the message (issue 27).
    """
    import datetime
    from zipfile import ZIP_DEFLATED, ZipFile

    from gik_desk.export.sheetxml import save_archive

    # level 1: a third of the deflate time for a fifth more bytes (the sheets are repetitive XML)
    archive = ZipFile(out, "w", ZIP_DEFLATED, allowZip64=True, compresslevel=1)
    try:
        wb.properties.modified = datetime.datetime.now(tz=datetime.UTC).replace(tzinfo=None)
        save_archive(wb, archive)
    except BaseException:
        archive.fp = None  # nothing left to finish: the temp file is removed by atomic_open
        raise


def looks_like_xlsx(head: bytes) -> bool:
    """An .xlsx is a zip: its first bytes are a local file header."""
    return head.startswith(b"PK\x03\x04")


def write_workbook(
    batch: Batch,
    path: str | os.PathLike[str],
    *,
    review: ReviewSnapshot | None = None,
    report_ids: Iterable[str] | None = None,
    rectification: Sequence[BodyRectification] = (),
) -> Path:
    """Write the reviewer's workbook atomically (tmp → fsync → replace, retried on locks).

    An existing file is replaced only when it is a zip (a workbook): never a workspace, a
    report or a JSON file that a mistyped path named.
    """
    steps = write_workbook_steps(
        batch, path, review=review, report_ids=report_ids, rectification=rectification
    )
    return run_to_end(steps)


def write_workbook_steps(
    batch: Batch,
    path: str | os.PathLike[str],
    *,
    review: ReviewSnapshot | None = None,
    report_ids: Iterable[str] | None = None,
    rectification: Sequence[BodyRectification] = (),
) -> Generator[tuple[int, int, str], None, Path]:
    """``write_workbook`` step by step (see ``workbook_steps``). Closing the generator before
    its end (a cancelled export) removes the temp file: ``path`` stays as it was."""
    ids = list(report_ids) if report_ids is not None else None
    with atomic_open(path, sniff=looks_like_xlsx) as fh:
        yield from workbook_steps(
            batch, fh, review=review, report_ids=ids, name=Path(path).stem,
            rectification=rectification,
        )  # fmt: skip
    return Path(path)
