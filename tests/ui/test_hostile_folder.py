"""Issue 6: a folder of seeds and hostile files through the window's batch loader.

The window stays usable (a heartbeat QTimer keeps firing while files load, no modal dialog
appears), each bad file is a row of the tree with its reason, and the good files' findings show.
Builders come from tests/unit/hostile/hostile_files.py (no project code makes the bad files).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gik_desk.ui.dialogs.open_dialog import OpenDialog
from gik_desk.ui.models.batch_model import KindRole
from gik_desk.ui.views.findings_view import SCOPE_BATCH
from tests.ui.conftest import SEED_FILES
from tests.ui.test_desk_linking import _choose_report_in_tree
from tests.unit.hostile import hostile_files as hf

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.slow
def test_hostile_folder_loads_good_files_lists_bad_ones_and_never_blocks(
    qtbot, window, monkeypatch, tmp_path: Path, expected
) -> None:
    folder = tmp_path / "批次"
    folder.mkdir()
    good = [hf.copy_good(folder, seed) for seed in SEED_FILES]
    bad = {
        hf.empty_txt(folder).name,
        hf.junk_txt(folder).name,
        hf.junk_doc(folder).name,
        hf.zip_bomb_docx(folder).name,
        hf.deep_html(folder, depth=10_000).name,
        hf.image_only_pdf(folder).name,
        hf.colspan_html(folder, rows=300).name,  # 300 × 1000 slots: over the table budget
    }
    huge = folder / "超大.txt"  # over the size cap (sparse: refused before a byte is read)
    with huge.open("wb") as fh:
        fh.truncate(60 * 1024 * 1024)
    bad.add(huge.name)
    monkeypatch.setattr(OpenDialog, "ask", staticmethod(lambda *a, **k: [folder]))

    beats_while_loading: list[int] = []
    modal_seen: list[str] = []

    def beat() -> None:
        if window.runner.is_running():
            beats_while_loading.append(1)
        modal = QApplication.activeModalWidget()
        if modal is not None:
            modal_seen.append(type(modal).__name__)

    heart = QTimer(window)
    heart.setInterval(10)
    heart.timeout.connect(beat)
    heart.start()
    try:
        ended: list[str] = []
        window.runner.finished.connect(lambda _r: ended.append("finished"))
        window.runner.failed.connect(lambda msg: ended.append(f"failed: {msg}"))
        window.runner.cancelled.connect(lambda: ended.append("cancelled"))
        window.action("file.open_folder").trigger()
        qtbot.waitUntil(lambda: bool(ended), timeout=240_000)
    finally:
        heart.stop()
    assert ended == ["finished"], window.status_label.text()
    # the event loop kept turning while the worker read the files, and nothing modal popped up
    assert len(beats_while_loading) >= 3
    assert modal_seen == []
    assert QApplication.activeModalWidget() is None

    # every bad file is a row of the tree, with the reason it could not be read, in Chinese
    model = window.batch_model
    shown: dict[str, str] = {}
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(KindRole) == "problem":
            shown[index.data()] = model.index(row, 1).data()
    assert set(shown) == bad
    reasons = {Path(p.source).name: p.message for p in window.batch.problems}
    for name, text in shown.items():
        assert text == f"✖ {reasons[name]}"
        assert CJK.search(text), (name, text)

    # the good files load and their findings show
    assert {Path(r.source).name for r in window.batch.reports} == {p.name for p in good}
    tianqiao = [r for r in window.batch.reports if r.source.endswith(hf.TIANQIAO.name)]
    assert {r.year for r in tianqiao} == set(range(2008, 2023))
    window.findings_view.set_scope(SCOPE_BATCH)
    proxy = window.findings_proxy
    assert proxy.rowCount() == len(window.batch.findings) > 0
    exp = expected["tianqiao_2021"]
    report = _choose_report_in_tree(window, exp["agency"], exp["year"])
    window.findings_view.set_scope(0)  # the current report only
    rules = {proxy.finding(r).rule for r in range(proxy.rowCount())}
    assert {"APP-ROW", "APP-RESULTS"} <= rules
    assert window.tables_view.models["applications"].report() is report
