"""Rule titles and versions for the workbook, read from ``gik_desk.rules`` when it offers them.

The rules layer owns the catalogue; export only reads it, lazily and defensively, and falls
back to the bare rule ID, so an export never fails for want of a title.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    title: str
    severity: str = ""
    version: str = ""


def _field(entry: Any, *names: str) -> str:
    for n in names:
        v = entry.get(n) if isinstance(entry, dict) else getattr(entry, n, None)
        if v is not None and not callable(v):
            return str(getattr(v, "value", v))
    return ""


@lru_cache(maxsize=1)
def rule_catalogue() -> dict[str, RuleInfo]:
    """``{rule id: RuleInfo}``; empty when the rules layer exposes no catalogue."""
    try:
        rules = importlib.import_module("gik_desk.rules")
    except ImportError:
        return {}
    raw: Any = None
    for name in ("CATALOGUE", "CATALOG", "RULES", "catalogue", "catalog", "rule_catalogue"):
        raw = getattr(rules, name, None)
        if raw is not None:
            break
    if callable(raw):
        try:
            raw = raw()
        except Exception:  # a broken catalogue must not stop an export
            return {}
    if raw is None:
        return {}
    entries = list(raw.items()) if isinstance(raw, dict) else [(None, e) for e in raw]
    out: dict[str, RuleInfo] = {}
    for key, entry in entries:
        rid = _field(entry, "id", "rule", "code") or (str(key) if key is not None else "")
        if not rid:
            continue
        title = entry if isinstance(entry, str) else _field(entry, "title", "name", "zh", "label")
        out[rid] = RuleInfo(
            rid,
            title or rid,
            _field(entry, "severity") if not isinstance(entry, str) else "",
            _field(entry, "version") if not isinstance(entry, str) else "",
        )
    return out


def rule_title(rule_id: str) -> str:
    info = rule_catalogue().get(rule_id)
    return info.title if info else rule_id


def catalogue_version() -> str:
    """The rules layer's catalogue version, or "" when it publishes none."""
    try:
        rules = importlib.import_module("gik_desk.rules")
    except ImportError:
        return ""
    return str(getattr(rules, "CATALOGUE_VERSION", "") or "")
