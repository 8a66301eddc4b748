"""LibreOffice for tests that render a file (the workbook, a letter) to PDF."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# ``make test`` on a machine with Python only skips these, naming the package to install
# (``.ci/run`` installs it, so CI runs them).
PACKAGES = "libreoffice-calc-nogui libreoffice-writer-nogui"
needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason=f"LibreOffice (soffice) not on PATH: apt-get install {PACKAGES}",
)


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
    said = b""
    env = {**os.environ, "FONTCONFIG_FILE": str(_fonts_conf(out_dir))}
    for _ in range(3):
        done = subprocess.run(command, check=True, capture_output=True, timeout=timeout, env=env)
        if pdf.is_file():
            return pdf
        said += done.stdout + done.stderr
    raise AssertionError(f"LibreOffice made no PDF of {src.name}: {said.decode(errors='replace')}")


FONTS = Path(__file__).resolve().parents[1] / "resources" / "fonts"


def _fonts_conf(out_dir: Path) -> Path:
    """A fontconfig file adding the bundled CJK font to the system's: without fonts-noto-cjk,
    LibreOffice would draw Chinese with whatever font it finds (and a PDF reader read it back
    as other characters)."""
    conf = out_dir / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{FONTS}</dir>\n"
        f"  <cachedir>{out_dir / 'fontcache'}</cachedir>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return conf
