"""Side files written whole or not at all (ECOSYSTEM.md row 15): exports, settings, copies.

A temp file in the same directory is flushed and fsynced, then ``os.replace``d over the target
(retried while Windows antivirus or indexers hold the file), then the directory is fsynced.

An existing target is replaced only when that is safe (issue 10: one mistyped path destroyed a
workspace): a read-only file, a folder, or a file whose first bytes say it is of another kind
than the caller writes (``sniff``) is refused with :class:`TargetRefusedError` and left untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

TMP_PREFIX = ".gik-tmp-"
TMP_SUFFIX = ".tmp"
RETRY_WINERRORS = frozenset({5, 32, 33})  # access denied, sharing violation, lock violation
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)


SNIFF_BYTES = 64
Sniff = Callable[[bytes], bool]


class TargetRefusedError(PermissionError):
    """An existing file that must not be replaced; ``str()`` is a Chinese sentence naming it."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(errno.EACCES, f"{why}，未覆盖：{path}")
        self.path = path
        self.why = why

    def __str__(self) -> str:
        return f"{self.why}，未覆盖：{self.path}"


_CAUSES = {
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "该位置只读(只读的文件系统或介质)",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EFBIG: "文件超出该位置允许的大小",
    errno.EIO: "读写设备出错",
}


def path_key(path: str | os.PathLike[str]) -> str:
    """A comparable form of a path, existing or not (symlinks resolved, case folded on Windows)."""
    return os.path.normcase(os.path.realpath(path))


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (hard links and symlinks included): what an output
    must never be when it is an input or the workspace."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return path_key(a) == path_key(b)


def write_cause(exc: BaseException) -> str:
    """Why a write failed, in the reviewer's words (issue 27: "disk full", "read only"),
    with the system's own words after it; the one place an errno becomes a sentence."""
    if isinstance(exc, TargetRefusedError):
        return str(exc)
    if isinstance(exc, OSError):
        cause = _CAUSES.get(exc.errno or 0)
        where = f"：{exc.filename}" if exc.filename else ""
        system = exc.strerror or str(exc)
        return f"{cause}({system}){where}" if cause else f"{system}{where}"
    return str(exc)


def check_target(path: str | os.PathLike[str], sniff: Sniff | None = None) -> None:
    """Raise :class:`TargetRefusedError` when replacing ``path`` could destroy something.

    Mode bits, not ``os.access``: an administrator (root) may write anything, yet a file the
    reviewer made read-only is still meant to stay as it is.
    """
    target = Path(path)
    try:
        st = target.stat()
    except OSError:  # absent, or a path no file can take: writing says why
        return
    if stat.S_ISDIR(st.st_mode):
        raise TargetRefusedError(target, "目标是一个文件夹")
    if not stat.S_ISREG(st.st_mode):
        raise TargetRefusedError(target, "目标不是普通文件")
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise TargetRefusedError(target, "目标文件是只读的，请另选文件名或先取消只读")
    if sniff is None or st.st_size == 0:
        return
    try:
        with target.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as exc:
        raise TargetRefusedError(target, f"无法读取已有的目标文件({exc.strerror or exc})") from exc
    if not sniff(head):
        raise TargetRefusedError(target, "已有的同名文件不是本程序导出的同类文件，为免覆盖他物")


def write_bytes(path: str | os.PathLike[str], data: bytes, sniff: Sniff | None = None) -> None:
    with atomic_open(path, "wb", sniff=sniff) as fh:
        fh.write(data)


def write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    write_bytes(path, text.encode(encoding))


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike[str], mode: str = "wb", *, sniff: Sniff | None = None
) -> Iterator[IO[bytes]]:
    """Yield a binary file; on a clean exit it replaces ``path``, on an error it vanishes.

    The target is checked first (:func:`check_target`) and again just before the replace, so
    a file made read-only while the export ran is not replaced either. The new file keeps the
    old one's permission bits.
    """
    if mode != "wb":
        raise ValueError("atomic_open writes bytes: mode must be 'wb'")
    target = Path(path)
    check_target(target, sniff)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=TMP_SUFFIX, dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with contextlib.suppress(OSError):
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        check_target(target, sniff)
        replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(target.parent)


def replace(
    src: Path,
    dst: Path,
    *,
    sleep: Callable[[float], None] = time.sleep,
    _replace: Callable[[Path, Path], None] = os.replace,
) -> None:
    """``os.replace`` retried with backoff on the transient Windows errors 5/32/33."""
    for delay in (*RETRY_DELAYS, None):
        try:
            _replace(src, dst)
            return
        except OSError as exc:
            if delay is None or getattr(exc, "winerror", None) not in RETRY_WINERRORS:
                raise
            sleep(delay)


def fsync_dir(directory: Path) -> None:
    """Make the rename durable (POSIX); Windows cannot open a directory, and needs not."""
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sweep_temps(directory: str | os.PathLike[str], older_than: float = 3600.0) -> list[Path]:
    """Delete temp files a crash left behind (older than ``older_than`` seconds); return them."""
    removed: list[Path] = []
    folder = Path(directory)
    if not folder.is_dir():
        return removed
    now = time.time()
    for tmp in folder.glob(f"{TMP_PREFIX}*{TMP_SUFFIX}"):
        try:
            if now - tmp.stat().st_mtime >= older_than:
                tmp.unlink()
                removed.append(tmp)
        except OSError:
            continue
    return removed
