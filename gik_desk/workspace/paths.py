"""Where the reviewer's default workspace lives (platformdirs, overridable for tests and admins)."""

from __future__ import annotations

import os
from pathlib import Path

from gik_desk.model.formats import APP_NAME

DATA_DIR_ENV = "GIK_DESK_DATA_DIR"
DEFAULT_NAME = "workspace.gikdb"


def data_dir() -> Path:
    """``$GIK_DESK_DATA_DIR`` if set, else the user's data dir (%LOCALAPPDATA%, ~/.local/share)."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_workspace_path() -> Path:
    return data_dir() / DEFAULT_NAME


SAMPLE_NAME = "samples.gikdb"


def sample_workspace_path() -> Path:
    """Where the bundled samples are reviewed: a workspace of their own (issue 23)."""
    return data_dir() / SAMPLE_NAME
