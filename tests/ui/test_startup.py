"""Start-up stays light: the window's modules do not import the parse stack, pandas or openpyxl."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from gik_desk.ui import settings as cfg

HEAVY = (
    "pandas",
    "openpyxl",
    "pdfplumber",
    "docx",
    "gik_desk.parse",
    "gik_desk.rules",
    "gik_desk.export",
    "lxml",
)


def test_window_modules_do_not_import_heavy_libraries() -> None:
    code = (
        "import json, sys\n"
        "import gik_desk.__main__, gik_desk.ui.app, gik_desk.ui.main_window\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_settings_are_typed_with_defaults_and_recent_lists(qapp, tmp_path) -> None:
    s = cfg.Settings()
    assert s.path.startswith(str(tmp_path))
    assert s.get(cfg.RECENT_FILES) == []
    assert s.get(cfg.FONT_SIZE) == 0
    for i in range(cfg.MAX_RECENT + 3):
        s.push_recent(cfg.RECENT_FILES, f"/r/{i}.txt")
    s.push_recent(cfg.RECENT_FILES, "/r/5.txt")
    again = cfg.Settings().get(cfg.RECENT_FILES)
    assert again[0] == "/r/5.txt"
    assert len(again) == cfg.MAX_RECENT
    assert again.count("/r/5.txt") == 1
    s.set(cfg.FONT_SIZE, 12)
    assert cfg.Settings().get(cfg.FONT_SIZE) == 12


def test_the_first_paint_loads_no_workspace_pool_or_original_reader(tmp_path) -> None:
    """The window shows before the workspace store, the process pool, the 原件 reader and the
    controllers of commands nobody chose yet are imported (issue 26, cold start)."""
    later = (
        "gik_desk.workspace",
        "gik_desk.pool",
        "multiprocessing",
        "gik_desk.original",
        "gik_desk.services.review",
        "gik_desk.ui.letters",
        "gik_desk.ui.rectification",
    )
    code = (
        "import json, sys\n"
        "from gik_desk.ui.app import application\n"
        "from gik_desk.ui.main_window import MainWindow\n"
        "app = application()\n"
        "window = MainWindow()\n"
        "window.show()\n"
        "app.processEvents()\n"
        f"print(json.dumps(sorted(m for m in {later!r} if m in sys.modules)))\n"
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path),
        GIK_DESK_DATA_DIR=str(tmp_path),
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=env,
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
