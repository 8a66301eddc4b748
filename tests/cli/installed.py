"""Run the installed console script (``.venv/bin/gik-desk`` of ``make venv``), as a reviewer would.

``GIK_DESK_CMD`` names another script; the child inherits ``PYTHONPATH``, so the same tests can
be run against an older checkout to show they failed there.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
TIANQIAO_2022 = SAMPLES / "001_711b86d480afee15.txt"
DONGSHENG_2024 = SAMPLES / "002_fe52555f254f9b80.txt"


def command() -> Path:
    found = Path(os.environ.get("GIK_DESK_CMD") or ROOT / ".venv" / "bin" / "gik-desk")
    if not found.exists():
        pytest.skip(f"no installed gik-desk at {found} (run `make venv`)")
    return found


def gik(*argv: str, cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``gik-desk argv…`` run in ``cwd``."""
    done = subprocess.run(
        [str(command()), *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        timeout=240,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr
