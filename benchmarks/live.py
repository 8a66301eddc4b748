"""Team figures (issue 28): how soon a colleague's change shows in an open window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/live.py \
        [--workspace W.gikdb | postgresql://role@host:port/db] [--reports 1000] [--changes 40]

A window holds a batch of ``--reports`` reports stored in the workspace; a second process (the
colleague, its own connection and reviewer name) changes one finding's status at a time. Prints
``team_live_p95_ms`` (from asking the colleague to change a status until the window's findings
model shows it; issue 28: ≤ 2,000) and ``team_receive_max_ms`` (the longest the UI thread
spent taking in one colleague's change: the tree's counts, holders and the list, ≤ 100).
Without ``--workspace`` a temporary SQLite workspace is used; ``make bench`` runs it on the team
section's throwaway PostgreSQL server (benchmarks/team.py).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


def _colleague(target: str) -> int:
    """The child: each stdin line ``key status`` is one status change, answered ``ok``."""
    from gik_desk.model.review import ReviewStatus
    from gik_desk.services import ReviewSession

    session = ReviewSession("同事(基准)")
    session.open(target if target.startswith("postgres") else Path(target))
    for line in sys.stdin:
        key, _, code = line.rstrip("\n").rpartition(" ")
        action = session.status_action([key], ReviewStatus(code))
        if action is not None:
            session.apply(action)
        print("ok", flush=True)
    session.close()
    return 0


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def live(target: str, n_reports: int, n_changes: int) -> tuple[float, float, int]:
    """p95 of change → shown (ms), the longest UI-thread intake (ms), reports in the batch."""
    from gui import _make_batch as make_batch  # benchmarks/gui.py: unique copies of a seed
    from PySide6.QtCore import QElapsedTimer

    from gik_desk.model.review import ReviewStatus
    from gik_desk.services import audit_paths
    from gik_desk.ui import settings
    from gik_desk.ui.app import application
    from gik_desk.ui.main_window import MainWindow

    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        settings.config_dir = lambda: Path(tmp) / "config"  # type: ignore[assignment]
        target = target or str(Path(tmp) / "team.gikdb")
        files = make_batch(Path(tmp), n_reports)
        batch = audit_paths([str(p) for p in files])
        window = MainWindow()
        window.show()
        opened = target if target.startswith("postgres") else Path(target)
        assert window.open_workspace_path(opened, False)
        window.set_batch(batch)
        window.staged.finish()
        window.session.sync_batch(batch)
        settle = time.perf_counter() + 1.0  # the first paint of the tree and list is not intake
        while time.perf_counter() < settle:
            app.processEvents()
            time.sleep(0.01)
        intake: list[float] = []
        receive = window.session.receive

        def timed(changed: object) -> None:
            clock = QElapsedTimer()
            clock.start()
            receive(changed)  # type: ignore[arg-type]
            app.processEvents()  # the zero-timer refreshes it queued
            intake.append(clock.nsecsElapsed() / 1e6)

        window.session.receive = timed  # type: ignore[method-assign]
        child = subprocess.Popen(
            [sys.executable, __file__, "--child-colleague", target],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert child.stdin is not None
        assert child.stdout is not None
        keys = [f.key for f in batch.findings][:n_changes]
        latencies: list[float] = []
        try:
            for i, key in enumerate(keys):
                status = ReviewStatus.CONFIRMED if i % 2 == 0 else ReviewStatus.NEEDS_FIX
                t0 = time.perf_counter()
                child.stdin.write(f"{key} {status.value}\n")
                child.stdin.flush()
                child.stdout.readline()
                while window.findings_model.status(key) is not status:
                    app.processEvents()
                    time.sleep(0.001)
                    if time.perf_counter() - t0 > 10:
                        raise TimeoutError(f"change {i} not shown after 10 s")
                latencies.append((time.perf_counter() - t0) * 1000)
        finally:
            child.stdin.close()
            child.wait(30)
            window.close()
            window.deleteLater()
            app.processEvents()
    return _p95(latencies), max(intake, default=0.0), len(batch.reports)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--child-colleague", metavar="TARGET", help=argparse.SUPPRESS)
    p.add_argument("--workspace", default=os.environ.get("TEAM_WORKSPACE", ""))
    p.add_argument("--reports", type=int, default=1000)
    p.add_argument("--changes", type=int, default=40)
    args = p.parse_args(argv)
    if args.child_colleague:
        return _colleague(args.child_colleague)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    p95, intake, n = live(args.workspace, args.reports, args.changes)
    where = "PostgreSQL" if args.workspace.startswith("postgres") else "SQLite"
    print(f"team_live_p95_ms: {p95:.0f} ms ({args.changes} changes, {n} reports, {where})")
    print(f"team_receive_max_ms: {intake:.0f} ms (UI thread, one colleague's change)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
