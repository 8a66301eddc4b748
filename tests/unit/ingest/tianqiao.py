"""Tianqiao 2021 (济南市天桥区人民政府), keyed by hand from
tests/data/seeds/001_711b86d480afee15.txt lines 97–160, for the cross-format tests.
One cell is blanked on purpose (see BLANK)."""

from __future__ import annotations

TITLE = "济南市天桥区人民政府2021年政府信息公开工作年度报告"
INTRO = (
    "2021年,天桥区准确执行《中华人民共和国政府信息公开条例》和上级部署要求,稳步推进政务公开工作。",
    "2021年全区新收政府信息公开申请358件,上年结转政府信息公开申请8件。",
)
ACTIVE = {
    ("rules", "issued"): 0,
    ("rules", "repealed"): 0,
    ("rules", "in_force"): 0,
    ("normative", "issued"): 1,
    ("normative", "repealed"): 0,
    ("normative", "in_force"): 3,
    ("licensing", "decisions"): 95386,
    ("penalty", "decisions"): 1506,
    ("coercion", "decisions"): 88,
    ("fees", "amount"): 7167,
}
# columns: natural, business, research, ngo, legal, other, total
APPLICATIONS: dict[str, list[int | None]] = {
    "new": [340, 17, 0, 0, 1, 0, 358],
    "carried_in": [8, 0, 0, 0, 0, 0, 8],
    "granted": [51, 3, 0, 0, 0, 0, 54],
    "partial": [51, 2, 0, 0, 0, 0, 53],
    "withheld.secret": [0, 0, 0, 0, 0, 0, 0],
    "withheld.law": [0, 0, 0, 0, 0, 0, 0],
    "withheld.safety": [0, 0, 0, 0, 0, 0, 0],
    "withheld.third_party": [6, 2, 0, 0, 0, 0, 8],
    "withheld.internal": [1, 0, 0, 0, 0, 0, 1],
    "withheld.process": [0, 0, 0, 0, 0, 0, 0],
    "withheld.enforcement": [0, 0, 0, 0, 0, 0, 0],
    "withheld.query": [0, 0, 0, 0, 0, 0, 0],
    "unable.not_held": [182, 10, 0, 0, 1, 0, 193],
    "unable.needs_making": [2, 0, 0, 0, 0, 0, 2],
    "unable.unclear": [0, 0, 0, 0, 0, 0, 0],
    "rejected.petition": [4, 0, 0, 0, 0, 0, 4],
    "rejected.repeat": [1, 0, 0, 0, 0, 0, 1],
    "rejected.publication": [0, 0, 0, 0, 0, 0, 0],
    "rejected.mass": [0, 0, 0, 0, 0, 0, 0],
    "rejected.confirm": [0, 0, 0, 0, 0, 0, 0],
    "other.no_supplement": [3, 0, 0, 0, 0, 0, 1],  # as published: the total says 1
    "other.no_fee": [0, 0, 0, 0, 0, 0, 0],
    "other.other": [25, 0, 0, 0, 0, 0, 25],
    "total": [326, 17, 0, 0, 1, 0, 344],
    "carried_out": [22, 0, 0, 0, 0, 0, 22],
}
BLANK = ("withheld.query", 3)  # (row, column index): ngo of 8.属于行政查询事项 left blank (&nbsp;)
APPLICATIONS[BLANK[0]][BLANK[1]] = None
APPEALS = [18, 3, 2, 17, 40, 11, 4, 1, 4, 20, 41, 1, 1, 5, 48]
