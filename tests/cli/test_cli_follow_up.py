"""Issue 30 through the command line: ``audit --workspace --json/--xlsx`` carries what became of
each sent item, ``letters --follow-up`` writes 复核意见 for what is still open.

Scenario and hand-keyed edits: ``tests/unit/services/rectification_cases.py``."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import docx
import openpyxl

from gik_desk.cli.main import EXIT_OK, main
from tests.unit.services import rectification_cases as rc


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_audit_and_follow_up_letters_from_the_command_line(tmp_path: Path) -> None:
    ws, files = rc.letters_sent(tmp_path / "w")
    copies = rc.corrected_copies(tmp_path / "c", files)
    js, xl = tmp_path / "audit.json", tmp_path / "audit.xlsx"
    code, _out, err = run(
        "audit", *map(str, [*files, *copies]), "--workspace", str(ws), "--json", str(js),
        "--xlsx", str(xl), "--workers", "1", "--quiet",
    )  # fmt: skip
    assert code == EXIT_OK, err
    assert f"整改复核：{rc.TIANQIAO}：已整改 1，未整改 0" in err
    assert f"整改复核：{rc.DONGSHENG}：已整改 0，未整改 1" in err
    doc = json.loads(js.read_text(encoding="utf-8"))
    by_body = {b["body"]: b for b in doc["rectification"]}
    (t,) = by_body[rc.TIANQIAO]["items"]
    assert (t["outcome"], t["printed"], t["asked"], t["now"]) == ("fixed", 1, 3, 3)
    assert t["cell"] == {"table": "applications", "row": "other.no_supplement", "col": "total"}
    (d,) = by_body[rc.DONGSHENG]["items"]
    assert d["outcome"] == "not_fixed"
    assert d["rules"] == ["APP-CARRY"]
    assert by_body[rc.DONGSHENG]["other_changes"] == [
        {"table": "active", "row": "licensing", "col": "decisions", "before": 52425,
         "after": 52426}
    ]  # fmt: skip
    sheet = openpyxl.load_workbook(xl, read_only=True)["整改情况"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:8] == ["机关", "意见日期", "序号", "问题", "原数值", "建议值", "新版本数值",
                           "复核结论"]  # fmt: skip
    outcomes = {(r[0], r[7]) for r in rows[1:]}
    assert {(rc.TIANQIAO, "已整改"), (rc.DONGSHENG, "未整改"), (rc.DONGSHENG, "其他改动")} <= (
        outcomes
    )

    out_dir = tmp_path / "复核意见"
    code, _out, err = run(
        "letters", "--follow-up", "--workspace", str(ws), "--out", str(out_dir),
        "--workers", "1", "--date", "2027-01-15",
    )  # fmt: skip
    assert code == EXIT_OK, err
    letter = out_dir / f"复核意见_{rc.DONGSHENG}.docx"
    assert f"已生成：{rc.DONGSHENG}（1 项）→ {letter}" in err
    assert f"未生成：{rc.TIANQIAO}：审核意见所列问题均已整改，不生成复核意见" in err
    assert sorted(p.name for p in out_dir.iterdir()) == [letter.name]
    text = [p.text for p in docx.Document(str(letter)).paragraphs]
    items = [p for p in text if re.match(r"\d+\. ", p)]
    assert len(items) == 1
    assert items[0].startswith("1. " + rc.CARRY_MESSAGE)
    assert text[-1] == "2027年1月15日"


def test_follow_up_before_any_letter_says_so(tmp_path: Path) -> None:
    from gik_desk.workspace import Workspace

    ws = tmp_path / "empty.gikdb"
    Workspace.open(ws).close()
    code, _out, err = run("letters", "--follow-up", "--workspace", str(ws), "--out",
                          str(tmp_path / "o"))  # fmt: skip
    assert code == EXIT_OK
    assert "工作区中没有已发出的审核意见，无需复核" in err
