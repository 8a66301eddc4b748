"""A workspace file that is corrupt, foreign or from a newer version is refused, never touched.

Each test records the file's bytes (and the folder's listing) before ``Workspace.open`` and
checks both after the refusal: no write, no WAL/journal left behind, a Chinese message that
names the file and says what to do.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from gik_desk import workspace
from gik_desk.workspace.migrations import SCHEMA_VERSION

Workspace = workspace.Workspace
WorkspaceError = workspace.WorkspaceError


def _fingerprint(path: Path) -> tuple[str, int, list[str]]:
    data = path.read_bytes()
    return hashlib.sha256(data).hexdigest(), len(data), sorted(os.listdir(path.parent))


def _real_workspace(folder: Path) -> Path:
    path = folder / "审核.gikdb"
    ws = Workspace.open(path, network=False)
    ws.close()
    assert path.stat().st_size > 0
    return path


def _refused(path: Path, code: str) -> str:
    before = _fingerprint(path)
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(path, network=False)
    assert info.value.code == code
    assert _fingerprint(path) == before  # bytes unchanged, nothing new beside it
    message = info.value.message
    assert path.name in message
    return message


def test_newer_version_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = _real_workspace(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    message = _refused(path, "newer-version")
    assert "更新版本" in message
    assert "升级" in message


def test_corrupt_pages_are_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = _real_workspace(tmp_path)
    data = bytearray(path.read_bytes())
    assert len(data) >= 3 * 4096
    data[4096:] = b"\xde\xad\xbe\xef" * ((len(data) - 4096) // 4)  # header kept, pages garbage
    path.write_bytes(bytes(data))
    message = _refused(path, "corrupt")
    assert "已损坏" in message
    assert "未被改动" in message


def test_truncated_workspace_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = _real_workspace(tmp_path)
    path.write_bytes(path.read_bytes()[:5000])  # cut mid-page, as a failed copy would
    _refused(path, "corrupt")


def test_file_that_is_not_sqlite_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "伪装.gikdb"
    path.write_bytes("这不是数据库,是一份被改了扩展名的文本。\n".encode() * 50)
    _refused(path, "corrupt")


def test_other_programs_sqlite_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "别的程序.gikdb"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('张三')")
    conn.close()
    message = _refused(path, "not-workspace")
    assert "不是 GIK Desk 工作区" in message
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM contacts").fetchall() == [("张三",)]
    conn.close()
