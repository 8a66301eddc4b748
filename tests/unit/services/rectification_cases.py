"""整改复核 scenarios (issue 30) shared by the unit, CLI and desk tests.

Seeds 001 (Tianqiao, 2008–2022) and 002 (Dongsheng 2024) in a fresh workspace; Tianqiao 2021's
two errors (one cell: 表三 (六)其他处理 1. 总计, printed 1, should be 3) and Dongsheng 2024's
APP-CARRY (正文 8 件 received, 表三 7 handled + 1 carried) set 已确认; letters written. The
corrected copies are made here by editing the published text, and every expected outcome
below is keyed by hand from those edits."""

from __future__ import annotations

import shutil
from pathlib import Path

from gik_desk.model.review import ReviewStatus
from gik_desk.services import audit_paths, run_to_end, workspace_letters
from gik_desk.workspace import Workspace

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
SEED_001 = SEEDS / "001_711b86d480afee15.txt"
SEED_002 = SEEDS / "002_fe52555f254f9b80.txt"
TIANQIAO = "济南市天桥区人民政府"
DONGSHENG = "东胜区行政审批政务服务与数据管理局"

# Tianqiao 2021, 表三 (六)其他处理 1. as published (总计 1) and as corrected (总计 3)
ROW_2021 = (
    "(六)其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 "
    "| 3 | 0 | 0 | 0 | 0 | 0 | 1 |"
)
FIXED_2021 = ROW_2021[: -len("1 |")] + "3 |"
# Tianqiao 2021, 表四 as published; the second copy also misprints 行政复议 结果维持 18 → 19
APPEALS_2021 = "18 | 3 | 2 | 17 | 40 | 11 | 4 | 1 | 4 | 20 | 41 | 1 | 1 | 5 | 48 |"
BROKEN_APPEALS_2021 = "19" + APPEALS_2021[2:]
# Dongsheng 2024, 表二 行政许可 本年处理决定数量: 52425 printed, an unrelated change to 52426
LICENSING = "行政许可 |\n52425 |"
LICENSING_CHANGED = "行政许可 |\n52426 |"

ITEM_TIANQIAO = "表三“(六)其他处理 1.”行“总计”栏填报为1，建议更正为3"
CARRY_MESSAGE = "正文称受理政府信息公开申请 8 件,表三本年办理结果总计 7 件、结转下年度 1 件"


def edited(src: Path, dest: Path, old: str, new: str) -> Path:
    text = src.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text.replace(old, new), encoding="utf-8")
    return dest


def letters_sent(folder: Path) -> tuple[Path, list[Path]]:
    """The workspace with both letters written (and recorded as sent); the report files."""
    reports = folder / "reports"
    reports.mkdir(parents=True)
    files = [Path(shutil.copy(s, reports / s.name)) for s in (SEED_001, SEED_002)]
    batch = audit_paths([str(f) for f in files], workers=1)
    ws_path = folder / "review.gikdb"
    with Workspace.open(ws_path) as ws:
        ws.sync_batch(batch)
        ids = {r.id for r in batch.reports if r.year == 2021 and r.agency == TIANQIAO} | {
            r.id for r in batch.reports if r.agency == DONGSHENG
        }
        chosen = [
            f.key
            for f in batch.findings
            if f.report_id in ids and f.rule in ("APP-ROW", "APP-RESULTS", "APP-CARRY")
        ]
        assert len(chosen) == 3  # Tianqiao's APP-ROW and APP-RESULTS, Dongsheng's APP-CARRY
        ws.apply(ws.status_action(chosen, ReviewStatus.CONFIRMED))
    result = run_to_end(workspace_letters(ws_path, folder / "意见", workers=1))
    assert [body for body, _p, _n in result.written] == [TIANQIAO, DONGSHENG]
    return ws_path, files


def corrected_copies(folder: Path, files: list[Path], *, break_appeals: bool = False) -> list[Path]:
    """Tianqiao's file with 2021's 总计 corrected (and, with ``break_appeals``, 表四 misprinted);
    Dongsheng's with its narrative as it was and one unrelated 表二 figure changed."""
    t = edited(files[0], folder / "更正" / "天桥区2021更正.txt", ROW_2021, FIXED_2021)
    if break_appeals:
        edited(t, t, APPEALS_2021, BROKEN_APPEALS_2021)
    d = edited(files[1], folder / "更正" / "东胜区更正.txt", LICENSING, LICENSING_CHANGED)
    return [t, d]
