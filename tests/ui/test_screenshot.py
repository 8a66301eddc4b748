"""``gik-desk --screenshot``: a real PNG, drawn with a font that has Chinese glyphs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication

from gik_desk.ui import fonts
from gik_desk.ui.app import main
from tests.ui.conftest import TIANQIAO


def _pixel_variance(image: QImage) -> float:
    small = image.scaled(160, 100).convertToFormat(QImage.Format.Format_Grayscale8)
    values = [
        small.pixelColor(x, y).value() for y in range(small.height()) for x in range(small.width())
    ]
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)


def test_screenshot_writes_non_blank_png_in_a_cjk_font(qtbot, tmp_path: Path) -> None:
    out = tmp_path / "desk.png"
    assert main(["--lang", "zh_CN", "--screenshot", str(out), str(TIANQIAO)]) == 0
    image = QImage(str(out))
    assert not image.isNull()
    assert image.width() >= 800
    assert _pixel_variance(image) > 100.0

    assert QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert fonts.cjk_family() is not None
    font = QApplication.font()
    info = QFontInfo(font)
    assert info.family() in (*fonts.PREFERRED, fonts.cjk_family())
    metrics = QFontMetrics(font)
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "审核")


def test_fallback_order_prefers_listed_cjk_fonts(qapp) -> None:
    have = set(QFontDatabase.families())
    family = fonts.cjk_family()
    listed = [name for name in fonts.PREFERRED if name in have]
    if listed:
        assert family == listed[0]
    else:
        assert family in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
