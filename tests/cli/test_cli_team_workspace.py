"""``gik-desk workspace init|grant`` and ``--workspace postgresql://…`` (issue 28), on the
throwaway server: a team workspace is made, a role given its rights, an audit recorded under
the role's name, and a ``--reviewer`` naming someone else refused."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import psycopg
import pytest
from pgserver import PgServer

from gik_desk.cli.main import EXIT_OK, EXIT_USAGE, main
from gik_desk.workspace import Workspace

SEED = Path(__file__).resolve().parents[1] / "data" / "seeds" / "003_c95b75059979c460.txt"

pytestmark = pytest.mark.postgresql


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def empty_db(pg_server: PgServer) -> str:
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS cli_team WITH (FORCE)")
        conn.execute("CREATE DATABASE cli_team")
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'dora'").fetchone() is None:
            conn.execute("CREATE ROLE dora LOGIN")
    return pg_server.url("cli_team")


def test_init_grant_and_an_audit_under_the_roles_name(
    tmp_path: Path, pg_server: PgServer, empty_db: str
) -> None:
    code, out, err = run("workspace", "init", empty_db)
    assert code == EXIT_OK, err
    assert "团队工作区已就绪" in out
    code, out, err = run("workspace", "grant", "dora", "--workspace", empty_db)
    assert code == EXIT_OK, err
    assert "dora" in out
    src = tmp_path / "in.txt"
    shutil.copyfile(SEED, src)
    dora = pg_server.url("cli_team", user="dora")
    code, _out, err = run("audit", str(src), "--workspace", dora, "-q")
    assert code == EXIT_OK, err
    assert "已同步审核工作区" in err
    code, _out, err = run("audit", str(src), "--workspace", dora, "-q", "--reviewer", "eve")
    assert code == EXIT_USAGE
    assert "dora" in err
    assert "eve" in err
    with Workspace.open(empty_db, create=False) as ws:
        assert [(e.who, e.action) for e in ws.events()] == [("dora", "sync")]


def test_grant_of_a_role_the_server_lacks_says_so(empty_db: str) -> None:
    assert run("workspace", "init", empty_db)[0] == EXIT_OK
    code, _out, err = run("workspace", "grant", "nobody_here", "--workspace", empty_db)
    assert code == EXIT_USAGE
    assert "nobody_here" in err


def test_an_unreachable_team_workspace_names_the_host() -> None:
    code, _out, err = run("workspace", "init", "postgresql://x:pw@127.0.0.1:1/team")
    assert code == EXIT_USAGE
    assert "127.0.0.1:1" in err
    assert "pw@" not in err


def test_an_audit_on_an_unreachable_team_workspace_names_the_host_and_cause() -> None:
    code, out, err = run("audit", "--workspace", "postgresql://nobody@127.0.0.1:1/x", str(SEED))
    assert code != EXIT_OK
    assert "127.0.0.1:1" in err  # the host
    assert "无法连接" in err  # and the cause, in words
    assert "Traceback" not in err + out


def test_letters_and_import_review_from_a_team_workspace(tmp_path: Path, pg_url: str) -> None:
    from tests.unit.export import letter_batches as lb

    personal, _batch = lb.reviewed_tianqiao(tmp_path)
    assert run("workspace", "push", str(personal), pg_url)[0] == EXIT_OK
    out = tmp_path / "意见"
    code, _stdout, err = run(
        "letters", "--workspace", pg_url, "--out", str(out), "--workers", "1",
        "--date", "2026-12-01",
    )  # fmt: skip
    assert code == EXIT_OK, err
    letter = out / f"审核意见_{lb.BODY}.docx"
    assert letter.is_file()
    with Workspace.open(pg_url, create=False) as ws:
        assert ws.events()[-1].action == "send_letter"  # recorded as sent, in the team's log
    code, _stdout, err = run("import-review", str(tmp_path / "none.xlsx"), "--workspace", pg_url)
    assert code == EXIT_USAGE
    assert "none.xlsx" in err
