"""The CJK font test PDFs embed: the desk's bundled Noto Sans SC, never a system font.

reportlab's built-in ``STSong-Light`` is not embedded, so a reader substitutes whatever the
machine has (DejaVu Sans on a machine without fonts-noto-cjk: wrong glyphs, wrong text). The
bundled font has CFF outlines, which reportlab cannot embed, so it is converted once to
TrueType outlines (fontTools' cu2qu) and cached in the temp folder, keyed by its sha256.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

FONT = "GikNotoSansSC"
BUNDLED = Path(__file__).resolve().parents[1] / "resources" / "fonts" / "GikNotoSansSC-Regular.otf"


def cjk_font() -> str:
    """Register the bundled font with reportlab (once) and return its name for ``setFont``."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(_truetype())))
    return FONT


def _truetype() -> Path:
    data = BUNDLED.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:12]
    cached = Path(tempfile.gettempdir()) / f"gik-desk-tests-{FONT}-{digest}.ttf"
    if cached.is_file():
        return cached
    part = cached.with_suffix(f".{os.getpid()}.part")
    _cff_to_glyf(BUNDLED, part)
    os.replace(part, cached)  # atomic: a parallel run sees the whole file or none
    return cached


def _cff_to_glyf(src: Path, out: Path) -> None:
    """fontTools' otf2ttf recipe: quadratic outlines in a ``glyf`` table for ``CFF ``."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(str(src))
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for name in glyf.glyphOrder:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
    ):  # fmt: skip
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(str(out))
