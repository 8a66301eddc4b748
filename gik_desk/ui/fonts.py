"""A font that has the Chinese glyphs, chosen once for the whole application.

The bundled ``GIK Noto Sans SC`` (``resources/fonts``: Noto Sans CJK SC, SIL OFL 1.1, cut down
by ``subset.py`` to GB 2312 and every character the UI and the samples use) comes first, so the
desk looks the same on every machine and never draws boxes where no CJK font is installed.
System fonts follow as fallbacks for rarer characters: Microsoft YaHei → SimSun → Noto Sans CJK
SC → any family Qt says writes Simplified Chinese. Offscreen screenshots without any of them
show tofu while every test still passes (ECOSYSTEM.md #21), so tests assert the family.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from gik_desk.ui.resources import resources_dir

BUNDLED = "GIK Noto Sans SC"
PREFERRED = ("Microsoft YaHei", "SimSun", "Noto Sans CJK SC")

_loaded: list[str] | None = None


def load_bundled() -> list[str]:
    """The families of ``resources/fonts``, added to Qt once per process."""
    global _loaded  # one registration per process, like Qt's own database
    if _loaded is None:
        families: list[str] = []
        folder = resources_dir() / "fonts"
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() in (".ttf", ".otf", ".ttc"):
                    font_id = QFontDatabase.addApplicationFont(str(path))
                    if font_id >= 0:
                        families += QFontDatabase.applicationFontFamilies(font_id)
        _loaded = families
    return _loaded


def cjk_family() -> str | None:
    """The bundled family, else the first of the fallback order that exists here."""
    bundled = load_bundled()
    if bundled:
        return bundled[0]
    have = set(QFontDatabase.families())
    for name in PREFERRED:
        if name in have:
            return name
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return chinese[0] if chinese else None


def apply_app_font(app: QApplication, point_size: int = 0) -> QFont:
    family = cjk_family()
    font = QFont(app.font())
    if family:
        font.setFamilies([family, *PREFERRED])
    if point_size > 0:
        font.setPointSize(point_size)
    app.setFont(font)
    return font
