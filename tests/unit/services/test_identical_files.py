"""Issue 23: a file whose bytes equal one already in the batch is the same report, never a
second version: it is skipped with a message naming the file it repeats (seed 001, Tianqiao
2022)."""

from __future__ import annotations

import shutil
from pathlib import Path

from gik_desk.jobs import run_to_end
from gik_desk.services import CancelToken, audit_paths, extend_batch

SEED = Path(__file__).resolve().parents[3] / "resources" / "samples" / "001_711b86d480afee15.txt"


def _copies(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a" / "天桥区2022.txt", tmp_path / "b" / "副本.txt"
    for p in (a, b):
        p.parent.mkdir()
        shutil.copyfile(SEED, p)
    return a, b


def test_identical_files_in_one_batch_are_one_report(tmp_path: Path) -> None:
    a, b = _copies(tmp_path)
    batch = audit_paths([a, b], workers=1)
    assert {r.source for r in batch.reports} == {str(a)}
    assert not [f for f in batch.findings if f.rule == "DUP-VERSION"]
    skipped = [p for p in batch.problems if p.code == "same-file"]
    assert [p.source for p in skipped] == [str(b)]
    assert "天桥区2022.txt" in skipped[0].message
    assert "已跳过" in skipped[0].message


def test_an_identical_file_added_to_an_open_batch_is_skipped(tmp_path: Path) -> None:
    a, b = _copies(tmp_path)
    old = audit_paths([a], workers=1)
    merged = run_to_end(extend_batch([b], old, CancelToken(), workers=1))
    assert {r.source for r in merged.reports} == {str(a)}
    assert not [f for f in merged.findings if f.rule == "DUP-VERSION"]
    assert [p.source for p in merged.problems if p.code == "same-file"] == [str(b)]
