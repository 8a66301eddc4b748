"""SIGKILL at random moments loses no committed action and leaves no partial one.

A child process records reviewer actions, printing each event id after ``apply`` (its COMMIT)
returned; the test waits for a random number of ids, waits a random few milliseconds more,
and kills it. Every printed id must be in the event log, the database must pass
``integrity_check``, and the stored state must equal a replay of the log.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from wsbatch import standard_batch

from gik_desk.workspace import Workspace

HELPER = Path(__file__).parent / "crash_writer.py"
ROOT = Path(__file__).resolve().parents[3]
N_ACTIONS = 2000  # far more than any run waits for, so every kill lands mid-stream
RUNS = 6

pytestmark = [
    pytest.mark.slow,
    pytest.mark.sqlite_only,  # the team store's own kill test: tests/unit/workspace/team
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]


def _run_and_kill(path: Path, run: int, rng: random.Random) -> tuple[list[int], int]:
    wait_for = rng.randint(1, 400) if run else 300  # one run records at least 300
    proc = subprocess.Popen(
        [sys.executable, str(HELPER), str(path), str(N_ACTIONS), str(run)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    printed: list[int] = []
    finished = False
    try:
        while len(printed) < wait_for:
            line = proc.stdout.readline()
            finished = line == "done\n"
            if not line or finished:
                break
            printed.append(int(line))
        time.sleep(rng.uniform(0.0, 0.02))
        proc.send_signal(signal.SIGKILL)
        rest, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert not finished, "the writer finished before the kill"
    assert "done" not in rest, "the writer finished before the kill"
    printed += [int(x) for x in rest.split()]
    assert len(printed) >= wait_for, err
    return printed, proc.returncode


def test_sigkill_loses_no_committed_action(tmp_path: Path) -> None:
    path = tmp_path / "crash.gikdb"
    with Workspace.open(path, network=False) as ws:
        ws.sync_batch(standard_batch())
    rng = random.Random(20261123)
    printed: list[int] = []
    for run in range(RUNS):
        ids, code = _run_and_kill(path, run, rng)
        assert code == -signal.SIGKILL
        printed += ids
        assert len(ids) >= 1
    assert len(printed) >= 300

    with Workspace.open(path, create=False, network=False) as ws:
        assert ws.pragma("integrity_check") == "ok"
        events = ws.events()
        logged = {e.id for e in events}
        assert set(printed) <= logged
        n_actions = sum(1 for e in events if e.action != "sync")
        # each kill may land after a COMMIT and before its print: at most one unprinted per run
        assert len(printed) <= n_actions <= len(printed) + RUNS
        _assert_state_replays_log(ws)


def _assert_state_replays_log(ws: Workspace) -> None:
    """The tables hold exactly what the log says: no change without its row, nor a row without."""
    status: dict[str, str] = {}
    note: dict[str, str] = {}
    annotations: dict[str, str] = {}
    for e in ws.events():
        if e.action == "set_status":
            for key, after in zip(json.loads(e.target), json.loads(e.after), strict=True):
                status[key] = after
        elif e.action == "set_note":
            note[e.target] = e.after
        elif e.action == "add_annotation":
            annotations[e.target] = json.loads(e.after)["note"]
        elif e.action == "edit_annotation_note":
            annotations[e.target] = e.after
        elif e.action == "delete_annotation":
            del annotations[e.target]
    reviews = ws.reviews()
    for key, review in reviews.items():
        assert review.status.value == status.get(key, "pending"), key
        assert review.note == note.get(key, ""), key
    assert {a.id: a.note for a in ws.annotations()} == annotations
