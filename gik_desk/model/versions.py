"""Version slots of one report (issue 11): several files holding one body and year.

The first version of a body+year has the empty slot, so a workspace made before versions
existed keeps every status; each further version takes a slot from its file (``file_slot``).
A workspace that already knows a version passes its stored slots to ``assign``
(CONTRIBUTING.md "Versions"). Pure functions over reports and findings: the rules
(``rules/versions.py``, DUP-VERSION) and the workspace both use them, neither imports the other.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping, Sequence

from gik_desk.model.finding import Finding
from gik_desk.model.report import Report

GroupKey = tuple[str, int]


def versioned(key: str, slot: str) -> str:
    """A finding key with a version slot: unchanged for the only (or first) version, so the
    statuses of every workspace made before versions existed still attach."""
    return f"{key}|@{slot}" if slot else key


def unversioned(key: str, slot: str) -> str:
    """The key without its version slot (to re-key a finding when the workspace assigns one)."""
    suffix = f"|@{slot}"
    return key[: -len(suffix)] if slot and key.endswith(suffix) else key


def group_key(report: Report) -> GroupKey | None:
    """Body + year, the identity versions share; None for a report without either."""
    if not report.is_report or not report.agency_key or report.year is None:
        return None
    return (report.agency_key, report.year)


def file_slot(report: Report) -> str:
    """The slot a further version takes from its file: 8 hex of its path, so byte-identical
    copies get slots of their own and a report moving within its file keeps its slot."""
    return hashlib.sha256(report.source.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def groups(reports: Iterable[Report]) -> dict[GroupKey, list[Report]]:
    """Reports by body+year, in batch order (only the keys with a body and a year)."""
    out: dict[GroupKey, list[Report]] = {}
    for r in reports:
        k = group_key(r)
        if k is not None:
            out.setdefault(k, []).append(r)
    return out


def assign(
    reports: Sequence[Report],
    slots: Mapping[str, str] | None = None,
    current: Mapping[GroupKey, str] | None = None,
) -> list[Report]:
    """Every report with its version slot and ``current`` flag, in the same order.

    ``slots`` (report id → slot) are a workspace's stored ones; without them the first version
    of a body+year in batch order keeps the empty slot and each further one gets ``file_slot``.
    ``current`` (body+year → slot) is the reviewer's 现行版本; by default the empty-slot version
    (the one the workspace saw first), else the first in batch order.
    """
    chosen: dict[str, str] = {}
    for members in groups(reports).values():
        taken: set[str] = set()
        for r in members:
            slot = slots.get(r.id) if slots is not None else None
            if slot is None:
                slot = "" if "" not in taken else file_slot(r)
            base, n = slot, 1
            while slot in taken:  # two versions never share a slot
                n += 1
                slot = f"{base}~{n}"
            taken.add(slot)
            chosen[r.id] = slot
    flags: dict[str, bool] = {}
    for k, members in groups(reports).items():
        want = (current or {}).get(k)
        pick = next((r for r in members if want is not None and chosen[r.id] == want), None)
        pick = pick or next((r for r in members if chosen[r.id] == ""), None) or members[0]
        for r in members:
            flags[r.id] = r is pick
    out = []
    for r in reports:
        slot, cur = chosen.get(r.id, ""), flags.get(r.id, True)
        out.append(r if (r.version, r.current) == (slot, cur) else _with(r, slot, cur))
    return out


def _with(report: Report, slot: str, cur: bool) -> Report:
    return dataclasses.replace(report, version=slot, current=cur)


def rekey(
    findings: Iterable[Finding], old: Mapping[str, str], new: Mapping[str, str]
) -> list[Finding]:
    """Findings keyed by the new slots (report id → slot) instead of the old ones."""
    out = []
    for f in findings:
        before, after = old.get(f.report_id, ""), new.get(f.report_id, "")
        if before != after:
            f = dataclasses.replace(f, key=versioned(unversioned(f.key, before), after))
        out.append(f)
    return out
