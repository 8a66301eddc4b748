"""open_batch: per-file progress, failures as problems, crashes and hangs contained, cancel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from svc_workers import scripted

from gik_desk.jobs import Cancelled, CancelToken, Progress
from gik_desk.model import CellRef
from gik_desk.model.batch import Batch
from gik_desk.services import audit_paths, open_batch

DATA = Path(__file__).resolve().parents[2] / "data"


def _files(tmp_path: Path, *scripts: str) -> list[Path]:
    out = []
    for i, script in enumerate(scripts):
        p = tmp_path / f"{i:02d}_{script.split()[0]}.txt"
        p.write_text(script, encoding="utf-8")
        out.append(p)
    return out


def _drive(job: object) -> tuple[list[Progress], Batch]:
    seen: list[Progress] = []
    while True:
        try:
            seen.append(next(job))  # type: ignore[call-overload]
        except StopIteration as stop:
            return seen, stop.value


def test_pool_reports_each_file_with_its_payload_and_keeps_file_order(tmp_path: Path) -> None:
    files = _files(tmp_path, "slow 0.8 甲局 2021", "ok 乙局 2022", "ok 丙局 2023", "ok 丁局 2020")
    progress, batch = _drive(open_batch([tmp_path], workers=2, audit=False, parse=scripted))
    assert [p.done for p in progress] == [1, 2, 3, 4]
    assert {p.total for p in progress} == {4}
    assert {p.label for p in progress} == {f.name for f in files}
    for p in progress:
        reports, problems = p.payload  # type: ignore[misc]
        assert problems == []
        assert Path(reports[0].source).name == p.label
    assert [r.agency for r in batch.reports] == ["甲局", "乙局", "丙局", "丁局"]
    assert batch.sources == [str(f) for f in files]
    assert batch.problems == []
    assert batch.findings == []


@pytest.mark.parametrize("workers", [1, 2])
def test_failing_file_becomes_a_problem_and_the_batch_goes_on(tmp_path: Path, workers: int) -> None:
    files = _files(tmp_path, "ok 甲局 2021", "raise", "problem", "ok 丁局 2022")
    batch = audit_paths([tmp_path], workers=workers, audit=False, parse=scripted)
    assert [r.agency for r in batch.reports] == ["甲局", "丁局"]
    assert [(p.source, p.code) for p in batch.problems] == [
        (str(files[1]), "parse-error"),
        (str(files[2]), "empty-file"),
    ]
    assert "ValueError" in batch.problems[0].detail


def test_worker_crash_is_quarantined_and_the_rest_parsed(tmp_path: Path) -> None:
    files = _files(
        tmp_path, "ok 甲局 2021", "crash", "ok 丙局 2021", "ok 丁局 2021", "ok 戊局 2020"
    )
    batch = audit_paths([tmp_path], workers=2, audit=False, parse=scripted)
    assert [r.agency for r in batch.reports] == ["甲局", "丙局", "丁局", "戊局"]
    assert [(p.source, p.code) for p in batch.problems] == [(str(files[1]), "worker-crash")]
    assert "崩溃" in batch.problems[0].message


@pytest.mark.slow
def test_hung_file_times_out_and_the_rest_parsed(tmp_path: Path) -> None:
    files = _files(tmp_path, "ok 甲局 2021", "hang", "ok 丙局 2021")
    job = open_batch([tmp_path], workers=2, audit=False, parse=scripted, timeout_s=8)
    _, batch = _drive(job)
    assert [r.agency for r in batch.reports] == ["甲局", "丙局"]
    assert [(p.source, p.code) for p in batch.problems] == [(str(files[1]), "timeout")]


def test_cancel_stops_the_batch(tmp_path: Path) -> None:
    _files(tmp_path, *(f"slow 0.3 局{i} 2021" for i in range(8)))
    token = CancelToken()
    job = open_batch([tmp_path], token, workers=2, audit=False, parse=scripted)
    first = next(job)
    assert first.done == 1
    token.cancel()
    seen = [first]
    with pytest.raises(Cancelled):
        seen.extend(job)
    assert len(seen) < 8


def test_cancel_before_start_in_process(tmp_path: Path) -> None:
    _files(tmp_path, "ok 甲局 2021")
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        next(open_batch([tmp_path], token, workers=1, parse=scripted))


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    _files(tmp_path, "ok 甲局 2021")
    gone = tmp_path / "nope"
    batch = audit_paths([tmp_path, gone], workers=1, audit=False, parse=scripted)
    assert [r.agency for r in batch.reports] == ["甲局"]
    assert [(p.source, p.code) for p in batch.problems] == [(str(gone), "not-found")]


def test_one_file_is_parsed_in_process(tmp_path: Path) -> None:
    (f,) = _files(tmp_path, "ok 甲局 2021")
    calls: list[str] = []

    def local(path: str, limits: object = None) -> tuple[list[object], list[object]]:
        calls.append(path)  # a closure cannot cross to a worker: this proves in-process
        return scripted(path, limits)  # type: ignore[return-value]

    batch = audit_paths([f], audit=False, parse=local)  # type: ignore[arg-type]
    assert calls == [str(f)]
    assert [r.agency for r in batch.reports] == ["甲局"]


def _layers_ready() -> None:
    """The layers are built: a broken one fails here instead of skipping."""
    from gik_desk import ingest, parse, rules

    assert callable(ingest.read_document)
    assert callable(parse.parse_path)
    assert callable(rules.audit)


def test_seeds_through_the_real_pipeline() -> None:
    """Tianqiao 2021 (seed 001, 2nd report): (六)其他处理 1. 自然人 3 but 总计 1 (RULES.md)."""
    _layers_ready()
    batch = audit_paths([DATA / "seeds"], workers=2)
    expected = json.loads((DATA / "expected" / "reports.json").read_text(encoding="utf-8"))
    got = [(Path(r.source).name, r.index, r.agency, r.year) for r in batch.reports]
    seeds = [e for e in expected if e["file"].endswith(".txt")]
    assert len(seeds) == 19
    assert got == [(e["file"], e["index"], e["agency"], e["year"]) for e in seeds]
    assert batch.problems == []
    tianqiao_2021 = next(
        r for r in batch.reports if r.agency == "济南市天桥区人民政府" and r.year == 2021
    )
    app_row = [f for f in batch.findings_for(tianqiao_2021.id) if f.rule == "APP-ROW"]
    assert len(app_row) == 1
    assert app_row[0].cells[0] == CellRef("applications", "other.no_supplement", "total")
    assert (app_row[0].actual, app_row[0].expected) == (1, 3)
