"""Opening, creating, migrating and refusing ``.gikdb`` files (ECOSYSTEM.md row 14)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from wsbatch import standard_batch

from gik_desk.workspace import Workspace, WorkspaceError
from gik_desk.workspace.migrations import MIGRATIONS, SCHEMA_VERSION
from gik_desk.workspace.schema import APPLICATION_ID

# the .gikdb file itself (WAL, file modes, corruption, old files): no team workspace
pytestmark = pytest.mark.sqlite_only

TABLES = {"files", "reports", "findings", "reviews", "annotations", "events", "audits"}


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_new_workspace_is_marked_and_versioned(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "w.gikdb"
    with Workspace.open(path, network=False) as ws:
        assert ws.pragma("application_id") == APPLICATION_ID == 0x47494B44
        assert ws.pragma("user_version") == SCHEMA_VERSION == len(MIGRATIONS) >= 1
        assert ws.pragma("journal_mode") == "wal"
        assert ws.pragma("synchronous") == 2  # FULL
        assert ws.journal_mode == "wal"
    assert _tables(path) >= TABLES


def test_network_drive_uses_rollback_journal(tmp_path: Path) -> None:
    seen: list[Path] = []

    def fake_is_network(p: Path) -> bool:
        seen.append(p)
        return True

    path = tmp_path / "net.gikdb"
    with Workspace.open(path, network=fake_is_network) as ws:
        assert ws.pragma("journal_mode") == "delete"
        assert ws.journal_mode == "delete"
        assert ws.pragma("synchronous") == 2
    assert seen == [path]
    # the same file opened from a local disk goes back to WAL
    with Workspace.open(path, network=lambda _p: False) as ws:
        assert ws.pragma("journal_mode") == "wal"


def test_newer_user_version_is_refused_and_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.gikdb"
    Workspace.open(path, network=False).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(path, network=False)
    assert info.value.code == "newer-version"
    assert str(path) in info.value.message
    assert "更新版本" in info.value.message
    assert path.read_bytes() == before


def test_random_bytes_are_refused_and_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "junk.gikdb"
    path.write_bytes(b"PK\x03\x04 not a database " * 500)
    before = path.read_bytes()
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(path, network=False)
    assert info.value.code == "corrupt"
    assert str(path) in info.value.message
    assert "损坏" in info.value.message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.gikdb"]


def test_damaged_workspace_is_refused_and_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "damaged.gikdb"
    with Workspace.open(path, network=False) as ws:
        assert ws.pragma("page_size") == 4096
    data = bytearray(path.read_bytes())
    assert len(data) >= 3 * 4096
    data[4096 : 3 * 4096] = b"\xa5" * (2 * 4096)  # wreck the pages after the header page
    path.write_bytes(bytes(data))
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(path, network=False)
    assert info.value.code == "corrupt"
    assert path.read_bytes() == bytes(data)


def test_sqlite_file_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('张三')")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(path, network=False)
    assert info.value.code == "not-workspace"
    assert "不是 GIK Desk 工作区" in info.value.message
    assert path.read_bytes() == before


def test_empty_file_becomes_a_workspace(tmp_path: Path) -> None:
    path = tmp_path / "empty.gikdb"
    path.write_bytes(b"")
    with Workspace.open(path, network=False) as ws:
        assert ws.pragma("application_id") == APPLICATION_ID
    assert _tables(path) >= TABLES


def test_missing_file_without_create_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nope.gikdb"
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(path, create=False, network=False)
    assert info.value.code == "missing"
    assert not path.exists()


def test_reopen_runs_no_migration_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "w.gikdb"
    with Workspace.open(path, network=False) as ws:
        ws.reviewer = "李审核"
        ws.sync_batch(standard_batch())
    with Workspace.open(path, create=False, network=False) as ws:
        assert ws.pragma("user_version") == SCHEMA_VERSION
        assert len(ws.reviews()) == 3
        assert [e.action for e in ws.events()] == ["sync"]
        assert ws.events()[0].who == "李审核"


def test_events_are_append_only(tmp_path: Path) -> None:
    path = tmp_path / "w.gikdb"
    with Workspace.open(path, network=False) as ws:
        ws.sync_batch(standard_batch())
    conn = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE events SET who = 'x'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM events")
    finally:
        conn.close()


def test_locked_workspace_gives_a_chinese_error(tmp_path: Path) -> None:
    path = tmp_path / "w.gikdb"
    Workspace.open(path, network=True).close()  # rollback journal: a writer lock blocks readers
    holder = sqlite3.connect(path, isolation_level=None, timeout=0.1)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(WorkspaceError) as info:
            Workspace.open(path, network=True, busy_timeout=0.1)
        assert info.value.code == "locked"
        assert str(path) in info.value.message
    finally:
        holder.execute("ROLLBACK")
        holder.close()
