"""OCR figures (issue 29): ``ocr_s_per_page`` and ``ocr_peak_mb``.

A scan is made of hongzequ_2023.pdf's first four pages (the header and every table page) at
200 dpi, JPEG-compressed, as an image-only PDF; a fresh process reads it with the page cache
off, so the figure includes loading the models (0.5 s) once. Peak memory is that process's RSS,
sampled. Run alone: ``python benchmarks/ocr.py``.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tests" / "data" / "pdf" / "hongzequ_2023.pdf"
PAGES = [0, 1, 2, 3]
DPI = 200


def make_scan(out: Path) -> Path:
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument(str(SOURCE))
    images = []
    try:
        for i in PAGES:
            img = pdf[i].render(scale=DPI / 72).to_pil().convert("RGB")
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=85)
            images.append(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))
    finally:
        pdf.close()
    images[0].save(out, "PDF", resolution=float(DPI), save_all=True, append_images=images[1:])
    return out


def measure(folder: Path) -> list[tuple[str, float, str, str]]:
    scan = make_scan(folder / "scan.pdf")
    code = (
        "import sys; from gik_desk.ingest import read_document; "
        "d = read_document(sys.argv[1]); assert d.meta.get('ocr'), 'not read by OCR'"
    )
    from run import PeakRss  # benchmarks/run.py, beside this file: the one RSS sampler

    env = {**os.environ, "GIK_OCR_CACHE": ""}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, str(scan)], env=env, cwd=ROOT)
    with PeakRss(proc.pid) as sampled:
        rc = proc.wait()
    dt = time.perf_counter() - t0
    peak = sampled.peak_kb
    if rc != 0:
        raise RuntimeError(f"OCR reader exited {rc}")
    cores = os.cpu_count() or 0
    note = f"{len(PAGES)} pages at {DPI} dpi, {cores} cores, load {os.getloadavg()[0]:.1f}"
    return [
        ("ocr_s_per_page", dt / len(PAGES), "s", note + "; goal <= 8 on 2 cores"),
        ("ocr_peak_mb", peak / 1024, "MB", "the reading process; goal <= 1500"),
    ]


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for name, value, unit, note in measure(Path(tmp)):
            print(f"{name}: {value:.3g} {unit}  # {note}", flush=True)
