"""Draw the app icon (resources/icons/gik_desk.png + .ico) once, so the repo needs no binary tool.

Run by ``packaging/build.py`` when the icon is missing. Pillow writes the multi-size .ico
Windows wants; without Pillow, Qt's QImage writes the PNG and a single-size ICO.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
BLUE, WHITE, RED = (31, 78, 140, 255), (255, 255, 255, 255), (214, 39, 40, 255)


def _draw_pillow(size: int) -> object:
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    r = size // 8
    d.rounded_rectangle((0, 0, size - 1, size - 1), radius=r, fill=BLUE)
    # a report page with table rows, and a red check mark: "an audited report"
    m = size // 5
    d.rectangle((m, m - size // 16, size - m, size - m + size // 16), fill=WHITE)
    step = max(2, (size - 2 * m) // 5)
    for i in range(1, 5):
        y = m + i * step - step // 2
        d.line((m + size // 12, y, size - m - size // 12, y), fill=BLUE, width=max(1, size // 40))
    w = max(2, size // 12)
    d.line(
        (size * 0.45, size * 0.62, size * 0.58, size * 0.76, size * 0.86, size * 0.40),
        fill=RED,
        width=w,
        joint="curve",
    )
    return img


def make_icons(folder: Path = ICONS) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    png, ico = folder / "gik_desk.png", folder / "gik_desk.ico"
    try:
        big = _draw_pillow(256)
        big.save(png)  # type: ignore[attr-defined]
        big.save(ico, sizes=[(s, s) for s in SIZES])  # type: ignore[attr-defined]
    except ImportError:
        from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter  # noqa: TID251

        _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
        img = QImage(256, 256, QImage.Format.Format_ARGB32)
        img.fill(QColor(*BLUE))
        p = QPainter(img)
        p.fillRect(51, 35, 154, 186, QColor(*WHITE))
        p.end()
        img.save(str(png), "PNG")
        img.save(str(ico), "ICO")
    return png, ico


if __name__ == "__main__":
    for path in make_icons():
        print(path.relative_to(ROOT), path.stat().st_size, "bytes")
