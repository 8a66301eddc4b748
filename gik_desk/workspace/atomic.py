"""Side files written whole or not at all (ECOSYSTEM.md row 15): exports, settings, copies.

A temp file in the same directory is flushed and fsynced, then ``os.replace``d over the target
(retried while Windows antivirus or indexers hold the file), then the directory is fsynced.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

TMP_PREFIX = ".gik-tmp-"
TMP_SUFFIX = ".tmp"
RETRY_WINERRORS = frozenset({5, 32, 33})  # access denied, sharing violation, lock violation
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_open(path, "wb") as fh:
        fh.write(data)


def write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    write_bytes(path, text.encode(encoding))


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "wb") -> Iterator[IO[bytes]]:
    """Yield a binary file; on a clean exit it replaces ``path``, on an error it vanishes."""
    if mode != "wb":
        raise ValueError("atomic_open writes bytes: mode must be 'wb'")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=TMP_SUFFIX, dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
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
