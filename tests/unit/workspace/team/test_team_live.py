"""Issue 28, live: a desk waiting for colleagues' changes is woken by the server (LISTEN/NOTIFY)
when a colleague's transaction commits, not at its next poll, and reads what changed."""

from __future__ import annotations

import threading
import time

from wsbatch import standard_batch

from gik_desk.workspace import SetNote, Workspace

A_ROW = "APP-ROW|甲区|2021|applications/other.1/total"
LONG_WAIT = 60.0  # a wait the notice must cut short


def test_a_colleagues_commit_wakes_a_waiting_desk(pg_url: str) -> None:
    with Workspace.open(pg_url) as ws:
        ws.sync_batch(standard_batch())
    desk = Workspace.open(pg_url)
    try:
        cursor = desk.change_cursor()
        desk.wait_for_change(0.0)  # LISTENing from now on

        def colleague() -> None:
            time.sleep(0.5)
            with Workspace.open(pg_url) as other:
                other.reviewer = "李同事"
                other.apply(SetNote(A_ROW, "", "同事写的"))

        thread = threading.Thread(target=colleague)
        thread.start()
        started = time.monotonic()
        desk.wait_for_change(LONG_WAIT)
        woke_after = time.monotonic() - started
        thread.join()
        assert woke_after < LONG_WAIT / 2  # woken by the notice, not by the wait running out
        cursor, changed = desk.changes_since(cursor)
        assert A_ROW in changed.findings
        assert desk.review(A_ROW).note == "同事写的"
    finally:
        desk.close()


def test_a_wait_with_nothing_committed_ends_at_its_timeout(pg_url: str) -> None:
    with Workspace.open(pg_url) as desk:
        cursor = desk.change_cursor()
        desk.wait_for_change(0.2)
        assert not desk.changes_since(cursor)[1].findings
