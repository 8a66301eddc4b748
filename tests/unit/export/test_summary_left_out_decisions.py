"""Issue 23: where the workbook's statistics leave a version out, 汇总 says how many of the
reviewer's decisions sit on it. Seed 002 (Dongsheng 2024) and a copy with one more line; the
copy's APP-CARRY is confirmed, but the first file given is the 现行版本."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from gik_desk.model.review import ReviewStatus
from gik_desk.services import audit_paths
from gik_desk.services.exports import write_workbook
from gik_desk.workspace import Workspace

SEED = Path(__file__).resolve().parents[3] / "resources" / "samples" / "002_fe52555f254f9b80.txt"


def test_summary_counts_the_decisions_on_a_version_left_out(tmp_path: Path) -> None:
    original = Path(shutil.copy(SEED, tmp_path / "东胜2024.txt"))
    copy = tmp_path / "东胜2024更正.txt"
    copy.write_text(SEED.read_text(encoding="utf-8") + "\n(更正稿)\n", encoding="utf-8")
    batch = audit_paths([original, copy], workers=1)
    (copied,) = [r for r in batch.reports if Path(r.source) == copy]
    keys = [f.key for f in batch.findings if f.report_id == copied.id and f.rule == "APP-CARRY"]
    with Workspace.open(tmp_path / "w.gikdb") as ws:
        ws.sync_batch(batch)
        ws.apply(ws.status_action(keys, ReviewStatus.CONFIRMED))
        snap = ws.snapshot()
    out = tmp_path / "审核表.xlsx"
    write_workbook(batch, out, review=snap)
    sheet = openpyxl.load_workbook(out)["汇总"]
    header = [c.value for c in sheet[1]]
    col_version, col_file = header.index("版本"), header.index("文件")
    shown = {
        Path(str(row[col_file])).name: row[col_version]
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if row[col_file]
    }
    assert shown["东胜2024.txt"] == "现行版本"
    assert shown["东胜2024更正.txt"] == "其他版本(不计入统计；其上 1 个审核决定不计入)"
