"""Issue 11 on the desk: every version is a row of the tree; a reviewer marks one 现行版本
through the undo stack; the dashboard and the tree agree on what counts.

Seed 001 (Tianqiao) beside a copy whose 2022 表三 (一)予以公开 自然人 reads 70 for 69.
"""

from __future__ import annotations

from pathlib import Path

from gik_desk.services import audit_paths

SEED_001 = Path(__file__).resolve().parents[1] / "data" / "seeds" / "001_711b86d480afee15.txt"
PUBLISHED = "三、本年度办理结果 | (一)予以公开 | 69 |"
CHANGED = "三、本年度办理结果 | (一)予以公开 | 70 |"
BODY_2022 = "济南市天桥区人民政府|2022"


def _load(window, tmp_path: Path):  # type: ignore[no-untyped-def]
    d = tmp_path / "批次"
    d.mkdir()
    original = d / "001.txt"
    original.write_text(SEED_001.read_text(encoding="utf-8"), encoding="utf-8")
    copy = d / "001_更正.txt"
    copy.write_text(original.read_text(encoding="utf-8").replace(PUBLISHED, CHANGED), "utf-8")
    window.set_batch(audit_paths([d], workers=1))
    return original, copy


def _report(window, path: Path, year: int):  # type: ignore[no-untyped-def]
    return next(r for r in window.batch.reports if Path(r.source) == path and r.year == year)


def test_tree_shows_every_version_under_its_body(window, tmp_path: Path) -> None:
    _load(window, tmp_path)
    ids = window.batch_model.report_ids()
    assert len(ids) == len(window.batch.reports) == 30
    group = window.batch_model.item(0, 0)
    assert group.rowCount() == 30  # one body, both files' fifteen years
    labels = [group.child(i, 0).text() for i in range(group.rowCount())]
    assert labels.count("2022年") == 1  # the first version: the year alone
    assert "2022年 · 001_更正.txt" in labels


def test_mark_current_version_from_the_tree_and_undo(window, tmp_path: Path) -> None:
    original, copy = _load(window, tmp_path)
    action = window.action("report.current_version")
    assert action in window.batch_view.tree.actions()  # the tree's context menu
    assert _report(window, original, 2022).current
    window.selection.choose_report(_report(window, copy, 2022).id)
    action.trigger()
    chosen = _report(window, copy, 2022)
    assert window.session.current_versions() == {BODY_2022: chosen.version}
    assert chosen.current
    assert not _report(window, original, 2022).current
    assert _report(window, original, 2021).current  # other years keep their default
    group = window.batch_model.item(0, 0)
    labels = [group.child(i, 0).text() for i in range(group.rowCount())]
    assert "2022年 · 001_更正.txt · 现行版本" in labels
    assert "2022年 · 001.txt" in labels
    counted = window.batch.current()
    assert len(counted.reports) == 15
    assert chosen.id in {r.id for r in counted.reports}
    window.session.undo_stack.undo()
    assert window.session.current_versions() == {}
    assert _report(window, original, 2022).current
    assert not _report(window, copy, 2022).current


def test_detail_pane_lists_the_differing_cell_side_by_side(window, tmp_path: Path) -> None:
    _original, copy = _load(window, tmp_path)
    report = _report(window, copy, 2022)
    (dup,) = [
        f for f in window.batch.findings if f.report_id == report.id and f.rule == "DUP-VERSION"
    ]
    window.detail_view.show_finding(dup, None, {})
    text = window.detail_view.body.text()
    assert "与「001.txt」逐格比较（本版 | 该版）：" in text
    assert "表三 → (一)予以公开 → 自然人：70 | 69" in text
