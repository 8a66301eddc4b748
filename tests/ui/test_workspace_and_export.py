"""File menu: workspaces (new, open, save as, recent) and the workbook export off the UI thread."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from PySide6.QtGui import QImage

from gik_desk.model.review import ReviewStatus
from gik_desk.ui import settings as cfg
from gik_desk.ui.dialogs.open_dialog import ExportDialog, WorkspaceDialog
from tests.ui.conftest import TIANQIAO


def _sheet_names(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/workbook.xml").decode("utf-8")


def test_export_whole_batch_and_current_report(qtbot, window, seed_batch, monkeypatch, tmp_path):
    window.set_batch(seed_batch)
    out = tmp_path / "审核表.xlsx"
    monkeypatch.setattr(ExportDialog, "ask", staticmethod(lambda *a, **k: out))
    with qtbot.waitSignal(window.export_runner.finished, timeout=120_000):
        window.action("file.export").trigger()
    assert out.exists()
    assert "<sheet " in _sheet_names(out)
    assert window.status_label.text() == f"已导出：{out}"
    one = tmp_path / "one.xlsx"
    monkeypatch.setattr(ExportDialog, "ask", staticmethod(lambda *a, **k: one))
    with qtbot.waitSignal(window.export_runner.finished, timeout=120_000):
        window.action("file.export_report").trigger()
    assert one.exists()
    assert one.stat().st_size < out.stat().st_size  # one report, not the whole batch


def test_new_workspace_then_save_as_keeps_reviews(qtbot, window, seed_batch, monkeypatch, tmp_path):
    window.set_batch(seed_batch)
    fresh = tmp_path / "第二个.gikdb"
    monkeypatch.setattr(WorkspaceDialog, "ask", staticmethod(lambda *a, **k: fresh))
    window.action("workspace.new").trigger()
    assert window.session.path == fresh
    f = seed_batch.findings[0]
    window.selection.choose_finding(f)
    window.action("finding.status.4").trigger()
    copy = tmp_path / "副本.gikdb"
    monkeypatch.setattr(WorkspaceDialog, "ask", staticmethod(lambda *a, **k: copy))
    window.action("workspace.save_as").trigger()
    assert window.session.path == copy
    assert window.session.workspace.review(f.key).status is ReviewStatus.NEEDS_FIX
    recent = cfg.Settings().get(cfg.RECENT_WORKSPACES)
    assert recent[:2] == [str(copy), str(fresh)]
    monkeypatch.setattr(WorkspaceDialog, "ask", staticmethod(lambda *a, **k: fresh))
    window.action("workspace.open").trigger()
    assert window.session.path == fresh


def test_refused_workspace_is_reported_in_the_status_bar(qtbot, window, monkeypatch, tmp_path):
    junk = tmp_path / "junk.gikdb"
    junk.write_bytes(b"not a database at all" * 10)
    monkeypatch.setattr(WorkspaceDialog, "ask", staticmethod(lambda *a, **k: junk))
    window.action("workspace.open").trigger()
    assert window.session.path == tmp_path / "review.gikdb"  # the old one stays open
    assert "已损坏" in window.status_label.text()


def test_screenshot_command_line_in_a_fresh_process(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "cfg"),
        GIK_DESK_DATA_DIR=str(tmp_path / "data"),
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "gik_desk",
            "--lang",
            "zh_CN",
            "--screenshot",
            str(out),
            str(TIANQIAO),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert image.width() == 1600
    assert image.height() == 1000
