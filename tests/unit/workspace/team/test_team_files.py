"""The files travel with the batch (issue 28): a report file stored once by sha256, so a
colleague without the file gets the very bytes audited; an audit stored once however many
reviewers store it at once."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from gik_desk.services import ReviewSession, audit_paths, grant_team_role, local_report_file
from gik_desk.workspace import Workspace

RoleUrl = Callable[[str], str]  # the ``team`` fixture (conftest.py): role → its URL

SEED = Path(__file__).resolve().parents[3] / "data" / "seeds" / "003_c95b75059979c460.txt"
HELPER = Path(__file__).parent / "team_writer.py"
ROOT = Path(__file__).resolve().parents[4]


def test_a_colleague_without_the_file_reads_the_stored_bytes(tmp_path: Path, pg_url: str) -> None:
    folder = tmp_path / "批次"
    folder.mkdir()
    src = folder / "天桥区2021.txt"
    shutil.copyfile(SEED, src)
    want = hashlib.sha256(SEED.read_bytes()).hexdigest()
    with Workspace.open(pg_url) as ws:
        ws.sync_batch(audit_paths([folder], workers=1))
        assert ws.stored_shas([want]) == {want}
        ws.sync_batch(audit_paths([folder], workers=1))  # again: nothing stored twice
    src.unlink()  # the colleague's machine: the path the audit read is not there
    session = ReviewSession()
    session.open(pg_url)
    try:
        copy = local_report_file(session, str(src), tmp_path / "cache")
    finally:
        session.close()
    assert copy is not None
    assert copy != src
    assert copy.name == src.name
    assert copy.read_bytes() == SEED.read_bytes()


def test_the_file_here_unchanged_is_used_as_it_is(tmp_path: Path, pg_url: str) -> None:
    src = tmp_path / "天桥区2021.txt"
    shutil.copyfile(SEED, src)
    with Workspace.open(pg_url) as ws:
        ws.sync_batch(audit_paths([src], workers=1))
        assert ws.local_file(str(src), tmp_path / "cache") == src
        assert not (tmp_path / "cache").exists()


def test_two_reviewers_storing_the_same_audit_at_once_leave_one(
    tmp_path: Path, team: RoleUrl
) -> None:
    folder = tmp_path / "批次"
    folder.mkdir()
    shutil.copyfile(SEED, folder / "001.txt")
    owner = team("postgres")
    urls = []
    for role in ("ann", "ben"):
        urls.append(team(role))
        grant_team_role(owner, role)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, str(HELPER), "sync", url, str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        for url in urls
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert out.startswith("SYNCED")
    alone = audit_paths([folder], workers=1)
    with Workspace.open(owner) as ws:
        assert sorted(ws.reviews()) == sorted({f.key for f in alone.findings})
        assert ws.report_sources() == [str(folder / "001.txt")]
        assert len(ws.stored_shas([r.file_sha256 for r in alone.reports])) == 1
        assert ws._conn.execute("SELECT count(*) FROM blobs").fetchone()[0] == 1
        assert sorted(e.who for e in ws.events()) == ["ann", "ben"]
