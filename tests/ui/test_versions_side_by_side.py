"""Issue 23: versions side by side, opened from the DUP-VERSION finding: the two versions'
tables with the differing cells marked. Seed 001 (Tianqiao) beside a copy whose 2022 表三
(一)予以公开 自然人 reads 70 instead of the published 69."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QTableWidget

from gik_desk.services import audit_paths
from gik_desk.ui.dialogs.versions_dialog import VersionsDialog

SEED_001 = Path(__file__).resolve().parents[1] / "data" / "seeds" / "001_711b86d480afee15.txt"
PUBLISHED = "三、本年度办理结果 | (一)予以公开 | 69 |"
CHANGED = "三、本年度办理结果 | (一)予以公开 | 70 |"


def _load(window, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    d = tmp_path / "批次"
    d.mkdir()
    original = d / "001.txt"
    original.write_text(SEED_001.read_text(encoding="utf-8"), encoding="utf-8")
    copy = d / "001_更正.txt"
    copy.write_text(original.read_text(encoding="utf-8").replace(PUBLISHED, CHANGED), "utf-8")
    window.set_batch(audit_paths([d], workers=1))
    return copy


def test_the_dup_version_finding_opens_both_tables_with_the_difference_marked(
    qtbot, window, tmp_path
) -> None:
    copy = _load(window, tmp_path)
    report = next(r for r in window.batch.reports if Path(r.source) == copy and r.year == 2022)
    (dup,) = [
        f for f in window.batch.findings if f.report_id == report.id and f.rule == "DUP-VERSION"
    ]
    window.selection.choose_finding(dup)
    button = window.detail_view.related
    assert button.isVisible()
    assert button.text() == "并排比较各版本"  # not "跳转到对比年份的报告"
    button.click()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, VersionsDialog)]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    qtbot.addWidget(dialog)
    assert "001_更正.txt" in dialog.windowTitle()
    assert "001.txt" in dialog.windowTitle()
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "表三"
    split = dialog.tabs.currentWidget()
    here, there = split.widget(0), split.widget(1)  # this version left, the other right
    assert isinstance(here, QTableWidget)
    assert isinstance(there, QTableWidget)
    marked = dialog.marked_cells()
    assert marked == [("表三", "(一)予以公开", "自然人", "70", "69")]
    row, col = dialog.position("applications", "granted", "natural")
    assert here.item(row, col).text() == "70"
    assert there.item(row, col).text() == "69"
    assert here.item(row, col).font().bold()
    assert not here.item(row, col + 1).font().bold()  # an equal cell is not marked
    dialog.close()


def test_a_year_over_year_finding_keeps_its_jump_button(qtbot, window, tmp_path) -> None:
    _load(window, tmp_path)
    yoy = next(f for f in window.batch.findings if f.rule.startswith("YOY-"))
    window.selection.choose_finding(yoy)
    assert window.detail_view.related.text() == "跳转到对比年份的报告"
