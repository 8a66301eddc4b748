"""Issue 29: keyed figures applied to a batch -- the rules re-run, the cell is marked keyed in the
JSON, a value keyed against other bytes of the file is not applied (已变化), and the letter never
presents a keyed figure as printed.

The file is seed 001 (Tianqiao) with the 2021 表三 “(六)其他处理 1.” 总计 (printed 1, line 144)
smudged to ■; keyed as 1, the row's identity fails (3 自然人 ≠ 1 总计), the seed's known error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gik_desk.export.json import json_doc
from gik_desk.export.letters import LetterItem
from gik_desk.model import CellRef, Finding, Severity
from gik_desk.model.batch import Batch
from gik_desk.model.review import KeyedValue
from gik_desk.services import KEYED_CHANGED, apply_keyed, audit_paths, stale
from gik_desk.workspace import report_key

SEED = Path(__file__).resolve().parents[2] / "data" / "seeds" / "001_711b86d480afee15.txt"
PRINTED = "不再处理其政府信息公开申请 | 3 | 0 | 0 | 0 | 0 | 0 | 1 |"
SMUDGED = "不再处理其政府信息公开申请 | 3 | 0 | 0 | 0 | 0 | 0 | ■ |"
CELL = "applications/other.no_supplement/total"


@pytest.fixture
def batch(tmp_path: Path) -> Batch:
    path = tmp_path / "天桥区.txt"
    path.write_text(SEED.read_text("utf-8").replace(PRINTED, SMUDGED), "utf-8")
    return audit_paths([str(path)], workers=1)


def _keyed(batch: Batch, text: str, sha: str | None = None) -> KeyedValue:
    r = next(r for r in batch.reports if r.year == 2021)
    return KeyedValue(report_key(r), CELL, r.source, sha or r.file_sha256, text)


def _app_row(batch: Batch) -> list[Finding]:
    rid = next(r.id for r in batch.reports if r.year == 2021)
    return [f for f in batch.findings if f.report_id == rid and f.rule == "APP-ROW"]


def test_a_keyed_value_lands_reruns_the_rules_and_is_marked_in_json(batch: Batch) -> None:
    assert _app_row(batch) == []
    assert apply_keyed(batch, [_keyed(batch, "1件")])
    found = _app_row(batch)
    assert [(f.actual, f.expected) for f in found] == [(1, 3)]
    doc = json_doc(batch)
    report = next(r for r in doc["reports"] if r["year"] == 2021)
    assert report["tables"]["applications"]["other.no_supplement"]["total"] == 1
    info = report["cell_info"]["applications/other.no_supplement/total"]
    assert info["source"] == "keyed"
    assert apply_keyed(batch, [])  # taken back: the cell is unread again, the finding gone
    assert _app_row(batch) == []


def test_a_value_keyed_against_other_bytes_is_not_applied(batch: Batch) -> None:
    old = _keyed(batch, "1", sha="0" * 64)
    assert not apply_keyed(batch, [old])
    assert _app_row(batch) == []
    assert stale(batch, [old]) == [old]
    assert KEYED_CHANGED == "已变化"


def test_a_letter_never_presents_a_keyed_figure_as_printed() -> None:
    f = Finding("APP-ROW", Severity.ERROR, "m", "r", "k")
    cell = CellRef("applications", "other.no_supplement", "total")
    printed = LetterItem("r", (f,), cell=cell, printed=1, suggested=3).text()
    keyed = LetterItem("r", (f,), cell=cell, printed=1, suggested=3, keyed=True).text()
    assert "填报为1" in printed
    assert "填报" not in keyed
    assert "无法辨认" in keyed
    assert "录入为1" in keyed


def test_a_smudged_figure_between_bars_keeps_the_rows_other_figures(batch: Batch) -> None:
    """``| 3 | 0 | 0 | 0 | 0 | 0 | ■ |``: the bars place every figure; the mark is the unread
    cell (TEXT, its printed text kept), never a label and never a reason to drop the row."""
    r = next(r for r in batch.reports if r.year == 2021)
    cells = r.tables["applications"].cells
    cols = ("natural", "business", "research", "ngo", "legal", "other")
    assert [cells["other.no_supplement", c].value for c in cols] == [3, 0, 0, 0, 0, 0]
    total = cells["other.no_supplement", "total"]
    assert total.value is None
    assert total.raw == "■"
