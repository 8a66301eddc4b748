"""Issue 23: a reload that changes a finding's figures keeps the reviewer's status, note and
reason, marked 已变化 until the reviewer looks again; a signed-off report with a changed finding
returns to 审核中. Seed 002, Dongsheng 2024: 正文 "受理政府信息公开申请8件" edited to 9件, so
APP-CARRY's quote (and its figures: 9 received vs 7 handled + 1 carried) change."""

from __future__ import annotations

import shutil
from pathlib import Path

from gik_desk.model.review import ReportState, ReviewStatus
from gik_desk.services import ReviewSession, audit_paths

SEED = Path(__file__).resolve().parents[3] / "resources" / "samples" / "002_fe52555f254f9b80.txt"
PUBLISHED = "全年共受理政府信息公开申请8件"
EDITED = "全年共受理政府信息公开申请9件"
REASON = "正文另附说明:1件申请转交其他机关办理"


def _carry(session: ReviewSession, batch) -> str:  # type: ignore[no-untyped-def]
    (key,) = [f.key for f in batch.findings if f.rule == "APP-CARRY"]
    return key


def test_a_reload_that_changes_a_figure_keeps_the_decision_marked_changed(
    tmp_path: Path,
) -> None:
    report = Path(shutil.copy(SEED, tmp_path / "东胜2024.txt"))
    session = ReviewSession("审核甲")
    session.open(tmp_path / "w.gikdb")
    try:
        batch = audit_paths([report], workers=1)
        session.sync(batch)
        key = _carry(session, batch)
        actions, refused = session.status_actions([key], ReviewStatus.EXCEPTION, REASON)
        assert refused is None
        for a in actions:
            session.apply(a)
        (dongsheng,) = batch.reports
        done = session.report_state_action(dongsheng, ReportState.DONE)
        assert done is not None
        session.apply(done)

        text = report.read_text(encoding="utf-8")
        assert text.count(PUBLISHED) == 1
        report.write_text(text.replace(PUBLISHED, EDITED), encoding="utf-8")
        batch = audit_paths([report], workers=1)
        result = session.sync(batch)
        assert result is not None
        new_key = _carry(session, batch)
        (f,) = [f for f in batch.findings if f.key == new_key]
        assert "9 件" in f.message  # the figure the reload read
        review = session.review(new_key)
        assert review.status is ReviewStatus.EXCEPTION
        assert review.note == REASON
        assert new_key in result.changed
        assert new_key in session.changed()
        (dongsheng,) = batch.reports
        assert session.report_state(dongsheng) is ReportState.IN_PROGRESS
        assert result.reopened_reports
        assert session.mark_seen(new_key) or True  # the reviewer looks again
        assert new_key not in session.changed()
    finally:
        session.close()
