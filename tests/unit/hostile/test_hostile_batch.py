"""Hostile files in a batch: each becomes a problem with a stable code, the good files still load.

Cites: the ingest limits (zip ratio, HTML depth, table slots) and OUTPUT.md ``problems``.
The good files are the seeds 001 (Tianqiao 2008–2022, 15 reports) and 003 (one report).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gik_desk import services
from tests.unit.hostile import hostile_files as hf

CJK = re.compile(r"[\u4e00-\u9fff]")
TIANQIAO_YEARS = set(range(2008, 2023))


def _problems_by_name(batch: object) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for p in batch.problems:  # type: ignore[attr-defined]
        out.setdefault(Path(p.source).name, set()).add(p.code)
    return out


def _assert_good_files_loaded(batch: object, good: list[Path]) -> None:
    reports = batch.reports  # type: ignore[attr-defined]
    by_file: dict[str, list[object]] = {}
    for r in reports:
        by_file.setdefault(Path(r.source).name, []).append(r)
    tianqiao = by_file.get(hf.TIANQIAO.name, [])
    assert {r.year for r in tianqiao} == TIANQIAO_YEARS  # type: ignore[attr-defined]
    assert all(r.is_report for r in tianqiao)  # type: ignore[attr-defined]
    if hf.SHORT_SEED in good:
        assert len(by_file.get(hf.SHORT_SEED.name, [])) == 1


@pytest.mark.slow
def test_every_hostile_file_is_a_problem_and_good_files_load(tmp_path: Path) -> None:
    hostile = {
        hf.empty_txt(tmp_path).name: "empty-file",
        hf.junk_txt(tmp_path).name: "not-text",
        hf.junk_doc(tmp_path).name: "unsupported-doc",
        hf.zip_bomb_docx(tmp_path).name: "zip-bomb",
        hf.deep_html(tmp_path).name: "html-too-deep",
        hf.colspan_html(tmp_path, rows=300).name: "table-too-large",  # 300 × 1000 slots
        hf.image_only_pdf(tmp_path).name: "scanned-pdf",
    }
    good = [hf.copy_good(tmp_path, hf.TIANQIAO), hf.copy_good(tmp_path, hf.SHORT_SEED)]
    batch = services.audit_paths([tmp_path], workers=1)
    problems = _problems_by_name(batch)
    seen = sorted({Path(r.source).name for r in batch.reports})
    details = [(Path(p.source).name, p.code, p.detail) for p in batch.problems]
    assert problems == {name: {code} for name, code in hostile.items()}, (seen, details)
    for p in batch.problems:
        assert CJK.search(p.message), p  # a Chinese message the reviewer can act on
    assert {Path(r.source).name for r in batch.reports} == {g.name for g in good}
    _assert_good_files_loaded(batch, good)


def test_colspan_of_a_billion_is_clamped_not_expanded(tmp_path: Path) -> None:
    """WHATWG clamps colspan to 1000: three such rows read as a tiny non-report, and the
    hostile span itself is a problem naming the file (issue 2: bad input ends in ``problems``)."""
    path = hf.colspan_html(tmp_path, rows=3)
    batch = services.audit_paths([path], workers=1)
    (problem,) = batch.problems
    assert (Path(problem.source).name, problem.code) == (path.name, "span-clamped")
    assert "合并跨度异常" in problem.message
    assert len(batch.reports) == 1
    report = batch.reports[0]
    assert report.is_report is False
    assert [f.rule for f in batch.findings] == ["NOT-REPORT"]
    assert len(report.text) < 100  # the merged cell is written once, not a billion times


@pytest.mark.slow
def test_hostile_files_in_a_process_pool_do_not_stop_the_batch(tmp_path: Path) -> None:
    """The GUI's path: two spawn workers; the pool must survive the hostile files."""
    hostile = {
        hf.empty_txt(tmp_path).name: "empty-file",
        hf.junk_txt(tmp_path).name: "not-text",
        hf.zip_bomb_docx(tmp_path).name: "zip-bomb",
        hf.deep_html(tmp_path).name: "html-too-deep",
    }
    good = [hf.copy_good(tmp_path, hf.TIANQIAO)]
    batch = services.audit_paths([tmp_path], workers=2)
    assert _problems_by_name(batch) == {name: {code} for name, code in hostile.items()}
    _assert_good_files_loaded(batch, good)


def test_oversized_file_and_folder_loop_do_not_stop_the_batch(tmp_path: Path) -> None:
    """A 60 MB (sparse) .txt is refused before a byte is read; a symlink back up is not followed."""
    huge = tmp_path / "超大.txt"
    with huge.open("wb") as fh:
        fh.truncate(60 * 1024 * 1024)
    sub = tmp_path / "子目录"
    sub.mkdir()
    good = hf.copy_good(sub, hf.SHORT_SEED)
    try:
        (sub / "回到上级").symlink_to(tmp_path, target_is_directory=True)
    except OSError:
        pytest.skip("no symlinks here")
    batch = services.audit_paths([tmp_path], workers=1)
    assert _problems_by_name(batch) == {huge.name: {"too-large"}}
    assert [Path(r.source).name for r in batch.reports] == [good.name]
    assert len(batch.sources) == 2  # each file once, the loop not walked


def test_table_cut_off_halfway_is_a_problem_and_a_finding_and_the_batch_goes_on(
    tmp_path: Path,
) -> None:
    """Seed 000 cut after its line 150, inside 表三 (its (七)总计 is line 250): never silent."""
    seed = hf.TIANQIAO.parent / "000_375d3c597609dd56.txt"
    lines = seed.read_text(encoding="utf-8").split("\n")
    assert lines[60].startswith("一、本年新收")
    assert lines[249].startswith("(七)总计")
    cut = tmp_path / "截断.txt"
    cut.write_text("\n".join(lines[:150]) + "\n", encoding="utf-8")
    good = hf.copy_good(tmp_path, hf.SHORT_SEED)
    batch = services.audit_paths([tmp_path], workers=1)
    (problem,) = batch.problems
    assert (Path(problem.source).name, problem.code) == (cut.name, "table-incomplete")
    assert "天津市南开区政务服务办公室2024年度报告的表三缺少" in problem.message
    by_name = {Path(r.source).name: r for r in batch.reports}
    assert set(by_name) == {cut.name, good.name}
    report = by_name[cut.name]
    table = report.tables["applications"]
    assert not table.complete
    assert ("total", "total") in table.missing  # (七)总计 lies past the cut
    rules = {f.rule for f in batch.findings_for(report.id)}
    assert {"PARSE", "TPL-ROWS"} <= rules
    (parse,) = [f for f in batch.findings_for(report.id) if f.rule == "PARSE"]
    assert "表三未能完整读取" in parse.message
