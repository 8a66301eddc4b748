"""Issue 24's smaller desk fixes, each on the real window: the letters' folder defaults to the
workspace's folder."""

from __future__ import annotations

from pathlib import Path

from gik_desk.ui import settings as cfg
from gik_desk.ui.letters import LettersDialog


def test_letters_default_to_the_workspaces_folder(window, seed_batch, monkeypatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    window.settings.set(cfg.LAST_DIR, str(tmp_path / "opened" / "elsewhere"))
    window.set_batch(seed_batch)
    offered: list[str] = []

    def fake_ask(_parent, _chosen, folder, _letterhead, _office):  # type: ignore[no-untyped-def]
        offered.append(folder)
        # None: the reviewer cancelled

    monkeypatch.setattr(LettersDialog, "ask", staticmethod(fake_ask))
    window.action("review.letters").trigger()
    assert offered == [str(tmp_path / "审核意见")]  # the window fixture's review.gikdb is here
