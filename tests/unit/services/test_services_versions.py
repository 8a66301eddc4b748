"""Issue 11: versions of one report. Each file is audited on its own; DUP-VERSION compares them.

Seeds plus a copy of seed 001 (Tianqiao) whose 2022 表三 (一)予以公开 自然人 reads 70 instead
of the published 69; and Tianqiao 2021 as a .txt beside its .docx.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections import Counter
from pathlib import Path

import pytest

from gik_desk.model import CellDiff, CellRef, Finding
from gik_desk.model.batch import Batch
from gik_desk.services import audit_paths
from tests.unit.ingest import builders as bld
from tests.unit.ingest import tianqiao as tq

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
SEED_001 = SEEDS / "001_711b86d480afee15.txt"
# Tianqiao 2022, 表三 line: "三、本年度办理结果 | (一)予以公开 | 69 | 0 | 0 | 0 | 0 | 0 | 69 |"
PUBLISHED = "三、本年度办理结果 | (一)予以公开 | 69 |"
CHANGED = "三、本年度办理结果 | (一)予以公开 | 70 |"
GRANTED_NATURAL = CellRef("applications", "granted", "natural")


def _sig(f: Finding) -> tuple[object, ...]:
    """A finding without its key (the key carries the version slot) and related report."""
    return (f.rule, f.message, f.cells, f.actual, f.expected, f.spans, f.suggestions)


def _own(batch: Batch, source: Path) -> dict[int | None, list[tuple[object, ...]]]:
    """Per year: the non-year-over-year findings of the reports read from ``source``."""
    out: dict[int | None, list[tuple[object, ...]]] = {}
    ids = {r.id: r.year for r in batch.reports if Path(r.source) == source}
    for f in batch.findings:
        if f.report_id in ids and not f.rule.startswith("YOY-") and f.rule != "DUP-VERSION":
            out.setdefault(ids[f.report_id], []).append(_sig(f))
    return out


@pytest.fixture(scope="module")
def seeds_and_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("versions")
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, d / p.name)
    text = SEED_001.read_text(encoding="utf-8")
    assert text.count(PUBLISHED) == 1  # 2022's table is the file's first
    copy = d / "001_copy.txt"
    copy.write_text(text.replace(PUBLISHED, CHANGED), encoding="utf-8")
    return d, copy


@pytest.fixture(scope="module")
def batch(seeds_and_copy: tuple[Path, Path]) -> Batch:
    return audit_paths([seeds_and_copy[0]], workers=1)


def test_copy_keeps_every_finding_it_has_when_audited_alone(
    seeds_and_copy: tuple[Path, Path], batch: Batch
) -> None:
    _, copy = seeds_and_copy
    alone = audit_paths([copy], workers=1)
    assert _own(batch, copy) == _own(alone, copy)
    # the changed cell breaks its row and its column: two errors on the copy's 2022 report
    errors_2022 = [s for s in _own(batch, copy)[2022] if s[0].startswith("APP-")]
    assert {s[0] for s in errors_2022} == {"APP-ROW", "APP-RESULTS"}
    assert all(GRANTED_NATURAL in s[2] for s in errors_2022)


def test_original_keeps_its_findings_and_keys_beside_the_copy(
    seeds_and_copy: tuple[Path, Path], batch: Batch
) -> None:
    original = seeds_and_copy[0] / SEED_001.name
    alone = audit_paths([original], workers=1)
    assert _own(batch, original) == _own(alone, original)
    keys_alone = {f.key for f in alone.findings}
    ids = {r.id for r in batch.reports if Path(r.source) == original}
    kept = {f.key for f in batch.findings if f.report_id in ids and f.rule != "DUP-VERSION"}
    assert kept == keys_alone  # the first version keeps the empty slot: statuses still attach


def test_every_report_of_the_copy_gets_its_own_id(batch: Batch) -> None:
    assert len({r.id for r in batch.reports}) == len(batch.reports)
    per_file = Counter(Path(r.source).name for r in batch.reports)
    assert per_file["001_copy.txt"] == per_file[SEED_001.name] == 15


def test_fifteen_dup_version_pairs_only_2022_lists_the_changed_cell(
    seeds_and_copy: tuple[Path, Path], batch: Batch
) -> None:
    d, copy = seeds_and_copy
    original = d / SEED_001.name
    year = {r.id: r.year for r in batch.reports}
    source = {r.id: Path(r.source) for r in batch.reports}
    dups = [f for f in batch.findings if f.rule == "DUP-VERSION"]
    assert len(dups) == 30  # 15 years x one finding on each of the two versions
    assert Counter(year[f.report_id] for f in dups) == dict.fromkeys(range(2008, 2023), 2)
    for f in dups:
        (other,) = f.versions
        assert {source[f.report_id], Path(other.source)} == {original, copy}
        if year[f.report_id] != 2022:
            assert other.diffs == ()
            assert "无不同单元格" in f.message
            continue
        here, there = (70, 69) if source[f.report_id] == copy else (69, 70)
        assert other.diffs == (CellDiff(GRANTED_NATURAL, here, there),)
        assert f.cells == (GRANTED_NATURAL,)
        assert f"本版 {here},该版 {there}" in f.message
        assert f.to_json()["versions"] == [
            {
                "report": other.report_id,
                "source": other.source,
                "differences": [
                    {"table": "applications", "row": "granted", "col": "natural"}
                    | {"here": here, "there": there}
                ],
            }
        ]


def test_year_pairs_form_within_each_file_first(
    seeds_and_copy: tuple[Path, Path], batch: Batch
) -> None:
    by_id = {r.id: r for r in batch.reports}
    yoy = [f for f in batch.findings if f.rule.startswith("YOY-") and f.related_report_id]
    assert yoy
    for f in yoy:
        assert by_id[f.related_report_id].source == by_id[f.report_id].source


def test_txt_beside_its_docx_are_two_versions_with_no_differing_cell(tmp_path: Path) -> None:
    """Tianqiao 2021 published twice: as Word and as plain text."""
    blocks = bld.template_report(tq.TITLE, tq.ACTIVE, tq.APPLICATIONS, tq.APPEALS, tq.INTRO)
    docx = bld.make_docx(blocks, tmp_path / "r.docx")
    txt = tmp_path / "r.txt"
    txt.write_text(bld.make_text(blocks), encoding="utf-8")
    both = audit_paths([docx, txt], workers=1)
    for path in (docx, txt):
        alone = audit_paths([path], workers=1)
        assert _own(both, path) == _own(alone, path)
    dups = [f for f in both.findings if f.rule == "DUP-VERSION"]
    assert len(dups) == 2
    assert {Path(f.versions[0].source) for f in dups} == {docx, txt}
    assert all(f.versions[0].diffs == () for f in dups)
    assert all("无不同单元格" in f.message for f in dups)


def test_workbook_lists_the_comparison_and_marks_the_current_version(
    batch: Batch, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from gik_desk.export.xlsx import write_workbook

    out = write_workbook(batch, tmp_path / "审核.xlsx")
    wb = load_workbook(out, read_only=True)
    rows = list(wb["版本比较"].iter_rows(values_only=True))
    head, body = rows[0], rows[1:]
    assert head[:7] == (
        "报告",
        "本版文件",
        "现行版本",
        "另一版本文件",
        "单元格",
        "本版数值",
        "该版数值",
    )
    differing = [r for r in body if r[4] != "无不同单元格"]
    assert sorted((Path(r[1]).name, r[5], r[6], r[7]) for r in differing) == [
        ("001_711b86d480afee15.txt", 69, 70, "applications/granted/natural"),
        ("001_copy.txt", 70, 69, "applications/granted/natural"),
    ]
    assert len(body) == 30  # 28 agreeing versions, one row each, and the two above
    summary = list(wb["汇总"].iter_rows(values_only=True))
    col, source = summary[0].index("版本"), summary[0].index("文件")
    marks = Counter((Path(str(r[source])).name, r[col]) for r in summary[1:] if r[col])
    assert marks == {
        (SEED_001.name, "现行版本"): 15,
        ("001_copy.txt", "其他版本(不计入统计)"): 15,
    }


def test_year_pairs_across_files_follow_the_version_marked_current(tmp_path: Path) -> None:
    """Tianqiao 2022 in one file, two versions of its 2021 in two others: the published one
    (结转下年度 22, which 2022 carries in) and a resubmission printing 23. By default 2022 pairs
    with the first version and balances; marked current, the resubmission gives YOY-CARRY."""
    from gik_desk.parse import parse_path
    from gik_desk.services import reaudit_versions

    reports, _ = parse_path(SEED_001)
    r2022, r2021 = reports[0], reports[1]
    text = r2022.text
    (tmp_path / "a_2022.txt").write_text(text[r2022.span.start : r2022.span.end], "utf-8")
    y2021 = text[r2021.span.start : r2021.span.end]
    carried = "四、结转下年度继续办理 | 22 | 0 | 0 | 0 | 0 | 0 | 22 |"
    assert y2021.count(carried) == 1
    (tmp_path / "b_2021.txt").write_text(y2021, "utf-8")
    resubmitted = y2021.replace(carried, carried.replace("22", "23"))
    (tmp_path / "c_2021.txt").write_text(resubmitted, "utf-8")

    batch = audit_paths([tmp_path], workers=1)

    def carry(b: Batch) -> list[tuple[object, ...]]:
        return [(f.actual, f.expected) for f in b.findings if f.rule == "YOY-CARRY"]

    assert carry(batch) == []
    assert not reaudit_versions(batch)  # the default marks change nothing
    batch.reports = [
        dataclasses.replace(r, current=(r.year != 2021 or r.source.endswith("c_2021.txt")))
        for r in batch.reports
    ]
    assert reaudit_versions(batch)
    assert sorted(carry(batch)) == [(22, 23), (22, 23)]  # 自然人 and 总计: 22 carried in, 23 out
