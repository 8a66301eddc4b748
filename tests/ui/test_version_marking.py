"""Issue 23 on the desk: marking the 现行版本 says what changed, marks the version in the tree,
updates DUP-VERSION and the statistics, and is undone as one step; a new version never takes
over silently. Seed 002 (Dongsheng 2024) beside a copy with one more line."""

from __future__ import annotations

import shutil
from pathlib import Path

from gik_desk.model.review import ReviewStatus

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "002_fe52555f254f9b80.txt"


def _load(qtbot, window, paths) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.runner.finished, timeout=240_000):
        window.load_paths(paths)


def _rows(window):  # type: ignore[no-untyped-def]
    """(label, bold, tooltip) of each report row of the first body."""
    group = window.batch_model.item(0, 0)
    out = []
    for i in range(group.rowCount()):
        item = group.child(i, 0)
        out.append((item.text(), item.font().bold(), item.toolTip()))
    return out


def _dup(window, path: Path):  # type: ignore[no-untyped-def]
    report = next(r for r in window.batch.reports if Path(r.source) == path)
    return next(
        f for f in window.batch.findings if f.report_id == report.id and f.rule == "DUP-VERSION"
    )


def test_marking_the_current_version_is_said_shown_counted_and_undone(
    qtbot, window, tmp_path
) -> None:
    original = Path(shutil.copy(SEED, tmp_path / "东胜2024.txt"))
    _load(qtbot, window, [original])
    (carry,) = [f for f in window.batch.findings if f.rule == "APP-CARRY"]
    window.selection.choose_finding(carry)
    window.action("finding.status.2").trigger()  # 已确认 on the version first seen
    copy = tmp_path / "东胜2024更正.txt"
    copy.write_text(SEED.read_text(encoding="utf-8") + "\n(更正稿)\n", encoding="utf-8")
    _load(qtbot, window, [copy])  # added beside it: never takes over
    current = [Path(r.source) for r in window.batch.reports if r.current]
    assert current == [original]
    rows = _rows(window)
    assert [bold for _t, bold, _tip in rows] == [True, False]  # the current one stands out
    assert "现行版本" in rows[0][2]
    assert "TXT · 东胜2024.txt · 现行版本（计入统计和审核意见）" in rows[0][2]
    assert "现行版本为「东胜2024.txt」" in _dup(window, copy).message

    copied = next(r for r in window.batch.reports if Path(r.source) == copy)
    window.selection.choose_report(copied.id)
    window.action("report.current_version").trigger()
    said = window.status_label.text()
    assert "已将「东胜2024更正.txt」标为现行版本" in said
    assert "「东胜2024.txt」上的 1 个审核决定不再计入统计和审核意见" in said
    assert [Path(r.source) for r in window.batch.reports if r.current] == [copy]
    assert "现行版本为「东胜2024更正.txt」" in _dup(window, original).message
    rows = _rows(window)
    assert [bold for _t, bold, _tip in rows] == [False, True]
    assert rows[1][0].endswith("· 现行版本")
    counted = window.batch.current()
    assert {Path(r.source) for r in counted.reports} == {copy}
    assert window.session.review(carry.key).status is ReviewStatus.CONFIRMED  # kept, not counted

    window.session.undo_stack.undo()
    assert [Path(r.source) for r in window.batch.reports if r.current] == [original]
    assert "现行版本为「东胜2024.txt」" in _dup(window, copy).message
    assert "东胜2024.txt" in window.status_label.text()
    assert _rows(window)[0][1] is True
