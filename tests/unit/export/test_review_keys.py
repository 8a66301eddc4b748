"""Issue 16: how a status typed in Excel/WPS is read, and what the row checksum binds."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from gik_desk.export.review_keys import ReimportError, parse_status, row_checksum
from gik_desk.model.review import ReviewStatus
from gik_desk.reimport.workbook import read_review_workbook


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("待核实", ReviewStatus.PENDING),
        (" 已确认 ", ReviewStatus.CONFIRMED),
        ("\u3000需整改\n", ReviewStatus.NEEDS_FIX),
        ("已排除(误报)", ReviewStatus.DISMISSED),
        ("已排除（误报）", ReviewStatus.DISMISSED),
        ("已排除 ( 误报 )", ReviewStatus.DISMISSED),
        ("已排除", ReviewStatus.DISMISSED),
        ("例外（已说明）", ReviewStatus.EXCEPTION),
        ("例外", ReviewStatus.EXCEPTION),
    ],
)
def test_status_cells_are_read_forgivingly(typed: str, status: ReviewStatus) -> None:
    assert parse_status(typed) is status


@pytest.mark.parametrize("typed", ["已阅", "确认", "OK", "已排除(漏报)", ""])
def test_unknown_status_is_none(typed: str) -> None:
    assert parse_status(typed) is None


def test_checksum_binds_key_status_and_note() -> None:
    base = row_checksum("APP-ROW|甲区|2021|x", ReviewStatus.CONFIRMED, "已核实")
    assert len(base) == 16
    assert int(base, 16) >= 0
    assert row_checksum("APP-ROW|甲区|2021|x", ReviewStatus.CONFIRMED, " 已核实\r\n") == base
    assert row_checksum("APP-ROW|甲区|2020|x", ReviewStatus.CONFIRMED, "已核实") != base
    assert row_checksum("APP-ROW|甲区|2021|x", ReviewStatus.NEEDS_FIX, "已核实") != base
    assert row_checksum("APP-ROW|甲区|2021|x", ReviewStatus.CONFIRMED, "未核实") != base


def test_a_sheet_reaching_the_last_cell_is_refused_before_calamine_loads_it(
    tmp_path: Path,
) -> None:
    """The guarded reader: one cell at XFD1048576 would ask calamine for a 512 GB grid."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "问题清单"
    ws.append(["审核状态", "审核备注", "问题键", "校验码"])
    ws["XFD1048576"] = "x"
    wb.create_sheet("导出基准")
    bomb = tmp_path / "炸弹.xlsx"
    wb.save(bomb)
    assert bomb.stat().st_size < 20_000
    with pytest.raises(ReimportError) as err:
        read_review_workbook(bomb)
    assert err.value.code == "table-too-large"
    assert err.value.message.startswith("无法读取审核表「炸弹.xlsx」：文件中的表格行列数异常巨大")
