"""Reviewed batches for the letter tests (issue 17): seed 001 (Tianqiao, 15 years) in a fresh
workspace, its 2021 errors judged by hand. Expected wording is keyed here from the template's
published labels, never produced by the letter builder."""

from __future__ import annotations

import shutil
from pathlib import Path

from gik_desk.model import Finding
from gik_desk.model.batch import Batch
from gik_desk.model.review import ReviewStatus
from gik_desk.services import audit_paths
from gik_desk.workspace import Workspace

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
SEED_001 = SEEDS / "001_711b86d480afee15.txt"
BODY = "济南市天桥区人民政府"
# Tianqiao 2021, 表三 (六)其他处理 1.: 自然人 3, 总计 printed 1 (RULES.md's seed case)
ITEM_2021 = "表三“(六)其他处理 1.”行“总计”栏填报为1，建议更正为3"
OUTWARD = "请核实逾期不补正的申请件数，并同步更正（七）总计。"
NOTE_EXCLUDED = "截断的栏目名称不影响理解，不列入审核意见"
# Tianqiao 2022, 表三 line as published, and as a corrected copy misprints it
PUBLISHED_2022 = "三、本年度办理结果 | (一)予以公开 | 69 |"
CHANGED_2022 = "三、本年度办理结果 | (一)予以公开 | 70 |"
ITEM_2022_COPY = "表三“(一)予以公开”行“自然人”栏填报为70，建议更正为69"


def copy_seed(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(SEED_001, folder / SEED_001.name))


def findings_of(batch: Batch, year: int, source: Path | None = None) -> list[Finding]:
    ids = {
        r.id
        for r in batch.reports
        if r.year == year and (source is None or Path(r.source) == source)
    }
    return [f for f in batch.findings if f.report_id in ids]


def reviewed_tianqiao(folder: Path) -> tuple[Path, Batch]:
    """Seed 001 audited into ``folder/review.gikdb``: Tianqiao 2021's two errors (one cell)
    已确认 with an outward text on one of them, its TPL-LABEL 已排除 with its reason."""
    src = copy_seed(folder / "reports")
    batch = audit_paths([str(src)], workers=1)
    path = folder / "review.gikdb"
    with Workspace.open(path) as ws:
        ws.sync_batch(batch)
        fs = findings_of(batch, 2021)
        errors = [f for f in fs if f.rule in ("APP-ROW", "APP-RESULTS")]
        assert len(errors) == 2
        label = next(f for f in fs if f.rule == "TPL-LABEL")
        ws.apply(ws.status_action([f.key for f in errors], ReviewStatus.CONFIRMED))
        app_row = next(f for f in errors if f.rule == "APP-ROW")
        ws.apply(ws.outward_action(app_row.key, OUTWARD))
        ws.apply(ws.note_action(label.key, NOTE_EXCLUDED))
        ws.apply(ws.status_action([label.key], ReviewStatus.DISMISSED))
    return path, batch
