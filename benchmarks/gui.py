"""GUI figures: cold start to the first window, and the longest UI stall while a batch loads.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui.py [--reports 1000]

Prints ``gui_cold_start_s: X s`` (a fresh interpreter, process start to the main window shown)
and ``gui_cold_start_ratio`` (that ÷ the same for a bare QApplication with an empty QMainWindow),
``gui_max_stall_ms: X ms`` (the longest gap between ticks of a 10 ms heartbeat QTimer while
≥ 1,000 reports load through the real JobRunner, process pool and window models), and
``gui_restore_s`` / ``gui_restore_max_stall_ms`` (issue 13: a new window, shown, opens a
workspace that remembers 300 files, until the batch is restored, painted and the place chosen;
the longest stall — the window's own construction is ``gui_cold_start_ratio``'s, issue 26).

What stalled (Nov 2026, 130–680 ms → 36–54 ms): the batch tree's delayed layout asked a Python
model about every expanded row while the job thread held the GIL auditing (now a C++
``QStandardItemModel``); rebuilding the tree when the batch finished (now ``BatchModel.sync``);
a burst of finished files handled in one turn (now a zero-timer queue, ``main_window_files``).
Dec 2026 (issue 26): a full cycle collection over the new batch while it loads (0.4–0.6 s,
now held off and the batch frozen, ``ui/staged.py``); painting badges and progress of every
row in one turn (now a slice per turn); pyqtgraph imported with the window (now on first use).
Cold start (issue 26; medians of A/B runs, 2.9 → 2.2 × the bare window): ``gik_desk.services``
loads its names on first use, the core session and the letters / 整改复核 controllers are made
on first use, so the first paint imports no workspace, pool or 原件 reader. Restore (2.3 → 1.2 ×
the pooled parse, half the time): DUP-VERSION compared every pair of a body+year's versions cell
by cell (the 300 files are 60 versions of each seed: quadratic, most of the audit), now table by
table from cached values. Restore stall after the speed merge (A/B medians, 92 → 71 ms, worst
149 → 76): the window parsed small .txt files beside the workers, holding the GIL against the
UI thread; the window's loads now pass ``parse_beside=False`` (the command line keeps it).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "seeds" / "001_711b86d480afee15.txt"  # 15 reports in one file
REPORTS_PER_SEED = 15


def _child_start() -> int:
    """Run in a fresh process: build the window the way ``gik-desk`` does, print when shown."""

    from gik_desk.ui.app import application, install_translations
    from gik_desk.ui.fonts import apply_app_font
    from gik_desk.ui.main_window import MainWindow

    app = application()
    install_translations(app, "zh_CN")
    apply_app_font(app)
    window = MainWindow()
    return _show_and_quit(app, window)


def _show_and_quit(app: Any, window: Any) -> int:
    """Show ``window``, print when the event loop first turns (it is on screen), then quit:
    the moment both cold starts are timed to."""
    from PySide6.QtCore import QTimer

    window.show()

    def shown() -> None:
        print(f"SHOWN {time.time():.6f}", flush=True)
        window.close()
        app.quit()

    QTimer.singleShot(0, shown)
    app.exec()
    return 0


def _child_bare() -> int:
    """The floor ``gui_cold_start_ratio`` divides by: a bare QApplication and an empty
    QMainWindow, started the same way in the same run (issue 26)."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    return _show_and_quit(app, window)


def cold_start(runs: int = 3, flag: str = "--child-start") -> float:
    """Best of ``runs``: the first also warms the OS file cache, as a reviewer's second start,
    and writes the desk's bytecode, as installing it does (``PYTHONDONTWRITEBYTECODE`` in the
    caller's environment would have every start compile the desk's modules from source while
    the bare window's PySide6 is compiled, issue 26)."""
    best = float("inf")
    with tempfile.TemporaryDirectory() as cfg:
        env = dict(
            {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            XDG_CONFIG_HOME=cfg,
            GIK_DESK_DATA_DIR=cfg,
        )
        for _ in range(runs):
            t0 = time.time()
            out = subprocess.run(
                [sys.executable, __file__, flag],
                capture_output=True,
                text=True,
                env=env,
                cwd=ROOT,
                check=True,
                timeout=120,
            )
            line = next(x for x in out.stdout.splitlines() if x.startswith("SHOWN "))
            best = min(best, float(line.split()[1]) - t0)
    return best


def _make_batch(folder: Path, n_reports: int) -> list[Path]:
    """Copies of the 15-report Tianqiao file, each report made unique (ids hash the text)."""
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for i in range(-(-n_reports // REPORTS_PER_SEED)):
        p = folder / f"copy_{i:03d}.txt"
        p.write_text(text.replace("字号:", f"字号:副本{i}\n"), encoding="utf-8")
        paths.append(p)
    return paths


def max_stall(n_reports: int) -> tuple[float, int, float]:
    """Longest heartbeat gap (ms), reports loaded, and the load's wall time (s)."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    from gik_desk.ui import settings
    from gik_desk.ui.app import application, wait_loaded
    from gik_desk.ui.main_window import MainWindow

    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        settings.config_dir = lambda: Path(tmp) / "config"  # type: ignore[assignment]
        files = _make_batch(Path(tmp), n_reports)
        window = MainWindow()
        window.show()
        app.processEvents()
        clock = QElapsedTimer()
        gaps: list[int] = []
        last = [0]

        def beat() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        heart = QTimer(window)
        heart.setInterval(10)
        heart.timeout.connect(beat)
        clock.start()
        heart.start()
        t0 = time.perf_counter()
        window.load_paths(files)
        wait_loaded(window)
        app.processEvents()
        wall = time.perf_counter() - t0
        heart.stop()
        n = len(window.batch.reports)
        window.close()
        window.deleteLater()
        app.processEvents()
    return float(max(gaps) if gaps else 0), n, wall


SEEDS = sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))


def _make_files(folder: Path, n_files: int) -> list[Path]:
    """``n_files`` copies of the five seeds in turn (~4 reports a file), each made unique."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    paths = []
    for i in range(n_files):
        p = folder / f"file_{i:03d}.txt"
        text = texts[i % len(texts)]
        p.write_text(text.replace("字号:", f"字号:副本{i}\n", 1) + f"\n副本{i}\n", encoding="utf-8")
        paths.append(p)
    return paths


def restore_stall(n_files: int) -> tuple[float, float, int, float, float]:
    """Start-up on a workspace that remembers ``n_files`` files (issue 13): seconds from a new
    window to the batch restored (place chosen), the longest heartbeat gap (ms) meanwhile, the
    reports restored, the UI thread's CPU time (ms) showing the finished batch (a figure a
    busy machine does not inflate), and the restore's time ÷ a pooled parse of the same files.
    The first window reads the files, chooses a finding and
    closes."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    from gik_desk.ui import main_window_files, settings
    from gik_desk.ui.app import application, wait_loaded
    from gik_desk.ui.main_window import MainWindow

    shown = main_window_files.FilesController.on_loaded
    finish_cpu: list[float] = []

    def timed(self: main_window_files.FilesController, result: object) -> None:
        t = time.thread_time()
        shown(self, result)
        finish_cpu.append(time.thread_time() - t)

    main_window_files.FilesController.on_loaded = timed  # type: ignore[method-assign]
    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        settings.config_dir = lambda: Path(tmp) / "config"  # type: ignore[assignment]
        files = _make_files(Path(tmp), n_files)
        from gik_desk.services import audit_paths

        t_parse = time.perf_counter()
        audit_paths(files, audit=False)  # the pooled parse the restore is compared to
        parse_s = time.perf_counter() - t_parse
        ws = Path(tmp) / "desk.gikdb"
        first = MainWindow()
        first.show()
        first.open_workspace_path(ws)
        first.load_paths(files)
        wait_loaded(first)
        last = first.batch.findings[-1] if first.batch.findings else None
        if last is not None:
            first.selection.choose_finding(last)
        first.close()
        first.deleteLater()
        app.processEvents()

        clock = QElapsedTimer()
        gaps: list[int] = []
        beat_at = [0]

        def beat() -> None:
            now = clock.elapsed()
            gaps.append(now - beat_at[0])
            beat_at[0] = now

        heart = QTimer()
        heart.setInterval(10)
        heart.timeout.connect(beat)
        clock.start()
        heart.start()
        window = MainWindow()  # its construction and first paint: gui_cold_start_ratio's part
        window.show()
        app.processEvents()
        t0 = time.perf_counter()
        gaps.clear()
        beat_at[0] = clock.elapsed()
        window.open_workspace_path(ws)  # no files named: the remembered batch comes back
        wait_loaded(window)
        app.processEvents()
        wall = time.perf_counter() - t0
        heart.stop()
        n = len(window.batch.reports)
        window.close()
        window.deleteLater()
        app.processEvents()
    main_window_files.FilesController.on_loaded = shown  # type: ignore[method-assign]
    cpu_ms = finish_cpu[-1] * 1000 if finish_cpu else 0
    return wall, float(max(gaps) if gaps else 0), n, cpu_ms, wall / parse_s


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--child-start", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--child-bare", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--reports", type=int, default=1000)
    p.add_argument("--restore-files", type=int, default=300)
    p.add_argument("--only-restore", action="store_true", help="just the restore figures")
    args = p.parse_args(argv)
    if args.child_start:
        return _child_start()
    if args.child_bare:
        return _child_bare()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not args.only_restore:
        start = cold_start()
        bare = cold_start(flag="--child-bare")
        print(f"gui_cold_start_s: {start:.2f} s")
        print(f"gui_cold_start_ratio: {start / bare:.2f} x (to a bare QApplication + QMainWindow)")
        stall, n, wall = max_stall(args.reports)
        print(f"gui_max_stall_ms: {stall:.0f} ms")
        print(f"gui_load_reports: {n} reports in {wall:.1f} s")
    restored_s, restore_stall_ms, n_restored, finish_ms, vs_parse = restore_stall(
        args.restore_files
    )
    print(f"gui_restore_s: {restored_s:.1f} s ({args.restore_files} files, {n_restored} reports)")
    print(f"gui_restore_max_stall_ms: {restore_stall_ms:.0f} ms")
    print(f"gui_restore_finish_cpu_ms: {finish_ms:.0f} ms (UI thread, the batch shown)")
    print(f"restore_vs_parse_ratio: {vs_parse:.2f} x (restore ÷ pooled parse of the same files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
