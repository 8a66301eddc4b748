"""Versions of one report (issue 11): several files holding one body and year.

A web page and its PDF, an original and its corrected resubmission: each file is audited on its
own, and a version *slot* keeps their findings apart (``model.versions.versioned``). The first
version of a body+year has the empty slot, so a workspace made before versions existed keeps every
status; each further version takes a slot from its file (``file_slot``). A workspace that
already knows a version passes its stored slots to ``assign`` (CONTRIBUTING.md "Versions").

``DUP-VERSION`` puts one finding on each version naming the other file(s) and listing every cell
where they differ, value here and value there. The slots themselves (``group_key``,
``file_slot``, ``assign``, ``rekey``) live in ``model/versions.py``: the workspace assigns them
too and knows no rule module (issue 22).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import Any

from gik_desk.model import CellDiff, CellRef, Finding, OtherVersion, Report
from gik_desk.model.versions import GroupKey, assign, file_slot, group_key, groups, rekey
from gik_desk.rules.registry import batch_check, cell_spans, finding, fmt
from gik_desk.template import cell_label

TABLE_ORDER = ("active", "applications", "appeals", "legacy")
MAX_LISTED = 20  # differing cells spelled out in the message; the finding carries all of them
Values = dict[tuple[str, str], Any]  # a table's cell values by (row, col), in the cells' order


def differing_cells(
    here: Report, there: Report, values: dict[int, dict[str, Values]] | None = None
) -> list[CellDiff]:
    """Every cell whose value differs, in printed order (blank or missing reads as None).

    ``values`` caches each report's cell values (``_values``): ``check_versions`` compares
    every pair of a body+year's versions, and a table equal in both is skipped by one dict
    comparison (issue 26: a restore of many versions spent most of its audit here)."""
    cache = {} if values is None else values
    if id(here) not in cache:
        cache[id(here)] = _values(here)
    if id(there) not in cache:
        cache[id(there)] = _values(there)
    a_all, b_all = cache[id(here)], cache[id(there)]
    if a_all == b_all:
        return []  # every table alike: copies of one file (a whole folder of them, issue 26)
    out: list[CellDiff] = []
    names = [t for t in TABLE_ORDER if t in here.tables or t in there.tables]
    names += [t for t in (*here.tables, *there.tables) if t not in names]
    for name in dict.fromkeys(names):
        a, b = a_all.get(name), b_all.get(name)
        if a is not None and a == b:
            continue  # the same cells with the same values: nothing differs
        a, b = a or {}, b or {}
        for key in dict.fromkeys([*a, *b]):
            va, vb = a.get(key), b.get(key)
            if va != vb:
                out.append(CellDiff(CellRef(name, *key), va, vb))
    return out


def _values(report: Report) -> dict[str, Values]:
    return {
        name: {key: cell.value for key, cell in table.cells.items()}
        for name, table in report.tables.items()
    }


def _describe(d: CellDiff) -> str:
    c = d.cell
    return f"{cell_label(c.table, c.row, c.col)}:本版 {fmt(d.here)},该版 {fmt(d.there)}"


@batch_check
def check_versions(reports: Sequence[Report]) -> Iterator[Finding]:
    """DUP-VERSION: one finding on each version of a body+year, compared cell by cell."""
    values: dict[int, dict[str, Values]] = {}  # by id() of a report of ``reports``
    for members in groups(reports).values():
        if len(members) < 2:
            continue
        counted = next((m for m in members if m.current), members[0])
        counted_name = counted.source.replace("\\", "/").rsplit("/", 1)[-1]
        for r in members:
            others = [o for o in members if o is not r]
            versions = tuple(
                OtherVersion(o.id, o.source, tuple(differing_cells(r, o, values))) for o in others
            )
            parts = []
            for v in versions:
                name = v.source.replace("\\", "/").rsplit("/", 1)[-1]
                if not v.diffs:
                    parts.append(f"与「{name}」逐格比较:无不同单元格(no differing cell)")
                    continue
                listed = "；".join(_describe(d) for d in v.diffs[:MAX_LISTED])
                more = f" 等(共 {len(v.diffs)} 处)" if len(v.diffs) > MAX_LISTED else ""
                parts.append(f"与「{name}」逐格比较有 {len(v.diffs)} 处不同:{listed}{more}")
            msg = (
                f"{r.agency or ''}{r.year}年度报告另有 {len(others)} 个版本。"
                + "。".join(parts)
                + f"。现行版本为「{counted_name}」(统计和审核意见只计现行版本；"
                "如应以另一份为准，请将其标为现行版本)。"
            )
            cells = tuple(dict.fromkeys(d.cell for v in versions for d in v.diffs))
            f = finding(
                "DUP-VERSION",
                r,
                msg,
                spans=cell_spans(r, cells),
                related=others[0],
                versions=versions,
            )
            # the key leaves the cells out: a status survives the other version's corrections
            yield dataclasses.replace(f, cells=cells)


__all__ = [
    "GroupKey",
    "assign",
    "check_versions",
    "differing_cells",
    "file_slot",
    "group_key",
    "groups",
    "rekey",
]
