"""The audit engine: ``audit(reports) -> findings`` over a batch, and ``RULES``, the catalogue.

Every rule of RULES.md lives in one module by kind (arithmetic, template, yoy, narrative);
importing them registers their checks with ``registry``.
"""

from __future__ import annotations

from collections.abc import Sequence

from gik_desk.model import Finding, Report
from gik_desk.rules import arithmetic, narrative, template, yoy
from gik_desk.rules.catalogue import CATALOGUE_VERSION, RULES, RULES_BY_ID, RuleSpec, spec
from gik_desk.rules.registry import BATCH_CHECKS, REPORT_CHECKS

_MODULES = (arithmetic, template, yoy, narrative)  # imported for their registrations


def describe(rule_id: str) -> str:
    """The catalogue's explanation of a rule (the UI's detail pane, the workbook's 说明 sheet)."""
    found = RULES_BY_ID.get(rule_id)
    return found.explanation if found is not None else ""


def audit(reports: Sequence[Report]) -> list[Finding]:
    """Every finding on a batch: per-report checks, then year-over-year pairs.

    Pairs form on ``Report.agency_key`` and ``year - 1`` within the batch; a rule that needs
    a year the batch lacks does not fire. Order: report by report, severity, rule.
    """
    out: list[Finding] = []
    for r in reports:
        for check in REPORT_CHECKS:
            out.extend(check(r))
    for batch in BATCH_CHECKS:
        out.extend(batch(reports))
    pos = {r.id: i for i, r in enumerate(reports)}
    seen: set[str] = set()
    unique = []
    for f in out:
        if f.key not in seen:
            seen.add(f.key)
            unique.append(f)
    return sorted(unique, key=lambda f: (pos.get(f.report_id, 0), f.severity.rank, f.rule))


__all__ = ["CATALOGUE_VERSION", "RULES", "RULES_BY_ID", "RuleSpec", "audit", "describe", "spec"]
