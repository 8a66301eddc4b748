"""Atomic side files, network-drive detection through fakes, the default workspace path."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from gik_desk import atomic
from gik_desk.workspace import default_workspace_path
from gik_desk.workspace.netpath import posix_is_network, windows_is_network
from gik_desk.workspace.paths import DATA_DIR_ENV

# the .gikdb file itself (WAL, file modes, corruption, old files): no team workspace
pytestmark = pytest.mark.sqlite_only

# ---- atomic side files ----------------------------------------------------------------------


def test_atomic_write_replaces_whole_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out" / "审核结果.json"
    atomic.write_text(target, '{"a": 1}')
    atomic.write_text(target, '{"a": 2}')
    assert target.read_text(encoding="utf-8") == '{"a": 2}'
    assert [p.name for p in target.parent.iterdir()] == ["审核结果.json"]


def test_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "export.xlsx"
    target.write_bytes(b"old workbook")

    def write_half() -> None:
        with atomic.atomic_open(target) as fh:
            fh.write(b"half a new wor")
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_half()
    assert target.read_bytes() == b"old workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["export.xlsx"]


def _win_error(code: int) -> OSError:
    err = OSError(13, "Access is denied")
    err.winerror = code  # type: ignore[attr-defined]
    return err


def test_replace_retries_sharing_violations_with_backoff(tmp_path: Path) -> None:
    calls: list[tuple[Path, Path]] = []
    sleeps: list[float] = []
    failures = [_win_error(32), _win_error(5)]

    def flaky(src: Path, dst: Path) -> None:
        calls.append((src, dst))
        if failures:
            raise failures.pop(0)

    atomic.replace(tmp_path / "a", tmp_path / "b", sleep=sleeps.append, _replace=flaky)
    assert len(calls) == 3
    assert sleeps == list(atomic.RETRY_DELAYS[:2])


def test_replace_gives_up_after_the_last_retry(tmp_path: Path) -> None:
    sleeps: list[float] = []

    def locked(src: Path, dst: Path) -> None:
        raise _win_error(33)

    with pytest.raises(OSError, match="Access is denied") as info:
        atomic.replace(tmp_path / "a", tmp_path / "b", sleep=sleeps.append, _replace=locked)
    assert info.value.winerror == 33  # type: ignore[attr-defined]
    assert sleeps == list(atomic.RETRY_DELAYS)


def test_replace_does_not_retry_other_errors(tmp_path: Path) -> None:
    sleeps: list[float] = []

    def missing(src: Path, dst: Path) -> None:
        raise FileNotFoundError(2, "no such file")

    with pytest.raises(FileNotFoundError):
        atomic.replace(tmp_path / "a", tmp_path / "b", sleep=sleeps.append, _replace=missing)
    assert sleeps == []


def test_sweep_removes_only_stale_temps(tmp_path: Path) -> None:
    stale = tmp_path / f"{atomic.TMP_PREFIX}abc{atomic.TMP_SUFFIX}"
    fresh = tmp_path / f"{atomic.TMP_PREFIX}def{atomic.TMP_SUFFIX}"
    other = tmp_path / "notes.tmp"
    for p in (stale, fresh, other):
        p.write_bytes(b"x")
    old = time.time() - 7200
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    assert atomic.sweep_temps(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, "notes.tmp"])


# ---- network drives ------------------------------------------------------------------------


def _no_call(root: str) -> int:
    raise AssertionError(f"GetDriveTypeW called for {root}")


@pytest.mark.parametrize(
    "path",
    [r"\\server\share\审核\w.gikdb", "//server/share/w.gikdb", r"\\?\UNC\server\share\w.gikdb"],
)
def test_unc_paths_are_network_paths(path: str) -> None:
    assert windows_is_network(path, get_drive_type=_no_call) is True


def test_mapped_drive_asks_get_drive_type() -> None:
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return {"Z:\\": 4, "C:\\": 3}[root]  # DRIVE_REMOTE, DRIVE_FIXED

    assert windows_is_network(r"Z:\work\w.gikdb", get_drive_type=drive_type) is True
    assert windows_is_network(r"C:\Users\a\w.gikdb", get_drive_type=drive_type) is False
    assert windows_is_network(r"\\?\C:\Users\a\w.gikdb", get_drive_type=drive_type) is False
    assert asked == ["Z:\\", "C:\\", "C:\\"]


MOUNTS = (
    "/dev/sda1 / ext4 rw,relatime 0 0\n"
    "//nas/share /mnt/share cifs rw,vers=3.0 0 0\n"
    "nas:/export /mnt/nfs\\040dir nfs4 rw 0 0\n"
    "tmpfs /mnt/share/local tmpfs rw 0 0\n"
)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/mnt/share/审核/w.gikdb", True),
        ("/mnt/nfs dir/w.gikdb", True),
        ("/mnt/shared/w.gikdb", False),  # a sibling whose name starts the same
        ("/mnt/share/local/w.gikdb", False),  # a local mount inside the share
        ("/home/a/w.gikdb", False),
    ],
)
def test_posix_mount_table_decides(path: str, expected: bool) -> None:
    assert posix_is_network(path, mounts_text=lambda: MOUNTS) is expected


def test_unreadable_mount_table_means_local() -> None:
    def fail() -> str:
        raise PermissionError("/proc/mounts")

    assert posix_is_network("/mnt/share/w.gikdb", mounts_text=fail) is False


# ---- default path --------------------------------------------------------------------------


def test_default_workspace_path_honours_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    assert default_workspace_path() == tmp_path / "data" / "workspace.gikdb"
    monkeypatch.delenv(DATA_DIR_ENV)
    path = default_workspace_path()
    assert path.name == "workspace.gikdb"
    assert path.parent.name == "gik-desk"
