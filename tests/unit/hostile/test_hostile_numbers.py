"""Issue 10: one bounded number reader; odd digits are read right or refused, never shifted.

Seed 003 (建邺区人民政府办公室 2023) prints its 表三 row 本机关不掌握相关政府信息 as
``11 0 0 0 0 0 11``. Its first value is reprinted in other scripts and forms: the row must read
11 in 自然人 or mark that cell unreadable (``Fill.TEXT``), and 总计 must stay 11 (no shift).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from gik_desk import rules, services
from gik_desk.cli.main import main
from gik_desk.model import Fill
from gik_desk.parse import parse_path
from gik_desk.parse.digits import split_run, split_tokens
from gik_desk.parse.numbers import MAX_NUMBER_CHARS, read_cell, read_number, to_number
from tests.unit.hostile import hostile_files as hf

ROW = "unable.not_held"
COLS = ("natural", "business", "research", "ngo", "legal", "other", "total")
READ = {"ascii": "11", "arabic": "\u0661\u0661", "devanagari": "\u0967\u0967", "fullwidth": "１１"}
REFUSED = {
    "chinese": "十一",
    "chinese340": "三百四十",
    "circled": "\u246a",
    "superscript": "1\u00b9",
    "zero_width": "1\u200b1",
    "huge_int": "1" * 4_301,
    "huge_decimal": "9" * 400 + ".5",
}


def _row(tmp_path: Path, name: str, printed: str) -> list[tuple[object, Fill]]:
    path = hf.seed_with_first_value(tmp_path, name, printed)
    reports, problems = parse_path(path)
    assert problems == []
    (report,) = reports
    table = report.tables["applications"]
    return [(table.cells[ROW, c].value, table.cells[ROW, c].fill) for c in COLS]


@pytest.mark.parametrize("name", sorted(READ))
def test_other_scripts_digits_are_read(tmp_path: Path, name: str) -> None:
    row = _row(tmp_path, name, READ[name])
    assert row == [(11, Fill.NUMBER)] + [(0, Fill.NUMBER)] * 5 + [(11, Fill.NUMBER)]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_unreadable_numbers_are_refused_in_place_not_shifted(tmp_path: Path, name: str) -> None:
    row = _row(tmp_path, name, REFUSED[name])
    assert row == [(None, Fill.TEXT)] + [(0, Fill.NUMBER)] * 5 + [(11, Fill.NUMBER)]


@pytest.mark.parametrize(
    "text", ["1" * 4_301, "1" * 100_000, "9" * 400 + ".5", "1e999", "nan", "inf", "1" * 65]
)
def test_the_number_reader_is_bounded_and_never_raises(text: str) -> None:
    cell = read_cell(text)
    assert cell is None or cell.fill is not Fill.NUMBER
    assert read_number(text) is None
    with pytest.raises(ValueError, match="not a bounded number"):
        to_number(text)


def test_numbers_up_to_the_cap_are_read_exactly() -> None:
    assert read_cell("1" * MAX_NUMBER_CHARS).value == int("1" * MAX_NUMBER_CHARS)  # type: ignore[union-attr]
    assert read_cell("1,234").value == 1234  # type: ignore[union-attr]
    assert read_cell("-32").value == -32  # type: ignore[union-attr]
    assert read_cell("1.") is None  # an ordinal: a label, as before
    assert read_cell("(三)") is None  # an ordinal label, not a number
    assert read_cell("三") is None


@pytest.mark.parametrize(
    "run", ["\u2460\u2461\u2462\u2463\u2464\u2465\u2466", "12\u00b2345678", "１２３"]
)
def test_digit_runs_of_other_kinds_are_not_split_and_do_not_raise(run: str) -> None:
    assert split_run(run, (7,)) == []
    assert split_tokens([run, "0"], (7,)) == []


def _cli(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    code = main(list(argv), out=io.StringIO(), err=err)
    return code, err.getvalue()


@pytest.mark.slow
def test_a_huge_number_does_not_cost_the_batch_its_findings(tmp_path: Path) -> None:
    """Issue 10: a 4,300-digit cell left 22 good reports with 0 findings; --xlsx died."""
    good = hf.copy_good(tmp_path, hf.TIANQIAO)
    alone = services.audit_paths([good], workers=1)
    hf.huge_number_report(tmp_path)
    hf.huge_decimal_report(tmp_path)
    batch = services.audit_paths([tmp_path], workers=1)
    assert batch.problems == []
    keys = {f.key for f in batch.findings}
    assert {f.key for f in alone.findings} <= keys
    out_json, out_xlsx = tmp_path / "out" / "a.json", tmp_path / "out" / "a.xlsx"
    code, err = _cli("audit", str(tmp_path), "--fail-on", "error", "--json", str(out_json),
                     "--xlsx", str(out_xlsx), "-q")  # fmt: skip
    assert code == 1, err
    doc = json.loads(out_json.read_text(encoding="utf-8"))
    assert len(doc["reports"]) == 17
    assert out_xlsx.stat().st_size > 0


def test_a_check_that_raises_on_one_report_costs_only_that_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Tianqiao 2008–2022: a rules bug on the 2015 report is a problem naming it; the other
    14 reports keep every finding they had."""
    alone = services.audit_paths([hf.TIANQIAO], workers=1)

    def broken(report: object) -> list[object]:
        if getattr(report, "year", None) == 2015:
            raise OverflowError("模拟：规则内部错误")
        return []

    monkeypatch.setattr(rules, "REPORT_CHECKS", [*rules.REPORT_CHECKS, broken])
    batch = services.audit_paths([hf.TIANQIAO], workers=1)
    (problem,) = batch.problems
    assert problem.code == "audit-error"
    assert problem.source == str(hf.TIANQIAO)
    assert "2015" in problem.message
    assert "其余报告已正常审核" in problem.message
    assert [f.key for f in batch.findings] == [f.key for f in alone.findings]
    with pytest.raises(OverflowError):
        rules.audit(batch.reports)  # the strict entry point still raises for scripts and tests
