"""Batch-level pandas frames: the dashboard, the table views and the export all read these.

pandas takes ~0.3 s to import, so callers where start-up matters import this module lazily.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import pandas as pd

from gik_desk.export.series import KEY_SERIES
from gik_desk.export.wording import cell_words, suggestion_text
from gik_desk.model import Severity
from gik_desk.model.batch import Batch
from gik_desk.model.review import ReviewSnapshot, ReviewStatus
from gik_desk.template import cell_label

REPORT_COLUMNS = [
    "report_id", "source", "index", "agency", "agency_key", "year", "template", "format",
    "is_report", "errors", "warnings", "infos", "findings", "reviewed", "review_progress",
]  # fmt: skip
FINDING_COLUMNS = [
    "key", "report_id", "source", "agency", "year", "rule", "severity", "severity_zh", "message",
    "cells", "cell_labels", "actual", "expected", "suggestion", "formula", "related_report_id",
    "status", "note", "reviewer", "time", "resolved",
]  # fmt: skip
NARRATIVE_PREFIX = "narrative."
CELL_COLUMNS = [
    "report_id", "source", "agency", "year", "table", "table_label", "row", "col", "row_label",
    "col_label", "value", "fill", "raw", "derived", "unit", "span_start", "span_end",
]  # fmt: skip


def _is_reviewed(key: str, review: ReviewSnapshot | None) -> bool:
    if review is None:
        return False
    r = review.reviews.get(key)
    return r is not None and r.status is not ReviewStatus.PENDING


def narrative_column(key: str) -> str:
    """The ``reports_frame`` column of a narrative key (``narrative.applications.received``)."""
    return f"{NARRATIVE_PREFIX}{key}"


def _numeric(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Nullable numbers: ``Int64`` when every value is whole, else ``Float64`` (never object)."""
    for col in columns:
        values = pd.to_numeric(df[col], errors="coerce").astype("Float64")
        whole = values.dropna()
        df[col] = values.astype("Int64") if bool((whole == whole.round()).all()) else values
    return df


def reports_frame(batch: Batch, review: ReviewSnapshot | None = None) -> pd.DataFrame:
    """One row per report: who, which year, counts by severity, how much is reviewed.

    Each narrative key any report states becomes a ``narrative.<key>`` column (the report's first
    figure for that key, else missing): pre-2019 reports have no tables, only these figures.
    """
    by_report = batch.findings_by_report()
    keys = sorted({f.key for r in batch.reports for f in r.narrative})
    rows = []
    for r in batch.reports:
        fs = by_report.get(r.id, [])
        sev = Counter(f.severity for f in fs)
        reviewed = sum(_is_reviewed(f.key, review) for f in fs)
        rows.append(
            {
                "report_id": r.id,
                "source": r.source,
                "index": r.index,
                "agency": r.agency,
                "agency_key": r.agency_key,
                "year": r.year,
                "template": r.template,
                "format": r.format,
                "is_report": r.is_report,
                "errors": sev[Severity.ERROR],
                "warnings": sev[Severity.WARNING],
                "infos": sev[Severity.INFO],
                "findings": len(fs),
                "reviewed": reviewed,
                "review_progress": (reviewed / len(fs)) if fs else 1.0,
            }
        )
        for key in keys:
            fig = r.figure(key)
            rows[-1][narrative_column(key)] = fig.value if fig is not None else None
    narrative = [narrative_column(k) for k in keys]
    df = pd.DataFrame(rows, columns=REPORT_COLUMNS + narrative)
    return _numeric(df.astype({"year": "Int64"}), narrative)


def findings_frame(batch: Batch, review: ReviewSnapshot | None = None) -> pd.DataFrame:
    """One row per finding, with the reviewer's status, note, name and time when given."""
    reports = {r.id: r for r in batch.reports}
    rows = []
    for f in batch.findings:
        rep = reports.get(f.report_id)
        rv = review.reviews.get(f.key) if review is not None else None
        rows.append(
            {
                "key": f.key,
                "report_id": f.report_id,
                "source": rep.source if rep else None,
                "agency": rep.agency if rep else None,
                "year": rep.year if rep else None,
                "rule": f.rule,
                "severity": f.severity.value,
                "severity_zh": f.severity.zh,
                "message": f.message,
                "cells": ", ".join(c.key for c in f.cells),
                "cell_labels": "；".join(cell_label(c.table, c.row, c.col) for c in f.cells),
                "actual": f.actual,
                "expected": f.expected,
                "suggestion": suggestion_text(f),
                "formula": f.formula,
                "related_report_id": f.related_report_id,
                "status": (rv.status.label if rv else ReviewStatus.PENDING.label),
                "note": rv.note if rv else "",
                "reviewer": rv.reviewer if rv else "",
                "time": rv.updated if rv else "",
                "resolved": rv.resolved if rv else False,
            }
        )
    df = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    return df.astype({"year": "Int64"})


def cells_frame(batch: Batch) -> pd.DataFrame:
    """One row per table cell of every report, with the official row and column labels.

    Built column by column (one list each), not from a dict per cell: ~80,000 cells for 1,000
    reports, and the labels looked up once per cell key (issue 26)."""
    cols: dict[str, list[Any]] = {k: [] for k in CELL_COLUMNS}
    (report_id, source, agency, year, table_, table_label, row_, col_, row_lab, col_lab, value,
     fill, raw, derived, unit, span_start, span_end) = (cols[k] for k in CELL_COLUMNS)  # fmt: skip
    for r in batch.reports:
        for name, table in r.tables.items():
            template = table.template
            for (row, col), c in table.cells.items():
                words = cell_words(name, template, row, col)
                span = c.span
                report_id.append(r.id)
                source.append(r.source)
                agency.append(r.agency)
                year.append(r.year)
                table_.append(name)
                table_label.append(words[0])
                row_.append(row)
                col_.append(col)
                row_lab.append(words[1])
                col_lab.append(words[2])
                value.append(c.value if c.is_number else None)
                fill.append(c.fill.value)
                raw.append(c.raw)
                derived.append(c.derived)
                unit.append(c.unit)
                span_start.append(span.start if span is not None else None)
                span_end.append(span.end if span is not None else None)
    df = pd.DataFrame(cols, columns=CELL_COLUMNS)
    return df.astype({"year": "Int64", "span_start": "Int64", "span_end": "Int64"})


# -- 统计看板 figures: the dashboard draws them, the workbook's 统计 sheet writes them ----------
# The series themselves (KEY_SERIES) live in series.py, which the dashboard reads without pandas.

SEVERITIES: tuple[str, ...] = tuple(s.value for s in Severity)
TABLE_ORIGIN = "table"
NARRATIVE_ORIGIN = "narrative"
TREND_COLUMNS = [
    "agency_key", "agency", "year", "report_id",
    *(s.key for s in KEY_SERIES), *(f"{s.key}_origin" for s in KEY_SERIES),
]  # fmt: skip


@dataclass(frozen=True, slots=True, eq=False)
class DashboardFigures:
    """Everything the 统计看板 plots, Qt-free, so the workbook writes the very same numbers.

    ``by_rule``: index rule id (most findings first, ties by id), columns ``error``, ``warning``,
    ``info``, ``total``. ``trend``: one row per body × year (one report per year, the first), the
    ``KEY_SERIES`` values (missing where neither a table nor the prose gives one) and for each
    ``<key>_origin`` ``table`` / ``narrative`` / "". ``status``: findings per review status, in
    ``ReviewStatus.ordered()``. ``bodies``: (agency_key, display name) in batch order.
    """

    by_rule: pd.DataFrame
    trend: pd.DataFrame
    status: pd.Series
    bodies: tuple[tuple[str, str], ...]

    def series_for(self, agency_key: str) -> dict[str, tuple[list[int], list[float]]]:
        """Series key → (years, values) of one body, only the years that have a value."""
        mine = self.trend[self.trend["agency_key"] == agency_key]
        out: dict[str, tuple[list[int], list[float]]] = {}
        for s in KEY_SERIES:
            hit = mine[mine[s.key].notna()]
            out[s.key] = ([int(y) for y in hit["year"]], [float(v) for v in hit[s.key]])
        return out


def _has(df: pd.DataFrame | None, *columns: str) -> bool:
    """Rows to count and the columns to count them from (an empty batch has neither)."""
    return df is not None and not df.empty and all(c in df.columns for c in columns)


def _by_rule(findings_df: pd.DataFrame | None) -> pd.DataFrame:
    columns = [*SEVERITIES, "total"]
    if findings_df is None or not _has(findings_df, "rule", "severity"):
        return pd.DataFrame(columns=columns, dtype="int64")
    order = findings_df.groupby("rule").size().sort_values(ascending=False, kind="stable")
    counts = findings_df.groupby(["rule", "severity"]).size()
    rows = [[int(counts.get((rule, sev), 0)) for sev in SEVERITIES] for rule in order.index]
    df = pd.DataFrame(rows, index=[str(r) for r in order.index], columns=list(SEVERITIES))
    df["total"] = df.sum(axis=1)
    df.index.name = "rule"
    return df


def _status(findings_df: pd.DataFrame | None) -> pd.Series:
    statuses = [s.label for s in ReviewStatus.ordered()]
    counts: Any = {}
    if findings_df is not None and _has(findings_df, "status"):
        counts = findings_df["status"].value_counts()
    return pd.Series([int(counts.get(s, 0)) for s in statuses], index=statuses, name="findings")


def _display_name(name: Any, key: str) -> str:
    """The body's name as printed, else its key (the dashboard's combo box shows the same)."""
    if isinstance(name, str) and name:
        return name
    return key


def _cell_values(cells_df: pd.DataFrame | None, ids: set[str]) -> dict[tuple[str, ...], float]:
    """(report_id, table, row, col) → the first stated value, for the cells ``KEY_SERIES`` read."""
    if cells_df is None or not _has(cells_df, "report_id", "table", "row", "col", "value"):
        return {}
    wanted = {c for s in KEY_SERIES for c in s.cells}
    sub = cells_df[
        cells_df["report_id"].isin(ids)
        & cells_df["table"].isin({t for t, _, _ in wanted})
        & cells_df["row"].isin({r for _, r, _ in wanted})
        & cells_df["value"].notna()
    ]
    out: dict[tuple[str, ...], float] = {}
    for rid, table, row, col, value in zip(
        sub["report_id"], sub["table"], sub["row"], sub["col"], sub["value"], strict=True
    ):
        if (table, row, col) in wanted:
            out.setdefault((rid, table, row, col), float(value))
    return out


def _trend(reports_df: pd.DataFrame | None, cells_df: pd.DataFrame | None) -> pd.DataFrame:
    if reports_df is None or not _has(reports_df, "report_id", "agency_key", "year"):
        return pd.DataFrame(columns=TREND_COLUMNS)
    mine = reports_df.dropna(subset=["agency_key", "year"])
    mine = mine.drop_duplicates(subset=["agency_key", "year"], keep="first")  # one report a year
    first_seen = {k: i for i, k in enumerate(dict.fromkeys(mine["agency_key"]))}
    mine = mine.assign(_body=mine["agency_key"].map(first_seen)).sort_values(
        ["_body", "year"], kind="stable"
    )
    values = _cell_values(cells_df, set(mine["report_id"]))
    prose: dict[str, dict[str, Any]] = {}  # narrative key → report_id → the stated figure
    for s in KEY_SERIES:
        column = narrative_column(s.narrative)
        if column in mine.columns:
            prose[s.key] = dict(zip(mine["report_id"], mine[column], strict=True))
    names = mine["agency"] if "agency" in mine.columns else [None] * len(mine)
    rows = []
    for rid, key, name, year in zip(
        mine["report_id"], mine["agency_key"], names, mine["year"], strict=True
    ):
        row: dict[str, Any] = {
            "agency_key": str(key),
            "agency": _display_name(name, str(key)),
            "year": int(year),
            "report_id": rid,
        }
        for s in KEY_SERIES:
            parts = [values.get((rid, *c)) for c in s.cells]
            stated = prose.get(s.key, {}).get(rid)
            value: float | None = None
            origin = ""
            if all(p is not None for p in parts):
                value, origin = float(sum(p for p in parts if p is not None)), TABLE_ORIGIN
            elif stated is not None and not pd.isna(stated):
                value, origin = float(stated), NARRATIVE_ORIGIN
            row[s.key] = value
            row[f"{s.key}_origin"] = origin
        rows.append(row)
    df = pd.DataFrame(rows, columns=TREND_COLUMNS)
    return df.astype({"year": "int64", **{s.key: "Float64" for s in KEY_SERIES}})


def _bodies(reports_df: pd.DataFrame | None) -> tuple[tuple[str, str], ...]:
    if reports_df is None or not _has(reports_df, "agency_key", "agency"):
        return ()
    bodies = reports_df.dropna(subset=["agency_key"]).drop_duplicates("agency_key")
    return tuple(
        (str(k), _display_name(n, str(k)))
        for k, n in zip(bodies["agency_key"], bodies["agency"], strict=True)
    )


def dashboard_figures(
    reports_df: pd.DataFrame | None,
    findings_df: pd.DataFrame | None,
    cells_df: pd.DataFrame | None,
) -> DashboardFigures:
    """The 统计看板's numbers from the batch frames (``reports_frame`` and friends).

    The review status comes from ``findings_df`` (``findings_frame(batch, review)``), which says
    待核实 for every finding when no review is given.
    """
    return DashboardFigures(
        by_rule=_by_rule(findings_df),
        trend=_trend(reports_df, cells_df),
        status=_status(findings_df),
        bodies=_bodies(reports_df),
    )
