"""Team-workspace tests (issue 28): every one needs the throwaway PostgreSQL server, and the
hand-made batches one folder up (``wsbatch``)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from pgserver import PgServer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # wsbatch, beside the other tests

from gik_desk.workspace import Workspace
from gik_desk.workspace.team import init_roles


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.postgresql)


RoleUrl = Callable[[str], str]


@pytest.fixture
def team(pg_server: PgServer, pg_url: str) -> RoleUrl:
    """A team workspace with its group roles made; call it with a role name for the URL that
    role connects with (the login role is made on the server when missing)."""
    with Workspace.open(pg_url) as ws:
        init_roles(ws)  # type: ignore[arg-type]
    dbname = pg_url.split("?")[0].rsplit("/", 1)[1]

    def url_for(role: str) -> str:
        with psycopg.connect(pg_server.url(), autocommit=True) as conn:
            if (
                conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
                is None
            ):
                conn.execute(f'CREATE ROLE "{role}" LOGIN')
        return pg_server.url(dbname, user=role)

    return url_for
