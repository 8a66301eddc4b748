"""The one home of PostgreSQL dialect knowledge (issue 28): the store's SQLite SQL, run on a
psycopg 3 connection through an adapter with the sqlite3 calls the mixins use.

The mixins (``reviews``, ``annotations``, ``memory``, ``sync``, ``sent_letters``, ``keyed``) and
the migration list are written once, in SQLite's SQL; :class:`PgConnection` gives them
``execute``/``executemany``/``fetchone``/``fetchall``/``rowcount``/``lastrowid`` and translates
each statement on the way:

- ``?`` → ``%s`` (and a literal ``%`` → ``%%``), outside quotes only;
- ``INSERT OR IGNORE`` → ``ON CONFLICT DO NOTHING``; ``INSERT OR REPLACE`` → ``ON CONFLICT (pk)
  DO UPDATE`` of every other column (the primary keys read from the schema the migrations make);
- DDL: ``INTEGER PRIMARY KEY AUTOINCREMENT`` → an identity column, ``INTEGER`` → ``BIGINT``,
  ``REAL`` → ``DOUBLE PRECISION``, ``BLOB`` → ``BYTEA``; a table without an integer key gets a
  ``rowid`` identity column (the mixins order by insertion through ``rowid``); a trigger becomes
  a PL/pgSQL function and a row trigger (``RAISE(ABORT, ...)`` → ``RAISE EXCEPTION`` with
  SQLSTATE 23000, so it reads back as ``sqlite3.IntegrityError``); ``PRAGMA`` is skipped;
- an ``INSERT`` into a table with an integer key returns that key (``lastrowid``);
- psycopg's integrity errors are raised as ``sqlite3.IntegrityError``, so the mixins' one
  ``except`` serves both stores.

Where a mixin's SQL cannot be translated mechanically it is made portable instead (the
``instr`` function is provided by :data:`SUPPORT`).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg import errors as pg_errors

from gik_desk.workspace.errors import WorkspaceError

# functions the mixins call that PostgreSQL lacks (SQLite's names), created with the schema
SUPPORT = (
    "CREATE OR REPLACE FUNCTION instr(haystack text, needle text) RETURNS integer "
    "LANGUAGE sql IMMUTABLE AS 'SELECT strpos(haystack, needle)'",
)


def placeholders(sql: str) -> str:
    """``?`` → ``%s`` and ``%`` → ``%%``, leaving quoted text and identifiers alone."""
    out: list[str] = []
    quote = ""
    for ch in sql:
        if quote:
            if ch == quote:
                quote = ""
            out.append("%%" if ch == "%" else ch)
        elif ch in ("'", '"'):
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=1)
def _tables() -> dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]]:
    """Each table of the latest schema: (columns, primary-key columns, has an integer key),
    read from SQLite's own catalogue of what the migrations create (the one definition)."""
    from gik_desk.workspace.migrations import MIGRATIONS

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for step in MIGRATIONS:
            step(conn)
        out: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {}
        names = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        for (name,) in names:
            if name.startswith("sqlite_"):
                continue
            info = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
            cols = tuple(str(r[1]) for r in info)
            pk = tuple(str(r[1]) for r in sorted(info, key=lambda r: r[5]) if r[5])
            int_key = len(pk) == 1 and any(
                r[1] == pk[0] and str(r[2]).upper() == "INTEGER" for r in info
            )
            out[str(name)] = (cols, pk, int_key)
        return out
    finally:
        conn.close()


def integer_key(table: str) -> str | None:
    cols_pk = _tables().get(table)
    if cols_pk is None or not cols_pk[2]:
        return None
    return cols_pk[1][0]


_OR_RE = re.compile(r"^\s*INSERT\s+OR\s+(IGNORE|REPLACE)\s+INTO\s+(\w+)", re.I)
_INSERT_RE = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.I)


def _quote(col: str) -> str:
    return f'"{col}"'


def dml(sql: str) -> tuple[str, str | None]:
    """A data statement in PostgreSQL's words, and the key column to return for ``lastrowid``
    (None when it is not an insert into a table with an integer key)."""
    text, returning = _dml_words(sql)
    return placeholders(text), returning


def _dml_words(sql: str, *, returning_key: bool = True) -> tuple[str, str | None]:
    text = sql.strip().rstrip(";")
    m = _OR_RE.match(text)
    if m:
        kind, table = m.group(1).upper(), m.group(2)
        text = f"INSERT INTO {table}" + text[m.end() :]
        if kind == "IGNORE":
            text += " ON CONFLICT DO NOTHING"
        else:
            cols, pk, _int = _tables()[table]
            rest = [c for c in cols if c not in pk and c != "rowid"]
            sets = ", ".join(f"{_quote(c)} = EXCLUDED.{_quote(c)}" for c in rest)
            target = ", ".join(_quote(c) for c in pk)
            text += f" ON CONFLICT ({target}) " + (
                f"DO UPDATE SET {sets}" if sets else "DO NOTHING"
            )
    returning = None
    m2 = _INSERT_RE.match(text)
    if returning_key and m2 and " RETURNING " not in text.upper():
        returning = integer_key(m2.group(1))
        if returning is not None:
            text += f" RETURNING {_quote(returning)}"
    return text, returning


_TRIGGER_RE = re.compile(
    r"^CREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\s+(BEFORE|AFTER)\s+"
    r"(INSERT|UPDATE(?:\s+OF\s+[\w\s,]+?)?|DELETE)\s+ON\s+(\w+)\s+"
    r"(?:FOR\s+EACH\s+ROW\s+)?(?:WHEN\s+(.+?)\s+)?BEGIN\s+(.*)\s+END;?$",
    re.I | re.S,
)
_RAISE_RE = re.compile(
    r"SELECT\s+RAISE\s*\(\s*(?:ABORT|FAIL|ROLLBACK)\s*,\s*('(?:[^']|'')*')\s*\)", re.I
)


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


def ddl(sql: str) -> list[str]:
    """A schema statement as the PostgreSQL statements that make the same object."""
    text = _strip_comments(sql).strip().rstrip(";").strip()
    m = _TRIGGER_RE.match(text + " ")  # the pattern wants a space before END's end
    if m is None:
        m = _TRIGGER_RE.match(text + ";")
    if m is not None:
        return _trigger(*m.groups())
    if re.match(r"^CREATE\s+TABLE", text, re.I):
        return [placeholders(_table(text))]
    if re.match(r"^ALTER\s+TABLE", text, re.I):
        return [placeholders(_types(text))]
    return [placeholders(text)]


def _types(text: str) -> str:
    text = re.sub(
        r"\bINTEGER\s+PRIMARY\s+KEY\s+AUTOINCREMENT\b",
        "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
        text,
        flags=re.I,
    )
    text = re.sub(r"\bINTEGER\b", "BIGINT", text, flags=re.I)
    text = re.sub(r"\bREAL\b", "DOUBLE PRECISION", text, flags=re.I)
    return re.sub(r"\bBLOB\b", "BYTEA", text, flags=re.I)


def _table(text: str) -> str:
    has_int_key = re.search(r"\bINTEGER\s+PRIMARY\s+KEY\b", text, re.I) is not None
    text = _types(text)
    if not has_int_key:  # SQLite's implicit rowid, made explicit (insertion order)
        close = text.rindex(")")
        text = text[:close].rstrip() + ",\n    rowid BIGINT GENERATED ALWAYS AS IDENTITY\n)"
    return text


def _trigger(
    name: str, when: str, event: str, table: str, condition: str | None, body: str
) -> list[str]:
    """A SQLite trigger as a PL/pgSQL function and a row trigger calling it."""
    statements: list[str] = []
    for part in _split_body(body):
        raised = _RAISE_RE.fullmatch(part.strip())
        if raised:
            statements.append(f"RAISE EXCEPTION {raised.group(1)} USING ERRCODE = '23000';")
        else:
            statements.append(_dml_words(part, returning_key=False)[0] + ";")
    row = "OLD" if event.upper() == "DELETE" else "NEW"
    result = "NULL" if when.upper() == "AFTER" else row
    function = (
        f"CREATE OR REPLACE FUNCTION {name}_fn() RETURNS trigger LANGUAGE plpgsql AS $body$\n"
        f"BEGIN\n  {' '.join(statements)}\n  RETURN {result};\nEND\n$body$"
    )
    cond = f" WHEN ({condition})" if condition else ""
    trigger = (
        f"CREATE TRIGGER {name} {when.upper()} {event} ON {table} FOR EACH ROW{cond} "
        f"EXECUTE FUNCTION {name}_fn()"
    )
    return [placeholders(function), placeholders(trigger)]


def _split_body(body: str) -> list[str]:
    parts, buf, quote = [], "", False
    for ch in body:
        if ch == "'":
            quote = not quote
        if ch == ";" and not quote:
            if buf.strip():
                parts.append(buf.strip())
            buf = ""
        else:
            buf += ch
    if buf.strip():
        parts.append(buf.strip())
    return parts


def translate(sql: str) -> tuple[list[str], str | None]:
    """Any statement the store runs: the PostgreSQL statements and the key to return."""
    head = sql.lstrip()[:8].upper()
    if head.startswith("PRAGMA"):
        return [], None
    if head.startswith(("CREATE", "ALTER", "DROP")):
        return ddl(sql), None
    text, key = dml(sql)
    return [text], key


class PgCursor:
    """The sqlite3 cursor calls the mixins use, over a psycopg cursor."""

    def __init__(self, cur: psycopg.Cursor[Any] | None, lastrowid: int | None = None) -> None:
        self._cur = cur
        self.lastrowid = lastrowid
        self.rowcount = cur.rowcount if cur is not None else -1

    def fetchone(self) -> Any:
        if self._cur is None or self._cur.description is None:
            return None
        return self._cur.fetchone()

    def fetchall(self) -> list[Any]:
        if self._cur is None or self._cur.description is None:
            return []
        return self._cur.fetchall()

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class PgConnection:
    """A psycopg connection (autocommit; transactions opened by ``BEGIN``) that the store's
    mixins use like a ``sqlite3.Connection``."""

    def __init__(self, raw: psycopg.Connection[Any], where: str = "") -> None:
        self.raw = raw
        self.where = where  # the workspace's URL as shown (no password), for messages

    def _lost(self, exc: BaseException) -> WorkspaceError:
        """The server gone (restarted, network cut): a read or write cannot finish."""
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return WorkspaceError(
            "disconnected",
            f"与团队工作区「{self.where}」的连接已断开({text})；已保存的审核记录不受影响。",
        )

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> PgCursor:
        statements, key = translate(sql)
        cur: psycopg.Cursor[Any] | None = None
        lastrowid = None
        with self._errors():
            for text in statements:
                cur = self.raw.cursor()
                cur.execute(text, tuple(params or ()))  # a tuple always: %% reads as %
            if key is not None and cur is not None and cur.description is not None:
                row = cur.fetchone()
                lastrowid = int(row[0]) if row else None
        return PgCursor(cur, lastrowid)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """psycopg's errors in the mixins' terms: an integrity error as ``sqlite3``'s (their
        one ``except`` serves both stores), a dead connection as ``disconnected``."""
        try:
            yield
        except pg_errors.IntegrityError as exc:
            raise sqlite3.IntegrityError(str(exc).strip()) from exc
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            if self.raw.closed or self.raw.broken:
                raise self._lost(exc) from exc
            raise

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> PgCursor:
        statements, _key = translate(sql)
        if not statements:
            return PgCursor(None)
        (text,) = statements
        if " RETURNING " in text.upper() and _key is not None:
            text = text[: text.upper().rindex(" RETURNING ")]
        with self._errors():
            cur = self.raw.cursor()
            cur.executemany(text, [tuple(p) for p in seq])
        return PgCursor(cur)

    def close(self) -> None:
        self.raw.close()
