"""Child process of the team-workspace stress tests (issue 28): one reviewer at their desk.

usage: python team_writer.py actions URL N SEED   -- N random reviewer actions on one batch
       python team_writer.py sync URL FOLDER      -- audit FOLDER and store it
       python team_writer.py hang URL KEY         -- a note's row written, its event not yet:
                                                     prints MID and waits to be killed

``actions`` prints ``C <event id>`` after each COMMIT returned, ``R <code>`` for each action
the workspace refused, ``L`` for each lost connection, then ``DONE <attempts> <commits>
<refusals>``. A lost connection (a
server restart) is not an attempt's end: the writer reconnects and retries the same action.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # wsbatch

import contextlib

from wsbatch import standard_batch

from gik_desk.model import keys
from gik_desk.model.review import Annotation, ReportState, ReviewStatus
from gik_desk.workspace import (
    Action,
    AddAnnotation,
    DeleteAnnotation,
    Workspace,
    WorkspaceError,
)
from gik_desk.workspace.team import TeamWorkspace

LOST = ("disconnected", "unreachable")


def _open(url: str) -> TeamWorkspace:
    deadline = time.monotonic() + 60
    while True:
        try:
            ws = Workspace.open(url, create=False)
            assert isinstance(ws, TeamWorkspace)
            return ws
        except WorkspaceError as exc:
            if exc.code not in LOST or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def actions(url: str, n: int, seed: int) -> None:
    rng = random.Random(seed)
    batch = standard_batch()
    finding_keys = [f.key for f in batch.findings]
    report = batch.reports[0]
    statuses = [s for s in ReviewStatus if not s.needs_reason]
    live: list[Annotation] = []
    ws = _open(url)
    rkey = keys.report_key(report)
    if os.environ.get("GIK_TEAM_WAIT"):  # the benchmark starts every writer's clock at once
        _say("READY")
        sys.stdin.readline()
    commits = refusals = 0
    for i in range(n):
        while True:
            try:
                action = _pick(ws, rng, i, seed, finding_keys, statuses, report, rkey, live)
                event = ws.apply(action)
            except WorkspaceError as exc:
                if exc.code in LOST:  # the server went away: reconnect, then the same again
                    _say("L")
                    time.sleep(0.2)
                    with contextlib.suppress(WorkspaceError):
                        ws.reconnect()
                    continue
                refusals += 1
                _say(f"R {exc.code} {type(action).__name__} {exc.message}")
                break
            commits += 1
            _track(action, live)
            _say(f"C {event.id}")
            break
    _say(f"DONE {n} {commits} {refusals}")
    ws.close()


def _pick(
    ws: TeamWorkspace,
    rng: random.Random,
    i: int,
    seed: int,
    finding_keys: list[str],
    statuses: list[ReviewStatus],
    report: object,
    rkey: str,
    live: list[Annotation],
) -> Action:
    kind = rng.randrange(7)
    if kind in (3, 4) and not live:
        kind = 0
    if kind == 0:
        chosen = tuple(rng.sample(finding_keys, rng.randint(1, len(finding_keys))))
        return ws.status_action(chosen, rng.choice(statuses))
    if kind == 1:
        return ws.note_action(rng.choice(finding_keys), f"w{seed} note {i}")
    if kind == 2:
        text = report.text  # type: ignore[attr-defined]
        span = report.span  # type: ignore[attr-defined]
        start = rng.randrange(span.start, span.end - 4)
        return AddAnnotation(
            Annotation(
                id=f"w{seed}-{i}",
                report_key=rkey,
                source=report.source,  # type: ignore[attr-defined]
                exact=text[start : start + 4],
                prefix="",
                suffix="",
                start=start,
                end=start + 4,
                note=f"标注 {i}",
            )
        )
    if kind == 3:
        return ws.annotation_note_action(rng.choice(live).id, f"改 {i}")
    if kind == 4:
        return DeleteAnnotation(rng.choice(live))
    if kind == 5:
        return ws.outward_action(rng.choice(finding_keys), f"w{seed} 对外 {i}")
    return ws.report_state_action(rkey, rng.choice(list(ReportState)))


def _track(action: Action, live: list[Annotation]) -> None:
    if isinstance(action, AddAnnotation):
        live.append(action.annotation)
    elif isinstance(action, DeleteAnnotation):
        live[:] = [a for a in live if a.id != action.annotation.id]


def sync(url: str, folder: str) -> None:
    from gik_desk.services import audit_paths

    batch = audit_paths([Path(folder)], workers=1)
    with _open(url) as ws:
        result = ws.sync_batch(batch)
    _say(f"SYNCED {result.audit_id}")


def hang(url: str, key: str) -> None:
    """Killed inside a transaction: the row change is made, the event row not yet."""
    from gik_desk.workspace import anchors

    ws = _open(url)
    action = ws.note_action(key, "写了一半")
    with ws._transaction() as conn:
        action.write(conn, ws.reviewer, anchors.now_iso())
        _say("MID")
        time.sleep(600)


if __name__ == "__main__":
    if sys.argv[1] == "actions":
        actions(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[1] == "hang":
        hang(sys.argv[2], sys.argv[3])
    else:
        sync(sys.argv[2], sys.argv[3])
