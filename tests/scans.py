"""Scanned copies of PDFs, made at test time (issue 29): each page rendered to a bitmap at a
resolution, optionally JPEG-compressed, turned, stamped with a red seal or greyed like a
photocopy, and saved as an image-only PDF (no text layer), as a scanner would."""

from __future__ import annotations

import io
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter


def scan_pdf(
    source: Path,
    out: Path,
    *,
    dpi: int = 200,
    pages: list[int] | None = None,
    jpeg: int | None = None,
    skew: float = 0.0,
    seal: bool = False,
    grey: bool = False,
) -> Path:
    """``source`` scanned to ``out``; ``pages`` are 0-based (all when None)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(source))
    try:
        wanted = pages if pages is not None else list(range(len(pdf)))
        images = [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in wanted]
    finally:
        pdf.close()
    return scan_images(images, out, dpi=dpi, jpeg=jpeg, skew=skew, seal=seal, grey=grey)


def scan_images(
    pages: list[Image.Image],
    out: Path,
    *,
    dpi: int,
    jpeg: int | None = None,
    skew: float = 0.0,
    seal: bool = False,
    grey: bool = False,
) -> Path:
    """Page bitmaps (at ``dpi``) made into an image-only PDF, with a scan's defects."""
    images = []
    for page in pages:
        img = page
        if seal:
            img = stamp(img, dpi)
        if grey:
            img = photocopy(img)
        if skew:
            img = img.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor="white")
        if jpeg is not None:
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=jpeg)
            img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
        images.append(img)
    images[0].save(out, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return out


FONT = Path(__file__).resolve().parents[1] / "resources/fonts/GikNotoSansSC-Regular.otf"
_MARGIN = 60.0  # points
_PAGE = (595.0, 842.0)  # A4 in points


def report_pages(text: str, dpi: int) -> list[Image.Image]:
    """A report's text printed on A4 pages as an office prints it: prose lines wrapped, and
    each block of ``cell | cell |`` rows drawn as a ruled table (a row with fewer cells
    than the widest has its first cell merged across the spare columns, as the web page's
    table merged it)."""
    from PIL import ImageFont

    s = dpi / 72
    font = ImageFont.truetype(str(FONT), round(10.5 * s))
    small = ImageFont.truetype(str(FONT), round(9 * s))
    pages: list[Image.Image] = []
    state: dict[str, object] = {}

    def new_page() -> None:
        img = Image.new("RGB", (round(_PAGE[0] * s), round(_PAGE[1] * s)), "white")
        pages.append(img)
        state["draw"] = ImageDraw.Draw(img)
        state["y"] = _MARGIN

    new_page()
    width = _PAGE[0] - 2 * _MARGIN
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if "|" not in line:
            for part in _wrap(line, font, width * s) if line else []:
                if float(state["y"]) + 18 > _PAGE[1] - _MARGIN:  # type: ignore[arg-type]
                    new_page()
                state["draw"].text(
                    (_MARGIN * s, float(state["y"]) * s), part, fill="black", font=font
                )  # type: ignore[attr-defined]
                state["y"] = float(state["y"]) + 18  # type: ignore[arg-type]
            i += 1
            continue
        block = []
        while i < len(lines) and "|" in lines[i]:
            cells = [c.strip() for c in lines[i].strip().split("|")]
            if cells and cells[-1] == "":
                cells.pop()
            block.append(cells)
            i += 1
        _table(block, small, s, width, state, new_page)
        state["y"] = float(state["y"]) + 10  # type: ignore[arg-type]
    return pages


def _wrap(text: str, font: object, width: float) -> list[str]:
    out, cur = [], ""
    for ch in text:
        if cur and font.getlength(cur + ch) > width:  # type: ignore[attr-defined]
            out.append(cur)
            cur = ""
        cur += ch
    if cur:
        out.append(cur)
    return out


def _table(block, font, s, width, state, new_page) -> None:  # type: ignore[no-untyped-def]
    n = max(len(r) for r in block)
    w0 = 6.0 if n <= 4 else 5.0 if n <= 10 else 1.0
    unit = width / (w0 + n - 1)
    xs = [_MARGIN, _MARGIN + w0 * unit] + [_MARGIN + (w0 + k) * unit for k in range(1, n)]
    for cells in block:
        spare = n - len(cells)
        bounds = [(xs[0], xs[spare + 1])] + [
            (xs[spare + k], xs[spare + k + 1]) for k in range(1, len(cells))
        ]
        wrapped = [
            _wrap(c, font, (b[1] - b[0] - 6) * s) or [""]
            for c, b in zip(cells, bounds, strict=True)
        ]
        h = max(len(w) for w in wrapped) * 13 + 8
        if float(state["y"]) + h > _PAGE[1] - _MARGIN:
            new_page()
        y = float(state["y"])
        d = state["draw"]
        for (x0, x1), parts in zip(bounds, wrapped, strict=True):
            d.rectangle(
                (x0 * s, y * s, x1 * s, (y + h) * s), outline="black", width=max(round(s * 0.8), 1)
            )
            for k, part in enumerate(parts):
                tw = font.getlength(part) / s
                d.text(
                    ((x0 + (x1 - x0 - tw) / 2) * s, (y + 4 + 13 * k) * s),
                    part,
                    fill="black",
                    font=font,
                )
        state["y"] = y + h


def stamp(img: Image.Image, dpi: int) -> Image.Image:
    """A red round seal (ring, star, an arc of strokes) over the page's middle right, where
    a table's figures sit, blended as ink over ink."""
    s = dpi / 72
    w, h = img.size
    cx, cy, r = int(w * 0.62), int(h * 0.55), int(60 * s)
    layer = Image.new("RGB", img.size, "white")
    d = ImageDraw.Draw(layer)
    red = (215, 40, 40)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=max(int(4 * s), 2))
    star = [
        (
            cx + (r * 0.35 if k % 2 == 0 else r * 0.14) * math.sin(k * math.pi / 5),
            cy - (r * 0.35 if k % 2 == 0 else r * 0.14) * math.cos(k * math.pi / 5),
        )
        for k in range(10)
    ]
    d.polygon(star, fill=red)
    for k in range(14):  # the arc of the body's name: short thick strokes
        a = math.pi * (0.8 + 1.4 * k / 13)
        x, y = cx + r * 0.72 * math.cos(a), cy + r * 0.72 * math.sin(a)
        d.rectangle((x - 5 * s, y - 5 * s, x + 5 * s, y + 5 * s), outline=red, width=max(int(s), 1))
    from PIL import ImageChops

    return ImageChops.multiply(img, layer)


def photocopy(img: Image.Image) -> Image.Image:
    """Grey paper, softened and lighter ink, a little blur: a photocopy's look."""
    g = img.convert("L").filter(ImageFilter.GaussianBlur(0.6))
    g = g.point(lambda v: int(70 + v * (205 - 70) / 255))
    return g.convert("RGB")
