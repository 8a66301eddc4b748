"""``make bench``: throughput and memory of the pipeline on ≥ 1,000 distinct reports.

Prints one ``name: value unit`` line per figure and never fails because something is slow
(a figure that cannot be measured prints ``nan`` with the reason). The corpus is built from the
seeds in a temp dir: each copy renames every body (a distinct two-character place prefix), so
no two reports share text, id or body+year.

Hostile-input figures (``parse_scaling_exponent_digits``, ``parse_scaling_exponent_no_newlines``,
``hostile_peak_mb``, ``hostile_cli_peak_mb``) come from ``benchmarks/hostile.py``; OCR figures
(``ocr_s_per_page``, ``ocr_peak_mb``) from ``benchmarks/ocr.py``.

GUI figures (``gui_cold_start_s``, ``gui_max_stall_ms``) come from ``benchmarks/gui.py`` when it
exists: it must define ``measure() -> list[tuple[str, float, str]]`` (name, value, unit).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.util
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "data" / "seeds"
PDFS = ROOT / "tests" / "data" / "pdf"
# the place word each seed's bodies are named by (济南市天桥区人民政府 → 天桥区): renamed per copy
PLACES = {"000": "南开区", "001": "天桥区", "002": "东胜区", "003": "建邺区", "004": "铁岭市"}
_PREFIX_CHARS = "东南西北中上下前后左右新老大小金银铜铁木水火土山川"


def machine_load() -> float:
    """The 1-minute load average (``uptime``): other work on a shared machine skews every
    figure, so a reader can tell a slow run from a loaded one. ``nan`` where there is none."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows has no load average
        return float("nan")


BASELINE = Path(__file__).with_name("baseline.json")
# figures where more is better; for every other figure less is better
HIGHER_IS_BETTER = {
    "parse_reports_per_s",
    "parse_pdf_reports_per_s",
    "audit_reports_per_s",
    "pool_speedup",
    "team_actions_per_s",
}
WORSE_MARK = 0.15  # a figure this much worse than the baseline is marked
FIGURES: dict[str, float] = {}  # this run's figures, for the baseline comparison


def emit(name: str, value: float, unit: str, note: str = "") -> None:
    text = "nan" if value is None or math.isnan(value) else f"{value:.3g}"
    print(f"{name}: {text} {unit}" + (f"  # {note}" if note else ""), flush=True)
    if value is not None and not math.isnan(value):
        FIGURES[name] = float(value)


def _record_line(line: str) -> None:
    """A ``name: value unit`` line a child printed (benchmarks/gui.py) joins ``FIGURES``."""
    name, sep, rest = line.partition(": ")
    if not sep or name.startswith("#") or " " in name:
        return
    with contextlib.suppress(ValueError, IndexError):
        FIGURES[name] = float(rest.split()[0])


def compare_baseline(figures: dict[str, float], baseline: dict[str, Any]) -> list[str]:
    """One line per figure the baseline knows: this run ÷ the baseline, ``WORSE`` when more than
    15 % worse (issue 26). Absolute times depend on the machine and its load: the baseline also
    keeps the machine's read floor (``read_floor_s``), so a reader can tell a slower machine."""
    base = baseline.get("figures", {})
    lines = []
    for name, value in figures.items():
        old = base.get(name)
        if not isinstance(old, int | float) or old == 0 or name.startswith("machine_load"):
            continue
        ratio = value / old
        worse = ratio < 1 - WORSE_MARK if name in HIGHER_IS_BETTER else ratio > 1 + WORSE_MARK
        mark = "  WORSE" if worse else ""
        lines.append(f"baseline_ratio {name}: {ratio:.2f} x ({value:.3g} / {old:.3g}){mark}")
    return lines


# ---- memory: self + every descendant, sampled (children ru_maxrss is only the largest) ---


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    out: list[int] = []
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for t in tasks:
            try:
                with open(f"/proc/{p}/task/{t}/children", encoding="ascii") as fh:
                    kids = [int(x) for x in fh.read().split()]
            except OSError:
                continue
            out += kids
            stack += kids
    return out


class PeakRss:
    """Peak of (own RSS + all children's RSS), sampled every 50 ms; getrusage as a fallback.
    ``pid``: that process and its descendants instead (a command run as a subprocess)."""

    def __init__(self, pid: int | None = None) -> None:
        self.peak_kb = 0
        self._pid = pid
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = self._pid or os.getpid()
        while not self._stop.is_set():
            total = _rss_kb(me) + sum(_rss_kb(p) for p in _descendants(me))
            self.peak_kb = max(self.peak_kb, total)
            self._stop.wait(0.05)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        if self.peak_kb == 0:  # no /proc: own peak + the largest reaped child
            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            scale = 1 if sys.platform != "darwin" else 1 / 1024  # macOS reports bytes
            self.peak_kb = int((own + kids) * scale)

    @property
    def mb(self) -> float:
        return self.peak_kb / 1024


# ---- corpus ----------------------------------------------------------------------------


def _prefix(k: int) -> str:
    n = len(_PREFIX_CHARS)
    return _PREFIX_CHARS[k % n] + _PREFIX_CHARS[(k // n) % n]


def _agencies(path: Path) -> tuple[list[str], int]:
    """The words naming a seed's bodies (longest first) and its number of reports."""
    from gik_desk.parse import parse_path

    reports, _ = parse_path(path)
    names = {r.agency for r in reports if r.agency}
    place = PLACES.get(path.name[:3])
    if place:
        names = {place[:-1]}  # 天桥区 → 天桥: the copy gets another two-character place name
    return sorted(names, key=len, reverse=True), len(reports)


def build_corpus(folder: Path, min_reports: int) -> tuple[list[Path], int]:
    """Copies of the seeds, every body renamed per copy, until ≥ ``min_reports`` reports."""
    seeds = sorted(SEEDS.glob("*.txt"))
    plan = []
    per_set = 0
    for s in seeds:
        names, n = _agencies(s)
        per_set += n
        plan.append((s, s.read_text(encoding="utf-8"), names))
    copies = max(1, math.ceil(min_reports / max(1, per_set)))
    files = []
    for k in range(copies):
        pre = _prefix(k)
        for src, text, names in plan:
            out = text
            for i, name in enumerate(names):
                out = out.replace(name, f"\0{i}\0")
            for i, name in enumerate(names):
                new = pre if len(name) == 2 else pre + name  # a place word, or a full name
                out = out.replace(f"\0{i}\0", new)
            path = folder / f"{k:04d}_{src.name}"
            path.write_text(out, encoding="utf-8")
            files.append(path)
    return files, copies * per_set


# ---- measurements ---------------------------------------------------------------------


def _cpu_s() -> float:
    """CPU seconds of this process and its children, the live ones too (a warm pool's workers
    have not ended, so ``RUSAGE_CHILDREN`` does not count them yet): Linux ``/proc``, or nan."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + ended.ru_utime + ended.ru_stime
    if not Path("/proc/self/stat").exists():
        return float("nan")
    tick = os.sysconf("SC_CLK_TCK")
    me = str(os.getpid())
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if fields[1] == me:  # ppid; then utime, stime at 11 and 12
                total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    res = fn()
    return time.perf_counter() - t0, res


@contextlib.contextmanager
def _guard(name: str, unit: str) -> Iterator[None]:
    """A figure that breaks prints nan with the reason; the run goes on."""
    try:
        yield
    except Exception as exc:
        emit(name, float("nan"), unit, f"{type(exc).__name__}: {exc}")


def _run_gui_script(script: Path, extra: Sequence[str] = (), name: str = "gui") -> None:
    """``benchmarks/gui.py`` as a child (Qt stays out of this process); its figure lines pass
    through, and a failure becomes a ``nan`` line with the reason, never an exit code."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    proc = subprocess.run(
        [sys.executable, str(script), *extra],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
        check=False,
    )
    for line in proc.stdout.splitlines():
        if line.strip():
            print(line, flush=True)
            _record_line(line)
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        emit(name, float("nan"), "-", f"exit {proc.returncode}: {tail[:200]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="GIK Desk benchmarks")
    ap.add_argument("--reports", type=int, default=1000, help="minimum distinct reports")
    ap.add_argument("--workers", type=int, default=None, help="parser processes")
    ap.add_argument(
        "--team-workspace",
        default=os.environ.get("TEAM_WORKSPACE", ""),
        help="also measure team_live_p95_ms on this .gikdb or postgresql://… "
        "(the team section measures it on its own throwaway server)",
    )
    ap.add_argument(
        "--write-baseline", action="store_true", help=f"store this run's figures in {BASELINE}"
    )
    args = ap.parse_args(argv)

    from gik_desk.export.json import dumps
    from gik_desk.export.xlsx import write_workbook
    from gik_desk.services import audit_paths

    tmp = Path(tempfile.mkdtemp(prefix="gik-bench-"))
    try:
        corpus = tmp / "corpus"
        corpus.mkdir()
        files, expected = build_corpus(corpus, args.reports)
        print(f"# corpus: {len(files)} files, {expected} reports (cpu: {os.cpu_count()})")
        emit("machine_load_1min", machine_load(), "load", f"at start, {os.cpu_count()} cores")

        with _guard("corpus_cells_read", "cells"):
            from corpus import cells_read  # benchmarks/corpus.py, beside this file

            right, keyed, wrong = cells_read()
            print(f"corpus_cells_read: {right}/{keyed}", flush=True)
            for line in wrong[:10]:
                print(f"#   misread: {line}", flush=True)

        with _guard("variant_wrong_cells", "cells"):  # issue 25: benchmarks/variants.py
            sys.path.insert(0, str(Path(__file__).parent))
            import variants

            for name, value, unit, note in variants.measure():
                emit(name, value, unit, note)

        batch = None
        with _guard("parse_reports_per_s", "reports/s"):
            with PeakRss() as peak:
                dt, batch = _timed(lambda: audit_paths([corpus], workers=args.workers, audit=False))
            distinct = len({r.id for r in batch.reports})
            bodies = len({(r.agency_key, r.year) for r in batch.reports})
            print(f"# parsed {len(batch.reports)} reports ({distinct} distinct ids, "
                  f"{bodies} distinct body+year), {len(batch.problems)} problems")  # fmt: skip
            emit("parse_reports_per_s", len(batch.reports) / dt, "reports/s")
            emit("parse_peak_mb", peak.mb, "MB", "self + all workers")
        # the next figures must not pay for this batch: left in memory, each full collection
        # of theirs walked its 1,007 reports (80-100 ms, in 2 of 3 timed runs of read_floor)
        batch = None
        gc.collect()

        with _guard("read_floor_ratio", "x"):
            from gik_desk.ingest import read_document

            sample = files[: min(len(files), 60)]
            # the floor is ~20 ms: the best of three runs of each, so one hiccup of a shared
            # machine does not swing the ratio by half (26 and 40 in two runs of one commit)
            read_s = min(_timed(lambda: [read_document(f) for f in sample])[0] for _ in range(3))
            parse_s = min(
                _timed(lambda: audit_paths(sample, workers=1, audit=False))[0] for _ in range(3)
            )
            emit("read_floor_ratio", parse_s / read_s, "x", f"{len(sample)} files, in-process")
            FIGURES["read_floor_s"] = read_s

        inline_s = float("nan")  # the whole corpus parsed in this process: the ratios' floor
        with _guard("pool_speedup", "x"):
            cpu0 = _cpu_s()
            inline_s, _ = _timed(lambda: audit_paths([corpus], workers=1, audit=False))
            cpu1 = _cpu_s()
            pooled_s, _ = _timed(lambda: audit_paths([corpus], workers=2, audit=False))
            cpu2 = _cpu_s()
            emit("pool_speedup", inline_s / pooled_s, "x", "inline parse ÷ pooled, 2 workers")
            # on a loaded machine the wall ratio says little: the CPU the pool spends beyond
            # inline parsing (pickling, IPC) is what it costs (issue 26)
            emit("pool_cpu_ratio", (cpu2 - cpu1) / (cpu1 - cpu0), "x",
                 "pooled CPU (this process + workers) ÷ inline")  # fmt: skip

        with _guard("parse_pdf_reports_per_s", "reports/s"):
            pdf_dir = tmp / "pdf"
            pdf_dir.mkdir()
            pdfs = sorted(PDFS.glob("*.pdf"))
            for k in range(3):  # distinct bytes: an identical file is the same report (issue 23)
                for p in pdfs:
                    (pdf_dir / f"{k}_{p.name}").write_bytes(p.read_bytes() + f"\n% {k}\n".encode())
            dt, pdf_batch = _timed(
                lambda: audit_paths([pdf_dir], workers=args.workers, audit=False)
            )
            if not pdf_batch.reports:
                codes = sorted({p.code for p in pdf_batch.problems})
                emit("parse_pdf_reports_per_s", float("nan"), "reports/s", f"no reports: {codes}")
            else:
                emit("parse_pdf_reports_per_s", len(pdf_batch.reports) / dt, "reports/s")

        with _guard("pdf_vs_pdfplumber_ratio", "x"):  # issue 19: benchmarks/pdfspeed.py
            sys.path.insert(0, str(Path(__file__).parent))
            import pdfspeed

            for name, value, unit, note in pdfspeed.measure(sorted(PDFS.glob("*.pdf"))):
                emit(name, value, unit, note)

        audited = None
        with _guard("audit_reports_per_s", "reports/s"):

            def audit_and_json() -> Any:
                b = audit_paths([corpus], workers=args.workers)
                dumps(b)
                return b

            dt, audited = _timed(audit_and_json)
            print(f"# audit: {len(audited.findings)} findings")
            emit("audit_reports_per_s", len(audited.reports) / dt, "reports/s",
                 "parse + rules + year pairs + JSON")  # fmt: skip

        with _guard("json_vs_parse_ratio", "x"):
            if audited is None:
                raise RuntimeError("no audited batch")
            json_s, _ = _timed(lambda: dumps(audited))
            emit("json_vs_parse_ratio", json_s / inline_s, "x", "÷ the inline parse")

        with _guard("xlsx_export_s", "s"):
            if audited is None:
                raise RuntimeError("no audited batch")
            dt, _ = _timed(lambda: write_workbook(audited, tmp / "bench.xlsx"))
            emit("xlsx_export_s", dt, "s", f"{len(audited.reports)} reports")
            emit("xlsx_vs_parse_ratio", dt / inline_s, "x", "÷ the inline parse")

        with _guard("hostile", "-"):  # issue 10: linear reading, bounded memory
            sys.path.insert(0, str(Path(__file__).parent))
            import hostile

            hostile_dir = tmp / "hostile"
            hostile_dir.mkdir()
            for name, value, unit, note in hostile.measure(hostile_dir):
                emit(name, value, unit, note)

        with _guard("ocr_s_per_page", "s"):  # issue 29: scanned pages, benchmarks/ocr.py
            sys.path.insert(0, str(Path(__file__).parent))
            import ocr as ocr_bench

            ocr_dir = tmp / "ocr"
            ocr_dir.mkdir()
            for name, value, unit, note in ocr_bench.measure(ocr_dir):
                emit(name, value, unit, note)

        with _guard("team", "-"):  # issue 28: the team workspace, benchmarks/team.py
            sys.path.insert(0, str(Path(__file__).parent))
            import team as team_bench

            for name, value, unit, note in team_bench.measure(tmp):
                emit(name, value, unit, note)

        gui = Path(__file__).with_name("gui.py")
        if gui.exists():
            with _guard("gui", "-"):
                spec = importlib.util.spec_from_file_location("gik_bench_gui", gui)
                assert spec is not None
                assert spec.loader is not None
                mod = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(mod)
                if hasattr(mod, "measure"):
                    for name, value, unit in mod.measure():
                        emit(name, value, unit)
                else:  # a script that prints its own figures: run it, pass them through
                    _run_gui_script(gui)
        else:
            print("# gui figures: benchmarks/gui.py not present")
        if args.team_workspace:  # issue 28: live figures on a workspace of one's own choosing
            with _guard("team_live_p95_ms", "ms"):
                live = Path(__file__).with_name("live.py")
                _run_gui_script(live, ["--workspace", args.team_workspace], "team_live_p95_ms")
        emit("machine_load_1min_end", machine_load(), "load", "at the end")
        if BASELINE.exists():
            print(f"# against {BASELINE.name} (ratios; the machine's load skews absolute times)")
            baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
            for line in compare_baseline(FIGURES, baseline):
                print(line, flush=True)
        if args.write_baseline:
            BASELINE.write_text(
                json.dumps({"figures": FIGURES}, ensure_ascii=False, indent=2) + "\n",
                encoding="utf-8",
            )
            print(f"# wrote {BASELINE}")
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
