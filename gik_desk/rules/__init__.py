"""The audit engine: ``audit(reports) -> findings`` over a batch, and ``RULES``, the catalogue.

Every rule of RULES.md lives in one module by kind (arithmetic, template, yoy, narrative);
importing them registers their checks with ``registry``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from gik_desk.model import Finding, Report
from gik_desk.rules import arithmetic, narrative, template, versions, yoy
from gik_desk.rules.catalogue import CATALOGUE_VERSION, RULES, RULES_BY_ID, RuleSpec, spec
from gik_desk.rules.registry import BATCH_CHECKS, REPORT_CHECKS

_MODULES = (arithmetic, template, yoy, narrative, versions)  # imported for their registrations


def describe(rule_id: str) -> str:
    """The catalogue's explanation of a rule (the UI's detail pane, the workbook's 说明 sheet)."""
    found = RULES_BY_ID.get(rule_id)
    return found.explanation if found is not None else ""


@dataclass(frozen=True, slots=True)
class AuditFailure:
    """A check that raised: on one report (``report``), or on the batch (``report`` None)."""

    check: str
    error: Exception
    report: Report | None = None


def _run(check: Callable[..., Iterable[Finding]], arg: object) -> list[Finding]:
    return list(check(arg))


def audit_each(reports: Sequence[Report]) -> tuple[list[Finding], list[AuditFailure]]:
    """Every finding on a batch, each check guarded: a check that raises on one report costs
    that report that check's findings, never the batch's (issue 10: one 4,300-digit cell once
    left 22 good reports with 0 findings and ``--fail-on error`` returning 0).

    Pairs form on ``Report.agency_key`` and ``year - 1`` within the batch (the same file first,
    then the current version of another file: ``yoy.pairs``); a rule that needs a year the
    batch lacks does not fire. Each version of a body+year keys its findings apart
    (``Report.version``), so no finding of one file hides another's. Order: report by
    report, severity, rule.
    """
    out: list[Finding] = []
    failures: list[AuditFailure] = []
    for r in reports:
        for check in REPORT_CHECKS:
            try:
                out.extend(_run(check, r))
            except Exception as exc:  # a rules bug on this report: recorded, the rest go on
                failures.append(AuditFailure(check.__name__, exc, r))
    for batch in BATCH_CHECKS:
        try:
            out.extend(_run(batch, reports))
        except Exception as exc:
            failures.append(AuditFailure(batch.__name__, exc))
    pos = {r.id: i for i, r in enumerate(reports)}
    seen: set[str] = set()
    unique = []
    for f in out:
        if f.key not in seen:
            seen.add(f.key)
            unique.append(f)
    findings = sorted(unique, key=lambda f: (pos.get(f.report_id, 0), f.severity.rank, f.rule))
    return findings, failures


def audit(reports: Sequence[Report]) -> list[Finding]:
    """Every finding on a batch (see :func:`audit_each`); raises the first check's error, so a
    caller that cannot report failures (a test, a script) never gets a silently short list."""
    findings, failures = audit_each(reports)
    if failures:
        raise failures[0].error
    return findings


__all__ = [
    "CATALOGUE_VERSION",
    "RULES",
    "RULES_BY_ID",
    "AuditFailure",
    "RuleSpec",
    "audit",
    "audit_each",
    "describe",
    "spec",
]
