"""Issue 5: what a reviewer sets in the workspace comes back out of the exported workbook.

Real pipeline on the seeds: audit -> workspace -> reviewer actions -> snapshot -> xlsx -> openpyxl.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from gik_desk.export.xlsx import write_workbook
from gik_desk.model.review import ReviewStatus
from gik_desk.services import audit_paths
from gik_desk.workspace import AddAnnotation, Workspace, make_annotation
from tests.conftest import SEEDS


def _rows(ws: openpyxl.worksheet.worksheet.Worksheet) -> list[tuple[object, ...]]:
    return [r for r in ws.iter_rows(values_only=True) if any(v is not None for v in r)]


def test_statuses_notes_and_annotations_survive_the_workbook(tmp_path: Path) -> None:
    batch = audit_paths(
        [SEEDS / "001_711b86d480afee15.txt", SEEDS / "002_fe52555f254f9b80.txt"], workers=1
    )
    tianqiao_2021 = next(r for r in batch.reports if r.year == 2021)
    app_row = next(f for f in batch.findings_for(tianqiao_2021.id) if f.rule == "APP-ROW")
    app_results = next(f for f in batch.findings_for(tianqiao_2021.id) if f.rule == "APP-RESULTS")
    dongsheng = next(r for r in batch.reports if r.year == 2024)
    app_carry = next(f for f in batch.findings_for(dongsheng.id) if f.rule == "APP-CARRY")

    # the printed 总计 "1" of (六)其他处理 1. — the cell the APP-ROW finding names first
    cell = tianqiao_2021.tables["applications"].cell("other.no_supplement", "total")
    assert cell is not None
    assert cell.span is not None
    assert tianqiao_2021.text[cell.span.start : cell.span.end] == "1"

    with Workspace.open(tmp_path / "review.gikdb") as ws:
        ws.reviewer = "李审核"
        ws.sync_batch(batch)
        ws.apply(ws.status_action([app_row.key, app_results.key], ReviewStatus.NEEDS_FIX))
        ws.apply(ws.note_action(app_row.key, "总计应为3,函告天桥区更正"))
        ws.apply(ws.status_action([app_carry.key], ReviewStatus.CONFIRMED))
        ann = make_annotation(
            tianqiao_2021,
            cell.span.start,
            cell.span.end,
            note="此处总计填错",
            cell="applications/other.no_supplement/total",
            author="李审核",
        )
        ws.apply(AddAnnotation(ann))
        out = write_workbook(batch, tmp_path / "audit.xlsx", review=ws.snapshot())

    wb = openpyxl.load_workbook(out)
    findings = _rows(wb["问题清单"])
    header = list(findings[0])
    status_col, note_col, who_col = (header.index(h) for h in ("审核状态", "审核备注", "审核人"))
    rule_col = header.index("规则编号")
    by_rule = {}
    for row in findings[1:]:
        by_rule.setdefault(row[rule_col], []).append(row)
    (row_app,) = by_rule["APP-ROW"]
    assert row_app[status_col] == "需整改"
    assert row_app[note_col] == "总计应为3,函告天桥区更正"
    assert row_app[who_col] == "李审核"
    (row_results,) = by_rule["APP-RESULTS"]
    assert row_results[status_col] == "需整改"
    (row_carry,) = by_rule["APP-CARRY"]
    assert row_carry[status_col] == "已确认"
    untouched = [
        r for r in findings[1:] if r[rule_col] not in {"APP-ROW", "APP-RESULTS", "APP-CARRY"}
    ]
    assert untouched
    assert all(r[status_col] == "待核实" for r in untouched)

    notes = _rows(wb["批注"])
    assert len(notes) == 2  # header + the one annotation
    assert "1" in notes[1]
    assert "此处总计填错" in notes[1]
    assert "李审核" in notes[1]

    log = _rows(wb["操作记录"])
    assert sum("李审核" in r for r in log) >= 4  # two status changes, a note, an annotation
