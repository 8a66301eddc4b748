"""``make screenshots``: redraw every image in ``docs/`` from the code as it is (issue 24).

The desk (``docs/screenshot.png``: the five seeds at 1600×1000; ``docs/desk-1366x768.png``:
seed 001 on a laptop's screen; ``docs/screenshot_en.png``: the seeds in English at 1366×768),
the 原件 pane for a PDF, an HTML and a Word report, the sample letter (``docs/letters/render.py``)
and the first page of each sheet of the seeds' printed workbook (``docs/workbook/``). Each desk
picture is a ``gik-desk --screenshot`` in a process of its own, offscreen, with settings and
workspace in a temporary folder (never the user's saved layout). LibreOffice renders under a
fontconfig of the bundled font only. Needs ``soffice`` and ``pdftoppm`` for the letter and the
workbook. Run from the repository root.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SEEDS = ROOT / "tests" / "data" / "seeds"
TIANQIAO = SEEDS / "001_711b86d480afee15.txt"
HONGZE = ROOT / "tests" / "data" / "pdf" / "hongzequ_2023.pdf"
sys.path.insert(0, str(ROOT))
# what each desk picture shows: its file in docs/ → gik-desk's arguments (inputs made in tmp
# are named by their kind); the letter and the workbook pages fill docs/letters, docs/workbook
DESK = {
    "screenshot.png": (str(SEEDS),),
    "desk-1366x768.png": ("--size", "1366x768", str(TIANQIAO)),
    # the desk in English (issue 22): a later --lang wins over _desk's zh_CN
    "screenshot_en.png": ("--lang", "en", "--size", "1366x768", str(SEEDS)),
    "original_hongzequ_2023_pdf.png": ("--original", str(HONGZE)),
    "original_tianqiao_2021_html.png": ("--original", "html"),
    "original_tianqiao_2021_docx.png": ("--original", "docx"),
}
FOLDERS = ("letters", "workbook")


def _env(tmp: Path) -> dict[str, str]:
    from tests.soffice import font_env

    env = font_env(tmp)  # LibreOffice (letters, workbook) sees the bundled font
    env |= {
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp / "config"),
        "GIK_DESK_DATA_DIR": str(tmp / "data"),
        "PYTHONPATH": str(ROOT),
    }
    return env


def _desk(env: dict[str, str], out: Path, *args: str) -> None:
    command = [sys.executable, "-m", "gik_desk", "--lang", "zh_CN", "--screenshot", str(out)]
    subprocess.run([*command, *args], env=env, check=True, cwd=ROOT, timeout=600)
    sys.stdout.write(f"{out.relative_to(ROOT)}\n")


def _tianqiao_2021(tmp: Path, kind: str) -> Path:
    """Tianqiao 2021 as a web page or a Word file (the ingest tests' builders)."""
    from tests.unit.ingest import builders as bld
    from tests.unit.ingest import tianqiao as tq

    blocks = bld.template_report(tq.TITLE, tq.ACTIVE, tq.APPLICATIONS, tq.APPEALS, tq.INTRO)
    path = tmp / f"tianqiao_2021.{kind}"
    if kind == "html":
        path.write_bytes(bld.make_html(blocks))
    else:
        bld.make_docx(blocks, path)
    return path


def _workbook(env: dict[str, str], tmp: Path) -> None:
    """The seeds' workbook (one finding 已确认, as issue 15's print test has it) on A4: the
    first page of each sheet at 60 dpi."""
    import pdfplumber

    from gik_desk import services
    from gik_desk.export.xlsx import write_workbook
    from gik_desk.model.review import Event, FindingReview, ReviewSnapshot, ReviewStatus

    batch = services.audit_paths([SEEDS], workers=1)
    f = batch.findings[0]
    at = "2026-12-02T04:47:00+00:00"
    done = FindingReview(f.key, ReviewStatus.CONFIRMED, "已核实", "张三", at)
    event = Event(1, at, "张三", "set_status", f'["{f.key}"]', '["待核实"]', '["已确认"]')
    review = ReviewSnapshot(reviews={f.key: done}, events=(event,))
    book = write_workbook(batch, tmp / "种子批次.xlsx", review=review)
    pdf = _to_pdf(env, book, tmp)
    firsts: dict[str, int] = {}
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            head = (page.extract_text() or "").split("\n", 1)[0]
            title = head.rsplit(" ", 1)[-1] if " " in head else head
            if title and title not in firsts:
                firsts[title] = n
    out = DOCS / "workbook"
    out.mkdir(exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    for i, (title, n) in enumerate(firsts.items()):
        subprocess.run(
            ["pdftoppm", "-r", "60", "-f", str(n), "-l", str(n), "-png", "-singlefile",
             str(pdf), str(out / f"{i:02d}-{title}")],
            check=True, timeout=120,
        )  # fmt: skip
        sys.stdout.write(f"docs/workbook/{i:02d}-{title}.png\n")


def _to_pdf(env: dict[str, str], src: Path, tmp: Path) -> Path:
    profile = (tmp / "lo-profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
               "pdf", "--outdir", str(tmp), str(src)]  # fmt: skip
    pdf = tmp / (src.stem + ".pdf")
    for _ in range(3):  # a fresh profile's first start may end without converting
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
        if pdf.is_file():
            return pdf
    raise SystemExit(f"LibreOffice made no PDF of {src.name}")


def main() -> int:
    missing = [tool for tool in ("soffice", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        sys.stderr.write(f"需要 {'、'.join(missing)}(LibreOffice / poppler-utils)\n")
        return 2
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        env = _env(tmp)
        for name, args in DESK.items():
            if args[-1] in ("html", "docx"):
                args = (*args[:-1], str(_tianqiao_2021(tmp, args[-1])))
            _desk(env, DOCS / name, *args)
        letters = [sys.executable, str(DOCS / "letters" / "render.py")]
        subprocess.run(letters, env=env, check=True, cwd=ROOT, timeout=900)
        _workbook(env, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
