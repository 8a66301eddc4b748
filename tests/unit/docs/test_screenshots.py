"""Issue 24: ``make screenshots`` redraws every image in docs/ — none is left to drift."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "docs" / "screenshots.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_image_in_docs_is_one_make_screenshots_draws() -> None:
    script = _script()
    docs = ROOT / "docs"
    for png in docs.rglob("*.png"):
        where = png.relative_to(docs)
        drawn = where.name in script.DESK if len(where.parts) == 1 else where.parts[0]
        assert drawn in (True, *script.FOLDERS), where
    assert "screenshots:" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "docs/screenshots.py" in (ROOT / "Makefile").read_text(encoding="utf-8")
