"""A folder with broken files: good ones load, broken ones listed with their reason, no dialog."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QApplication

from gik_desk.ui.dialogs.open_dialog import OpenDialog
from gik_desk.ui.models.batch_model import KindRole
from tests.ui.conftest import SEEDS


def test_open_folder_lists_broken_files_in_tree_without_dialog(
    qtbot, window, monkeypatch, tmp_path: Path, expected
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in expected["good_files_in_folder"]:
        shutil.copy(SEEDS / name, folder / name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.pdf").write_bytes(b"\x00\x01 this is not a pdf \xff" * 40)
    monkeypatch.setattr(OpenDialog, "ask", staticmethod(lambda *a, **k: [folder]))
    inserted_before_end: list[int] = []
    window.batch_model.rowsInserted.connect(
        lambda *_: inserted_before_end.append(1) if window.runner.is_running() else None
    )
    with qtbot.waitSignal(window.runner.finished, timeout=240_000):
        window.action("file.open_folder").trigger()
    assert QApplication.activeModalWidget() is None
    assert inserted_before_end, "the tree did not grow while files were loading"

    got = {(r.agency, r.year) for r in window.batch.reports}
    want = {(v["agency"], v["year"]) for v in expected["good_files_in_folder"].values()}
    assert got == want

    model = window.batch_model
    problems = {}
    for row in range(model.rowCount()):
        if model.index(row, 0).data(KindRole) == "problem":
            problems[model.index(row, 0).data()] = model.index(row, 1).data()
    assert set(problems) == {"empty.txt", "junk.pdf"}
    by_source = {Path(p.source).name: p for p in window.batch.problems}
    for name, shown in problems.items():
        reason = by_source[name].message
        assert reason
        assert shown == f"✖ {reason}"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in problems["empty.txt"])  # a Chinese reason
