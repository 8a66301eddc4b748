"""The team workspace's own store (issue 28): opening from a URL, passwords never kept or
shown, an unreachable server named, and what only a server can guarantee."""

from __future__ import annotations

import psycopg
import pytest
from pgserver import PgServer
from wsbatch import standard_batch

from gik_desk.model.review import ReviewStatus
from gik_desk.services import ReviewSession, safe_url
from gik_desk.workspace import SetNote, SetStatus, Workspace, WorkspaceError
from gik_desk.workspace.migrations import SCHEMA_VERSION

A_ROW = "APP-ROW|甲区|2021|applications/other.1/total"


def test_a_url_opens_a_team_workspace_on_the_same_schema(pg_url: str) -> None:
    with Workspace.open(pg_url) as ws:
        assert ws.is_team
        assert ws.pragma("user_version") == SCHEMA_VERSION
        ws.sync_batch(standard_batch())
        ws.apply(SetNote(A_ROW, "", "已电话联系"))
    with Workspace.open(pg_url, create=False) as again:  # a second desk sees it all
        assert again.review(A_ROW).note == "已电话联系"
        assert [e.action for e in again.events()] == ["sync", "set_note"]
        assert again.identity() != ""


def test_the_events_are_append_only_on_the_server(pg_url: str) -> None:
    with Workspace.open(pg_url) as ws:
        ws.sync_batch(standard_batch())
    with psycopg.connect(pg_url, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.IntegrityError, match="append-only"):
            conn.execute("UPDATE events SET who = 'x'")
        with pytest.raises(psycopg.errors.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM events")


def test_an_unreachable_server_names_the_host_and_the_cause_never_the_password() -> None:
    with pytest.raises(WorkspaceError) as info:
        Workspace.open("postgresql://bob:s3cret@127.0.0.1:1/team")
    assert info.value.code == "unreachable"
    assert "127.0.0.1:1" in info.value.message
    assert "refused" in info.value.message.lower() or "连接" in info.value.message
    assert "s3cret" not in info.value.message


def test_passwords_are_stripped_from_every_url_kept_or_shown(pg_url: str) -> None:
    assert safe_url("postgresql://bob:s3cret@db.office/team") == "postgresql://bob@db.office/team"
    assert (
        safe_url("postgresql://bob@db.office/team?password=s3cret&sslmode=require")
        == "postgresql://bob@db.office/team?sslmode=require"
    )
    with_password = pg_url + "&password=hunter2"  # the test server trusts local connections
    session = ReviewSession()
    session.open(with_password)
    try:
        assert session.workspace is not None
        shown = [str(session.path), session.workspace.snapshot().workspace_path]
        shown.append(session.workspace.url)  # type: ignore[attr-defined]
        assert all("hunter2" not in s for s in shown)
    finally:
        session.close()


def test_a_database_of_another_program_is_refused_untouched(pg_server: PgServer) -> None:
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS foreign_db")
        conn.execute("CREATE DATABASE foreign_db")
    url = pg_server.url("foreign_db")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE payroll (name text)")
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(url)
    assert info.value.code == "not-workspace"
    with psycopg.connect(url, autocommit=True) as conn:
        tables = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        assert [r[0] for r in tables] == ["payroll"]


def test_a_failed_action_leaves_nothing_on_the_server(pg_url: str) -> None:
    with Workspace.open(pg_url) as ws:
        ws.sync_batch(standard_batch())
        n_events = len(ws.events())
        with pytest.raises(WorkspaceError):
            ws.apply(
                SetStatus(("no-such-finding",), (ReviewStatus.PENDING,), ReviewStatus.CONFIRMED)
            )
        assert len(ws.events()) == n_events
        ws.apply(SetStatus((A_ROW,), (ReviewStatus.PENDING,), ReviewStatus.CONFIRMED))  # usable
        assert ws.review(A_ROW).status is ReviewStatus.CONFIRMED
