"""Team-workspace figures (issue 28), on a throwaway PostgreSQL server (tests/pgserver.py):

- ``team_actions_per_s``: eight reviewer processes (tests/unit/workspace/team/team_writer.py),
  each with its own role, recording random actions on one batch at once; actions (committed or
  refused) per second of wall time, counted from when all eight are connected;
- ``team_change_p95_ms``: one status change's round trip (``apply``: the write, its event and
  the commit) from one desk while nothing else writes, the 95th percentile;
- ``team_live_p95_ms``: a colleague's change until an open window shows it (benchmarks/live.py,
  woken by LISTEN/NOTIFY), and ``team_receive_max_ms``, the UI thread's longest turn for one.

Where the server binaries are absent both print as skipped, with the reason. Run alone:
``python benchmarks/team.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
WRITER = TESTS / "unit" / "workspace" / "team" / "team_writer.py"
WRITERS = 8
ACTIONS = 250  # per writer
CHANGES = 300  # round trips sampled for the p95
Figure = tuple[str, float, str, str]


def measure(tmp: Path) -> list[Figure]:
    sys.path.insert(0, str(TESTS))
    sys.path.insert(0, str(TESTS / "unit" / "workspace"))
    import pgserver

    bin_dir = pgserver.find_bin_dir()
    if bin_dir is None:
        why = f"skipped: {pgserver.SKIP_REASON}"
        return [
            ("team_actions_per_s", float("nan"), "actions/s", why),
            ("team_change_p95_ms", float("nan"), "ms", why),
        ]
    server = pgserver.PgServer(bin_dir).start()
    try:
        return _measure(server) + _live(server)
    finally:
        server.stop()


def _live(server: object) -> list[Figure]:
    """``team_live_p95_ms`` and ``team_receive_max_ms`` (benchmarks/live.py: a window open on
    the team workspace, a colleague's process changing statuses) on this server."""
    import psycopg

    url_of = server.url  # type: ignore[attr-defined]
    with psycopg.connect(url_of(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE live")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    script = Path(__file__).with_name("live.py")
    done = subprocess.run(
        [sys.executable, str(script), "--workspace", url_of("live")],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    out: list[Figure] = []
    for line in done.stdout.splitlines():
        name, _, rest = line.partition(": ")
        if name in ("team_live_p95_ms", "team_receive_max_ms"):
            value, _, note = rest.partition(" ms")
            out.append((name, float(value), "ms", note.strip(" ()")))
    if not out:
        why = (done.stderr.strip().splitlines() or ["no output"])[-1][:200]
        out.append(("team_live_p95_ms", float("nan"), "ms", f"failed: {why}"))
    return out


def _measure(server: object) -> list[Figure]:
    import psycopg
    from wsbatch import standard_batch

    from gik_desk.model.review import ReviewStatus
    from gik_desk.workspace import Workspace
    from gik_desk.workspace.team import TeamWorkspace, init_roles
    from gik_desk.workspace.team import grant_role as grant

    url_of = server.url  # type: ignore[attr-defined]
    with psycopg.connect(url_of(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE bench")
        for i in range(WRITERS):
            conn.execute(f"CREATE ROLE bw{i} LOGIN")
    with Workspace.open(url_of("bench")) as ws:
        assert isinstance(ws, TeamWorkspace)
        ws.sync_batch(standard_batch())
        init_roles(ws)
        for i in range(WRITERS):
            grant(ws, f"bw{i}")
        keys = [f.key for f in standard_batch().findings]
        samples = []
        for n in range(CHANGES):
            status = (ReviewStatus.CONFIRMED, ReviewStatus.NEEDS_FIX)[n % 2]
            action = ws.status_action([keys[n % len(keys)]], status)
            t0 = time.perf_counter()
            ws.apply(action)
            samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    p95 = samples[int(0.95 * (len(samples) - 1))]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GIK_TEAM_WAIT": "1"}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(WRITER),
                "actions",
                url_of("bench", user=f"bw{i}"),
                str(ACTIONS),
                str(i),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for i in range(WRITERS)
    ]
    for p in procs:
        assert p.stdout is not None
        line = p.stdout.readline()
        if line.strip() != "READY":
            raise RuntimeError(f"a writer did not start: {p.stderr.read() if p.stderr else ''}")
    t0 = time.perf_counter()
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    done = 0
    for p in procs:
        out, err = p.communicate(timeout=900)
        last = [ln for ln in out.splitlines() if ln.startswith("DONE")]
        if p.returncode != 0 or not last:
            raise RuntimeError(f"a writer failed: {err.strip().splitlines()[-1:]}")
        done += int(last[0].split()[1])
    wall = time.perf_counter() - t0
    return [
        ("team_actions_per_s", done / wall, "actions/s", f"{WRITERS} writer processes x {ACTIONS}"),
        ("team_change_p95_ms", p95, "ms", f"status change round trip, {CHANGES} samples"),
    ]


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        for name, value, unit, note in measure(Path(d)):
            print(f"{name}: {value:.3g} {unit}  # {note}")
