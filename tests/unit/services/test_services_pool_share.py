"""Issue 26: the pool earns its keep. This process parses the batch's last small .txt files
beside its workers (the same reports, never pickled), one session pool serves every batch it
can, the costliest tasks go first and the chunks shrink towards the tail, and a chunk's
results come back through a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from svc_workers import scripted

from gik_desk import pool
from gik_desk.jobs import Cancelled, CancelToken, run_to_end
from gik_desk.pool import _plan_chunks
from gik_desk.services import audit_paths, open_batch

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"


def _files(tmp_path: Path, scripts: list[str]) -> list[Path]:
    out = []
    for i, script in enumerate(scripts):
        p = tmp_path / f"{i:02d}.txt"
        p.write_text(script, encoding="utf-8")
        out.append(p)
    return out


def test_the_last_small_text_files_parse_here_beside_the_workers_and_read_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    here: list[str] = []
    parse_here = pool._parse_here

    def recorded(path: Path, parse: pool.ParseFile, limits: object) -> pool.FileResult:
        here.append(path.name)
        return parse_here(path, parse, limits)

    monkeypatch.setattr(pool, "_parse_here", recorded)
    pooled = audit_paths([SEEDS], workers=2, audit=False)
    monkeypatch.setattr(pool, "_parse_here", parse_here)
    local = audit_paths([SEEDS], workers=1, audit=False)
    # 001 (187 kB, 15 reports) is the costliest: a worker takes it first; 004 is the last file
    assert "004_c7d8b163796d4c79.txt" in here
    assert "001_711b86d480afee15.txt" not in here
    assert pooled.reports == local.reports
    assert pooled.problems == local.problems == []
    assert len(pooled.reports) == 19  # tests/data/expected/reports.json lists 19 seed reports


def test_a_custom_parser_never_runs_in_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*_a: object) -> None:
        raise AssertionError("a custom parser ran in this process, outside the watchdog")

    monkeypatch.setattr(pool, "_parse_here", never)
    _files(tmp_path, [f"ok 局{i} 2021" for i in range(12)])
    batch = audit_paths([tmp_path], workers=2, audit=False, parse=scripted)
    assert [r.agency for r in batch.reports] == [f"局{i}" for i in range(12)]


def test_one_session_pool_serves_a_one_file_batch_and_a_job_without_warm_modules(
    tmp_path: Path,
) -> None:
    files = _files(tmp_path, [f"ok 局{i} 2021" for i in range(6)])
    audit_paths(files, workers=2, audit=False, parse=scripted)
    kept = pool._WARM._pool
    assert kept is not None
    one = audit_paths(files[:1], workers=2, audit=False, parse=scripted)  # a one-worker job
    assert [r.agency for r in one.reports] == ["局0"]
    assert pool._WARM._pool is kept
    results: dict[int, pool.FileResult] = {}
    list(pool.run_pool(files[1:2], None, scripted, None, 1, 60.0, results))  # warm=()
    assert [r.agency for r in results[0][0]] == ["局1"]
    assert pool._WARM._pool is kept


def test_plan_sends_the_costliest_first_and_shrinks_the_chunks_towards_the_tail(
    tmp_path: Path,
) -> None:
    small = []
    for i in range(40):
        p = tmp_path / f"{i:02d}.txt"
        p.write_bytes(b"x" * 1000)
        small.append(p)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 100_000)
    pdf_small = tmp_path / "a.pdf"
    pdf_small.write_bytes(b"%" * 100)
    pdf_big = tmp_path / "b.pdf"
    pdf_big.write_bytes(b"%" * 5000)
    files = [*small[:5], big, *small[5:], pdf_small, pdf_big]
    chunks = _plan_chunks(files, workers=2)
    assert chunks[:3] == [[42], [41], [5]]  # the larger PDF, the smaller, the big text file
    rest = chunks[3:]
    assert [i for c in rest for i in c] == [*range(5), *range(6, 41)]  # in order, each once
    # 40 files of 1 kB in 8 chunks whose shares fall linearly from 1 to TAIL_SHARE (0.5)
    assert [len(c) for c in rest] == [7, 6, 6, 5, 5, 4, 4, 3]


def test_a_chunk_comes_back_through_a_file_and_one_that_cannot_be_read_is_a_parse_error(
    tmp_path: Path,
) -> None:
    paths = [str(p) for p in _files(tmp_path, ["ok 局甲 2021", "ok 局乙 2020"])]
    spill = tmp_path / "spill"
    spill.mkdir()
    written = pool._parse_chunk(paths, None, scripted, str(spill), True)
    assert isinstance(written, pool._Written)
    back = pool._read(paths, written)
    assert [(r.agency, r.year) for reports, _ in back for r in reports] == [
        ("局甲", 2021),
        ("局乙", 2020),
    ]
    assert list(spill.iterdir()) == []  # read, then removed
    broken = pool._parse_chunk(paths, None, scripted, str(spill), True)
    assert isinstance(broken, pool._Written)
    Path(broken.path).write_bytes(b"not a pickle")
    lost = pool._read(paths, broken)
    assert [(reports, [(p.source, p.code) for p in problems]) for reports, problems in lost] == [
        ([], [(paths[0], "parse-error")]),
        ([], [(paths[1], "parse-error")]),
    ]
    assert list(spill.iterdir()) == []


def test_cancel_stops_a_batch_this_process_helps_parse(tmp_path: Path) -> None:
    text = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    for i in range(30):
        (tmp_path / f"{i:02d}.txt").write_text(text + f"\n{i}\n", encoding="utf-8")
    token = CancelToken()
    job = open_batch([tmp_path], token, workers=2, audit=False)
    first = next(job)
    assert first.done == 1
    token.cancel()
    with pytest.raises(Cancelled):
        for _ in job:
            pass


def test_a_caller_can_keep_this_process_out_of_the_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def never(*_a: object) -> None:
        raise AssertionError("parsed in this process")

    monkeypatch.setattr(pool, "_parse_here", never)
    batch = run_to_end(open_batch([SEEDS], workers=2, audit=False, parse_beside=False))
    assert len(batch.reports) == 19
