"""The desk's memory and batch edits without Qt (issue 13): what a workspace remembers, how a
changed or missing file is told apart, reload and remove, and a cancelled export."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from gik_desk import services
from gik_desk.jobs import Cancelled, CancelToken, Progress, run_to_end
from gik_desk.model.batch import Batch
from gik_desk.workspace import Workspace
from gik_desk.workspace.migrations import MIGRATIONS, SCHEMA_VERSION
from gik_desk.workspace.schema import APPLICATION_ID

SEEDS = Path(__file__).parents[2] / "data" / "seeds"
TIANQIAO = SEEDS / "001_711b86d480afee15.txt"
SMALL = [SEEDS / "002_fe52555f254f9b80.txt", SEEDS / "003_c95b75059979c460.txt"]
APP_ROW_TAIL = "政府信息公开申请 | 3 | 0 | 0 | 0 | 0 | 0 | 1 |"


def _read(paths: list[Path]) -> Batch:
    return services.audit_paths([str(p) for p in paths], workers=1)


def _app_row(batch: Batch):  # type: ignore[no-untyped-def]
    report = next(r for r in batch.reports if r.year == 2021 and "天桥" in (r.agency or ""))
    return next(f for f in batch.findings_for(report.id) if f.rule == "APP-ROW")


def test_the_desk_table_is_one_appended_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.gikdb"
    conn = sqlite3.connect(path, isolation_level=None)
    for step in MIGRATIONS[: SCHEMA_VERSION - 1]:  # a workspace from before this step
        step(conn)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.pragma("user_version") == SCHEMA_VERSION
        assert services.remembered_files(ws) == []
        assert services.remembered_place(ws) == services.DeskPlace()


def test_files_and_place_are_remembered_across_opens(ws_target: str) -> None:
    place = services.DeskPlace("r1", "a.txt", 2, "KEY", {"findings": 40, "source": 7})
    with Workspace.open(ws_target) as ws:
        assert services.remember_files(ws, ["b.txt", "a.txt", "b.txt"]) == ""
        assert services.remember_place(ws, place) == ""
        assert [e.action for e in ws.events()] == []  # not reviewer work: no event
    with Workspace.open(ws_target) as ws:
        assert services.remembered_files(ws) == ["b.txt", "a.txt"]
        assert services.remembered_place(ws) == place


def test_batch_files_keep_a_missing_file_and_drop_a_removed_one(tmp_path: Path) -> None:
    gone = str(tmp_path / "gone.txt")
    batch = _read([*SMALL, Path(gone)])
    assert [p.source for p in batch.problems if p.code == "not-found"] == [gone]
    before = [gone, str(SMALL[1]), "removed.txt"]
    assert services.batch_files(batch, before) == [gone, str(SMALL[1]), str(SMALL[0])]


def test_find_place_falls_back_to_file_and_index() -> None:
    batch = _read(SMALL)
    r = batch.reports[0]
    place = services.DeskPlace("an-old-id", r.source, r.index, "no-such-finding")
    assert services.find_place(batch, place) == (r.id, None)
    f = batch.findings[0]
    assert services.find_place(batch, services.DeskPlace(finding_key=f.key)) == (
        f.report_id,
        f.key,
    )


def test_a_changed_file_is_named_and_reload_re_evaluates_it(tmp_path: Path, ws_target: str) -> None:
    copy = tmp_path / TIANQIAO.name
    shutil.copy(TIANQIAO, copy)
    small = tmp_path / SMALL[0].name
    shutil.copy(SMALL[0], small)
    batch = _read([small, copy])
    f = _app_row(batch)
    assert (f.actual, f.expected) == (1, 3)
    with Workspace.open(ws_target) as ws:
        ws.sync_batch(batch)
        assert services.changed_on_disk(ws, batch.sources) == []
        text = copy.read_text(encoding="utf-8")
        copy.write_text(text.replace(APP_ROW_TAIL, APP_ROW_TAIL[:-3] + "2 |"), encoding="utf-8")
        assert services.changed_on_disk(ws, batch.sources) == [str(copy)]
        again = run_to_end(services.reload_files(batch, [str(copy)], CancelToken()))
        assert services.file_changes(ws, again) == services.FileChanges((), (str(copy),))
    assert again.sources == batch.sources
    assert [r.source for r in again.reports] == [r.source for r in batch.reports]  # same order
    g = _app_row(again)
    assert g.key == f.key
    assert (g.actual, g.expected) == (2, 3)


def test_remove_files_audits_the_rest_again() -> None:
    batch = _read([TIANQIAO, *SMALL])
    rest = run_to_end(services.remove_files(batch, [str(TIANQIAO)], CancelToken()))
    assert rest.sources == [str(p) for p in SMALL]
    assert {r.source for r in rest.reports} == {str(p) for p in SMALL}
    assert {f.report_id for f in rest.findings} <= {r.id for r in rest.reports}
    assert batch.sources[0] == str(TIANQIAO)  # the old batch is untouched


def test_a_cancelled_export_leaves_no_workbook_and_the_old_one_intact(tmp_path: Path) -> None:
    batch = _read([TIANQIAO, *SMALL])
    out = tmp_path / "审核表.xlsx"
    done = run_to_end(services.export_workbook(batch, out, CancelToken()))
    assert done == out
    before = out.read_bytes()
    token = CancelToken()
    job = services.export_workbook(batch, out, token)
    seen: list[Progress] = [next(job), next(job)]
    assert seen[0].total == seen[1].total > 2
    token.cancel()
    with pytest.raises(Cancelled):
        next(job)
    assert out.read_bytes() == before
    assert list(tmp_path.glob(".gik-tmp-*")) == []
