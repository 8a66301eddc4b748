"""Batch frames the dashboard and table views read: one row per report, finding, cell."""

from __future__ import annotations

import pandas as pd

from gik_desk.export.frames import cells_frame, findings_frame, reports_frame
from gik_desk.model.batch import Batch
from gik_desk.model.review import FindingReview, ReviewSnapshot, ReviewStatus

KEY = "APP-ROW|r1|other.no_supplement"


def test_reports_frame_counts_by_severity_and_review(batch: Batch) -> None:
    review = ReviewSnapshot(reviews={KEY: FindingReview(KEY, ReviewStatus.DISMISSED)})
    df = reports_frame(batch, review).set_index("report_id")
    assert df.loc["r1", ["errors", "warnings", "infos", "findings", "reviewed"]].tolist() == [
        1,
        0,
        0,
        1,
        1,
    ]
    assert df.loc["r2", "warnings"] == 1
    assert df.loc["r2", "review_progress"] == 0.0
    assert df.loc["r1", "review_progress"] == 1.0
    assert df.loc["r1", "agency_key"] == "济南市天桥区"
    assert df.loc["r2", "year"] == 2020


def test_findings_frame_joins_review(batch: Batch) -> None:
    review = ReviewSnapshot(
        reviews={KEY: FindingReview(KEY, ReviewStatus.NEEDS_FIX, "请整改", "李四", "2025-03-01")}
    )
    df = findings_frame(batch, review)
    row = df[df["rule"] == "APP-ROW"].iloc[0]
    assert row["severity_zh"] == "错误"
    assert row["status"] == "需整改"
    assert (row["note"], row["reviewer"], row["time"]) == ("请整改", "李四", "2025-03-01")
    assert row["cell_labels"].startswith("表三 → (六)其他处理 1. → 总计")
    assert row["suggestion"] == "表三 → (六)其他处理 1. → 总计 改为 3"
    other = df[df["rule"] == "TEXT-TABLE"].iloc[0]
    assert other["status"] == "待核实"


def test_findings_frame_empty_batch_has_columns() -> None:
    df = findings_frame(Batch())
    assert df.empty
    assert "status" in df.columns


def test_cells_frame_has_official_labels_and_blank_as_missing_value(batch: Batch) -> None:
    df = cells_frame(batch)
    r1 = df[df["report_id"] == "r1"]
    total = r1[(r1["row"] == "other.no_supplement") & (r1["col"] == "total")].iloc[0]
    assert total["value"] == 1
    assert (total["row_label"], total["col_label"], total["table_label"]) == (
        "(六)其他处理 1.",
        "总计",
        "表三",
    )
    assert (total["span_start"], total["span_end"]) == (35, 36)
    blank = r1[(r1["row"] == "new") & (r1["col"] == "total")].iloc[0]
    assert pd.isna(blank["value"])
    assert blank["raw"] == "—"
    assert blank["fill"] == "dash"
    amount = r1[r1["row"] == "procurement"].iloc[0]
    assert amount["col_label"] == "采购总金额"
    assert amount["unit"] == "万元"
