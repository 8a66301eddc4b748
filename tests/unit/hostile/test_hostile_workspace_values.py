"""Issue 27: a value a workspace holds that this program never wrote is one damaged row.

On ``main`` a review status ``approved_by_mars`` made ``audit --workspace``, ``letters`` and
``import-review`` exit 3 (``ValueError: not a review status``); an event row holding deeply
nested JSON made ``audit --workspace --xlsx`` exit 3 (``RecursionError``). Each case is made
here with sqlite3 on a workspace the CLI wrote; each command exits as documented, says on
stderr which row is damaged (已损坏, with its id) and leaves that row exactly as it was.
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from gik_desk.cli.main import main
from gik_desk.model.review import ReviewStatus
from gik_desk.workspace import Workspace
from tests.unit.hostile import hostile_files as hf

pytestmark = pytest.mark.timeout(180)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A workspace and its exported workbook, written by the CLI from the short seed."""
    folder = tmp_path_factory.mktemp("audited")
    ws, xlsx = folder / "审核.gikdb", folder / "审核表.xlsx"
    code, _, err = run("audit", str(hf.SHORT_SEED), "--workspace", str(ws), "--xlsx", str(xlsx))
    assert code == 0, err
    return ws, xlsx


def _copy(src: Path, folder: Path) -> Path:
    dst = folder / src.name
    dst.write_bytes(src.read_bytes())
    return dst


def _tamper(path: Path, sql: str, *params: object) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute(sql, params)
    con.close()


def _first_key(path: Path) -> str:
    con = sqlite3.connect(path)
    key = con.execute("SELECT key FROM findings ORDER BY rowid LIMIT 1").fetchone()[0]
    con.close()
    return str(key)


def _stored_status(path: Path, key: str) -> str:
    con = sqlite3.connect(path)
    row = con.execute("SELECT status FROM reviews WHERE finding_key = ?", (key,)).fetchone()
    con.close()
    return str(row[0])


def _content(path: Path) -> list[str]:
    """Every row of every table but the session guard (opening a workspace starts a session)."""
    con = sqlite3.connect(path)
    lines = [line for line in con.iterdump() if "wal_guard" not in line]
    con.close()
    return lines


def _mars(folder: Path, audited: tuple[Path, Path]) -> tuple[Path, str]:
    ws = _copy(audited[0], folder)
    key = _first_key(ws)
    _tamper(
        ws,
        "INSERT INTO reviews (finding_key, status, note, reviewer, updated) "
        "VALUES (?, ?, '', 'x', '')",
        key,
        "approved_by_mars",
    )
    return ws, key


def test_an_unknown_status_is_one_damaged_row_in_audit(
    tmp_path: Path, audited: tuple[Path, Path]
) -> None:
    ws, key = _mars(tmp_path, audited)
    out_xlsx = tmp_path / "再审.xlsx"

    code, _, err = run(
        "audit", str(hf.SHORT_SEED), "--workspace", str(ws), "--xlsx", str(out_xlsx), "-q"
    )

    assert code == 0
    damaged = [line for line in err.splitlines() if line.startswith("已损坏")]
    assert len(damaged) == 1
    assert key in damaged[0]
    assert "approved_by_mars" in damaged[0]
    assert _stored_status(ws, key) == "approved_by_mars"  # never rewritten unasked
    sheet = openpyxl.load_workbook(out_xlsx)["操作记录"]
    log = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert any("已损坏" in str(r[3]) and key in str(r[4]) for r in log)
    with Workspace.open(ws, network=False) as w:
        review = w.review(key)
    assert review.status is ReviewStatus.PENDING
    assert "approved_by_mars" in review.damaged


def test_an_unknown_status_is_named_by_letters_and_leaves_the_workspace(
    tmp_path: Path, audited: tuple[Path, Path]
) -> None:
    ws, key = _mars(tmp_path, audited)
    before = _content(ws)

    code, _, err = run("letters", "--workspace", str(ws), "--out", str(tmp_path / "函"))

    assert code == 0
    assert any(line.startswith("已损坏") and key in line for line in err.splitlines())
    assert _content(ws) == before


def test_an_unknown_status_is_named_by_import_review(
    tmp_path: Path, audited: tuple[Path, Path]
) -> None:
    ws, key = _mars(tmp_path, audited)

    code, out, err = run("import-review", str(audited[1]), "--workspace", str(ws))

    assert code == 0  # the workbook says what was exported: nothing to import
    assert "导入 0 条问题" in out
    assert any(line.startswith("已损坏") and key in line for line in err.splitlines())
    assert _stored_status(ws, key) == "approved_by_mars"


@pytest.mark.parametrize(
    ("action", "target", "before", "after", "why"),
    [
        ("set_status", '["k"]', "[" * 100_000 + "]" * 100_000, '["pending"]', "嵌套"),
        ("set_status", "not json", '["pending"]', '["confirmed"]', "不是有效的 JSON"),
        ("launch_rockets", "k", "", "", "未知的操作「launch_rockets」"),
        ("import_review", "审核表.xlsx", '{"k": ' * 50 + "1" + "}" * 50, "{}", "嵌套"),
    ],
)
def test_a_damaged_event_is_one_row_of_the_log_sheet(
    tmp_path: Path,
    audited: tuple[Path, Path],
    action: str,
    target: str,
    before: str,
    after: str,
    why: str,
) -> None:
    ws = _copy(audited[0], tmp_path)
    _tamper(
        ws,
        "INSERT INTO events (time, who, action, target, before, after) "
        "VALUES ('t', 'w', ?, ?, ?, ?)",
        action,
        target,
        before,
        after,
    )
    out_xlsx = tmp_path / "再审.xlsx"

    code, _, err = run(
        "audit", str(hf.SHORT_SEED), "--workspace", str(ws), "--xlsx", str(out_xlsx), "-q"
    )

    assert code == 0
    damaged = [line for line in err.splitlines() if line.startswith("已损坏：操作记录 #")]
    assert len(damaged) == 1
    assert why in damaged[0]
    sheet = openpyxl.load_workbook(out_xlsx)["操作记录"]
    log = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    marked = [r for r in log if str(r[3]).startswith("已损坏")]
    assert len(marked) == 1
    assert why in str(marked[0][3])
    assert all(len(str(v)) < 400 for v in marked[0])  # the payload is shown short


def test_an_unknown_report_state_is_named_and_kept(
    tmp_path: Path, audited: tuple[Path, Path]
) -> None:
    ws = _copy(audited[0], tmp_path)
    _tamper(ws, "INSERT INTO report_states (report_key, state) VALUES ('某单位|2021', 'halfway')")

    with Workspace.open(ws, network=False) as w:
        assert w.report_states() == {}
        lines = w.damage()
    assert len(lines) == 1
    assert "halfway" in lines[0]
    assert "某单位|2021" in lines[0]
