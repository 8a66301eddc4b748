"""The tree grows file by file without resets, and a burst of finished files is spread over turns
of the event loop (benchmarks/gui.py measures the stall; these tests pin the mechanism)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gik_desk.model import Report
from gik_desk.model.batch import Batch
from gik_desk.ui.dialogs.open_dialog import OpenDialog
from gik_desk.ui.main_window_files import PARTIAL_SLICE_FILES
from gik_desk.ui.models.batch_model import KindRole, ReportIdRole
from tests.ui.conftest import SEED_FILES


def _tree_report_ids(window) -> set[str]:  # type: ignore[no-untyped-def]
    """Report ids the tree view shows (through its filter proxy)."""
    proxy = window.batch_view.proxy
    out: set[str] = set()
    for g in range(proxy.rowCount()):
        group = proxy.index(g, 0)
        for r in range(proxy.rowCount(group)):
            rid = proxy.index(r, 0, group).data(ReportIdRole)
            if rid:
                out.add(str(rid))
    return out


def _by_file(batch: Batch) -> list[list[Report]]:
    files: dict[str, list[Report]] = {}
    for r in batch.reports:
        files.setdefault(r.source, []).append(r)
    return list(files.values())


def test_loading_seeds_never_resets_the_tree(qtbot, window, monkeypatch) -> None:
    resets: list[int] = []
    window.batch_model.modelReset.connect(lambda: resets.append(1))
    monkeypatch.setattr(OpenDialog, "ask", staticmethod(lambda *a, **k: list(SEED_FILES)))
    with qtbot.waitSignal(window.runner.finished, timeout=240_000):
        window.action("file.open").trigger()
    assert resets == []  # the finished batch joined the tree built while loading
    first = window.batch_model.index(0, 0)
    assert not window.batch_model.flags(first) & Qt.ItemFlag.ItemIsEditable  # a tree, not a form
    assert _tree_report_ids(window) == {r.id for r in window.batch.reports}
    assert len(window.batch.reports) == 19  # 5 seed files, 19 reports (tests/data/seeds)


def test_a_burst_of_finished_files_joins_the_tree_over_several_turns(
    qtbot, window, seed_batch
) -> None:
    files = _by_file(seed_batch)
    assert len(files) == 5
    many = files * 3  # 15 payloads arriving at once, as a chunk of worker results does
    seen: list[int] = []
    for reports in many:
        window.files.on_partial((reports, []))
        seen.append(len(_tree_report_ids(window)))
    # only the first file went in at once; the others wait for the event loop
    assert seen == [len(files[0])] * len(many)
    QApplication.processEvents()  # one turn: one slice more
    first_turn = len(window.files._queue)
    assert first_turn == len(many) - 1 - PARTIAL_SLICE_FILES
    qtbot.waitUntil(lambda: not window.files._queue)
    assert _tree_report_ids(window) == {r.id for r in seed_batch.reports}
    window.set_batch(seed_batch)
    assert _tree_report_ids(window) == {r.id for r in seed_batch.reports}


def test_a_different_batch_replaces_the_tree(qtbot, window, seed_batch) -> None:
    window.set_batch(seed_batch)
    first_file = _by_file(seed_batch)[0]
    smaller = Batch(
        reports=first_file,
        problems=[],
        sources=[first_file[0].source],
    )
    window.set_batch(smaller)
    assert _tree_report_ids(window) == {r.id for r in first_file}
    kinds = {
        window.batch_model.index(i, 0).data(KindRole) for i in range(window.batch_model.rowCount())
    }
    assert kinds == {"group"}
    assert window.selection.report is not None
    assert Path(window.selection.report.source) == Path(first_file[0].source)
