"""Document → reports: split a file, read each report's header, tables and narrative.

``parse_document`` is pure; ``parse_path`` reads through ingest and never raises for bad
input: whatever goes wrong becomes a ``Problem`` the batch shows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gik_desk.model import Document, IngestError, Problem, Report
from gik_desk.model.formats import body_name
from gik_desk.parse.header import agency_key, area_government, speaks_for_area
from gik_desk.parse.numbers import ascii_digits
from gik_desk.parse.ocrmarks import mark_reports
from gik_desk.parse.report import build_report, report_id
from gik_desk.parse.split import report_spans

__all__ = ["parse_document", "parse_path", "unify_agencies"]


def parse_document(doc: Document) -> list[Report]:
    """Every report in ``doc``, in file order, bodies unified within the file."""
    norm = ascii_digits(doc.text)
    reports = []
    for index, (span, overview) in enumerate(report_spans(doc.text)):
        rid = report_id(doc.source, index, doc.text[span.start : span.end])
        reports.append(build_report(doc, norm, span, overview, index, rid))
    return _fill_unnamed(unify_agencies(mark_reports(reports, doc)))


def unify_agencies(reports: Sequence[Report]) -> list[Report]:
    """One body, one name: where a name is a tail of a fuller one (天桥区人民政府 /
    济南市天桥区人民政府), every report takes the fuller name. Safe across a batch too."""
    keys = {r.agency_key for r in reports if r.agency_key}
    # every key under each of its proper tails: one pass, not keys x keys (a batch of a
    # thousand bodies would make a million comparisons)
    by_tail: dict[str, list[str]] = {}
    for o in keys:
        for i in range(1, len(o)):
            by_tail.setdefault(o[i:], []).append(o)
    fuller: dict[str, str] = {}
    for k in keys:
        longer = by_tail.get(k)
        if longer:
            fuller[k] = max(longer, key=len)
    names = {r.agency_key: r.agency for r in reports if r.agency_key and r.agency}
    out = []
    for r in reports:
        if r.agency_key in fuller:
            k = fuller[r.agency_key]
            r = dataclasses.replace(r, agency=names[k], agency_key=k)
        out.append(r)
    return out


def _fill_unnamed(reports: list[Report]) -> list[Report]:
    """A report that only says "我区" takes the area government its file names elsewhere."""
    areas = [r for r in reports if r.agency and r.agency.endswith("人民政府")]
    if not areas:
        return reports
    out = []
    for r in reports:
        if r.agency is None:
            unit = speaks_for_area(r.text, r.span.start, r.span.end)
            for a in areas:
                place = a.agency or ""
                if unit and place.endswith(f"{unit}人民政府"):
                    short = place[: -len("人民政府")]
                    tail = short[-3:]
                    if tail in r.body_text:
                        name = area_government(r.text, short) if len(short) < 4 else place
                        r = dataclasses.replace(r, agency=name, agency_key=agency_key(name))
                        break
        out.append(r)
    return out


def _read(path: Path, limits: Any) -> Document:
    from gik_desk.ingest import read_document

    return read_document(path, limits)


def _partial_problems(
    path: Path, doc: Document, reports: list[Report], limits: Any
) -> list[Problem]:
    """Parts of a file that could not be read are problems too (OUTPUT.md), beside the reports
    that were read: a table cut off or missing cells, a merge span clamped as hostile."""
    from gik_desk.ingest import Limits
    from gik_desk.template.tables import TABLE_SHORT

    lim = limits if limits is not None else Limits()
    out: list[Problem] = []
    clamped = sum(
        1
        for t in doc.tables
        for c in t.cells
        if c.colspan >= lim.max_colspan or c.rowspan >= lim.max_rowspan
    )
    if clamped:
        out.append(
            Problem(
                str(path),
                "span-clamped",
                f"文件中有 {clamped} 个表格单元格的合并跨度异常(超过 {lim.max_colspan} 列或 "
                f"{lim.max_rowspan} 行),已按上限截断;表格结构不可靠,请对照原文核对",
            )
        )
    for r in reports:
        name = f"{body_name(r.agency)}{r.year or ''}{'年度' if r.year else ''}报告"
        for t in r.tables.values():
            if t.complete or t.name not in TABLE_SHORT:
                continue
            gap = f"缺少 {len(t.missing)} 格" if t.missing else "未能完整读取"
            out.append(
                Problem(
                    str(path),
                    "table-incomplete",
                    f"{name}的{TABLE_SHORT[t.name]}{gap},请对照原文人工核对",
                    f"report {r.id} table {t.name}",
                )
            )
    return out


def parse_path(path: str | Path, limits: Any = None) -> tuple[list[Report], list[Problem]]:
    """Read and parse one file. Bad input never raises: it becomes a ``Problem``."""
    p = Path(path)
    try:
        doc = _read(p, limits)
    except IngestError as e:
        return [], [Problem(str(path), e.code, e.message, e.detail)]
    except Exception as e:
        return [], [Problem(str(path), "read-failed", "文件读取失败,请检查文件后重试", repr(e))]
    try:
        reports = parse_document(doc)
        return reports, _partial_problems(p, doc, reports, limits)
    except Exception as e:
        return [], [
            Problem(str(path), "parse-failed", "文件已读取,但解析失败,请人工核对该文件", repr(e))
        ]
