"""``gik-desk --screenshot``: a real PNG, drawn with a font that has Chinese glyphs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics, QImage
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


def test_the_bundled_font_comes_first_and_has_the_glyphs(qapp) -> None:
    assert fonts.cjk_family() == fonts.BUNDLED
    metrics = QFontMetrics(QFont(fonts.BUNDLED))
    for ch in "政府信息公开年报审核台审核意见书䶮":
        if ch == "䶮":  # beyond GB 2312: left to the system's fonts
            continue
        assert metrics.inFontUcs4(ord(ch)), ch


_NO_CJK = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{dir}</dir><cachedir>{cache}</cachedir></fontconfig>
"""

_PROBE = """
import sys
from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication
from gik_desk.ui import fonts
app = QApplication([])
chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
system = [f for f in chinese if f != fonts.BUNDLED]
font = fonts.apply_app_font(app)
info = QFontInfo(font)
ok = all(QFontMetrics(font).inFontUcs4(ord(c)) for c in "政府信息公开审核")
print("|".join(map(str, (len(system), fonts.cjk_family(), info.family(), ok))))
"""


def test_a_machine_without_cjk_fonts_renders_with_the_bundled_one(tmp_path: Path) -> None:
    """Issue 12: under a fontconfig that sees only an empty folder (no CJK font at all), the
    desk still draws Chinese, in the bundled family."""
    import os
    import subprocess
    import sys

    empty = tmp_path / "fonts"
    empty.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(_NO_CJK.format(dir=empty, cache=tmp_path / "cache"), "utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    system, chosen, rendering, has_glyphs = out.stdout.strip().splitlines()[-1].split("|")
    assert system == "0"  # the config really hides every system CJK font
    assert (chosen, rendering, has_glyphs) == (fonts.BUNDLED, fonts.BUNDLED, "True")


def test_linux_without_xcb_libraries_says_which_package_to_install(monkeypatch, capsys) -> None:
    """Issue 12: no bare Qt abort on a desktop missing libxcb-cursor0; a message in both
    languages naming the package (the finder is injected: this machine has the library)."""
    import ctypes.util
    import sys

    from gik_desk.ui import app as app_module

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(
        ctypes.util, "find_library", lambda name: None if name == "xcb-cursor" else "lib.so"
    )
    assert app_module.missing_xcb() == ["libxcb-cursor0"]
    assert app_module.main([]) == 1
    err = capsys.readouterr().err
    assert "sudo apt-get install libxcb-cursor0" in err
    assert "请先安装" in err
    assert "needs system libraries" in err
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert app_module.missing_xcb() == []


def test_screenshot_at_a_given_size(qtbot, tmp_path: Path) -> None:
    """``--size 1366x768``: the PNG is exactly that size (issue 14's small screen)."""
    out = tmp_path / "small.png"
    assert main(["--screenshot", str(out), "--size", "1366x768", str(TIANQIAO)]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    assert _pixel_variance(image) > 100.0
