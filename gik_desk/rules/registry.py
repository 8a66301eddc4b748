"""Where checks register and how a finding is built, so every rule keys and spans alike.

A report check takes one ``Report``; a batch check takes all of them (year-over-year pairs).
``finding()`` computes the stable key: rule + body + year + sorted cell keys (+ a hash of the
quoted text for narrative findings) + the report's version slot (``|@slot``, only for a second
version of one body and year; CONTRIBUTING.md) — never a row number or a report index.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

from gik_desk.model import (
    CellRef,
    Edit,
    Finding,
    Number,
    OtherVersion,
    Report,
    Span,
    Table,
    format_number,
)
from gik_desk.model.versions import versioned
from gik_desk.rules.catalogue import spec

ReportCheck = Callable[[Report], Iterable[Finding]]
BatchCheck = Callable[[Sequence[Report]], Iterable[Finding]]

REPORT_CHECKS: list[ReportCheck] = []
BATCH_CHECKS: list[BatchCheck] = []


def report_check(fn: ReportCheck) -> ReportCheck:
    REPORT_CHECKS.append(fn)
    return fn


def batch_check(fn: BatchCheck) -> BatchCheck:
    BATCH_CHECKS.append(fn)
    return fn


def body_key(report: Report) -> str:
    """The body part of a key: the normalised agency, else the file's content hash."""
    return report.agency_key or report.file_sha256 or report.source


def quote_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def finding(
    rule: str,
    report: Report,
    message: str,
    *,
    cells: Sequence[CellRef] = (),
    spans: Iterable[Span | None] = (),
    actual: Number | None = None,
    expected: Number | None = None,
    suggestions: Sequence[tuple[Edit, ...]] = (),
    formula: str = "",
    related: Report | None = None,
    quote: str = "",
    discriminator: str = "",
    versions: Sequence[OtherVersion] = (),
) -> Finding:
    """A ``Finding`` with its stable key; ``quote`` (narrative) and ``discriminator`` (a table or
    block name for findings without cells) only make the key unique."""
    parts = [rule, body_key(report), str(report.year or ""), ",".join(sorted(c.key for c in cells))]
    if discriminator:
        parts.append(discriminator)
    if quote:
        parts.append(quote_hash(quote))
    uniq: dict[Span, None] = {}
    for s in spans:
        if s is not None:
            uniq.setdefault(s, None)
    return Finding(
        rule=rule,
        severity=spec(rule).severity,
        message=message,
        report_id=report.id,
        key=versioned("|".join(parts), report.version),
        cells=tuple(cells),
        spans=tuple(sorted(uniq)),
        actual=actual,
        expected=expected,
        suggestions=tuple(suggestions),
        formula=formula,
        related_report_id=related.id if related is not None else None,
        versions=tuple(versions),
    )


def cell_spans(report: Report, refs: Iterable[CellRef]) -> list[Span | None]:
    out: list[Span | None] = []
    for r in refs:
        t = report.tables.get(r.table)
        c = t.cell(r.row, r.col) if t is not None else None
        out.append(c.span if c is not None else None)
    return out


def span_of(table: Table | None, row: str, col: str) -> Span | None:
    c = table.cell(row, col) if table is not None else None
    return c.span if c is not None else None


def number_at(table: Table | None, row: str, col: str) -> Number | None:
    """The cell's number; None when the table, the cell or a number is missing (blank ≠ 0)."""
    c = table.cell(row, col) if table is not None else None
    return c.value if c is not None and c.is_number else None


def fmt(v: Number | None) -> str:
    """A number in a finding's message; a value not read shows as —."""
    return format_number(v, missing="—")
