"""The pool's speed machinery keeps the batch's promises: files travel several to a task, yet a
crash or a hang is still pinned on its one file, results keep file order, and the pool kept
warm between batches serves the next one."""

from __future__ import annotations

from pathlib import Path

import pytest
from svc_workers import scripted

from gik_desk import pool
from gik_desk.pool import _plan_chunks
from gik_desk.services import audit_paths, open_batch


def _files(tmp_path: Path, scripts: list[str]) -> list[Path]:
    out = []
    for i, script in enumerate(scripts):
        p = tmp_path / f"{i:02d}.txt"
        p.write_text(script, encoding="utf-8")
        out.append(p)
    return out


def test_plan_puts_small_text_files_several_to_a_task_and_other_formats_alone(
    tmp_path: Path,
) -> None:
    files = _files(tmp_path, [f"ok 局{i} 2021" for i in range(20)])
    pdf = tmp_path / "20.pdf"
    pdf.write_bytes(b"%PDF-1.4 not really")
    chunks = _plan_chunks([*files, pdf], workers=2)
    assert chunks[0] == [20]  # the costly format first, on its own
    text_chunks = chunks[1:]
    assert len(text_chunks) == 2 * pool.CHUNKS_PER_WORKER
    assert [i for c in text_chunks for i in c] == list(range(20))  # each file once, in order


def test_crash_inside_a_chunk_is_pinned_on_its_file(tmp_path: Path) -> None:
    scripts = [f"ok 局{i} 2021" for i in range(20)]
    scripts[9] = "crash"
    files = _files(tmp_path, scripts)
    assert any(9 in c and len(c) > 1 for c in _plan_chunks(files, 2))  # shares a task
    batch = audit_paths([tmp_path], workers=2, audit=False, parse=scripted)
    assert [(p.source, p.code) for p in batch.problems] == [(str(files[9]), "worker-crash")]
    assert [r.agency for r in batch.reports] == [f"局{i}" for i in range(20) if i != 9]


@pytest.mark.slow
def test_hang_inside_a_chunk_times_out_alone(tmp_path: Path) -> None:
    scripts = [f"ok 局{i} 2021" for i in range(12)]
    scripts[5] = "hang"
    files = _files(tmp_path, scripts)
    assert any(5 in c and len(c) > 1 for c in _plan_chunks(files, 2))
    job = open_batch([tmp_path], workers=2, audit=False, parse=scripted, timeout_s=8)
    progress = []
    while True:
        try:
            progress.append(next(job))
        except StopIteration as stop:
            batch = stop.value
            break
    assert [p.done for p in progress] == list(range(1, 13))  # one progress line per file
    assert [(p.source, p.code) for p in batch.problems] == [(str(files[5]), "timeout")]
    assert [r.agency for r in batch.reports] == [f"局{i}" for i in range(12) if i != 5]


def test_second_batch_reuses_the_warm_pool_and_reads_the_same(tmp_path: Path) -> None:
    _files(tmp_path, [f"ok 局{i} 202{i % 4}" for i in range(6)])
    first = audit_paths([tmp_path], workers=2, audit=False, parse=scripted)
    kept = pool._WARM._pool
    assert kept is not None  # handed back after a clean batch
    second = audit_paths([tmp_path], workers=2, audit=False, parse=scripted)
    assert pool._WARM._pool is kept
    assert [(r.agency, r.year) for r in second.reports] == [
        (r.agency, r.year) for r in first.reports
    ]
    assert [(r.agency, r.year) for r in first.reports] == [
        (f"局{i}", 2020 + i % 4) for i in range(6)
    ]


def test_small_txt_batch_in_auto_mode_parses_in_process() -> None:
    """The five seeds (~230 KB) cost less to parse here than to start workers."""
    seeds = Path(__file__).resolve().parents[2] / "data" / "seeds"
    files = sorted(seeds.glob("*.txt"))
    assert pool.small_text_batch(files)
    batch = audit_paths([seeds], audit=False)
    assert len(batch.reports) == 19  # tests/data/expected/reports.json lists 19 seed reports
    assert batch.problems == []


def test_pool_results_equal_in_process_results_and_share_each_files_text() -> None:
    """Seeds through the real parser: what crosses from the workers (pickled as constructor
    calls) equals what parses here, and a file's 15 reports (seed 001) hold one text."""
    seeds = Path(__file__).resolve().parents[2] / "data" / "seeds"
    pooled = audit_paths([seeds], workers=2, audit=False)
    local = audit_paths([seeds], workers=1, audit=False)
    assert pooled.reports == local.reports
    tianqiao = [r for r in pooled.reports if Path(r.source).name.startswith("001_")]
    assert len(tianqiao) == 15
    assert all(r.text is tianqiao[0].text for r in tianqiao)


def test_a_file_of_thousands_of_reports_comes_back_whole_through_a_spill_file(
    tmp_path: Path,
) -> None:
    """Issue 27: a file of more than ``SPILL_REPORTS`` reports comes back a slice at a time
    through a file (not one pickle): every report and problem, in order, the file's text
    shared again, and no spill file left behind."""
    n = pool.SPILL_REPORTS * 2 + 7
    files = _files(tmp_path, [f"many {n}", "ok 局 2021"])
    batch = audit_paths(files, workers=2, parse=scripted, audit=False)
    many = [r for r in batch.reports if r.source == str(files[0])]
    assert [r.index for r in many] == list(range(n))
    assert len({id(r.text) for r in many}) == 1
    assert many[0].text == f"many {n}"
    assert [r.agency for r in many[:3]] == ["局0", "局1", "局2"]
    assert [p.message for p in batch.problems] == ["第二个问题"]
    assert len(batch.reports) == n + 1


def test_a_spill_file_that_cannot_be_read_back_is_a_parse_error_never_silence(
    tmp_path: Path,
) -> None:
    path = _files(tmp_path, [f"many {pool.SPILL_REPORTS + 1}"])[0]
    spill = tmp_path / "spill"
    spill.mkdir()
    [res] = pool._parse_chunk([str(path)], None, scripted, str(spill))
    assert isinstance(res[0], pool._Spilled)
    Path(res[0].path).write_bytes(b"not a pickle")
    reports, problems = pool._unspill(str(path), res)
    assert reports == []
    assert [p.code for p in problems] == ["empty-file", "parse-error"]
    assert list(spill.iterdir()) == []  # read or not, the spill file is gone


def test_a_real_multi_report_txt_through_the_pool_audits_as_it_does_in_process(
    tmp_path: Path,
) -> None:
    """Issue 27: the spilled reports of a crawl in one .txt are the reports parsed here, down
    to every byte of the JSON (findings included)."""
    from gik_desk.export.json import dumps
    from tests.unit.hostile import hostile_files as hf

    path = hf.multi_report_txt(tmp_path, 3)
    pooled = audit_paths([path])  # one big file: a one-worker pool
    here = audit_paths([path], workers=1)
    assert len(pooled.reports) > pool.SPILL_REPORTS
    assert dumps(pooled) == dumps(here)
