"""LibreOffice for tests that render a file (the workbook, a letter) to PDF.

It runs under a fontconfig of its own that sees only the project's bundled font
(``resources/fonts``), which also stands in for Calibri, the workbook's font: the machine needs
no CJK font installed, and columns are measured in that font's digits (about 1.1 times
Calibri's, as an office machine's would be) rather than in a fallback's (DejaVu: 1.3 times).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

FONTS = Path(__file__).resolve().parents[1] / "resources" / "fonts"

# ``make test`` on a machine with Python only skips these, naming the package to install
# (``.ci/run`` installs it, so CI runs them).
PACKAGES = "libreoffice-calc-nogui libreoffice-writer-nogui"
MISSING = f"LibreOffice (soffice) not on PATH: apt-get install {PACKAGES}"
needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None, reason=MISSING)

_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
  <alias binding="same">
    <family>Calibri</family><prefer><family>GIK Noto Sans SC</family></prefer>
  </alias>
</fontconfig>
"""


def font_env(out_dir: Path) -> dict[str, str]:
    """The environment with a fontconfig file (made in ``out_dir``) of the bundled font only:
    without fonts-noto-cjk, LibreOffice would otherwise draw Chinese with whatever font it
    finds (and a PDF reader read it back as other characters)."""
    conf = out_dir / "fonts.conf"
    conf.write_text(_CONF.format(fonts=FONTS, cache=out_dir / "fc-cache"), "utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def to_pdf(src: Path, out_dir: Path, timeout: float = 240) -> Path:
    """``src`` converted to PDF in ``out_dir``, with a profile of its own. A fresh profile's
    first start can end (exit 0) without converting on a busy machine; the second start
    converts. Raises ``AssertionError`` naming LibreOffice's output when neither did."""
    profile = (out_dir / "lo-profile").resolve().as_uri()
    command = [
        "soffice", f"-env:UserInstallation={profile}", "--headless",
        "--convert-to", "pdf", "--outdir", str(out_dir), str(src),
    ]  # fmt: skip
    pdf = out_dir / (src.stem + ".pdf")
    env = font_env(out_dir)
    said = b""
    for _ in range(3):
        done = subprocess.run(command, check=True, capture_output=True, timeout=timeout, env=env)
        if pdf.is_file():
            return pdf
        said += done.stdout + done.stderr
    raise AssertionError(f"LibreOffice made no PDF of {src.name}: {said.decode(errors='replace')}")
