"""Issue 12: statuses are stored as stable codes; a workspace that stored the Chinese words
(schema 3, ``tests/data/workspaces/before_status_codes_seed001.gikdb``) opens upgraded, with
every status, note and annotation, and its event log still reads in Chinese."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from gik_desk.model.review import ReviewStatus
from gik_desk.services import audit_paths
from gik_desk.workspace import Workspace, WorkspaceError
from gik_desk.workspace.migrations import SCHEMA_VERSION

# the .gikdb file itself (WAL, file modes, corruption, old files): no team workspace
pytestmark = pytest.mark.sqlite_only

DATA = Path(__file__).resolve().parents[2] / "data"
BEFORE = DATA / "workspaces" / "before_status_codes_seed001.gikdb"
SEED_001 = DATA / "seeds" / "001_711b86d480afee15.txt"
BODY = "济南市天桥区人民政府"

# keyed by hand from the README's script (its printout at commit a56863b)
REVIEWED = {
    ("APP-RESULTS", 2021): (ReviewStatus.NEEDS_FIX, "备注需整改"),
    ("APP-ROW", 2021): (ReviewStatus.EXCEPTION, "备注例外(已说明)"),
    ("TPL-LABEL", 2021): (ReviewStatus.CONFIRMED, "备注已确认"),
    ("TPL-LABEL", 2022): (ReviewStatus.DISMISSED, "备注已排除(误报)"),
    ("YOY-STOCK", 2022): (ReviewStatus.CONFIRMED, "备注已确认"),
}


@pytest.fixture
def ws_path(tmp_path: Path) -> Path:
    shutil.copy(BEFORE, tmp_path / "审核.gikdb")
    return tmp_path / "审核.gikdb"


def _reviewed(ws: Workspace) -> dict[tuple[str, int], tuple[ReviewStatus, str]]:
    out = {}
    for key, r in ws.reviews().items():
        if r.status is not ReviewStatus.PENDING or r.note:
            rule, body, year = key.split("|")[:3]
            assert body == BODY
            out[(rule, int(year))] = (r.status, r.note)
    return out


def test_the_file_stored_words_before(ws_path: Path) -> None:
    conn = sqlite3.connect(ws_path)
    try:
        stored = {s for (s,) in conn.execute("SELECT DISTINCT status FROM reviews")}
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    finally:
        conn.close()
    assert stored == {"已确认", "已排除(误报)", "需整改", "例外(已说明)"}


def test_opens_upgraded_with_every_status_note_and_annotation(ws_path: Path) -> None:
    with Workspace.open(ws_path, network=False) as ws:
        assert ws.pragma("user_version") == SCHEMA_VERSION
        assert _reviewed(ws) == REVIEWED
        (note,) = ws.annotations()
        assert (note.report_key, note.cell, note.note) == (
            f"{BODY}|2022",
            "applications/granted/natural",
            "核对原件",
        )
        # the same seed audited again: nothing resolved, nothing lost
        folder = ws_path.parent / "批次"
        folder.mkdir()
        shutil.copy(SEED_001, folder / "001.txt")
        ws.sync_batch(audit_paths([folder], workers=1))
        assert _reviewed(ws) == REVIEWED
        assert not any(r.resolved for r in ws.reviews().values() if r.note)
    conn = sqlite3.connect(ws_path)
    try:
        stored = {s for (s,) in conn.execute("SELECT DISTINCT status FROM reviews")}
    finally:
        conn.close()
    assert stored == {"confirmed", "dismissed", "needs_fix", "exception"}


def test_old_and_new_events_read_in_chinese(ws_path: Path) -> None:
    from gik_desk.export.journal import Namer, event_row
    from gik_desk.workspace import SetStatus

    batch = audit_paths([SEED_001], workers=1)
    with Workspace.open(ws_path, network=False) as ws:
        key = next(k for k, r in ws.reviews().items() if r.status is ReviewStatus.NEEDS_FIX)
        ws.apply(SetStatus((key,), (ReviewStatus.NEEDS_FIX,), ReviewStatus.CONFIRMED))
        names = Namer(batch, ws.snapshot())
        rows = [event_row(e, names) for e in ws.events() if e.action == "set_status"]
    assert len(rows) == 6  # five written before the upgrade (words), one after (codes)
    assert [r[-2:] for r in rows] == [
        ["待核实", "已确认"],
        ["待核实", "已排除(误报)"],
        ["待核实", "需整改"],
        ["待核实", "例外(已说明)"],
        ["待核实", "已确认"],
        ["需整改", "已确认"],
    ]


def test_an_unknown_stored_status_is_refused_not_reset(ws_path: Path) -> None:
    conn = sqlite3.connect(ws_path)
    try:
        conn.execute("UPDATE reviews SET status = '待复核' WHERE status = '需整改'")
        conn.commit()
    finally:
        conn.close()
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(ws_path, network=False)
    assert "待复核" in info.value.message
    conn = sqlite3.connect(ws_path)
    try:  # refused: the file keeps what it had
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("已排除（误报）", ReviewStatus.DISMISSED),
        (" 需整改 ", ReviewStatus.NEEDS_FIX),
        ("confirmed", ReviewStatus.CONFIRMED),
        ("例外(已说明)", ReviewStatus.EXCEPTION),
    ],
)
def test_parse_takes_codes_and_words(text: str, status: ReviewStatus) -> None:
    assert ReviewStatus.parse(text) is status


def test_parse_refuses_other_words() -> None:
    with pytest.raises(ValueError, match="not a review status"):
        ReviewStatus.parse("通过")
