"""Reviewer work on the real seed 001 (Tianqiao 2022..2008) survives re-parsing its file.

1. Statuses, notes and annotations on Tianqiao 2021/2022.
2. A whole other report (seed 002, 东胜区 2024) inserted at the TOP of the file: everything stays
   attached to the same finding and quote.
3. Tianqiao 2021's (六)其他处理 1. 总计 corrected from 1 to 3 (line 153 of seed 001): the APP-ROW
   finding shows as resolved with its status and note; annotations on the changed text are
   orphans with a reason.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from gik_desk.model import Report
from gik_desk.model.batch import Batch
from gik_desk.model.review import Annotation, ReviewStatus
from gik_desk.parse import parse_path
from gik_desk.rules import audit
from gik_desk.workspace import (
    AddAnnotation,
    SetNote,
    SetStatus,
    Workspace,
    make_annotation,
    report_key,
)

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
SEED_001 = SEEDS / "001_711b86d480afee15.txt"
SEED_002 = SEEDS / "002_fe52555f254f9b80.txt"
TIANQIAO = "济南市天桥区人民政府"
# keyed by hand from seed 001, line 153 (Tianqiao 2021, 表三 (六)其他处理 1.)
ROW_153 = (
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 3 | 0 | 0 | 0 | 0 | 0 | 1 |"
)
ROW_153_FIXED = ROW_153[: -len("1 |")] + "3 |"
CELL = ("applications", "other.no_supplement", "total")
QUOTE_2021 = "2021年全区新收政府信息公开申请358件"
QUOTE_2022 = "2022年全区办理政府信息公开申请333件"


def _batch(path: Path) -> Batch:
    reports, problems = parse_path(path)
    return Batch(reports=reports, findings=audit(reports), problems=problems, sources=[str(path)])


def _report(batch: Batch, year: int) -> Report:
    found = [r for r in batch.reports if r.agency_key == TIANQIAO and r.year == year]
    assert len(found) == 1, [(r.agency_key, r.year) for r in batch.reports]
    return found[0]


def _app_row_2021(batch: Batch) -> str:
    r = _report(batch, 2021)
    keys = [
        f.key
        for f in batch.findings
        if f.report_id == r.id
        and f.rule == "APP-ROW"
        and f.cells
        and (f.cells[0].table, f.cells[0].row, f.cells[0].col) == CELL
    ]
    assert len(keys) == 1
    return keys[0]


def test_reviews_and_annotations_survive_reparse_and_correction(
    tmp_path: Path, ws_target: str
) -> None:
    path = tmp_path / "001.txt"
    shutil.copyfile(SEED_001, path)
    original = path.read_text(encoding="utf-8")
    assert original.count(ROW_153) == 1

    with Workspace.open(ws_target, network=False) as ws:
        first = _batch(path)
        ws.sync_batch(first)
        y21, y22 = _report(first, 2021), _report(first, 2022)
        app_row = _app_row_2021(first)
        other_22 = next(f.key for f in first.findings if f.report_id == y22.id)
        ws.apply(
            SetStatus((app_row, other_22), (ReviewStatus.PENDING,) * 2, ReviewStatus.NEEDS_FIX)
        )
        ws.apply(SetNote(app_row, "", "总计栏应为 3,已函告"))
        ws.apply(SetStatus((other_22,), (ReviewStatus.NEEDS_FIX,), ReviewStatus.CONFIRMED))

        def quote(report: Report, text: str, name: str, cell: str = "") -> Annotation:
            start = report.text.index(text, report.span.start)
            assert start < report.span.end
            ann = make_annotation(
                report, start, start + len(text), note=name, annotation_id=name, cell=cell
            )
            ws.apply(AddAnnotation(ann))
            return ann

        cell = y21.tables["applications"].cell(*CELL[1:])
        assert cell is not None
        assert cell.span is not None
        assert cell.value == 1
        anns = {
            "row": quote(y21, ROW_153, "row"),
            "text21": quote(y21, QUOTE_2021, "text21"),
            "text22": quote(y22, QUOTE_2022, "text22"),
        }
        on_cell = make_annotation(
            y21,
            cell.span.start,
            cell.span.end,
            note="cell",
            annotation_id="cell",
            cell="/".join(CELL),
        )
        ws.apply(AddAnnotation(on_cell))
        anns["cell"] = on_cell
        assert on_cell.exact == "1"
        statuses = {k: (r.status, r.note) for k, r in ws.reviews().items()}

        # 2. another report on top of the file
        extra = SEED_002.read_text(encoding="utf-8").rstrip("\n") + "\n"
        path.write_text(extra + original, encoding="utf-8")
        second = _batch(path)
        assert _app_row_2021(second) == app_row
        moved = ws.sync_batch(second)
        assert moved.resolved == ()
        assert moved.orphaned == ()
        assert set(moved.kept) == set(statuses)
        assert all(report_key(r) for r in second.reports)
        after = {k: (r.status, r.note) for k, r in ws.reviews().items() if k in statuses}
        assert after == statuses
        assert ws.review(app_row).status is ReviewStatus.NEEDS_FIX
        assert ws.review(other_22).status is ReviewStatus.CONFIRMED
        text = second.reports[0].text
        for ann in ws.annotations():
            assert ann.orphan_reason == ""
            assert ann.start == anns[ann.id].start + len(extra)
            assert text[ann.start : ann.end] == anns[ann.id].exact

        # 3. the 2021 total corrected from 1 to 3
        path.write_text(extra + original.replace(ROW_153, ROW_153_FIXED), encoding="utf-8")
        third = _batch(path)
        fixed_cell = _report(third, 2021).tables["applications"].cell(*CELL[1:])
        assert fixed_cell is not None
        assert fixed_cell.value == 3
        result = ws.sync_batch(third)
        assert app_row in result.resolved
        review = ws.review(app_row)
        assert (review.resolved, review.status, review.note) == (
            True,
            ReviewStatus.NEEDS_FIX,
            "总计栏应为 3,已函告",
        )
        assert ws.review(other_22).resolved is False
        orphans = {a.id: a.orphan_reason for a in ws.orphans()}
        assert set(orphans) == {"row", "cell"}
        assert orphans["row"].startswith("原文已更改,引用的文字「1.申请人无正当理由逾期不补正")
        assert orphans["cell"] == "原文已更改,引用的文字「1」不再出现(该单元格现为「3」)"
        kept = {a.id: a for a in ws.annotations() if not a.orphan_reason}
        assert set(kept) == {"text21", "text22"}
        for a in kept.values():
            assert third.reports[0].text[a.start : a.end] == anns[a.id].exact
