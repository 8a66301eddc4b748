"""Issue 27: the desk reads a returned workbook on a watched worker, shown on the job bar, and
取消 stops it: nothing is imported and the reviewer is told."""

from __future__ import annotations

import time

import pytest

from gik_desk import services
from gik_desk.jobs import Progress
from gik_desk.ui.dialogs.open_dialog import ExportDialog
from gik_desk.ui.review_import import ImportReviewDialog

pytestmark = pytest.mark.timeout(240)


def test_reading_a_returned_workbook_can_be_cancelled(
    qtbot, window, seed_batch, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    window.set_batch(seed_batch)
    exported = tmp_path / "审核表.xlsx"
    monkeypatch.setattr(ExportDialog, "ask", staticmethod(lambda *a, **k: exported))
    with qtbot.waitSignal(window.export_runner.finished, timeout=120_000):
        window.action("file.export").trigger()
    ws = window.session.workspace
    before = {k: (r.status, r.note) for k, r in ws.reviews().items()}
    events = len(ws.events())

    monkeypatch.setattr(ImportReviewDialog, "ask", staticmethod(lambda *a, **k: exported))
    real = services.review_workbook_job

    def held(path, cancel=None, **kw):  # type: ignore[no-untyped-def]
        """The real read, held at its start until 取消 is pressed: on a quiet machine the read
        would otherwise finish before the click, and the test would race it."""
        deadline = time.monotonic() + 30
        while cancel is not None and not cancel.cancelled and time.monotonic() < deadline:
            yield Progress(0, 1, "读取审核表")
            time.sleep(0.02)
        return (yield from real(path, cancel, **kw))

    monkeypatch.setattr(services, "review_workbook_job", held)
    importer = window.files.review_import
    with qtbot.waitSignal(importer.runner.started, timeout=10_000):
        window.action("file.import_review").trigger()
    assert window.jobs.busy()  # the bar shows the read, with its 取消
    with qtbot.waitSignal(importer.runner.cancelled, timeout=60_000):
        window.cancel_button.click()

    assert window.status_label.text() == "已取消导入审核表。"
    assert importer.dialog is None
    assert {k: (r.status, r.note) for k, r in ws.reviews().items()} == before
    assert len(ws.events()) == events
