"""Issue 28's "the server gone mid-session", for real: the throwaway server is stopped
(``pause``) under an open ``ReviewSession``. Every edit made meanwhile is built on the last
values the session read, kept in the local journal and shown as applied; reads show the last
known values; once the server is back (``resume``) ``reconnect`` writes them all, each under
the reviewer's role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import RoleUrl
from pgserver import PgServer
from wsbatch import standard_batch

from gik_desk.model.review import ReviewStatus
from gik_desk.services import ReviewSession, grant_team_role
from gik_desk.workspace import Workspace


@pytest.fixture
def paused(pg_server: PgServer, pg_url: str) -> Iterator[PgServer]:
    """The server, resumed whatever the test did (the other tests share it)."""
    yield pg_server
    if not pg_server.running:
        pg_server.resume()


def test_edits_made_while_the_server_is_down_are_kept_and_written_on_reconnection(
    team: RoleUrl, paused: PgServer, tmp_path: Path
) -> None:
    owner = team("postgres")
    batch = standard_batch()
    with Workspace.open(owner) as ws:
        ws.sync_batch(batch)
    url = team("rev1")
    grant_team_role(owner, "rev1")
    key, other = batch.findings[0].key, batch.findings[1].key
    report = batch.reports[0]
    session = ReviewSession(journal_folder=tmp_path / "journal")
    session.open(url)
    try:
        assert session.reviews()[key].status is ReviewStatus.PENDING  # the window's first read
        session.history(key)
        session.annotations(report)

        paused.pause()
        status = session.status_action([key], ReviewStatus.CONFIRMED)
        assert status is not None  # built from the last rows read, not the server
        session.apply(status)
        assert session.offline is not None
        assert session.offline.code in ("disconnected", "unreachable")
        assert "团队工作区" in session.offline.message  # the desk says which, and why
        note = session.note_action(other, "第三节数字待核")
        assert note is not None
        session.apply(note)
        added = session.add_annotation_action(report, 0, 4, "标题有误")
        assert added is not None
        session.apply(added)

        assert len(session.pending()) == 3  # every edit kept in the journal
        shown = session.reviews()  # the last known rows, with the kept edits over them
        assert shown[key].status is ReviewStatus.CONFIRMED
        assert shown[other].note == "第三节数字待核"
        assert session.review(key).status is ReviewStatus.CONFIRMED
        assert session.history(key) == []  # the last known history, no crash
        assert session.annotations(report) == []
        assert session.reconnect().offline is not None  # still down: nothing lost
        assert len(session.pending()) == 3

        paused.resume()
        replayed = session.reconnect()
        assert replayed.offline is None
        assert (replayed.applied, replayed.conflicts) == (3, ())
        assert session.pending() == []
        assert session.offline is None
    finally:
        session.close()
    with Workspace.open(owner) as ws:
        reviews = ws.reviews()
        assert reviews[key].status is ReviewStatus.CONFIRMED
        assert reviews[other].note == "第三节数字待核"
        assert [a.note for a in ws.annotations()] == ["标题有误"]
        mine = [(e.action, e.who) for e in ws.events() if e.action != "sync"]
        assert ("set_status", "rev1") in mine
        assert ("set_note", "rev1") in mine
        assert ("add_annotation", "rev1") in mine
