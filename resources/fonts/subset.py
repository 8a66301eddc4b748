"""Make the bundled CJK font: Noto Sans CJK SC (SIL OFL 1.1) cut down to what GIK Desk shows.

Why a bundled font: a machine without a CJK font (a fresh Debian, a locked-down workstation)
would draw every Chinese character as a box. The subset covers the 6,763 hanzi of GB 2312
(the common characters of GB 18030), its punctuation and full-width forms, ASCII, and every
character of the UI's texts, translations and sample reports; rarer characters fall back to
the system's fonts. The family is renamed (OFL allows modified versions under another name)
so tests can tell it from a system Noto.

Reproducible: the same source font gives the same bytes (no timestamp is recalculated).

    .venv/bin/pip install '.[fonts]'
    .venv/bin/python resources/fonts/subset.py [PATH/TO/NotoSansCJK-Regular.ttc]
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")  # Debian fonts-noto-cjk
SC_INDEX = 2  # JP, KR, SC, TC, HK in the collection
FAMILY = "GIK Noto Sans SC"
OUT = HERE / "GikNotoSansSC-Regular.otf"


def gb2312() -> set[str]:
    """Every character GB 2312 encodes: symbols (rows 1–9) and both levels of hanzi."""
    out: set[str] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return out


def project_text() -> set[str]:
    """Characters of the UI's sources, translations and sample reports."""
    out: set[str] = set()
    paths = [*ROOT.glob("gik_desk/**/*.py"), *ROOT.glob("resources/i18n/*.ts")]
    paths += [*ROOT.glob("resources/samples/*.txt")]
    for path in paths:
        out |= set(path.read_text("utf-8", errors="ignore"))
    return out


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else SOURCE
    chars = gb2312() | project_text() | {chr(c) for c in range(0x20, 0x7F)}
    chars |= {chr(c) for c in range(0x3000, 0x3040)} | {chr(c) for c in range(0xFF01, 0xFF5F)}
    text = "".join(sorted(c for c in chars if (c.isprintable() and not c.isspace()) or c == " "))
    font = TTFont(source, fontNumber=SC_INDEX, recalcTimestamp=False, lazy=False)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    sub = subset.Subsetter(options)
    sub.populate(text=text)
    sub.subset(font)
    names = font["name"]
    for record in names.names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID == 4:
            record.string = f"{FAMILY} Regular"
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "") + "-Regular"
    font.save(OUT)
    digest = hashlib.sha256(OUT.read_bytes()).hexdigest()[:16]
    print(f"{OUT.name}: {OUT.stat().st_size / 1e6:.2f} MB, {len(text)} characters, sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
