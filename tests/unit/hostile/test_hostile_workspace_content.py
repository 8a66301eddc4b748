"""Issue 10: a workspace's content is not trusted blindly, and SQLite trouble is a message.

A .gikdb carrying a trigger once deleted every review during a sync; a foreign -wal beside a
workspace was replayed, overwriting 605 notes. Each refusal leaves the bytes of the file (and of
the -wal) exactly as they were; every failure is a ``WorkspaceError`` with a Chinese message.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gik_desk import services
from gik_desk.export.catalogue import rule_catalogue
from gik_desk.workspace import SetNote, Workspace, WorkspaceError
from tests.unit.hostile import hostile_files as hf

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def batch() -> object:
    return services.audit_paths([hf.SHORT_SEED], workers=1)


def _reviewed(folder: Path, batch: object, name: str = "审核.gikdb", notes: int = 3) -> Path:
    """A workspace holding this batch's findings, ``notes`` of them with a note."""
    path = folder / name
    versions = {rid: info.version for rid, info in rule_catalogue().items()}
    with Workspace.open(path, network=False) as ws:
        ws.sync_batch(batch, rule_versions=versions)  # type: ignore[arg-type]
        for key in list(ws.reviews())[:notes]:
            ws.apply(SetNote(key, "", f"复核意见 {key[:8]}"))
    return path


def _notes(path: Path) -> dict[str, str]:
    with Workspace.open(path, network=False) as ws:
        return {k: r.note for k, r in ws.reviews().items() if r.note}


def _digests(*paths: Path) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else "-" for p in paths]


def _refused(path: Path, code: str) -> str:
    side = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    before = _digests(*side)
    listing = sorted(os.listdir(path.parent))
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(path, network=False)
    assert info.value.code == code, info.value.message
    assert _digests(*side) == before
    assert sorted(os.listdir(path.parent)) == listing
    assert str(path) in info.value.message
    return info.value.message


@pytest.mark.parametrize(
    "ddl",
    [
        "CREATE TRIGGER wipe AFTER INSERT ON audits BEGIN DELETE FROM reviews; END",
        "CREATE VIEW everything AS SELECT * FROM reviews",
        "CREATE TABLE extra (x TEXT)",
        "CREATE INDEX odd ON reviews (note)",
    ],
)
def test_a_workspace_carrying_foreign_schema_objects_is_refused(
    tmp_path: Path, batch: object, ddl: str
) -> None:
    path = _reviewed(tmp_path, batch)
    conn = sqlite3.connect(path)
    conn.execute(ddl)
    conn.commit()
    conn.close()
    message = _refused(path, "unexpected-schema")
    assert "未被改动" in message


def test_a_replaced_trigger_of_ours_is_refused(tmp_path: Path, batch: object) -> None:
    path = _reviewed(tmp_path, batch)
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER events_no_delete")
    conn.execute(
        "CREATE TRIGGER events_no_delete AFTER INSERT ON events BEGIN DELETE FROM reviews; END"
    )
    conn.commit()
    conn.close()
    _refused(path, "unexpected-schema")


def test_a_dropped_table_is_refused_as_corrupt(tmp_path: Path, batch: object) -> None:
    path = _reviewed(tmp_path, batch)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE annotations")
    conn.commit()
    conn.close()
    assert "已损坏" in _refused(path, "corrupt")


def test_fifty_flipped_bytes_give_a_message_not_a_traceback(tmp_path: Path, batch: object) -> None:
    path = _reviewed(tmp_path, batch)
    data = bytearray(path.read_bytes())
    rng = random.Random(10)
    for pos in rng.sample(range(100, len(data)), 50):
        data[pos] ^= 0xFF
    path.write_bytes(bytes(data))
    error: WorkspaceError | None = None
    try:
        with Workspace.open(path, network=False) as ws:
            ws.sync_batch(batch)  # type: ignore[arg-type]
            ws.snapshot()
    except WorkspaceError as err:  # any other exception fails the test
        error = err
    if error is not None:
        assert error.code in ("corrupt", "unexpected-schema")
        assert str(path) in error.message


def _wal_of_open_session(path: Path, note: str) -> bytes:
    """The -wal bytes of a live session on ``path`` after one note was written."""
    ws = Workspace.open(path, network=False)
    try:
        key = next(iter(ws.reviews()))
        ws.apply(SetNote(key, ws.review(key).note, note))
        wal = path.with_name(path.name + "-wal")
        return wal.read_bytes()
    finally:
        ws.close()


def test_a_foreign_wal_is_never_replayed(tmp_path: Path, batch: object) -> None:
    """A -wal from another copy of the workspace (same schema, same page size) is refused."""
    path = _reviewed(tmp_path, batch, notes=3)
    kept = _notes(path)
    other = tmp_path / "别处" / "审核.gikdb"
    other.parent.mkdir()
    shutil.copyfile(path, other)
    foreign = _wal_of_open_session(other, "别处写的备注")
    assert len(foreign) > 32
    path.with_name(path.name + "-wal").write_bytes(foreign)
    message = _refused(path, "foreign-wal")
    assert "不属于这个工作区" in message
    path.with_name(path.name + "-wal").unlink()  # moved aside by hand, as the message says
    assert _notes(path) == kept


def test_our_own_wal_after_a_crash_is_replayed(tmp_path: Path, batch: object) -> None:
    """The same session's -wal (a crash before the checkpoint) still restores the last note."""
    path = _reviewed(tmp_path, batch)
    crashed = tmp_path / "崩溃" / "审核.gikdb"
    crashed.parent.mkdir()
    ws = Workspace.open(path, network=False)
    try:
        key = next(iter(ws.reviews()))
        ws.apply(SetNote(key, ws.review(key).note, "崩溃前的备注"))
        shutil.copyfile(path, crashed)  # the file and its WAL as a SIGKILL leaves them
        shutil.copyfile(
            path.with_name(path.name + "-wal"), crashed.with_name(crashed.name + "-wal")
        )
    finally:
        ws.close()
    assert _notes(crashed)[key] == "崩溃前的备注"


def test_read_only_workspace_and_leftover_read_only_shm(tmp_path: Path, batch: object) -> None:
    path = _reviewed(tmp_path, batch)
    kept = _notes(path)
    shm = path.with_name(path.name + "-shm")
    shm.write_bytes(b"")  # a read-only copy carries its -shm along
    shm.chmod(0o444)
    path.chmod(0o444)
    message = _refused(path, "read-only")
    assert "只读" in message
    path.chmod(0o644)  # the reviewer makes it writable again; the -shm is still read-only
    assert _notes(path) == kept
    assert not shm.exists() or shm.stat().st_mode & 0o200  # made writable (or removed)


def test_a_lock_held_past_the_timeout_is_a_message(tmp_path: Path, batch: object) -> None:
    path = _reviewed(tmp_path, batch)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(WorkspaceError) as info:
            Workspace.open(path, network=False, busy_timeout=0.2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert info.value.code == "locked"
    assert "占用" in info.value.message
    with Workspace.open(path, network=False) as ws:  # still fine afterwards
        assert ws.reviews()


def test_a_full_disk_during_sync_is_a_message_and_loses_nothing(
    tmp_path: Path, batch: object
) -> None:
    path = _reviewed(tmp_path, batch)
    kept = _notes(path)
    bigger = services.audit_paths([hf.TIANQIAO], workers=1)
    with Workspace.open(path, network=False) as ws:
        pages = ws.pragma("page_count")
        ws._conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL, like a full disk
        with pytest.raises(WorkspaceError) as info:
            ws.sync_batch(bigger)
        assert info.value.code == "disk-full"
        assert "磁盘已满" in info.value.message
    assert _notes(path) == kept


_CREATE = """
import sys, time
from gik_desk.workspace import Workspace, WorkspaceError
path, start = sys.argv[1], float(sys.argv[2])
while time.time() < start:
    time.sleep(0.001)
try:
    Workspace.open(path, network=False).close()
except WorkspaceError as err:
    print(err.code)
    sys.exit(4)
"""


@pytest.mark.parametrize("round_", range(3))
def test_processes_creating_one_new_workspace_together(tmp_path: Path, round_: int) -> None:
    """SQLite refuses a journal-mode change that meets another lock without waiting; four
    desks creating one file at once hit it about one time in five before the retry."""
    path = tmp_path / f"新建{round_}.gikdb"
    start = str(time.time() + 1.5)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen([sys.executable, "-c", _CREATE, str(path), start], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]  # fmt: skip
    results = [p.communicate(timeout=60) for p in procs]
    for p, (out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, (out, err)
    with Workspace.open(path, network=False) as ws:
        assert ws.pragma("integrity_check") == "ok"
        assert ws.pragma("journal_mode") == "wal"
        assert ws.reviews() == {}
