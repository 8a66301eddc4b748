"""Issue 23 on the desk (real widgets): a reload that changes a figure keeps the reviewer's
例外 and its reason, marked 已变化 in the list until the finding is shown again, and sends the
signed-off report back to 审核中 with a message; 已完成 with findings still 待核实 asks first.

Seed 002 is Dongsheng 2024: 正文 "受理政府信息公开申请8件" (APP-CARRY, TPL-LABEL)."""

from __future__ import annotations

import shutil
from pathlib import Path

from gik_desk.model.review import ReportState, ReviewStatus
from gik_desk.ui.dialogs import review_dialogs, sign_off
from gik_desk.ui.models.findings_model import COL_STATUS

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "002_fe52555f254f9b80.txt"
PUBLISHED = "全年共受理政府信息公开申请8件"
EDITED = "全年共受理政府信息公开申请9件"
REASON = "正文另附说明:1件申请转交其他机关办理"


def _load(qtbot, window, paths) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.runner.finished, timeout=240_000):
        window.load_paths(paths)


def _finding(window, rule: str):  # type: ignore[no-untyped-def]
    return next(f for f in window.batch.findings if f.rule == rule)


def _status_text(window, key: str) -> str:  # type: ignore[no-untyped-def]
    model = window.findings_model
    row = next(i for i, f in enumerate(model.findings()) if f.key == key)
    return str(model.index(row, COL_STATUS).data())


def test_reload_keeps_the_exception_marked_changed_and_reopens_the_report(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    copy = Path(shutil.copy(SEED, tmp_path / "东胜2024.txt"))
    _load(qtbot, window, [copy])
    monkeypatch.setattr(review_dialogs, "ask_reason", lambda *a, **k: REASON)
    for rule, action in (("APP-CARRY", "finding.status.5"), ("TPL-LABEL", "finding.status.2")):
        window.selection.choose_finding(_finding(window, rule))
        window.action(action).trigger()
    carry = _finding(window, "APP-CARRY")
    assert window.session.review(carry.key).status is ReviewStatus.EXCEPTION
    window.action("report.state.done").trigger()  # every finding judged: no question
    (report,) = window.batch.reports
    assert window.session.report_state(report) is ReportState.DONE

    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace(PUBLISHED, EDITED), encoding="utf-8")
    with qtbot.waitSignal(window.runner.finished, timeout=240_000):
        window.action("file.reload").trigger()
    again = _finding(window, "APP-CARRY")
    assert "9 件" in again.message
    review = window.session.review(again.key)
    assert review.status is ReviewStatus.EXCEPTION
    assert review.note == REASON
    assert _status_text(window, again.key).startswith("例外")
    assert "已变化" in _status_text(window, again.key)
    (report,) = window.batch.reports
    assert window.session.report_state(report) is ReportState.IN_PROGRESS
    shown = window.status_label.text()
    assert "1 个已审核问题的数字有变化" in shown
    assert "1 份已完成的报告因此改回“审核中”" in shown
    window.selection.choose_finding(again)  # the reviewer looks again
    assert "已变化" not in _status_text(window, again.key)


def test_done_with_pending_findings_asks_first(qtbot, window, tmp_path, monkeypatch) -> None:
    copy = Path(shutil.copy(SEED, tmp_path / "东胜2024.txt"))
    _load(qtbot, window, [copy])
    asked: list[int] = []

    def refuse(_parent, _report, pending):  # type: ignore[no-untyped-def]
        asked.append(pending)
        return False

    monkeypatch.setattr(sign_off, "confirm_done_with_pending", refuse)
    (report,) = window.batch.reports
    window.action("report.state.done").trigger()
    assert asked == [2]  # APP-CARRY and TPL-LABEL still 待核实
    assert window.session.report_state(report) is not ReportState.DONE
    assert "还有 2 个问题待核实" in window.status_label.text()
    monkeypatch.setattr(sign_off, "confirm_done_with_pending", lambda *a: True)
    window.action("report.state.done").trigger()
    assert window.session.report_state(report) is ReportState.DONE
