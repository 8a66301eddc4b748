"""Issue 29: OCR brings OpenCV, whose full build bundles its own Qt and clashes with PySide6
(ECOSYSTEM.md); the headless build is installed instead, and the window still starts with the
OCR engine loaded in the same process."""

from __future__ import annotations

import os
import re
from importlib import metadata

import pytest

rapidocr = pytest.importorskip("rapidocr_onnxruntime")


def test_cv2_is_the_headless_build_and_the_window_still_starts(qtbot, window) -> None:
    import cv2

    names = {(d.metadata["Name"] or "").lower() for d in metadata.distributions()}
    assert "opencv-python-headless" in names
    assert "opencv-python" not in names
    assert re.search(r"GUI:\s+NONE", cv2.getBuildInformation())
    assert "QT_QPA_PLATFORM_PLUGIN_PATH" not in os.environ  # the full build sets it on import
    assert rapidocr.RapidOCR is not None
    assert window.isVisible()
    window.tables_view.setCurrentIndex(1)
    qtbot.wait(10)
    assert window.tables_view.currentIndex() == 1
