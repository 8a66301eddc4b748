"""``gik-desk parse|audit``: exit codes, JSON in OUTPUT.md's shape, problems, workbook, workspace.

The end-to-end tests run the real pipeline (ingest → parse → rules) on the seeds and skip while
a layer is missing.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import gik_desk
from gik_desk.cli.main import main

DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS = DATA / "seeds"
TIANQIAO = "001_711b86d480afee15.txt"

# ---- a structural checker for OUTPUT.md (required keys and their types) ----------------------

NUM = (int, float)
SPAN = list


def _check_span(v: Any, where: str) -> None:
    assert isinstance(v, list), where
    assert len(v) == 2, where
    assert all(isinstance(x, int) and x >= 0 for x in v), where
    assert v[0] <= v[1], where


def check_output_shape(doc: Any) -> None:
    """Fail with the path of the first key or type that breaks OUTPUT.md's promise."""
    assert isinstance(doc, dict)
    assert doc["tool"] == "gik-desk"
    assert isinstance(doc["version"], str)
    assert isinstance(doc["reports"], list)
    assert isinstance(doc["problems"], list)
    for i, r in enumerate(doc["reports"]):
        w = f"reports[{i}]"
        assert isinstance(r["id"], str), w
        assert isinstance(r["source"], str), w
        assert isinstance(r["index"], int), w
        assert r["agency"] is None or isinstance(r["agency"], str), w
        assert r["year"] is None or isinstance(r["year"], int), w
        assert r["template"] in ("t2021", "t2019", "pre2019", "unknown"), w
        assert isinstance(r["table_templates"], dict), w
        assert all(isinstance(v, str) for v in r["table_templates"].values()), w
        _check_span(r["span"], f"{w}.span")
        assert isinstance(r["tables"], dict), w
        for t, rows in r["tables"].items():
            assert isinstance(rows, dict), f"{w}.tables.{t}"
            for row, cols in rows.items():
                assert isinstance(cols, dict), f"{w}.tables.{t}.{row}"
                for col, v in cols.items():
                    assert v is None or (isinstance(v, NUM) and not isinstance(v, bool)), (
                        f"{w}.tables.{t}.{row}.{col}"
                    )
        assert isinstance(r["cell_info"], dict), w
        for key, info in r["cell_info"].items():
            assert key.count("/") >= 2, f"{w}.cell_info.{key}"
            assert info["span"] is None or _check_span(info["span"], key) is None
            assert isinstance(info["raw"], str), key
            assert isinstance(info["derived"], bool), key
        assert isinstance(r["narrative"], list), w
        for n in r["narrative"]:
            assert isinstance(n["key"], str), w
            assert isinstance(n["value"], NUM), w
            _check_span(n["span"], f"{w}.narrative")
        assert isinstance(r["findings"], list), w
        for f in r["findings"]:
            assert isinstance(f["rule"], str), w
            assert f["severity"] in ("error", "warning", "info"), w
            assert isinstance(f["message"], str), w
            assert f["message"], w
            for c in f["cells"]:
                assert set(c) == {"table", "row", "col"}, w
            assert f["actual"] is None or isinstance(f["actual"], NUM), w
            assert f["expected"] is None or isinstance(f["expected"], NUM), w
            for s in f["spans"]:
                _check_span(s, f"{w}.findings.spans")
            for alt in f["suggestions"]:
                for e in alt:
                    assert {"table", "row", "col", "value"} <= set(e), w
    for p in doc["problems"]:
        assert isinstance(p["source"], str)
        assert isinstance(p["code"], str)
        assert p["code"]
        assert isinstance(p["message"], str)
        assert p["message"]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def pipeline() -> None:
    """The layers are built: a broken one fails here instead of skipping."""
    from gik_desk import ingest, parse, rules

    assert callable(ingest.read_document)
    assert callable(parse.parse_path)
    assert callable(rules.audit)


# ---- usage ------------------------------------------------------------------------------------


def test_version_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"gik-desk {gik_desk.__version__}"
    assert run("version")[:2] == (0, f"gik-desk {gik_desk.__version__}\n")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["audit"],
        ["audit", "x.txt", "--fail-on", "never"],
        ["audit", "x.txt", "--workers", "0"],
        ["parse", "x.txt", "--xlsx", "o.xlsx"],
        ["frobnicate"],
    ],
)
def test_bad_usage_exits_two(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "usage" in capsys.readouterr().err


def test_no_input_exits_two(tmp_path: Path) -> None:
    code, _out, err = run("audit", str(tmp_path / "missing"))
    assert code == 2
    assert "找不到" in err
    assert "没有找到可读取的年报文件" in err
    code, _, err = run("audit", str(tmp_path))  # an empty folder
    assert code == 2


def test_rules_lists_the_catalogue() -> None:
    from gik_desk import rules

    code, out, _ = run("rules")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("APP-ROW\t"))
    assert line.split("\t")[1:3] == ["错误", rules.RULES_BY_ID["APP-ROW"].title]


# ---- the real pipeline on the seeds -------------------------------------------------------------


@pytest.mark.usefixtures("pipeline")
def test_audit_seeds_writes_json_in_output_shape(tmp_path: Path) -> None:
    out = tmp_path / "audit.json"
    code, stdout, _ = run("audit", str(SEEDS), "--json", str(out), "--workers", "2")
    assert code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    check_output_shape(doc)
    assert len(doc["reports"]) == 19
    assert doc["problems"] == []
    t21 = next(r for r in doc["reports"] if r["source"].endswith(TIANQIAO) and r["year"] == 2021)
    assert t21["agency"] == "济南市天桥区人民政府"
    assert t21["tables"]["applications"]["other.no_supplement"]["natural"] == 3
    assert t21["tables"]["applications"]["other.no_supplement"]["total"] == 1
    app_row = [f for f in t21["findings"] if f["rule"] == "APP-ROW"]
    assert app_row[0]["cells"][0] == {
        "table": "applications",
        "row": "other.no_supplement",
        "col": "total",
    }
    assert (app_row[0]["actual"], app_row[0]["expected"]) == (1, 3)
    assert "济南市天桥区人民政府 2021年" in stdout


@pytest.mark.usefixtures("pipeline")
def test_fail_on_error_exits_one() -> None:
    assert run("audit", str(SEEDS / TIANQIAO), "--fail-on", "error", "-q")[0] == 1
    assert run("audit", str(SEEDS / TIANQIAO), "--fail-on", "warning", "-q")[0] == 1
    assert run("audit", str(SEEDS / TIANQIAO), "-q")[0] == 0


@pytest.mark.usefixtures("pipeline")
def test_parse_writes_reports_without_findings() -> None:
    code, stdout, _ = run("parse", str(SEEDS / TIANQIAO), "--json", "-")
    assert code == 0
    doc = json.loads(stdout)
    check_output_shape(doc)
    assert len(doc["reports"]) == 15
    assert all(r["findings"] == [] for r in doc["reports"])
    assert [r["year"] for r in doc["reports"]][:3] == [2022, 2021, 2020]


@pytest.mark.usefixtures("pipeline")
def test_broken_file_in_a_folder_is_listed_and_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SEEDS / TIANQIAO, folder / "sub" / TIANQIAO)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "fake.docx").write_bytes(b"this is not a zip")
    code, stdout, err = run("audit", str(folder), "--json", "-")
    assert code == 0
    doc = json.loads(stdout)
    check_output_shape(doc)
    assert len(doc["reports"]) == 15
    bad = sorted(Path(p["source"]).name for p in doc["problems"])
    assert bad == ["empty.txt", "fake.docx"]
    assert "无法读取" in err
    assert "empty.txt" in err
    assert "fake.docx" in err


@pytest.mark.usefixtures("pipeline")
def test_audit_xlsx_and_workspace(tmp_path: Path) -> None:
    xlsx = tmp_path / "audit.xlsx"
    ws_path = tmp_path / "review.gikdb"
    args = ("audit", str(SEEDS / TIANQIAO), "--xlsx", str(xlsx), "--workspace", str(ws_path))
    code, _, err = run(*args, "-q")
    assert code == 0
    assert ws_path.exists()
    assert "已同步审核工作区" in err
    wb = openpyxl.load_workbook(xlsx)
    header, *rows = list(wb["问题清单"].iter_rows(values_only=True))
    assert "审核状态" in header
    app_row = next(r for r in rows if r[header.index("规则编号")] == "APP-ROW")
    assert app_row[header.index("审核状态")] == "待核实"
    assert app_row[header.index("涉及单元格")].startswith("表三 → (六)其他处理 1. → 总计")
    # a second run keeps the workspace and its reviews
    assert run(*args, "-q")[0] == 0


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_only_on_a_terminal() -> None:
    from gik_desk.cli.output import ProgressLine
    from gik_desk.jobs import Progress

    tty, pipe = _Tty(), io.StringIO()
    for stream in (tty, pipe):
        line = ProgressLine(stream)
        line.update(Progress(1, 3, "001.txt"))
        line.update(Progress(2, 3, "2.txt"))
        line.close()
    assert pipe.getvalue() == ""
    assert "\r[1/3] 001.txt" in tty.getvalue()
    assert "\r[2/3] 2.txt  " in tty.getvalue()  # padded over the longer previous label
    assert tty.getvalue().endswith("\r")


@pytest.mark.usefixtures("pipeline")
def test_unwritable_output_exits_two(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run("audit", str(SEEDS / TIANQIAO), "--json", str(blocker / "out.json"), "-q")
    assert code == 2
    assert "无法写出结果文件" in err


@pytest.mark.slow
@pytest.mark.usefixtures("pipeline")
def test_audit_pdfs_in_output_shape() -> None:
    """淮安 2024, 洪泽区 2023 and 2024: the published PDFs read through the pool."""
    from gik_desk.ingest import pdf

    assert pdf is not None
    code, stdout, _ = run("audit", str(DATA / "pdf"), "--json", "-", "--workers", "2")
    assert code == 0
    doc = json.loads(stdout)
    check_output_shape(doc)
    expected = json.loads((DATA / "expected" / "reports.json").read_text(encoding="utf-8"))
    want = sorted(
        (e["file"], e["agency"], e["year"]) for e in expected if e["file"].endswith(".pdf")
    )
    got = sorted((Path(r["source"]).name, r["agency"], r["year"]) for r in doc["reports"])
    assert got == want
    assert doc["problems"] == []
