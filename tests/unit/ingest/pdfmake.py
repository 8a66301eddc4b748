"""Small reportlab canvases for PDF edge cases (scanned, encrypted, fake bold)."""

from __future__ import annotations

from pathlib import Path

from tests.cjkfont import FONT, cjk_font


def _canvas(path: Path, **kw: object):  # type: ignore[no-untyped-def]
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    cjk_font()  # the bundled font, embedded
    return canvas.Canvas(str(path), pagesize=A4, **kw)


def image_only_pdf(path: Path) -> Path:
    """One page covered by a picture of text: no text layer, as a scanner makes it."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (400, 560), 255)
    draw = ImageDraw.Draw(img)
    for y in range(20, 540, 16):
        draw.line((20, y, 380, y), fill=0, width=3)
    c = _canvas(path)
    c.drawImage(ImageReader(img), 30, 40, width=530, height=760)
    c.showPage()
    c.save()
    return path


def text_pdf(
    path: Path,
    lines: list[str],
    *,
    encrypt: str | None = None,
    fake_bold: bool = False,
    rules: bool = False,
) -> Path:
    """Lines of CJK text; ``fake_bold`` prints each line twice, 0.3 pt apart, as Word does."""
    c = _canvas(path, encrypt=encrypt) if encrypt else _canvas(path)
    c.setFont(FONT, 12)
    y = 780.0
    for line in lines:
        c.drawString(60, y, line)
        if fake_bold:
            c.drawString(60.3, y, line)
        y -= 24
    if rules:  # a ruled two-column table below the text
        top = y
        for i in range(3):
            c.line(60, top - 24 * i, 400, top - 24 * i)
        for x in (60, 230, 400):
            c.line(x, top, x, top - 48)
        c.drawString(66, top - 18, "本年新收")
        c.drawString(236, top - 18, "358")
        if fake_bold:
            c.drawString(66.3, top - 18, "本年新收")
        c.drawString(66, top - 42, "上年结转")
        c.drawString(236, top - 42, "8")
    c.showPage()
    c.save()
    return path
