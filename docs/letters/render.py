"""Render a sample 审核意见 letter to ``docs/letters/letter-*.png`` (issue 17).

Seed 001 (Tianqiao) in a temporary workspace: 2021's two errors on (六)其他处理 1. 总计 已确认
with an outward text, 2021's TPL-LABEL 已排除, 2020's balance 需整改; the letter is written
through ``services.write_letters``, converted by LibreOffice to PDF and rasterised by pdftoppm at
80 dpi. Run from the repository root: ``.venv/bin/python docs/letters/render.py`` (needs
``soffice`` and ``pdftoppm``). Not a test: it only draws the picture.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from gik_desk.jobs import run_to_end  # noqa: E402
from gik_desk.model.review import ReviewStatus  # noqa: E402
from gik_desk.services import LetterHead, audit_paths, write_letters  # noqa: E402
from gik_desk.workspace import Workspace  # noqa: E402

SEED = ROOT / "tests" / "data" / "seeds" / "001_711b86d480afee15.txt"
OUT = Path(__file__).resolve().parent


def main() -> int:
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            sys.stderr.write(f"需要 {tool}(LibreOffice / poppler-utils)\n")
            return 2
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        src = Path(shutil.copy(SEED, tmp / SEED.name))
        batch = audit_paths([str(src)], workers=1)
        years = {r.id: r.year for r in batch.reports}
        with Workspace.open(tmp / "review.gikdb") as ws:
            ws.sync_batch(batch)
            y2021 = [f for f in batch.findings if years[f.report_id] == 2021]
            errors = [f for f in y2021 if f.rule in ("APP-ROW", "APP-RESULTS")]
            ws.apply(ws.status_action([f.key for f in errors], ReviewStatus.CONFIRMED))
            ws.apply(
                ws.outward_action(
                    errors[0].key, "请核实逾期不补正的申请件数，并同步更正（七）总计。"
                )
            )
            label = next(f for f in y2021 if f.rule == "TPL-LABEL")
            ws.apply(ws.note_action(label.key, "截断的栏目名称不影响理解"))
            ws.apply(ws.status_action([label.key], ReviewStatus.DISMISSED))
            balance = [
                f for f in batch.findings if years[f.report_id] == 2020 and f.rule == "APP-BALANCE"
            ]
            ws.apply(ws.status_action([f.key for f in balance], ReviewStatus.NEEDS_FIX))
            ws.apply(
                ws.outward_action(balance[0].key, "请对照办理台账核实上年结转与本年新收件数。")
            )
            snap = ws.snapshot()
        head = LetterHead("某市人民政府办公室", "某市政务公开办公室", date(2026, 12, 1))
        result = run_to_end(write_letters(batch, snap, tmp / "letters", head))
        ((_body, docx_path, _n),) = result.written
        subprocess.run(
            [
                "soffice", f"-env:UserInstallation=file://{tmp / 'profile'}", "--headless",
                "--convert-to", "pdf", "--outdir", str(tmp), str(docx_path),
            ],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        pdf = tmp / (docx_path.stem + ".pdf")
        for old in OUT.glob("letter-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", str(pdf), str(OUT / "letter")],
            check=True,
            timeout=120,
        )
    for png in sorted(OUT.glob("letter-*.png")):
        sys.stdout.write(f"{png.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
