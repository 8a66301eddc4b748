"""Is a path on a network drive? SQLite's WAL "does not work over a network filesystem".

``is_network_path`` picks the platform's check; both checks take their OS access as an
argument so tests run them with fakes on any platform.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path, PureWindowsPath

DRIVE_REMOTE = 4  # GetDriveTypeW
NETWORK_FS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "afs",
        "ncpfs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "davfs",
        "fuse.sshfs",
        "fuse.smbnetfs",
        "fuse.glusterfs",
        "fuse.davfs",
        "fuse.rclone",
    }
)


def is_network_path(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is on a network drive (UNC share, mapped drive, NFS/CIFS/SMB mount)."""
    if sys.platform == "win32":
        return windows_is_network(path)
    return posix_is_network(path)


def windows_is_network(
    path: str | os.PathLike[str], get_drive_type: Callable[[str], int] | None = None
) -> bool:
    """UNC paths are network paths; a drive letter asks ``GetDriveTypeW`` (mapped: REMOTE)."""
    text = os.fspath(path)
    if text.startswith(("\\\\?\\UNC\\", "//?/UNC/")):
        return True
    if text.startswith(("\\\\?\\", "//?/", "\\\\.\\", "//./")):
        text = text[4:]
    elif text.startswith(("\\\\", "//")):
        return True
    drive = PureWindowsPath(text).drive
    if not drive:
        drive = PureWindowsPath(os.path.abspath(text)).drive if sys.platform == "win32" else ""
    if not drive:
        return False
    if drive.startswith(("\\\\", "//")):
        return True
    if get_drive_type is None:
        get_drive_type = _get_drive_type_w
    return get_drive_type(drive + "\\") == DRIVE_REMOTE


def _get_drive_type_w(root: str) -> int:  # pragma: no cover - Windows only
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return 0
    return int(windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))


def posix_is_network(
    path: str | os.PathLike[str], mounts_text: Callable[[], str] | None = None
) -> bool:
    """Find the mount holding ``path`` in /proc/mounts (longest mount point) and check its type."""
    if mounts_text is None:
        mounts_text = _read_proc_mounts
    try:
        table = mounts_text()
    except OSError:
        return False
    target = _resolved(path)
    best_len = -1
    best_type = ""
    for line in table.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = _unescape(fields[1])
        if _is_under(target, mount_point) and len(mount_point) > best_len:
            best_len = len(mount_point)
            best_type = fields[2]
    return best_type in NETWORK_FS or best_type.startswith(("nfs", "cifs", "smb"))


def _read_proc_mounts() -> str:
    return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")


def _resolved(path: str | os.PathLike[str]) -> str:
    """The real absolute path of ``path`` or of its nearest existing parent (new files)."""
    p = Path(os.path.abspath(os.fspath(path)))
    rest: list[str] = []
    while not p.exists() and p.parent != p:
        rest.append(p.name)
        p = p.parent
    real = Path(os.path.realpath(p))
    for name in reversed(rest):
        real = real / name
    return str(real)


def _is_under(target: str, mount_point: str) -> bool:
    if mount_point == "/":
        return target.startswith("/")
    return target == mount_point or target.startswith(mount_point.rstrip("/") + "/")


def _unescape(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes (``\\040``)."""
    out = []
    i = 0
    while i < len(field):
        if field[i] == "\\" and i + 4 <= len(field) and field[i + 1 : i + 4].isdigit():
            out.append(chr(int(field[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)
