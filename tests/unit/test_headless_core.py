"""Core packages import no Qt: every non-ui module is imported in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import gik_desk

QT_MODULES = ("PySide6", "shiboken6", "pyqtgraph")


def _core_modules() -> list[str]:
    root = Path(gik_desk.__file__).parent
    mods = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent).with_suffix("")
        parts = rel.parts
        if "ui" in parts[1:2] or parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods.append(".".join(parts))
    return mods


def test_core_modules_found() -> None:
    mods = _core_modules()
    assert "gik_desk.model.report" in mods
    assert "gik_desk.template.labels" in mods
    assert not any(m.startswith("gik_desk.ui") for m in mods)


def test_no_qt_in_core_imports() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for m in {_core_modules()!r}:\n"
        "    importlib.import_module(m)\n"
        f"print(json.dumps(sorted(k for k in sys.modules if k.split('.')[0] in {QT_MODULES!r})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
