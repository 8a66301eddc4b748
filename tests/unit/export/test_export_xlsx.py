"""The reviewer's workbook: no formula survives, numbers stay numbers, sheets say what they show."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from export_factory import INJECTIONS, make_report

from gik_desk.export.review_keys import row_checksum
from gik_desk.export.xlsx import write_workbook
from gik_desk.model.batch import Batch
from gik_desk.model.review import (
    Annotation,
    Event,
    FindingReview,
    ReviewSnapshot,
    ReviewStatus,
)
from tests.soffice import needs_libreoffice, to_pdf

APP_ROW_KEY = "APP-ROW|r1|other.no_supplement"
LIST_SHEETS = ["汇总", "统计", "问题清单", "表格数据", "说明"]  # before the laid-out report sheets


def _sheet_xml(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {
            n: z.read(n).decode("utf-8")
            for n in z.namelist()
            if n.startswith("xl/worksheets/") and n.endswith(".xml")
        }


def _rows(ws: openpyxl.worksheet.worksheet.Worksheet) -> list[tuple[object, ...]]:
    return [r for r in ws.iter_rows(values_only=True) if any(v is not None for v in r)]


def _review() -> ReviewSnapshot:
    return ReviewSnapshot(
        reviews={
            APP_ROW_KEY: FindingReview(
                APP_ROW_KEY, ReviewStatus.CONFIRMED, "=1+1 已电话核实", "张三", "2025-02-01T09:00"
            )
        },
        annotations=(
            Annotation("a1", "天桥区|2021", "batch/001.txt", "@SUM(1)", "", "", 0, 7, note="+注"),
        ),
        events=(Event(1, "2025-02-01T09:00", "张三", "status", APP_ROW_KEY, "待核实", "已确认"),),
        workspace_path="/tmp/w.gikdb",
    )


def test_hostile_text_never_becomes_a_formula(tmp_path: Path, hostile_batch: Batch) -> None:
    out = write_workbook(hostile_batch, tmp_path / "evil.xlsx", review=_review())
    xml = _sheet_xml(out)
    assert xml, "no sheets written"
    for name, text in xml.items():
        assert "<f>" not in text, name
        assert "<f " not in text, name
    everything = "".join(xml.values())
    for evil in INJECTIONS:
        escaped = evil.replace("&", "&amp;").replace("'", "&apos;")
        assert (evil in everything) or (escaped in everything), evil


def test_hostile_text_reads_back_as_quoted_strings(tmp_path: Path, hostile_batch: Batch) -> None:
    out = write_workbook(hostile_batch, tmp_path / "evil.xlsx")
    wb = openpyxl.load_workbook(out)
    summary = wb["汇总"]
    agencies = {summary.cell(row=i, column=1).value: i for i in range(2, 6)}
    assert set(agencies) == set(INJECTIONS)
    for evil, i in agencies.items():
        cell = summary.cell(row=i, column=1)
        assert cell.data_type == "s", evil
        assert cell.quotePrefix, evil
    messages = [r[3] for r in _rows(wb["问题清单"])[1:]]
    assert sorted(messages) == sorted(INJECTIONS)
    head = _rows(summary)[0]
    source, reason = head.index("文件"), head.index("说明")
    problem_rows = [r for r in _rows(summary) if r[source] == '=HYPERLINK("http://x")']
    assert problem_rows
    assert "@SUM(1)" in problem_rows[0][reason]


def test_negative_number_stays_numeric(tmp_path: Path, hostile_batch: Batch) -> None:
    out = write_workbook(hostile_batch, tmp_path / "evil.xlsx")
    xml = _sheet_xml(out)
    data_xml = next(t for t in xml.values() if "<v>-32</v>" in t)
    cell = re.search(r"<c [^>]*><v>-32</v></c>", data_xml)
    assert cell is not None
    assert 't="n"' in cell.group(0) or " t=" not in cell.group(0)
    wb = openpyxl.load_workbook(out)
    values = [r[5] for r in _rows(wb["表格数据"]) if r[4] == "本年增/减"]
    assert values
    assert all(v == -32 for v in values)


def test_workbook_sheets_and_finding_row(tmp_path: Path, batch: Batch) -> None:
    out = write_workbook(batch, tmp_path / "audit.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:5] == LIST_SHEETS
    assert len(wb.sheetnames) == 6  # plus one detail sheet per body (1 body, 2 reports)
    header, *rows = _rows(wb["问题清单"])
    assert "审核状态" not in header
    app_row = next(r for r in rows if r[9] == "APP-ROW")
    assert app_row[0] == "济南市天桥区人民政府 2021年"
    assert app_row[1] == "错误"
    assert app_row[4].startswith("表三每一行")  # 依据, from the rule catalogue
    assert app_row[5] == "表三 → (六)其他处理 1. → 总计；表三 → (六)其他处理 1. → 自然人"
    assert (app_row[6], app_row[7]) == (1, 3)
    assert app_row[8] == "表三 → (六)其他处理 1. → 总计 改为 3"
    assert wb["问题清单"].freeze_panes == "A2"
    assert wb["问题清单"].auto_filter.ref.startswith("A1:")


def test_rule_title_comes_from_the_catalogue(tmp_path: Path, batch: Batch) -> None:
    from gik_desk import rules

    title = rules.RULES_BY_ID["APP-ROW"].title
    out = write_workbook(batch, tmp_path / "audit.xlsx")
    rows = _rows(openpyxl.load_workbook(out)["问题清单"])
    assert next(r for r in rows if r[9] == "APP-ROW")[2] == title != "APP-ROW"


def test_summary_lists_unreadable_file_with_reason(tmp_path: Path, batch: Batch) -> None:
    out = write_workbook(batch, tmp_path / "audit.xlsx")
    rows = _rows(openpyxl.load_workbook(out)["汇总"])
    assert rows[1][:8] == ("济南市天桥区人民政府", 2021, "2021年版", "已审核 0/1", 1, 0, 0, 1)
    assert rows[0][8:] == ("版本", "说明", "文件", "序号")
    assert rows[1][10:] == ("batch/001.txt", 1)
    broken = next(r for r in rows if r[10] == "batch/broken.doc")
    assert broken[9] == "无法读取(unsupported-doc)：旧版 Word(.doc)无法直接读取表格"


def test_offending_cells_are_coloured_commented_and_worded(tmp_path: Path, batch: Batch) -> None:
    out = write_workbook(batch, tmp_path / "audit.xlsx")
    ws = openpyxl.load_workbook(out)["表格数据"]
    header = [c.value for c in ws[1]]
    hit = None
    for row in ws.iter_rows(min_row=2):
        if row[9].value == "applications/other.no_supplement/total" and row[0].value.endswith(
            "2021年"
        ):
            hit = row
    assert hit is not None
    value = hit[header.index("数值")]
    assert value.value == 1
    assert value.fill.fgColor.rgb.endswith("FFC7CE")
    assert "APP-ROW" in value.comment.text
    assert "总计栏填报1件" in value.comment.text
    assert hit[header.index("问题")].value == "错误 APP-ROW"
    blank = next(r for r in ws.iter_rows(min_row=2) if r[9].value == "applications/new/total")
    assert blank[header.index("数值")].value is None
    assert blank[header.index("原文")].value == "—"


def test_review_columns_dropdown_and_review_sheets(tmp_path: Path, batch: Batch) -> None:
    out = write_workbook(batch, tmp_path / "audit.xlsx", review=_review())
    wb = openpyxl.load_workbook(out)
    ws = wb["问题清单"]
    header, *rows = _rows(ws)
    status_col = header.index("审核状态")
    app_row = next(r for r in rows if "APP-ROW" in r)
    assert app_row[status_col : status_col + 2] == ("已确认", "=1+1 已电话核实")
    assert app_row[-4:-2] == ("张三", "2025-02-01 09:00")
    assert app_row[-2] == APP_ROW_KEY  # issue 16: key and checksum, hidden at the right
    assert app_row[-1] == row_checksum(APP_ROW_KEY, ReviewStatus.CONFIRMED, "=1+1 已电话核实")
    for letter in (openpyxl.utils.get_column_letter(len(header) - i) for i in (0, 1)):
        assert ws.column_dimensions[letter].hidden
    other = next(r for r in rows if "TEXT-TABLE" in r)
    assert other[status_col] == "待核实"
    dvs = ws.data_validations.dataValidation
    assert len(dvs) == 1
    assert dvs[0].type == "list"
    assert dvs[0].formula1 == '"' + ",".join(s.label for s in ReviewStatus) + '"'
    letter = openpyxl.utils.get_column_letter(status_col + 1)
    assert str(dvs[0].sqref) == f"{letter}2:{letter}3"
    assert _rows(wb["批注"])[1][:1] + _rows(wb["批注"])[1][3:5] == (
        "天桥区 2021年",
        "@SUM(1)",
        "+注",
    )
    assert _rows(wb["操作记录"])[1][3:7] == (
        "status",
        APP_ROW_KEY,
        "待核实",
        "已确认",
    )


def test_laid_out_sheet_shows_table_three_as_printed(tmp_path: Path, batch: Batch) -> None:
    out = write_workbook(batch, tmp_path / "audit.xlsx")
    wb = openpyxl.load_workbook(out)
    ws = wb[wb.sheetnames[5]]
    assert ws.title == "济南市天桥区人民政府"
    rows = _rows(ws)
    header = next(r for r in rows if r[1] == "自然人")
    assert header[1:8] == (  # issue 15: one body's reports one under another
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    )
    # 2020 first, then 2021 (the report with the finding)
    row = [r for r in rows if r[0] and str(r[0]).startswith("(六)其他处理 1.申请人")][-1]
    assert row[1] == 3
    assert row[7] == 1
    assert row[8] == "错误(APP-ROW)"


def test_sheet_titles_from_report_text_are_sanitised(tmp_path: Path) -> None:
    name = "某市[开发区]:管理委员会*办公室?/\\党政综合办公室（加挂牌子）"
    out = write_workbook(Batch(reports=[make_report("r1", name, 2021)]), tmp_path / "t.xlsx")
    titles = openpyxl.load_workbook(out).sheetnames
    laid_out = titles[5]
    assert len(laid_out) == 31
    assert not set("[]:*?/\\") & set(laid_out)
    assert laid_out.startswith("某市_开发区__管理委员会_办公室")


def test_detail_sheets_for_every_report_one_per_body(tmp_path: Path) -> None:
    reports = [make_report(f"r{i}", f"机关{i % 3}", 2010 + i, index=i) for i in range(12)]
    out = write_workbook(Batch(reports=reports), tmp_path / "big.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [*LIST_SHEETS, "机关0", "机关1", "机关2"]
    years = [r[0] for r in _rows(wb["机关0"]) if r[0] and str(r[0]).startswith("机关0 20")]
    assert years == ["机关0 2010年", "机关0 2013年", "机关0 2016年", "机关0 2019年"]


def test_report_ids_limit_the_export(tmp_path: Path, batch: Batch) -> None:
    out = write_workbook(batch, tmp_path / "one.xlsx", report_ids=["r2"])
    wb = openpyxl.load_workbook(out)
    summary = _rows(wb["汇总"])
    assert [r[1] for r in summary[1:]] == [2020]
    assert [r[9] for r in _rows(wb["问题清单"])[1:]] == ["TEXT-TABLE"]


def test_notes_sheet_names_versions_and_hashes(tmp_path: Path, batch: Batch) -> None:
    import gik_desk

    out = write_workbook(batch, tmp_path / "audit.xlsx")
    rows = _rows(openpyxl.load_workbook(out)["说明"])
    assert ("工具版本", gik_desk.__version__, None, None) in rows
    assert ("batch/001.txt", "ab" * 32, None, None) in rows
    assert any(r[0] == "APP-ROW" for r in rows)
    assert any(r[0] == "错误" for r in rows)


def test_write_is_atomic_and_replaces(tmp_path: Path, batch: Batch) -> None:
    target = tmp_path / "audit.xlsx"
    target.write_bytes(b"PK\x03\x04 an older workbook")
    write_workbook(batch, target)
    assert zipfile.is_zipfile(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.xlsx"]


def test_failed_write_leaves_old_file_and_no_temp(
    tmp_path: Path, batch: Batch, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gik_desk.export.xlsx as xlsx

    def boom(*args: object) -> None:
        raise RuntimeError("disk full halfway")

    target = tmp_path / "audit.xlsx"
    target.write_bytes(b"PK\x03\x04 an older workbook")
    monkeypatch.setattr(xlsx, "_data", boom)
    with pytest.raises(RuntimeError):
        write_workbook(batch, target)
    assert target.read_bytes() == b"PK\x03\x04 an older workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.xlsx"]


@pytest.mark.slow
@needs_libreoffice
def test_hostile_workbook_converts_with_libreoffice(tmp_path: Path, hostile_batch: Batch) -> None:
    out = write_workbook(hostile_batch, tmp_path / "evil.xlsx", review=_review())
    pdf = to_pdf(out, tmp_path)
    assert pdf.exists()
    assert pdf.read_bytes().startswith(b"%PDF")
