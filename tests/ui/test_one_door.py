"""Issue 12's two bugs, through the window's public path: both faces now enter the core through
``services`` only, so adding files to an open batch and auditing into a workspace behave as the
command line does.

``data/tianqiao_2021_only.txt`` is seed 001's 2021 report (lines 97–194) under the title
济南市天桥区人民政府2021年…; ``data/tianqiao_2020_short_name.txt`` is its 2020 report
(lines 195–290) with the body shortened to 天桥区人民政府 throughout and 四、结转下年度继续办理
changed by hand from 8 to 9, so 2021's 上年结转 8 no longer carries it: a YOY-CARRY pair
exists only when the two files' bodies are unified into one.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from gik_desk.ui.models.findings_model import FindingRole
from tests.ui.conftest import UI_DATA

BODY = "济南市天桥区人民政府"
FILE_2021 = UI_DATA / "tianqiao_2021_only.txt"
FILE_2020 = UI_DATA / "tianqiao_2020_short_name.txt"


def _load(qtbot, window, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.runner.finished, timeout=240_000):
        window.files.load_paths(paths)


def _carry_pairs(window) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    years = {r.id: r.year for r in window.batch.reports}
    return sorted(
        (f.rule, years[f.report_id], years[f.related_report_id])
        for f in window.batch.findings
        if f.related_report_id and f.rule == "YOY-CARRY"
    )


def test_extending_a_batch_pairs_years_as_opening_them_together(
    qtbot, window, tmp_path: Path
) -> None:
    for f in (FILE_2021, FILE_2020):
        shutil.copy(f, tmp_path / f.name)
    _load(qtbot, window, [tmp_path / FILE_2021.name])
    assert _carry_pairs(window) == []  # one year alone: nothing to pair
    _load(qtbot, window, [tmp_path / FILE_2020.name])
    assert [(r.agency, r.year) for r in window.batch.reports] == [(BODY, 2021), (BODY, 2020)]
    pairs = _carry_pairs(window)
    assert pairs
    assert set(pairs) == {("YOY-CARRY", 2021, 2020)}
    # the findings list shows them too, not only the batch
    listed = [
        window.findings_model.index(i, 0).data(FindingRole)
        for i in range(window.findings_model.rowCount())
    ]
    assert sum(f.rule == "YOY-CARRY" for f in listed) == len(pairs)


def test_the_same_pairs_opened_together(qtbot, window, tmp_path: Path) -> None:
    for f in (FILE_2021, FILE_2020):
        shutil.copy(f, tmp_path / f.name)
    _load(qtbot, window, [tmp_path / FILE_2021.name, tmp_path / FILE_2020.name])
    pairs = _carry_pairs(window)
    assert pairs
    assert set(pairs) == {("YOY-CARRY", 2021, 2020)}


def test_a_gui_audit_records_the_rule_versions(qtbot, window, tmp_path: Path) -> None:
    shutil.copy(FILE_2021, tmp_path / FILE_2021.name)
    _load(qtbot, window, [tmp_path / FILE_2021.name])
    conn = sqlite3.connect(window.session.path)
    try:
        (stored,) = conn.execute("SELECT rule_versions FROM audits ORDER BY id DESC").fetchone()
    finally:
        conn.close()
    versions = json.loads(stored)
    # every rule of RULES.md is at its first version (keyed from the catalogue by hand)
    for rule in ("APP-ROW", "APP-RESULTS", "APP-BALANCE", "YOY-CARRY", "YOY-STOCK", "TPL-LABEL"):
        assert versions.get(rule) == "1", rule
