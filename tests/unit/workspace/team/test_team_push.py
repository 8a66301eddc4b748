"""``gik-desk workspace push W.gikdb URL`` (issue 28): a personal workspace moved into a team
one — statuses, notes, reasons, outward texts, annotations, sign-offs, history with its original
reviewer and time, report files — and a decision made differently in both listed, never
overwritten."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

from wsbatch import REPORT_A, standard_batch

from gik_desk.cli.main import EXIT_FAIL_ON, main
from gik_desk.model.review import ReportState, ReviewStatus
from gik_desk.services import audit_paths, grant_team_role
from gik_desk.workspace import (
    AddAnnotation,
    SetNote,
    SetOutward,
    SetStatus,
    Workspace,
    make_annotation,
    report_key,
)

RoleUrl = Callable[[str], str]  # the ``team`` fixture (conftest.py): role → its URL

A_ROW = "APP-ROW|甲区|2021|applications/other.1/total"
B_ROW = "APP-ROW|乙县|2022|applications/other.1/total"
A_NARR = "NARR-APP|甲区|2021|"
SEED = Path(__file__).resolve().parents[3] / "data" / "seeds" / "003_c95b75059979c460.txt"


def _personal(path: Path) -> None:
    batch = standard_batch()
    with Workspace.open(path, network=False) as ws:
        ws.reviewer = "孙审核"
        ws.sync_batch(batch)
        ws.apply(SetNote(A_ROW, "", "附注已说明口径"))
        ws.apply(SetStatus((A_ROW,), (ReviewStatus.PENDING,), ReviewStatus.DISMISSED))
        ws.apply(SetOutward(A_ROW, "", "请核对第三部分"))
        ws.apply(SetStatus((B_ROW,), (ReviewStatus.PENDING,), ReviewStatus.NEEDS_FIX))
        report = batch.reports[0]
        at = report.span.start + REPORT_A.index("12件")
        ws.apply(AddAnnotation(make_annotation(report, at, at + 3, note="数字待核")))
        ws.apply(ws.report_state_action(report_key(report), ReportState.DONE))


def test_push_moves_decisions_history_and_lists_what_differs(tmp_path: Path, team: RoleUrl) -> None:
    personal = tmp_path / "孙.gikdb"
    _personal(personal)
    with Workspace.open(personal, network=False) as ws:
        history = [(e.time, e.who, e.action, e.target, e.after) for e in ws.events()]
    owner = team("postgres")
    with Workspace.open(owner) as ws:  # the team decided B otherwise meanwhile
        ws.sync_batch(standard_batch())
        ws.apply(SetStatus((B_ROW,), (ReviewStatus.PENDING,), ReviewStatus.CONFIRMED))
        n_team = len(ws.events())
    sun = team("sun")
    grant_team_role(owner, "sun")
    out, err = io.StringIO(), io.StringIO()
    code = main(["workspace", "push", str(personal), sun], out=out, err=err)
    assert code == EXIT_FAIL_ON, err.getvalue()  # one conflict listed
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("已迁入")
    assert len(lines) == 2
    assert B_ROW in lines[1]
    assert "needs_fix" in lines[1]
    assert "confirmed" in lines[1]
    with Workspace.open(owner) as ws:
        reviews = ws.reviews()
        assert (reviews[A_ROW].status, reviews[A_ROW].note) == (
            ReviewStatus.DISMISSED,
            "附注已说明口径",
        )
        assert reviews[B_ROW].status is ReviewStatus.CONFIRMED  # the team's stays
        assert reviews[A_NARR].status is ReviewStatus.PENDING
        assert ws.outward_texts() == {A_ROW: "请核对第三部分"}
        assert [a.note for a in ws.annotations()] == ["数字待核"]
        assert set(ws.report_states().values()) == {ReportState.DONE}
        events = ws.events()[n_team:]
        copied, record = events[:-1], events[-1]
        assert [(e.time, e.action, e.target, e.after) for e in copied] == [
            (t, a, tg, af) for t, _w, a, tg, af in history
        ]
        assert {e.who for e in copied} == {"sun"}  # the server's word: the pushing role
        assert record.action == "push_workspace"
        assert record.who == "sun"
        originals = json.loads(record.after)["who"]
        assert sorted(originals.values()) == sorted(w for _t, w, *_r in history)
        assert originals[str(copied[1].id)] == "孙审核"


def test_push_carries_the_report_files(tmp_path: Path, pg_url: str) -> None:
    src = tmp_path / "天桥区2021.txt"
    shutil.copyfile(SEED, src)
    personal = tmp_path / "p.gikdb"
    with Workspace.open(personal, network=False) as ws:
        ws.sync_batch(audit_paths([src], workers=1))
    out, err = io.StringIO(), io.StringIO()
    assert main(["workspace", "push", str(personal), pg_url], out=out, err=err) == 0, err
    src.unlink()
    with Workspace.open(pg_url) as ws:
        copy = ws.local_file(str(src), tmp_path / "cache")
    assert copy is not None
    assert copy.read_bytes() == SEED.read_bytes()
