"""Issue 10: the watchdog covers every file, not only batches big enough for the pool.

A single file (or a small batch) was parsed in this process with no time or memory bound. In
automatic mode only small plain text still is (its reading is linear and bounded); anything
else goes to a one-worker pool, whose workers are capped in memory as well as in time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from svc_workers import scripted

from gik_desk import pool, services
from tests.unit.hostile import hostile_files as hf


def test_a_single_heavy_file_is_parsed_under_the_watchdog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_inline(*_a: object, **_k: object) -> None:
        raise AssertionError("parsed in-process, without the watchdog")

    monkeypatch.setattr(pool, "run_inline", no_inline)
    bomb = hf.zip_bomb_docx(tmp_path)
    batch = services.audit_paths([bomb])  # automatic mode, one file
    assert [(Path(p.source).name, p.code) for p in batch.problems] == [(bomb.name, "zip-bomb")]


def test_small_plain_text_still_parses_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pool(*_a: object, **_k: object) -> None:
        raise AssertionError("a worker pool for one small .txt")

    monkeypatch.setattr(pool, "run_pool", no_pool)
    batch = services.audit_paths([hf.copy_good(tmp_path, hf.SHORT_SEED)])
    assert len(batch.reports) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_DATA bounds malloc")
def test_a_file_needing_too_much_memory_is_a_problem_and_the_batch_goes_on(
    tmp_path: Path,
) -> None:
    hog = tmp_path / "hog.txt"
    hog.write_text("hog\n", encoding="utf-8")
    ok = tmp_path / "ok.txt"
    ok.write_text("ok 某某区 2021\n", encoding="utf-8")
    batch = services.audit_paths([hog, ok], workers=2, audit=False, parse=scripted)
    assert [(Path(p.source).name, p.code) for p in batch.problems] == [("hog.txt", "out-of-memory")]
    assert "内存" in batch.problems[0].message
    assert [Path(r.source).name for r in batch.reports] == ["ok.txt"]
