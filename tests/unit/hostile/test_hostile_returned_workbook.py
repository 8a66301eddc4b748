"""Issue 27: a returned workbook is read in bounded time and never applied without a word.

On ``main``: a sheet whose XML carried a 200 KB comment full of ``<c `` took minutes (the cell
pattern was quadratic over it); cells that were formulas without cached values were skipped
silently ("未导入 0 行", exit 0); a workbook exported from another workspace was applied. Each
workbook here is generated from one the CLI exported (openpyxl or zipfile edits, no fixture).
"""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

import openpyxl
import pytest

from gik_desk import services
from gik_desk.cli.main import main
from gik_desk.jobs import Cancelled, CancelToken, run_to_end
from gik_desk.services.reimport import ReimportError
from tests.unit.hostile import hostile_files as hf
from tests.unit.services import svc_workers

pytestmark = pytest.mark.timeout(180)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _audit(folder: Path, name: str = "审核") -> tuple[Path, Path]:
    ws, xlsx = folder / f"{name}.gikdb", folder / f"{name}表.xlsx"
    code, _, err = run("audit", str(hf.SHORT_SEED), "--workspace", str(ws), "--xlsx", str(xlsx))
    assert code == 0, err
    return ws, xlsx


def _content(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    lines = [line for line in con.iterdump() if "wal_guard" not in line]
    con.close()
    return lines


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _audit(tmp_path_factory.mktemp("returned"))


def _copy(src: Path, folder: Path) -> Path:
    dst = folder / src.name
    dst.write_bytes(src.read_bytes())
    return dst


def test_formulas_without_cached_values_are_refused_rows_not_silence(
    tmp_path: Path, audited: tuple[Path, Path]
) -> None:
    ws = _copy(audited[0], tmp_path)
    book = openpyxl.load_workbook(audited[1])
    sheet = book["问题清单"]
    header = [c.value for c in sheet[1]]
    key_col = header.index("问题键") + 1
    rows = sheet.max_row - 1
    for r in range(2, sheet.max_row + 1):  # what a script rebuilding the sheet leaves behind
        sheet.cell(row=r, column=key_col).value = f'=T("{sheet.cell(row=r, column=key_col).value}")'
    edited = tmp_path / "公式.xlsx"
    book.save(edited)  # openpyxl stores formulas without a cached value
    before = _content(ws)

    code, out, _ = run("import-review", str(edited), "--workspace", str(ws))

    assert code == 1
    assert f"未导入 {rows} 行" in out.splitlines()[0]
    assert "“问题清单”第 2 行有 1 个单元格是没有保存计算结果的公式" in out
    assert _content(ws) == before


def test_a_workbook_from_another_workspace_is_refused_naming_both(
    tmp_path: Path, audited: tuple[Path, Path]
) -> None:
    other_ws, _ = _audit(tmp_path, "另一个")
    book = openpyxl.load_workbook(audited[1])
    sheet = book["问题清单"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("审核状态") + 1).value = "需整改"
    edited = tmp_path / "改过.xlsx"
    book.save(edited)
    before = _content(other_ws)

    code, out, err = run("import-review", str(edited), "--workspace", str(other_ws))

    assert code == 2
    assert out == ""
    assert str(audited[0]) in err  # the workspace it came from
    assert str(other_ws) in err  # the one it was offered to
    assert "导出自另一个审核工作区" in err
    assert _content(other_ws) == before


def _with_comment(src: Path, dst: Path, comment: bytes) -> None:
    """Every worksheet of ``src`` with ``comment`` as an XML comment at the top of its data."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"<sheetData>", b"<sheetData><!--" + comment + b"-->", 1)
            zout.writestr(item, data)


def test_a_comment_full_of_cell_tags_is_read_at_once(
    tmp_path: Path, audited: tuple[Path, Path]
) -> None:
    ws = _copy(audited[0], tmp_path)
    edited = tmp_path / "注释.xlsx"
    _with_comment(audited[1], edited, b"<f>" + b"<c " * 70_000)  # ~200 KB
    before = _content(ws)

    code, out, _ = run("import-review", str(edited), "--workspace", str(ws))

    assert code == 0
    assert "导入 0 条问题" in out
    assert _content(ws) == before


def test_the_workbook_reader_has_a_watchdog(audited: tuple[Path, Path]) -> None:
    job = services.review_workbook_job(audited[1], timeout_s=1.0, read=svc_workers.never_reads)
    with pytest.raises(ReimportError) as info:  # a reader that never ends, stopped at 1 s
        run_to_end(job)
    assert info.value.code == "timeout"
    assert "审核表「审核表.xlsx」" in info.value.message
    assert "已停止" in info.value.message


def test_the_workbook_reader_can_be_cancelled(audited: tuple[Path, Path]) -> None:
    token = CancelToken()
    job = services.review_workbook_job(audited[1], token)
    next(job)
    token.cancel()
    with pytest.raises(Cancelled):
        run_to_end(job)


def test_typed_text_is_echoed_short_and_escaped(tmp_path: Path, audited: tuple[Path, Path]) -> None:
    ws = _copy(audited[0], tmp_path)
    book = openpyxl.load_workbook(audited[1])
    sheet = book["问题清单"]
    header = [c.value for c in sheet[1]]
    status, note = header.index("审核状态") + 1, header.index("审核备注") + 1
    sheet.cell(row=2, column=status).value = "已阅" * 20_000  # a status no one can read
    sheet.cell(row=3, column=status).value = "需整改"
    sheet.cell(row=3, column=note).value = "请_x001B_[2J核实_x0007_"  # ESC, BEL once read
    edited = tmp_path / "长文本.xlsx"
    book.save(edited)

    code, out, _ = run("import-review", str(edited), "--workspace", str(ws))

    assert code == 1
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "请\\x1b[2J核实\\x07" in out
    refused = next(line for line in out.splitlines() if "无法识别" in line)
    assert len(refused) < 600
    assert "…(共 32767 字)" in refused  # openpyxl keeps what Excel can hold


@pytest.mark.timeout(60)  # a hang guard: the old patterns took minutes on this
def test_cell_tags_without_an_end_are_scanned_once() -> None:
    from gik_desk.ingest.xlsxguard import extent
    from gik_desk.ingest.xlsxrows import _formula_cells

    xml = b'<worksheet><sheetData><row r="1"><c r="B2"><f>1</f></c></row>' + b"<c " * 300_000
    assert extent(xml).last_row == 1  # B2, the one cell there is
    assert _formula_cells(xml) == (frozenset({(1, 1)}), frozenset({(1, 1)}))
