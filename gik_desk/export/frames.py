"""Batch-level pandas frames: the dashboard, the table views and the export all read these.

pandas takes ~0.3 s to import, so callers where start-up matters import this module lazily.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from gik_desk.export.wording import cell_col_label, suggestion_text
from gik_desk.model import Severity
from gik_desk.model.batch import Batch
from gik_desk.model.review import ReviewSnapshot, ReviewStatus
from gik_desk.template import cell_label, row_label
from gik_desk.template.tables import table_short

REPORT_COLUMNS = [
    "report_id", "source", "index", "agency", "agency_key", "year", "template", "format",
    "is_report", "errors", "warnings", "infos", "findings", "reviewed", "review_progress",
]  # fmt: skip
FINDING_COLUMNS = [
    "key", "report_id", "source", "agency", "year", "rule", "severity", "severity_zh", "message",
    "cells", "cell_labels", "actual", "expected", "suggestion", "formula", "related_report_id",
    "status", "note", "reviewer", "time", "resolved",
]  # fmt: skip
CELL_COLUMNS = [
    "report_id", "source", "agency", "year", "table", "table_label", "row", "col", "row_label",
    "col_label", "value", "fill", "raw", "derived", "unit", "span_start", "span_end",
]  # fmt: skip


def _is_reviewed(key: str, review: ReviewSnapshot | None) -> bool:
    if review is None:
        return False
    r = review.reviews.get(key)
    return r is not None and r.status is not ReviewStatus.PENDING


def reports_frame(batch: Batch, review: ReviewSnapshot | None = None) -> pd.DataFrame:
    """One row per report: who, which year, counts by severity, how much is reviewed."""
    by_report = batch.findings_by_report()
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
    df = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    return df.astype({"year": "Int64"})


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
                "status": (rv.status.value if rv else ReviewStatus.PENDING.value),
                "note": rv.note if rv else "",
                "reviewer": rv.reviewer if rv else "",
                "time": rv.updated if rv else "",
                "resolved": rv.resolved if rv else False,
            }
        )
    df = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    return df.astype({"year": "Int64"})


def cells_frame(batch: Batch) -> pd.DataFrame:
    """One row per table cell of every report, with the official row and column labels."""
    rows = []
    for r in batch.reports:
        for name, table in r.tables.items():
            for (row, col), c in table.cells.items():
                rows.append(
                    {
                        "report_id": r.id,
                        "source": r.source,
                        "agency": r.agency,
                        "year": r.year,
                        "table": name,
                        "table_label": table_short(name),
                        "row": row,
                        "col": col,
                        "row_label": row_label(name, row),
                        "col_label": cell_col_label(name, table.template, row, col),
                        "value": c.value if c.is_number else None,
                        "fill": c.fill.value,
                        "raw": c.raw,
                        "derived": c.derived,
                        "unit": c.unit,
                        "span_start": c.span.start if c.span is not None else None,
                        "span_end": c.span.end if c.span is not None else None,
                    }
                )
    df = pd.DataFrame(rows, columns=CELL_COLUMNS)
    return df.astype({"year": "Int64", "span_start": "Int64", "span_end": "Int64"})
