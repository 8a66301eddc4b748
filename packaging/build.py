"""Build the one-folder app with PyInstaller, then smoke-run what was built.

``make package`` runs this with the venv's Python. Steps: draw the icon if missing, run
PyInstaller on ``packaging/gik_desk.spec`` into ``build/`` and ``dist/``, run the built app with
``--version`` and with ``--screenshot`` on a sample (offscreen Qt), print its size and timings.
Exit code 0 only if the build and both smoke runs succeed. Figures are for the machine it runs
on; the Windows figures in packaging/README.md are not measured here.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "gik_desk.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
APP_DIR = DIST / "gik_desk"
SAMPLE = ROOT / "resources" / "samples" / "001_711b86d480afee15.txt"
PDF = ROOT / "tests" / "data" / "pdf" / "huaian_2024.pdf"
SMOKE_TIMEOUT_S = 180


def app_executable() -> Path:
    return APP_DIR / ("gik_desk.exe" if sys.platform == "win32" else "gik_desk")


def folder_mb(folder: Path) -> float:
    """Bytes on disk; PyInstaller links some libraries twice by symlink, count them once."""
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1_000_000


def build() -> None:
    icon = ROOT / "resources" / "icons" / "gik_desk.ico"
    if not icon.exists():
        sys.path.insert(0, str(ROOT / "packaging"))
        from make_icon import make_icons

        make_icons()
    cmd = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
        "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC),
    ]  # fmt: skip
    print("$", " ".join(cmd), flush=True)
    started = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT)
    print(f"build_seconds: {time.perf_counter() - started:.0f}", flush=True)


def _run(args: list[str], env: dict[str, str]) -> tuple[int, str, float]:
    started = time.perf_counter()
    proc = subprocess.run(
        [str(app_executable()), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=SMOKE_TIMEOUT_S,
        cwd=ROOT,
    )
    elapsed = time.perf_counter() - started
    return proc.returncode, (proc.stdout + proc.stderr).strip(), elapsed


def smoke() -> bool:
    """Run the frozen app twice; True when both runs did what they should."""
    exe = app_executable()
    if not exe.exists():
        print(f"smoke: no executable at {exe}")
        return False
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    ok = True
    rc, out, secs = _run(["--version"], env)
    print(f"smoke --version: rc={rc} in {secs:.2f}s: {out[-500:]}")
    # A windowed Windows exe may have no stdout at all: there only the exit code counts.
    ok &= rc == 0 and (bool(out) or sys.platform == "win32")
    ok &= smoke_audit(env)
    shot = WORK / "smoke_screenshot.png"
    shot.unlink(missing_ok=True)
    rc, out, secs = _run(["--screenshot", str(shot), str(SAMPLE)], env)
    made = shot.exists() and shot.stat().st_size > 0
    print(f"smoke --screenshot: rc={rc}, png={'yes' if made else 'no'} in {secs:.2f}s {out[-800:]}")
    print(f"start_to_screenshot_seconds: {secs:.2f}")
    ok &= rc == 0 and made
    print(f"package_size_mb: {folder_mb(APP_DIR):.1f}")
    return ok


def smoke_audit(env: dict[str, str]) -> bool:
    """The frozen CLI on a PDF and the samples, two spawn workers: the lazily imported readers,
    the process pool under ``freeze_support`` and the xlsx export must all be in the bundle."""
    out_json, out_xlsx = WORK / "smoke_audit.json", WORK / "smoke_audit.xlsx"
    for p in (out_json, out_xlsx):
        p.unlink(missing_ok=True)
    paths = [str(SAMPLE.parent)] + ([str(PDF)] if PDF.exists() else [])
    args = [
        "audit",
        *paths,
        "--workers",
        "2",
        "-q",
        "--json",
        str(out_json),
        "--xlsx",
        str(out_xlsx),
    ]
    rc, out, secs = _run(args, env)
    try:
        doc = json.loads(out_json.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"smoke audit: rc={rc} in {secs:.2f}s, no JSON ({exc}): {out[-800:]}")
        return False
    n_reports, problems = len(doc.get("reports", [])), doc.get("problems", [])
    print(
        f"smoke audit: rc={rc} in {secs:.2f}s, reports={n_reports}, problems={len(problems)}, "
        f"xlsx={'yes' if out_xlsx.exists() else 'no'} {problems[:3]}"
    )
    want = 19 + (1 if PDF.exists() else 0)  # the five samples hold 19 reports
    return rc == 0 and n_reports >= want and not problems and out_xlsx.exists()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="构建并冒烟测试 GIK Desk 安装目录")
    parser.add_argument("--skip-build", action="store_true", help="只对已有的 dist/ 做冒烟测试")
    args = parser.parse_args(argv)
    if not args.skip_build:
        build()
    ok = smoke()
    print("smoke: OK" if ok else "smoke: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
