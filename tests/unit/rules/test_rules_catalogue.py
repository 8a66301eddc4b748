"""The catalogue names every rule of RULES.md with its severity, and the engine emits no other."""

from __future__ import annotations

from factory import TIANQIAO_2020_APP, TIANQIAO_2021_APP, make_report, zero_app
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_desk.model import Severity
from gik_desk.rules import RULES, RULES_BY_ID, audit, describe
from gik_desk.rules.correction import app_identities, smallest_corrections

# keyed by hand from RULES.md's tables
RULES_MD = {
    "APP-ROW": "error", "APP-RESULTS": "error", "APP-BALANCE": "error", "APPEAL-SUM": "error",
    "VALUE": "error", "TPL-VERSION": "warning", "TPL-ROWS": "warning", "BLANK": "warning",
    "TPL-LABEL": "info", "TPL-SECTIONS": "warning", "PARSE": "warning", "NOT-REPORT": "info",
    "META-DATE": "info", "YOY-CARRY": "error", "YOY-STOCK": "warning", "YOY-COPY": "warning",
    "YOY-NARRATIVE": "warning", "TEXT-TABLE": "warning", "TEXT-FEE": "warning",
    "APP-CARRY": "warning", "TEXT-SUM": "warning", "TEXT-PCT": "info", "TEXT-SELF": "warning",
    "DUP-VERSION": "warning", "TEXT-PART": "info",
}  # fmt: skip


def test_catalogue_holds_every_rule_of_rules_md_with_its_severity() -> None:
    assert {r.id: r.severity.value for r in RULES} == RULES_MD


def test_catalogue_entries_are_chinese_and_complete() -> None:
    for r in RULES:
        assert r.title
        assert r.explanation
        assert any("\u4e00" <= ch <= "\u9fff" for ch in r.title + r.explanation)


def test_findings_take_severity_from_the_catalogue() -> None:
    reports = [
        make_report(year=2021, applications=TIANQIAO_2021_APP, index=1),
        make_report(year=2020, applications=TIANQIAO_2020_APP, index=2),
    ]
    found = audit(reports)
    assert found
    for f in found:
        assert f.severity is RULES_BY_ID[f.rule].severity
    assert found[0].severity is Severity.ERROR


_IDS = app_identities("t2021")
_ROWS = sorted({r for i in _IDS for r, _ in i.cells})


@st.composite
def _consistent_table(draw: st.DrawFn) -> dict[tuple[str, str], int]:
    """A 表三 where every identity holds: draw result counts, derive the rest."""
    cols = ["natural", "business", "research", "ngo", "legal", "other"]
    results = next(i.parts for i in _IDS if i.rule == "APP-RESULTS")
    res_rows = [r for r, _ in results]
    v: dict[tuple[str, str], int] = {}
    for c in cols:
        for r in res_rows:
            v[r, c] = draw(st.integers(0, 3))
        v["total", c] = sum(v[r, c] for r in res_rows)
        v["carried_out", c] = draw(st.integers(0, 3))
        v["carried_in", c] = draw(st.integers(0, v["total", c] + v["carried_out", c]))
        v["new", c] = v["total", c] + v["carried_out", c] - v["carried_in", c]
    for r in [*res_rows, "total", "carried_out", "carried_in", "new"]:
        v[r, "total"] = sum(v[r, c] for c in cols)
    return v


@settings(max_examples=40, deadline=None)
@given(_consistent_table(), st.data())
def test_one_wrong_cell_is_found_back_by_the_smallest_correction(
    table: dict[tuple[str, str], int], data: st.DataObject
) -> None:
    pos = data.draw(st.sampled_from(sorted(table)))
    bump = data.draw(st.integers(1, 5))
    broken = dict(table)
    broken[pos] += bump
    fixes = smallest_corrections("applications", _IDS, broken, lambda p: 0)
    assert fixes, "a single wrong cell always has a one-cell correction"
    assert all(len(f) == 1 for f in fixes)
    assert any((f[0].row, f[0].col, f[0].value) == (*pos, table[pos]) for f in fixes)
    for fix in fixes:
        repaired = dict(broken)
        for e in fix:
            repaired[e.row, e.col] = e.value
        assert all(i.residual(repaired) == 0 for i in _IDS)


def test_clean_zero_report_gives_no_finding_at_all() -> None:
    r = make_report(
        year=2023,
        applications=zero_app(),
        appeals=[0] * 15,
        active={"rules": {"issued": 0, "repealed": 0, "in_force": 0}},
    )
    assert audit([r]) == []


def test_describe_gives_the_catalogue_explanation() -> None:
    assert "勾稽关系" in describe("APP-BALANCE")
    assert describe("NO-SUCH-RULE") == ""
