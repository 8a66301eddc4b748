"""Shared test setup: headless Qt before anything imports it, and the project's own data paths."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pgserver
import pytest
from pgserver import PgServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# OCR (issue 29) caches pages under the user's cache folder; tests cache only where they say
os.environ.setdefault("GIK_OCR_CACHE", "")

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"
PDFS = DATA / "pdf"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def pdf_dir() -> Path:
    return PDFS


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qapp" in fixtures or "qtbot" in fixtures:
            item.add_marker(pytest.mark.gui)


# ---- the team workspace's throwaway PostgreSQL server (issue 28; tests/pgserver.py) ----------
_PG_TEMPLATE = "gik_template"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One server for the session, stopped at its end (and at exit, Ctrl-C included); every
    PostgreSQL test skips with the reason where the server binaries are absent."""
    bin_dir = pgserver.find_bin_dir()
    if bin_dir is None:
        pytest.skip(pgserver.SKIP_REASON)
    server = pgserver.PgServer(bin_dir).start()
    try:
        import psycopg

        from gik_desk.workspace import Workspace

        with psycopg.connect(server.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {_PG_TEMPLATE}")
        Workspace.open(server.url(_PG_TEMPLATE)).close()  # migrated once; each test copies it
        yield server
    finally:
        server.stop()


_pg_count = itertools.count()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh, migrated team workspace of its own for one test (a copy of the template)."""
    import psycopg

    name = f"t{os.getpid()}_{next(_pg_count)}"
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {_PG_TEMPLATE}")
    yield pg_server.url(name)
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def ws_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a workspace test opens its workspace: a ``.gikdb`` file, then a team workspace
    (issue 28: the whole workspace suite runs against both stores)."""
    if request.param == "sqlite":
        return str(tmp_path / "w.gikdb")
    url: str = request.getfixturevalue("pg_url")
    return url
