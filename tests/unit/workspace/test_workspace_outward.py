"""Issue 17: the outward text (对外意见) is a field of its own, undoable like the note, logged,
kept across audits, and a new table added by one migration."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from wsbatch import standard_batch

from gik_desk.export.journal import Namer, event_row
from gik_desk.model.review import ReviewStatus
from gik_desk.workspace import SetOutward, Workspace, WorkspaceError
from gik_desk.workspace.migrations import MIGRATIONS, SCHEMA_VERSION

A_ROW = "APP-ROW|甲区|2021|applications/other.1/total"
TEXT = "请将“(六)其他处理 1.”行总计栏更正为3。"


@pytest.fixture
def ws(ws_target: str) -> Iterator[Workspace]:
    w = Workspace.open(ws_target, network=False)  # a .gikdb, then a team workspace (issue 28)
    w.reviewer = "王审核"
    w.sync_batch(standard_batch())
    yield w
    w.close()


def test_outward_text_is_apart_from_the_note_and_undoes(ws: Workspace) -> None:
    ws.apply(ws.note_action(A_ROW, "内部:已电话联系"))
    action = ws.outward_action(A_ROW, TEXT)
    assert action == SetOutward(A_ROW, "", TEXT)
    ws.apply(action)
    assert ws.outward(A_ROW) == TEXT
    assert ws.review(A_ROW).note == "内部:已电话联系"
    assert ws.review(A_ROW).status is ReviewStatus.PENDING
    assert ws.snapshot().outward == {A_ROW: TEXT}
    ws.apply(action.inverse())
    assert ws.outward(A_ROW) == ""
    assert ws.snapshot().outward == {}
    events = [e for e in ws.events() if e.action == "set_outward"]
    assert [(e.target, e.before, e.after, e.who) for e in events] == [
        (A_ROW, "", TEXT, "王审核"),
        (A_ROW, TEXT, "", "王审核"),
    ]


def test_outward_text_survives_a_new_audit(ws: Workspace) -> None:
    ws.apply(ws.outward_action(A_ROW, TEXT))
    ws.sync_batch(standard_batch())
    assert ws.outward(A_ROW) == TEXT


def test_outward_text_of_an_unknown_finding_is_refused(ws: Workspace) -> None:
    with pytest.raises(WorkspaceError) as exc:
        ws.apply(SetOutward("APP-ROW|无|2000|", "", TEXT))
    assert exc.value.code == "unknown-finding"


def test_the_event_sheet_names_the_action_in_words(ws: Workspace) -> None:
    ws.apply(ws.outward_action(A_ROW, TEXT))
    (event,) = [e for e in ws.events() if e.action == "set_outward"]
    row = event_row(event, Namer(standard_batch(), ws.snapshot()))
    assert row[3:] == ["编辑对外意见", "甲区 2021年 表三行合计不符", "(空)", TEXT]


def test_the_outward_table_comes_from_its_own_migration(tmp_path: Path) -> None:
    path = tmp_path / "w.gikdb"
    Workspace.open(path, network=False).close()
    conn = sqlite3.connect(path)
    try:
        cols = [r[1] for r in conn.execute("PRAGMA table_info(outward_texts)")]
        assert cols == ["finding_key", "text", "reviewer", "updated"]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
    # a workspace of the step before knows nothing of it; the step adds the table only
    i = next(n for n, m in enumerate(MIGRATIONS) if m.__name__ == "_add_outward_texts")
    old = sqlite3.connect(":memory:")
    for step in MIGRATIONS[:i]:
        step(old)
    query = "SELECT name FROM sqlite_master WHERE tbl_name = 'outward_texts'"
    assert old.execute(query).fetchall() == []
    MIGRATIONS[i](old)
    assert old.execute(query).fetchall() == [
        ("outward_texts",),
        ("sqlite_autoindex_outward_texts_1",),
    ]
