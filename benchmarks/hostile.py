"""Hostile-input figures for ``make bench`` (issue 10).

``parse_scaling_exponent_digits`` / ``_no_newlines``: the log-log slope of parse time against
input size, fitted over 10 kB–10 MB, for (a) a report holding one long digit run and (b) a
report without a single line break. Linear reading gives ≈ 1 (less at the small end, where a
fixed cost dominates); the acceptance bound is ≤ 1.2. Before the fixes (b) was ≈ 2.

``hostile_peak_mb``: the largest peak RSS any hostile file reaches, each parsed in a fresh
child process (so one file's peak is not hidden by another's), read from the child's own
``VmHWM``; a file whose child fails or times out is named, never counted as small; bound
≤ 1,024 MB. It also counts ``hostile_cli_peak_mb``.

``hostile_cli_peak_mb`` (issue 27): the peak RSS of a real ``gik-desk audit BIG.txt --json
OUT.json`` on the 50 MB multi-report .txt, the command and all its workers summed (``PeakRss``
on the subprocess): the path a reviewer runs, with its pool and its JSON writer; bound
≤ 1,024 MB (2,928 MB before the spill file and the streamed JSON).
"""

from __future__ import annotations

import contextlib
import math
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIZES = (10_000, 100_000, 1_000_000, 10_000_000)


def _slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log(y) on log(x)."""
    lx = [math.log(x) for x in xs]
    ly = [math.log(max(y, 1e-6)) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    num = sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True))
    den = sum((a - mx) ** 2 for a in lx)
    return num / den


def _best_time(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def scaling_exponent(make: Callable[[int], Path]) -> tuple[float, list[tuple[int, float]]]:
    """(slope, [(bytes, seconds)]) of ``parse_path`` over ``SIZES``."""
    from gik_desk.parse import parse_path

    points: list[tuple[int, float]] = []
    for n in SIZES:
        path = make(n)
        size = path.stat().st_size
        points.append((size, _best_time(lambda p=path: parse_path(p), 2 if n > 1e6 else 3)))
    return _slope([float(s) for s, _ in points], [t for _, t in points]), points


def hostile_files(folder: Path) -> list[Path]:
    """One file of each hostile kind the tests build (tests/unit/hostile/hostile_files.py)."""
    from tests.unit.hostile import hostile_files as hf

    made = [
        hf.empty_txt(folder),
        hf.junk_txt(folder),
        hf.junk_doc(folder),
        hf.zip_bomb_docx(folder),
        hf.near_bomb_docx(folder),
        hf.deep_html(folder),
        hf.colspan_html(folder, rows=300),
        hf.formula_legacy_report(folder),
        hf.formula_not_report(folder),
        hf.formula_xlsx(folder),
        hf.huge_number_report(folder),
        hf.huge_decimal_report(folder),
        hf.digit_run_report(folder, 10_000_000),
        hf.no_newline_report(folder, 16 * 1024 * 1024),
        hf.far_cell_xlsx(folder, "XFD1048576"),
        hf.far_cell_xlsx(folder, "CV1048576"),
        hf.merged_xlsx(folder, 1_000),
        hf.multi_report_txt(folder, 50),  # issue 27: 50 MB of reports in one file
    ]
    with contextlib.suppress(ImportError):  # reportlab/Pillow absent: the rest still count
        made.append(hf.image_only_pdf(folder))
    return made


_CHILD = """
import resource, sys
from gik_desk.services import audit_paths
audit_paths([sys.argv[1]], workers=1)
try:  # this process's own high-water mark (ru_maxrss survives exec: it would show the parent's)
    with open("/proc/self/status", encoding="ascii") as fh:
        kb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kb = kb // 1024 if sys.platform == "darwin" else kb
print(kb)
"""


# issue 27: a returned workbook read back as the import reads it (the watched worker's work)
_CHILD_RETURNED = _CHILD.replace(
    "from gik_desk.services import audit_paths\naudit_paths([sys.argv[1]], workers=1)",
    "from gik_desk.services.reimport import ReimportError, read_review_workbook\n"
    "try:\n    read_review_workbook(sys.argv[1])\nexcept ReimportError:\n    pass",
)


def returned_workbooks(folder: Path) -> list[Path]:
    """Returned review workbooks built to hurt (tests/unit/hostile/hostile_files.py)."""
    from tests.unit.hostile import hostile_files as hf

    return [hf.returned_workbook(folder, rows=20_000, comment_kb=200)]


def peak_mb(path: Path, timeout: float = 600.0, child: str = _CHILD) -> tuple[float, int]:
    """(peak RSS in MB, exit code) of auditing ``path`` alone (in-process) in a fresh child."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        proc = subprocess.run(
            [sys.executable, "-c", child, str(path)],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return float("inf"), -9
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        return float("nan"), proc.returncode
    return int(lines[-1]) / 1024, 0


def cli_peak_mb(path: Path, timeout: float = 600.0) -> tuple[float, int]:
    """(peak RSS in MB of the command and its workers, exit code) of ``gik-desk audit path
    --json …`` run as the reviewer runs it."""
    from run import PeakRss  # benchmarks/run.py, beside this file

    out = path.with_name(path.stem + ".audit.json")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "gik_desk", "audit", str(path), "--json", str(out)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with PeakRss(proc.pid) as peak:
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            code = -9
    with contextlib.suppress(OSError):
        out.unlink()
    if code == -9:
        return float("inf"), code
    return (peak.mb if code == 0 and peak.peak_kb else float("nan")), code


def measure(tmp: Path) -> list[tuple[str, float, str, str]]:
    """(name, value, unit, note) of the hostile figures."""
    from tests.unit.hostile import hostile_files as hf

    out: list[tuple[str, float, str, str]] = []
    digits = tmp / "digits"
    digits.mkdir()
    slope, pts = scaling_exponent(lambda n: hf.digit_run_report(digits, n))
    note = ", ".join(f"{s / 1e6:.2g} MB {t:.3g} s" for s, t in pts)
    out.append(("parse_scaling_exponent_digits", slope, "slope", f"≤ 1.2; {note}"))
    flat = tmp / "flat"
    flat.mkdir()
    slope, pts = scaling_exponent(lambda n: hf.no_newline_report(flat, n))
    note = ", ".join(f"{s / 1e6:.2g} MB {t:.3g} s" for s, t in pts)
    out.append(("parse_scaling_exponent_no_newlines", slope, "slope", f"≤ 1.2; {note}"))
    files = tmp / "hostile"
    files.mkdir()
    made = hostile_files(files)
    peaks = [(peak_mb(p), p.name) for p in made]
    peaks += [(peak_mb(p, child=_CHILD_RETURNED), p.name) for p in returned_workbooks(files)]
    big = next(p for p in made if p.name.startswith("合订本"))
    cli = cli_peak_mb(big)
    peaks.append((cli, f"audit --json {big.name}"))
    measured = [(mb, n) for (mb, code), n in peaks if code == 0 and math.isfinite(mb)]
    crashed = [n for (mb, code), n in peaks if code != 0 or not math.isfinite(mb)]
    worst, name = max(measured) if measured else (float("nan"), "-")
    note = f"≤ 1024; worst {name}" + (f"; failed or timed out: {crashed}" if crashed else "")
    out.append(("hostile_peak_mb", worst, "MB", note))
    cli_note = "≤ 1024; command + workers" + (f"; exit {cli[1]}" if cli[1] else "")
    out.append(("hostile_cli_peak_mb", cli[0], "MB", f"{cli_note}; {big.name}"))
    return out


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="gik-hostile-") as d:
        for name, value, unit, note in measure(Path(d)):
            print(f"{name}: {value:.3g} {unit}  # {note}", flush=True)
