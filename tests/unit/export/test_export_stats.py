"""The workbook's 统计 sheet: the 统计看板's figures, read back from the file.

Seed numbers are the ones printed in ``tests/data/seeds/001_711b86d480afee15.txt`` (济南市天桥区
人民政府, 2022 back to 2008); each literal is also checked against the hand-keyed files in
``tests/data/expected`` so a typo in either shows.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from export_factory import make_report

from gik_desk.export.cells import display_width
from gik_desk.export.frames import dashboard_figures, reports_frame
from gik_desk.export.xlsx import write_workbook
from gik_desk.model.batch import Batch
from gik_desk.model.review import FindingReview, ReviewSnapshot, ReviewStatus
from gik_desk.services import audit_paths

DATA = Path(__file__).resolve().parents[2] / "data"
TIANQIAO_FILE = "001_711b86d480afee15.txt"
TIANQIAO = "济南市天桥区人民政府"
# Hand-keyed from 001's 表三/表四 (index 0 = 2022 … 3 = 2019) and its 2018 prose (index 4).
NEW = {2019: 243, 2020: 287, 2021: 358, 2022: 323}
HANDLED = {2019: 333, 2020: 289, 2021: 344, 2022: 333}
INDEX_OF_YEAR = {2022: 0, 2021: 1, 2020: 2, 2019: 3, 2018: 4}
APP_ROW_KEY = "APP-ROW|r1|other.no_supplement"
TREND_HEADERS = ["机关", "年度", "本年新收", "办理结果总计", "结转下年度", "行政复议", "行政诉讼"]


def _block(ws: Any, first_header: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """One side-by-side block: its headers and its non-blank rows (row 2 holds the headers)."""
    header = [c.value for c in ws[2]]
    start = header.index(first_header)
    end = header.index(None, start) if None in header[start:] else len(header)
    names = [str(h) for h in header[start:end]]
    rows = []
    for r in ws.iter_rows(min_row=3, values_only=True):
        part = tuple(r[start:end])
        if any(v is not None for v in part):
            rows.append(part)
    return names, rows


def _records(ws: Any, first_header: str) -> list[dict[str, Any]]:
    names, rows = _block(ws, first_header)
    return [dict(zip(names, r, strict=True)) for r in rows]


@pytest.fixture(scope="module")
def seed_book(tmp_path_factory: pytest.TempPathFactory) -> Any:
    batch = audit_paths([str(DATA / "seeds")], workers=1)
    out = write_workbook(batch, tmp_path_factory.mktemp("stats") / "seeds.xlsx")
    return openpyxl.load_workbook(out)


def _tianqiao(seed_book: Any) -> dict[int, dict[str, Any]]:
    rows = _records(seed_book["统计"], "机关")
    return {r["年度"]: r for r in rows if r["机关"] == TIANQIAO}


def test_literals_agree_with_hand_keyed_tables_and_prose() -> None:
    for year, index in INDEX_OF_YEAR.items():
        if year < 2019:
            continue
        keyed = json.loads(
            (DATA / "expected" / "tables" / f"001_711b86d480afee15__{index}.json").read_text()
        )
        apps = keyed["tables"]["applications"]
        assert (apps["new"]["total"], apps["total"]["total"]) == (NEW[year], HANDLED[year])
    prose = json.loads((DATA / "expected" / "narrative.json").read_text(encoding="utf-8"))
    y2018 = {p["key"]: p["value"] for p in prose if p["file"] == TIANQIAO_FILE and p["index"] == 4}
    assert y2018["applications.received"] == 283
    assert y2018["appeals.review.total"] == 52


def test_stats_sheet_follows_summary_with_bold_frozen_headers(seed_book: Any) -> None:
    assert seed_book.sheetnames[:3] == ["汇总", "统计", "问题清单"]
    ws = seed_book["统计"]
    assert ws.freeze_panes == "A3"  # titles and headers stay on screen
    header = [c for c in ws[2] if c.value is not None]
    assert [c.value for c in header][:6] == ["规则编号", "规则名称", "错误", "警告", "提示", "合计"]
    assert all(c.font.bold for c in header)
    assert ws["A1"].value == "问题按规则与严重程度"
    names = _block(ws, "机关")[0]
    assert names[: len(TREND_HEADERS)] == TREND_HEADERS
    agency_col = [c.value for c in ws[2]].index("机关") + 1
    letter = openpyxl.utils.get_column_letter(agency_col)
    # issue 15: the body's name wraps in a column narrowed to fit A4 (its row grows instead)
    assert ws.column_dimensions[letter].width < display_width(TIANQIAO)
    assert ws.cell(row=3, column=agency_col).alignment.wrap_text


def test_tianqiao_2019_to_2022_key_counts_come_from_the_tables(seed_book: Any) -> None:
    # seed 001, 表三 一、本年新收 总计 and 办理结果 总计 of 2019–2022
    by_year = _tianqiao(seed_book)
    assert {y: by_year[y]["本年新收"] for y in NEW} == {2019: 243, 2020: 287, 2021: 358, 2022: 323}
    assert {y: by_year[y]["办理结果总计"] for y in HANDLED} == {
        2019: 333,
        2020: 289,
        2021: 344,
        2022: 333,
    }
    assert all(by_year[y]["数据来源"] == "统计表" for y in NEW)
    assert all(isinstance(by_year[y]["本年新收"], int) for y in NEW)  # numbers, not text


def test_tianqiao_2018_key_counts_come_from_the_prose(seed_book: Any) -> None:
    # seed 001 (2018, no 表三): "全区共收到公开政府信息申请283件" "提起行政复议的有52件"
    row = _tianqiao(seed_book)[2018]
    assert row["本年新收"] == 283
    assert row["行政复议"] == 52
    assert row["办理结果总计"] == 283  # "共办结政府信息公开申请283件"
    assert row["行政诉讼"] == 38  # "提起行政诉讼的有38件"
    assert row["结转下年度"] is None  # the 2018 report states none: blank, never 0
    assert row["数据来源"].startswith("正文：本年新收")


def test_rule_counts_match_hand_keyed_seed_findings(seed_book: Any) -> None:
    keyed = json.loads((DATA / "seed_findings.json").read_text(encoding="utf-8"))
    app_row = [f for f in keyed if f["rule"] == "APP-ROW"]
    assert [(f["file"], f["year"]) for f in app_row] == [(TIANQIAO_FILE, 2021)]
    rows = {r["规则编号"]: r for r in _records(seed_book["统计"], "规则编号")}
    assert (rows["APP-ROW"]["错误"], rows["APP-ROW"]["警告"], rows["APP-ROW"]["合计"]) == (1, 0, 1)
    assert rows["APP-ROW"]["规则名称"] != "APP-ROW"  # the catalogue's title
    assert {rid: r["合计"] for rid, r in rows.items()} == dict(Counter(f["rule"] for f in keyed))
    totals = [r["合计"] for r in rows.values()]
    assert totals == sorted(totals, reverse=True)  # most findings first, as the dashboard


def test_status_block_without_review_is_all_pending(seed_book: Any) -> None:
    keyed = json.loads((DATA / "seed_findings.json").read_text(encoding="utf-8"))
    status = {r["审核状态"]: r["问题数"] for r in _records(seed_book["统计"], "审核状态")}
    assert status == {
        s.label: (len(keyed) if s is ReviewStatus.PENDING else 0) for s in ReviewStatus
    }


def test_status_block_counts_review_statuses(tmp_path: Path, batch: Batch) -> None:
    review = ReviewSnapshot(
        reviews={APP_ROW_KEY: FindingReview(APP_ROW_KEY, ReviewStatus.NEEDS_FIX, "请整改", "李四")}
    )
    out = write_workbook(batch, tmp_path / "review.xlsx", review=review)
    ws = openpyxl.load_workbook(out)["统计"]
    status = {r["审核状态"]: r["问题数"] for r in _records(ws, "审核状态")}
    assert status == {"待核实": 1, "已确认": 0, "已排除(误报)": 0, "需整改": 1, "例外(已说明)": 0}
    rules = {r["规则编号"]: r for r in _records(ws, "规则编号")}
    assert (rules["APP-ROW"]["错误"], rules["TEXT-TABLE"]["警告"]) == (1, 1)


def test_empty_batch_writes_a_stats_sheet_that_says_so(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(write_workbook(Batch(), tmp_path / "empty.xlsx"))["统计"]
    assert _block(ws, "规则编号")[1] == [("(无问题)", None, None, None, None, None)]
    assert _block(ws, "机关")[1][0][0] == "(无可识别机关与年度的报告)"
    status = {r["审核状态"]: r["问题数"] for r in _records(ws, "审核状态")}
    assert set(status.values()) == {0}


def test_reports_frame_has_a_column_per_narrative_key(batch: Batch) -> None:
    df = reports_frame(batch).set_index("report_id")
    assert df.loc["r1", "narrative.applications.received"] == 358
    assert str(df["narrative.applications.received"].dtype) == "Int64"
    assert not any(c.startswith("narrative.") for c in reports_frame(Batch()).columns)


def test_blank_table_total_falls_back_to_the_prose_figure(batch: Batch) -> None:
    # make_report's 表三 本年新收 总计 is "—" (blank) and its prose says 收到申请358件
    figures = dashboard_figures(reports_frame(batch), None, None)
    years, values = figures.series_for("济南市天桥区")["new"]
    assert (years, values) == ([2020, 2021], [358.0, 358.0])
    assert figures.series_for("济南市天桥区")["handled"] == ([], [])


def test_one_report_per_body_and_year_the_first() -> None:
    first = make_report("a", "某区人民政府", 2021)
    second = make_report("b", "某区人民政府", 2021, index=1)
    figures = dashboard_figures(reports_frame(Batch(reports=[first, second])), None, None)
    assert figures.trend["report_id"].tolist() == ["a"]
    assert figures.bodies == (("某区", "某区人民政府"),)
