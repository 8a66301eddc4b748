"""A font that has the Chinese glyphs, chosen once for the whole application.

Fallback order: Microsoft YaHei → SimSun → Noto Sans CJK SC → a bundled OFL font from
``resources/fonts`` → any family Qt says writes Simplified Chinese. Without one, offscreen
screenshots show tofu while every test still passes (ECOSYSTEM.md #21), so tests assert it.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from gik_desk.ui.resources import resources_dir

PREFERRED = ("Microsoft YaHei", "SimSun", "Noto Sans CJK SC")


def _load_bundled() -> list[str]:
    families: list[str] = []
    folder = resources_dir() / "fonts"
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in (".ttf", ".otf", ".ttc"):
                font_id = QFontDatabase.addApplicationFont(str(path))
                if font_id >= 0:
                    families += QFontDatabase.applicationFontFamilies(font_id)
    return families


def cjk_family() -> str | None:
    """The first family of the fallback order that exists here."""
    have = set(QFontDatabase.families())
    for name in PREFERRED:
        if name in have:
            return name
    bundled = _load_bundled()
    if bundled:
        return bundled[0]
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
