"""Issue 22: every subcommand through the INSTALLED ``gik-desk`` console script, in a subprocess.

The CLI tests call ``cli.main`` directly, so a subcommand missing from the dispatch in
``gik_desk.__main__`` (``import-review`` started the window) passed them all. Here the script
pip wrote is run; ``PYTHONPATH`` puts this checkout first, so the script runs this code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from gik_desk.model.review import ReviewStatus
from gik_desk.workspace import Workspace
from tests.conftest import SEED_FILES

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).parent / ("gik-desk.exe" if os.name == "nt" else "gik-desk")
# every subcommand and a word of its own usage line, keyed by hand from the README
USAGES = {
    "parse": "usage: gik-desk parse",
    "audit": "usage: gik-desk audit",
    "letters": "usage: gik-desk letters",
    "import-review": "usage: gik-desk import-review",
    "rules": "usage: gik-desk rules",
    "version": "usage: gik-desk version",
    "workspace": "usage: gik-desk workspace",
}

pytestmark = pytest.mark.skipif(
    not SCRIPT.exists(), reason=f"no installed console script beside {sys.executable}: make venv"
)


def gik_desk(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [str(SCRIPT), *argv], capture_output=True, text=True, env=env, timeout=240, check=False
    )


@pytest.mark.parametrize("command", sorted(USAGES))
def test_each_subcommand_prints_its_own_usage(command: str) -> None:
    run = gik_desk(command, "--help")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(USAGES[command])


def test_the_help_epilogue_names_every_subcommand() -> None:
    run = gik_desk("--help")
    assert run.returncode == 0, run.stderr
    listed = next(line for line in run.stdout.splitlines() if line.startswith("命令(commands)"))
    for command in USAGES:
        assert command in listed


def test_version_and_rules_run() -> None:
    assert gik_desk("version").stdout.startswith("gik-desk ")
    rules = gik_desk("rules")
    assert rules.returncode == 0
    assert rules.stdout.startswith("APP-BALANCE\t错误\t表三勾稽关系不成立")


def test_import_review_of_an_edited_workbook_changes_two_statuses(tmp_path: Path) -> None:
    book, ws = tmp_path / "审核表.xlsx", tmp_path / "review.gikdb"
    seeds = [str(p) for p in SEED_FILES]
    audit = gik_desk("audit", *seeds, "--xlsx", str(book), "--workspace", str(ws), "-q")
    assert audit.returncode == 0, audit.stderr
    wb = openpyxl.load_workbook(book)
    sheet = wb["问题清单"]
    header = [c.value for c in sheet[1]]
    status, key = header.index("审核状态") + 1, header.index("问题键") + 1
    keys = [sheet.cell(row=r, column=key).value for r in (2, 3)]
    sheet.cell(row=2, column=status).value = "已确认"
    sheet.cell(row=3, column=status).value = "需整改"
    edited = tmp_path / "同事填写.xlsx"
    wb.save(edited)

    run = gik_desk("import-review", str(edited), "--workspace", str(ws), "--reviewer", "李同事")

    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("审核表「同事填写.xlsx」：导入 2 条问题（审核状态 2 条")
    with Workspace.open(ws) as opened:
        assert opened.review(keys[0]).status is ReviewStatus.CONFIRMED
        assert opened.review(keys[1]).status is ReviewStatus.NEEDS_FIX
        assert opened.review(keys[0]).reviewer == "李同事"
