"""Which template cells a narrative key (OUTPUT.md ``narrative``) stands for: one home for the
narrative checks (``rules/narrative.py``) and the key series the dashboard and the 统计 sheet
follow across years (``export/series.py``)."""

from __future__ import annotations

from gik_desk.template.tables import app_rows

_SINGLE: dict[str, tuple[str, str]] = {
    "applications.received": ("new", "total"),
    "applications.carried_in": ("carried_in", "total"),
    "applications.answered": ("total", "total"),
    "applications.carried_out": ("carried_out", "total"),
    "applications.granted": ("granted", "total"),
    "applications.partial": ("partial", "total"),
}
_GROUPS: dict[str, str] = {
    "applications.withheld": "withheld.",
    "applications.unable": "unable.",
    "applications.rejected": "rejected.",
    "applications.other": "other",
}


def narrative_cells(key: str, template: str = "t2021") -> tuple[str, list[tuple[str, str]]] | None:
    """(table, [(row, col)…]) the key claims in a 2019+ table of ``template``; a group key
    (不予公开, 无法提供…) sums its rows' 总计; None for a key no template cell holds."""
    if key in _SINGLE:
        return "applications", [_SINGLE[key]]
    if key in _GROUPS:
        prefix = _GROUPS[key]
        keys = [r.key for r in app_rows(template)]
        if prefix == "other":
            rows = [k for k in keys if k == "other" or k.startswith("other.")]
        else:
            rows = [k for k in keys if k.startswith(prefix)]
        return "applications", [(r, "total") for r in rows]
    if key == "appeals.suit.total":
        return "appeals", [("count", "suit_direct.total"), ("count", "suit_after_review.total")]
    parts = key.split(".")
    if parts[0] == "appeals" and len(parts) == 3:
        return "appeals", [("count", f"{parts[1]}.{parts[2]}")]
    if parts[0] == "active" and len(parts) == 3:
        return "active", [(parts[1], parts[2])]
    return None
