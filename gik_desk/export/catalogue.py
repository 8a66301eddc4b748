"""Rule titles and versions for the workbook and the CLI, read from ``gik_desk.rules``.

The rules layer owns the catalogue; export only reshapes it into plain strings. It imports the
rules on first use, so opening the export package costs nothing until a sheet needs a title.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    title: str
    severity: str = ""
    version: str = ""
    basis: str = ""  # what the rule checks and why (依据), printed beside each finding


@lru_cache(maxsize=1)
def rule_catalogue() -> dict[str, RuleInfo]:
    """``{rule id: RuleInfo}`` in catalogue order; ``severity`` is the ``Severity`` value."""
    from gik_desk.rules import RULES

    return {
        r.id: RuleInfo(r.id, r.title, r.severity.value, r.version, r.explanation) for r in RULES
    }


def rule_title(rule_id: str) -> str:
    """``gik_desk.rules.catalogue.rule_title``, imported on first use like the catalogue."""
    from gik_desk.rules.catalogue import rule_title as title

    return title(rule_id)


def rule_basis(rule_id: str) -> str:
    """The rule's 依据 from the catalogue; empty for a rule it does not know."""
    info = rule_catalogue().get(rule_id)
    return info.basis if info else ""


def catalogue_version() -> str:
    from gik_desk.rules import CATALOGUE_VERSION

    return CATALOGUE_VERSION
