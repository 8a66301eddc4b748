"""The team workspace (issue 28): the same schema, migrations and mixins as a ``.gikdb``, on a
PostgreSQL database shared by an office's reviewers (psycopg 3).

``Workspace.open("postgresql://…")`` lands here. The reviewer is the database role
(``session_user``), written by the server: triggers stamp ``who``/``reviewer``/``author`` on
every row a reviewer role writes, so no client can write under another's name. Each write
transaction takes one advisory lock, so writers run one at a time exactly as on SQLite
(``BEGIN IMMEDIATE``): every read-then-write of the mixins sees the last commit, and no
transaction can fail on serialisation. Passwords never leave this module: the URL kept and
shown has none (libpq's passfile, ``PGPASSFILE``, is the way to give one).
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import psycopg
import psycopg.sql
from psycopg import errors as pg_errors

from gik_desk.model.batch import Batch
from gik_desk.workspace.errors import WorkspaceError
from gik_desk.workspace.memory import IDENTITY
from gik_desk.workspace.migrations import MIGRATIONS, SCHEMA_VERSION
from gik_desk.workspace.pg_dialect import SUPPORT, PgConnection
from gik_desk.workspace.schema import APPLICATION_ID
from gik_desk.workspace.store import Workspace
from gik_desk.workspace.sync import SyncResult
from gik_desk.workspace.team_url import describe_host, normal_url, safe_url

WRITE_LOCK = 0x47494B44  # the advisory lock every write transaction takes ("GIKD")
CONNECT_TIMEOUT = 10

# Group roles `workspace init` makes; `workspace grant` puts a login role in one of them.
REVIEWER_ROLE = "gik_reviewer"
LEAD_ROLE = "gik_lead"

# The tables a reviewer writes (an audit's sync included). Any other table (``assignments``,
# whatever a later migration adds) is the lead's alone: the grant code lists what reviewers
# may change, never what they may not. ``events`` is insert-only for everyone.
REVIEWER_TABLES = (
    "files",
    "reports",
    "findings",
    "reviews",
    "annotations",
    "audits",
    "wal_guard",
    "versions",
    "current_versions",
    "outward_texts",
    "desk",
    "report_states",
    "seen",
    "rectification",
    "keyed_cells",
    "blobs",
    "row_versions",
)
INSERT_ONLY = ("events", "sent_letters", "applied_actions")

# Who wrote a row is the server's word: (table, column, on which operations).
STAMPS = (
    ("events", "who", "INSERT"),
    ("reviews", "reviewer", "INSERT OR UPDATE"),
    ("outward_texts", "reviewer", "INSERT OR UPDATE"),
    ("annotations", "author", "INSERT"),
    ("rectification", "reviewer", "INSERT OR UPDATE"),
    ("keyed_cells", "reviewer", "INSERT OR UPDATE"),
    ("sent_letters", "reviewer", "INSERT"),
)

CHANNEL = "gik_events"  # LISTEN/NOTIFY: an event was committed

# Team-only objects, made after the shared migrations (CREATE OR REPLACE: idempotent).
TEAM_SQL = (
    f"""CREATE OR REPLACE FUNCTION gik_bound() RETURNS boolean LANGUAGE plpgsql STABLE AS $f$
BEGIN
  -- a role granted through `workspace grant` (not a superuser, not the owner's own login)
  IF coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false) THEN
    RETURN false;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{REVIEWER_ROLE}') THEN
    RETURN false;
  END IF;
  RETURN pg_has_role(session_user, '{REVIEWER_ROLE}', 'MEMBER');
END $f$""",
    f"""CREATE OR REPLACE FUNCTION gik_is_lead() RETURNS boolean LANGUAGE plpgsql STABLE AS $f$
BEGIN
  IF NOT gik_bound() THEN
    RETURN true;  -- the owner or a superuser: every right already
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{LEAD_ROLE}') THEN
    RETURN false;
  END IF;
  RETURN pg_has_role(session_user, '{LEAD_ROLE}', 'MEMBER');
END $f$""",
    """CREATE OR REPLACE FUNCTION gik_stamp() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF gik_bound() THEN
    NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], session_user::text));
  END IF;
  RETURN NEW;
END $f$""",
    """CREATE OR REPLACE FUNCTION gik_own_annotation() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  -- an audit re-anchors everyone's annotations; only the author changes or removes one's note
  IF gik_bound() AND OLD.author <> session_user::text THEN
    IF TG_OP = 'DELETE' OR NEW.note IS DISTINCT FROM OLD.note
       OR NEW.author IS DISTINCT FROM OLD.author THEN
      RAISE EXCEPTION 'annotation % belongs to %', OLD.id, OLD.author
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $f$""",
    "DROP TRIGGER IF EXISTS gik_own_annotation ON annotations",
    "CREATE TRIGGER gik_own_annotation BEFORE UPDATE OR DELETE ON annotations "
    "FOR EACH ROW EXECUTE FUNCTION gik_own_annotation()",
    """CREATE OR REPLACE FUNCTION gik_lead_only() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF NOT gik_is_lead() THEN
    RAISE EXCEPTION 'only a lead changes %', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $f$""",
    """CREATE OR REPLACE FUNCTION gik_reopen() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  -- reopening a signed-off report is the lead's; an audit that changed its figures
  -- (sync, which says so in the transaction) reopens it for everyone
  IF OLD.state = 'done' AND NEW.state <> 'done' AND NOT gik_is_lead()
     AND coalesce(current_setting('gik.sync', true), '') <> 'on' THEN
    RAISE EXCEPTION 'only a lead reopens the signed-off report %', OLD.report_key
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $f$""",
    "DROP TRIGGER IF EXISTS gik_reopen ON report_states",
    "CREATE TRIGGER gik_reopen BEFORE UPDATE ON report_states "
    "FOR EACH ROW EXECUTE FUNCTION gik_reopen()",
    # colleagues' desks wake at once (``wait_for_change``): one notice per committing statement
    # (identical notices of one transaction fold into one), delivered at COMMIT
    f"""CREATE OR REPLACE FUNCTION gik_notify() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM pg_notify('{CHANNEL}', '');
  RETURN NULL;
END $f$""",
    "DROP TRIGGER IF EXISTS gik_notify ON events",
    "CREATE TRIGGER gik_notify AFTER INSERT ON events "
    "FOR EACH STATEMENT EXECUTE FUNCTION gik_notify()",
)


def _connect(url: str) -> psycopg.Connection[Any]:
    try:
        return psycopg.connect(
            normal_url(url),
            autocommit=True,
            connect_timeout=CONNECT_TIMEOUT,
            application_name="gik-desk",
        )
    except psycopg.Error as exc:
        cause = _cause(exc)
        cause = re.sub(r"password=\S+", "password=***", cause)
        raise WorkspaceError(
            "unreachable",
            f"无法连接团队工作区「{safe_url(url)}」：服务器 {describe_host(url)} 无法连接"
            f"({cause})。请检查网络、服务器地址和账号(密码请写在 libpq 的 passfile 中)。",
        ) from exc


def _cause(exc: BaseException) -> str:
    """libpq's reason in a few words: ``connection to server at "h", port 1 failed: Connection
    refused`` / ``Is the server running…`` becomes ``Connection refused``."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    return lines[0].rsplit(" failed: ", 1)[-1]


def classify(where: str, exc: BaseException) -> WorkspaceError:
    """A server error while writing, in words a reviewer can act on."""
    if isinstance(exc, pg_errors.InsufficientPrivilege):
        return WorkspaceError(
            "forbidden",
            f"团队工作区「{where}」拒绝了这次修改：{_first_line(exc)}。本次操作未保存。",
        )
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return WorkspaceError(
            "disconnected",
            f"与团队工作区「{where}」的连接已断开({_first_line(exc)})；已保存的审核记录不受影响。",
        )
    if isinstance(exc, sqlite3.IntegrityError | pg_errors.IntegrityError):
        return WorkspaceError(
            "conflict", f"团队工作区「{where}」拒绝了这次修改：{_first_line(exc)}"
        )
    return WorkspaceError(
        "unwritable", f"无法写入团队工作区「{where}」({_first_line(exc)})。本次操作未保存。"
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class TeamWorkspace(Workspace):
    """One open team workspace: a PostgreSQL database, through ``PgConnection``."""

    is_team = True

    def __init__(self, conn: PgConnection, url: str) -> None:
        # ``path`` (a Path, as everywhere a workspace is named) folds the URL's ``//``; it
        # opens again as it is (``normal_url``); ``url`` is the form to show
        super().__init__(cast(sqlite3.Connection, conn), Path(safe_url(url)), "postgresql")
        self._pg = conn
        self._url = normal_url(url)  # with whatever the caller gave; never shown
        self.url = safe_url(url)
        self.role = str(conn.execute("SELECT session_user").fetchone()[0])
        self._listener: psycopg.Connection[Any] | None = None  # LISTENing (wait_for_change)
        self.reviewer = self.role

    @classmethod
    def open_url(cls, url: str, *, create: bool = True) -> TeamWorkspace:
        """Connect, create or migrate the schema, and start a session; ``WorkspaceError``
        names the host and the cause when the server cannot be reached."""
        conn = PgConnection(_connect(url), safe_url(url))
        try:
            migrate(conn, safe_url(url), create=create)
            ws = cls(conn, url)
        except psycopg.Error as exc:
            conn.close()
            raise classify(safe_url(url), exc) from exc
        except BaseException:
            conn.close()
            raise
        return ws

    def wait_for_change(self, timeout: float) -> None:
        """Block until another desk commits an event (NOTIFY on a connection of this thread's
        own, LISTENing) or ``timeout`` seconds pass; the watcher then reads the log. A lost
        listener is dropped and made again at the next wait (the server restarted)."""
        try:
            if self._listener is None:
                self._listener = _connect(self._url)
                self._listener.execute(f"LISTEN {CHANNEL}")
            for _notice in self._listener.notifies(timeout=max(0.0, timeout), stop_after=1):
                break
        except (psycopg.Error, WorkspaceError):
            if self._listener is not None:
                with contextlib.suppress(psycopg.Error):
                    self._listener.close()
            self._listener = None
            time.sleep(max(0.0, min(timeout, 1.0)))

    def reopen(self) -> TeamWorkspace:
        ws = TeamWorkspace(PgConnection(_connect(self._url), self.url), self._url)
        ws.reviewer = self.reviewer
        return ws

    def close(self) -> None:
        with contextlib.suppress(psycopg.Error):
            self._pg.close()
            if self._listener is not None:
                self._listener.close()

    def __enter__(self) -> TeamWorkspace:
        return self

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, writers one at a time (the advisory lock); server errors
        become a ``WorkspaceError`` and leave nothing half-written."""
        conn = self._pg
        try:
            conn.raw.execute("BEGIN")
            conn.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        except psycopg.Error as exc:
            self._rollback()
            raise classify(self.url, exc) from exc
        try:
            yield cast(sqlite3.Connection, conn)
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, psycopg.Error):
                raise classify(self.url, exc) from exc
            raise
        try:
            conn.raw.execute("COMMIT")
        except psycopg.Error as exc:
            self._rollback()
            raise classify(self.url, exc) from exc

    def _rollback(self) -> None:
        with contextlib.suppress(psycopg.Error):
            if self._pg.in_transaction:
                self._pg.raw.execute("ROLLBACK")

    @property
    def connected(self) -> bool:
        return not self._pg.raw.closed and not self._pg.raw.broken

    def reconnect(self) -> None:
        """A fresh connection to the same server (after a restart or a network cut)."""
        with contextlib.suppress(psycopg.Error):
            self._pg.close()
        self._pg = PgConnection(_connect(self._url), self.url)
        self._conn = cast(sqlite3.Connection, self._pg)

    def reachable(self) -> WorkspaceError | None:
        """Whether the server answers again (the desk asks off the UI thread): a connection of
        the caller's own opens and closes. None when it does; else why not."""
        try:
            probe = _connect(self._url)
        except WorkspaceError as exc:
            return exc
        with contextlib.suppress(psycopg.Error):
            probe.close()
        return None

    def pragma(self, name: str) -> object:
        """The few PRAGMAs tests and diagnostics read, answered from the server."""
        if name == "user_version":
            return schema_version(self._pg)
        if name == "application_id":
            return APPLICATION_ID
        if name == "journal_mode":
            return "postgresql"
        if name in ("integrity_check", "quick_check"):
            return "ok"
        raise ValueError(name)

    def is_lead(self) -> bool:
        """Whether this role may assign and reopen (``gik_lead``; the owner always)."""
        return bool(self._pg.execute("SELECT gik_is_lead()").fetchone()[0])

    def sync_batch(
        self,
        batch: Batch,
        *,
        rule_versions: Mapping[str, str] | None = None,
        before_commit: Callable[[], None] | None = None,
    ) -> SyncResult:
        """An audit may reopen a signed-off report whose figures changed (issue 23), whoever
        runs it: the transaction says it is a sync (``gik_reopen``). Then the batch's files
        not yet stored are stored, so colleagues read the same bytes."""
        self._sync_flag(True)
        try:
            result = super().sync_batch(
                batch, rule_versions=rule_versions, before_commit=before_commit
            )
        finally:
            self._sync_flag(False)
        self.store_files(self.known_files())  # the files travel with the batch (``blobs``)
        return result

    def _sync_flag(self, on: bool) -> None:
        with contextlib.suppress(psycopg.Error):
            self._pg.raw.execute("SELECT set_config('gik.sync', %s, false)", ("on" if on else "",))


def schema_version(conn: PgConnection) -> int:
    return int(conn.execute("SELECT version FROM gik_schema WHERE id = 1").fetchone()[0])


def migrate(conn: PgConnection, where: str, *, create: bool = True) -> int:
    """Create or bring up to date the schema of a team workspace, in one transaction under a
    lock (two desks opening a new database together: one creates, the other finds it made)."""
    raw = conn.raw
    raw.execute("BEGIN")
    try:
        raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK + 1,))
        made = raw.execute("SELECT to_regclass('gik_schema') IS NOT NULL").fetchone()
        if not (made and made[0]):
            others = raw.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
            ).fetchone()
            if others and others[0]:
                raise WorkspaceError(
                    "not-workspace",
                    f"数据库「{where}」不是 GIK Desk 团队工作区(其中已有其他数据表)。"
                    "为避免改动其中的数据，未打开它；请另建一个空数据库。",
                )
            if not create:
                raise WorkspaceError("missing", f"团队工作区「{where}」尚未建立。")
            raw.execute(
                "CREATE TABLE gik_schema (id INTEGER PRIMARY KEY CHECK (id = 1), "
                "application_id BIGINT NOT NULL, version INTEGER NOT NULL)"
            )
            raw.execute("INSERT INTO gik_schema VALUES (1, %s, 0)", (APPLICATION_ID,))
            for statement in SUPPORT:
                raw.execute(statement)
        app_id, version = raw.execute(
            "SELECT application_id, version FROM gik_schema WHERE id = 1"
        ).fetchone() or (0, 0)
        if app_id != APPLICATION_ID:
            raise WorkspaceError("not-workspace", f"数据库「{where}」不是 GIK Desk 团队工作区。")
        if version > SCHEMA_VERSION:
            raise WorkspaceError(
                "newer-version",
                f"团队工作区「{where}」由更新版本的 GIK Desk 建立(数据格式版本 {version},"
                f"本程序只支持到 {SCHEMA_VERSION})。请升级 GIK Desk 后再打开。",
            )
        if version < SCHEMA_VERSION:
            try:
                for step in MIGRATIONS[version:]:
                    step(cast(sqlite3.Connection, conn))
            except pg_errors.InsufficientPrivilege as exc:  # a reviewer's role cannot
                raise WorkspaceError(
                    "forbidden",
                    f"团队工作区「{where}」需要升级数据格式(版本 {version} → {SCHEMA_VERSION})，"
                    "当前角色无权升级：请由建立它的账号运行 gik-desk workspace init 地址。",
                ) from exc
            raw.execute("UPDATE gik_schema SET version = %s WHERE id = 1", (SCHEMA_VERSION,))
        if version < SCHEMA_VERSION or not _has_function(conn, "gik_bound"):
            for statement in TEAM_SQL:
                raw.execute(statement)
            for table, column, ops in STAMPS:
                raw.execute(f"DROP TRIGGER IF EXISTS gik_stamp_{table} ON {table}")
                raw.execute(
                    f"CREATE TRIGGER gik_stamp_{table} BEFORE {ops} ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION gik_stamp('{column}')"
                )
            _lead_only_triggers(conn)
            if _role_exists(conn, REVIEWER_ROLE) and _role_exists(conn, LEAD_ROLE):
                grant_groups(conn)  # a table a migration added gets its rights at once
        conn.execute(
            "INSERT OR IGNORE INTO desk (name, value) VALUES (?, ?)",
            (IDENTITY, _new_identity()),
        )
        raw.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(psycopg.Error):
            raw.execute("ROLLBACK")
        raise
    return SCHEMA_VERSION


def _has_function(conn: PgConnection, name: str) -> bool:
    row = conn.raw.execute("SELECT to_regproc(%s) IS NOT NULL", (name,)).fetchone()
    return bool(row and row[0])


def user_tables(conn: PgConnection) -> list[str]:
    rows = conn.raw.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    ).fetchall()
    return [str(r[0]) for r in rows]


def _lead_only_triggers(conn: PgConnection) -> None:
    """Every table outside the reviewer list (``assignments`` …) refuses a non-lead's write,
    even where a grant slipped through."""
    for table in user_tables(conn):
        if table in REVIEWER_TABLES or table in INSERT_ONLY or table == "gik_schema":
            continue
        conn.raw.execute(f"DROP TRIGGER IF EXISTS gik_lead_only ON {table}")
        conn.raw.execute(
            f"CREATE TRIGGER gik_lead_only BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION gik_lead_only()"
        )


def _new_identity() -> str:
    import secrets

    from gik_desk.workspace.base import dump_json

    return dump_json(secrets.token_hex(8))


# ---- roles (``gik-desk workspace init`` / ``grant``) -------------------------------------------
def _role_exists(conn: PgConnection, role: str) -> bool:
    row = conn.raw.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    return row is not None


def grant_groups(conn: PgConnection) -> None:
    """The group roles' rights on every table there is now: reviewers read everything, write
    the tables of ``REVIEWER_TABLES``, only insert into ``INSERT_ONLY``; every other table is
    the lead's (a table a later migration adds is lead-only until listed here)."""
    raw = conn.raw
    schema = raw.execute("SELECT current_schema()").fetchone()
    name = psycopg.sql.Identifier(str(schema[0] if schema else "public"))
    for group in (REVIEWER_ROLE, LEAD_ROLE):
        raw.execute(psycopg.sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(name, _ident(group)))
        raw.execute(
            psycopg.sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(
                name, _ident(group)
            )
        )
        raw.execute(
            psycopg.sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {} TO {}").format(
                name, _ident(group)
            )
        )
    raw.execute(f"GRANT {LEAD_ROLE_MEMBERSHIP}")
    for table in user_tables(conn):
        if table == "gik_schema":
            continue
        if table in INSERT_ONLY:
            rights, to = "INSERT", REVIEWER_ROLE
        elif table in REVIEWER_TABLES:
            rights, to = "INSERT, UPDATE, DELETE", REVIEWER_ROLE
        else:
            rights, to = "INSERT, UPDATE, DELETE", LEAD_ROLE
        raw.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM {REVIEWER_ROLE}")
        raw.execute(f"GRANT {rights} ON {table} TO {to}")
    _lead_only_triggers(conn)


LEAD_ROLE_MEMBERSHIP = f"{REVIEWER_ROLE} TO {LEAD_ROLE}"  # a lead is a reviewer too


def _ident(name: str) -> psycopg.sql.Identifier:
    return psycopg.sql.Identifier(name)


def init_roles(ws: TeamWorkspace) -> list[str]:
    """Make the group roles (where missing) and give them their rights; the names made."""
    conn = ws._pg
    made: list[str] = []
    with ws._transaction():
        for group in (REVIEWER_ROLE, LEAD_ROLE):
            if not _role_exists(conn, group):
                conn.raw.execute(psycopg.sql.SQL("CREATE ROLE {} NOLOGIN").format(_ident(group)))
                made.append(group)
        grant_groups(conn)
    return made


def grant_role(ws: TeamWorkspace, role: str, *, lead: bool = False) -> None:
    """Put the login role ``role`` in ``gik_reviewer`` (or ``gik_lead``), able to connect."""
    conn = ws._pg
    with ws._transaction():
        if not _role_exists(conn, role):
            raise WorkspaceError(
                "unknown-role",
                f"服务器上没有数据库角色「{role}」：请先由管理员建立该登录角色"
                f"(CREATE ROLE {role} LOGIN)，再授权。",
            )
        for group in (REVIEWER_ROLE, LEAD_ROLE):
            if not _role_exists(conn, group):
                raise WorkspaceError(
                    "no-roles",
                    f"团队工作区「{ws.url}」尚未建立角色：请先运行 gik-desk workspace init。",
                )
        group = LEAD_ROLE if lead else REVIEWER_ROLE
        db = conn.raw.execute("SELECT current_database()").fetchone()
        conn.raw.execute(
            psycopg.sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                _ident(str(db[0] if db else "")), _ident(role)
            )
        )
        conn.raw.execute(psycopg.sql.SQL("GRANT {} TO {}").format(_ident(group), _ident(role)))
