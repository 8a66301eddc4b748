"""A workspace file is opened defensively: its schema, its WAL and its side files are checked.

Issue 10: a ``.gikdb`` carrying a trigger deleted every review during a sync, and a foreign
``-wal`` left beside a workspace was replayed, overwriting 605 notes. SQLite runs whatever the
file's schema holds and replays any WAL named like the database, so before a file is used:

- its ``sqlite_master`` must equal what our migrations create for its version, object for
  object (no view, trigger, table or index we did not make; none of ours missing or altered);
- a non-empty ``-wal`` beside it must continue the file's own last session. Each session writes
  a random epoch into ``wal_guard`` (checkpointed into the file itself) and every transaction
  rewrites that row, so the WAL's last commit carries the epoch of the session that wrote it.
  The WAL is replayed into a temporary copy first; a different epoch means the WAL came from
  another copy of the workspace. Decision: such a file is **refused**, the database and the WAL
  left exactly as found, never replayed and never moved: moving it could break a session that
  is still live on another machine, and a refusal loses nothing (the message says how to move
  it aside by hand);
- a read-only ``-shm`` left by a read-only copy is made writable again (it is only an index the
  WAL rebuilds), so a workspace made writable with ``chmod 644`` opens.

SQLite errors during use become :class:`WorkspaceError` with Chinese messages: locked (another
program held it past the busy timeout), read-only, disk full, corrupt.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import sqlite3
import stat
import tempfile
from functools import lru_cache
from pathlib import Path

from gik_desk.workspace.errors import WorkspaceError

WAL_HEADER = 32  # a WAL this short holds no frame: nothing to replay
SchemaRow = tuple[str, str, str, str]


def _norm_sql(sql: str | None) -> str:
    """DDL compared by meaning, not layout: comments dropped, whitespace collapsed, so a file
    written before a comment in ``schema.py`` was reworded still matches."""
    text = re.sub(r"--[^\n]*", "", sql or "")
    return re.sub(r"\s+", " ", text).strip()


def schema_of(conn: sqlite3.Connection) -> frozenset[SchemaRow]:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
    return frozenset((t, n, tb, _norm_sql(s)) for t, n, tb, s in rows)


@lru_cache(maxsize=8)
def expected_schema(version: int) -> frozenset[SchemaRow]:
    """What our migrations create up to ``version``, built in memory (the one definition)."""
    from gik_desk.workspace.migrations import MIGRATIONS

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for step in MIGRATIONS[:version]:
            step(conn)
        return schema_of(conn)
    finally:
        conn.close()


def check_schema(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Refuse a file whose schema objects differ from ours for its version (reads only)."""
    try:
        have = schema_of(conn)
    except sqlite3.OperationalError as exc:  # undecodable schema text: damaged bytes
        if "decode" not in str(exc):
            raise
        raise classify(path, sqlite3.DatabaseError(f"malformed schema: {exc}")) from exc
    want = expected_schema(version)
    extra = sorted(have - want)
    missing = sorted(want - have)
    if extra:
        kinds = {"view": "视图", "trigger": "触发器", "table": "表", "index": "索引"}
        names = "、".join(f"{kinds.get(t, t)} {n}" for t, n, _tb, _s in extra[:5])
        raise WorkspaceError(
            "unexpected-schema",
            f"工作区「{path}」含有本程序不会创建的数据库对象({names})，可能被其他程序改动或"
            "被恶意构造。为保护审核记录，未打开此文件，文件未被改动；请从备份恢复或新建工作区。",
        )
    if missing:
        names = "、".join(n for _t, n, _tb, _s in missing[:5])
        raise WorkspaceError(
            "corrupt",
            f"工作区「{path}」已损坏(缺少 {names})。文件未被改动;请从备份恢复,"
            "或另选一个位置新建工作区。",
        )


def side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _epoch(db: Path) -> str | None:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None)
    try:
        row = conn.execute("SELECT epoch FROM wal_guard WHERE id = 1").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    return None if row is None else str(row[0])


def check_wal(path: Path) -> None:
    """Refuse a non-empty ``-wal`` that does not continue this file's last session.

    Both files are copied to a temporary folder: the database alone gives the epoch on disk,
    the database with the WAL (replayed there, SQLite's recovery) gives the WAL's epoch.
    """
    wal = side(path, "-wal")
    try:
        if wal.stat().st_size <= WAL_HEADER:
            return
    except OSError:
        return
    with tempfile.TemporaryDirectory(prefix="gik-wal-") as tmp:
        alone = Path(tmp) / "alone.gikdb"
        replayed = Path(tmp) / "replayed.gikdb"
        try:
            shutil.copyfile(path, alone)
            shutil.copyfile(path, replayed)
            shutil.copyfile(wal, side(replayed, "-wal"))
        except OSError as exc:
            raise WorkspaceError(
                "unwritable", f"无法检查工作区「{path}」旁的日志文件({exc})。"
            ) from exc
        before = _epoch(alone)
        try:
            conn = sqlite3.connect(replayed, isolation_level=None)
            try:
                row = conn.execute("SELECT epoch FROM wal_guard WHERE id = 1").fetchone()
            finally:
                conn.close()
            after = None if row is None else str(row[0])
        except sqlite3.DatabaseError:
            after = None
    if before is None:
        return  # a file from before the guard (or not ours): the schema check decides
    if after != before:
        raise WorkspaceError(
            "foreign-wal",
            f"工作区「{path}」旁的日志文件「{wal.name}」不属于这个工作区(可能是从别处复制来的)，"
            "若使用它会覆盖现有的审核记录。为保护数据，未打开工作区，两个文件都未被改动。"
            f"如确认不再需要，请先将「{wal.name}」移到别处再打开；如另一台电脑正在使用此工作区，"
            "请先在那里关闭它。",
        )


def unlock_shm(path: Path) -> None:
    """A read-only ``-shm`` beside a writable workspace (a read-only copy made writable with
    ``chmod 644``) would keep every open failing: it is only an index, make it writable."""
    shm = side(path, "-shm")
    try:
        st_db, st_shm = path.stat(), shm.stat()
    except OSError:
        return
    if st_db.st_mode & stat.S_IWUSR and not st_shm.st_mode & stat.S_IWUSR:
        with contextlib.suppress(OSError):
            shm.chmod(stat.S_IMODE(st_shm.st_mode) | stat.S_IWUSR | stat.S_IRUSR)


def read_only(path: Path) -> bool:
    try:
        return not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    except OSError:
        return False


def _reachable(path: Path) -> bool:
    """Whether the workspace's folder can be reached at all (a dropped network drive, a
    removed medium): then the cause is not the file."""
    try:
        return path.parent.is_dir()
    except OSError:
        return False


def classify(path: Path, exc: sqlite3.Error, busy_timeout: float = 10.0) -> WorkspaceError:
    """A SQLite error while opening or writing, in words a reviewer can act on."""
    text = str(exc).lower()
    if not _reachable(path):
        return WorkspaceError(
            "unreachable",
            f"工作区「{path}」无法访问(网络驱动器断开、文件被移走或所在位置不可用：{exc})。"
            "已保存的审核记录未受影响；请恢复连接后重试。",
        )
    if "locked" in text or "busy" in text:
        return WorkspaceError(
            "locked",
            f"工作区「{path}」正被其他程序占用，等待 {busy_timeout:g} 秒后仍未释放。"
            "本次操作未保存，已有数据未受影响；请关闭占用它的程序(另一个 GIK Desk 窗口、"
            "同步盘或杀毒软件)后重试。",
        )
    if "readonly" in text or "read-only" in text or read_only(path):
        return WorkspaceError(
            "read-only",
            f"工作区「{path}」是只读的(文件或其 -wal/-shm 不可写，或所在位置只读)。"
            "未做任何修改；请取消只读属性，或另存到可写的位置后再打开。",
        )
    if "full" in text or "disk i/o" in text or "no space" in text:
        return WorkspaceError(
            "disk-full",
            f"写入工作区「{path}」时磁盘已满或出错。本次操作未保存，此前的审核记录完好；"
            "请清理磁盘空间后重试。",
        )
    if any(w in text for w in ("malformed", "not a database", "corrupt", "decode")):
        return WorkspaceError(
            "corrupt",
            f"工作区「{path}」已损坏({exc})。文件未被改动;请从备份恢复,或另选一个位置新建工作区。",
        )
    return WorkspaceError(
        "unwritable",
        f"无法打开工作区「{path}」进行写入({exc})。请检查文件是否被其他程序占用、所在位置是否可写。",
    )
