"""Exports: the JSON audit (OUTPUT.md), the reviewer's workbook, the batch frames.

Names load lazily: openpyxl and pandas cost start-up time the GUI and CLI need not pay up front.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "json_doc": "gik_desk.export.json",
    "write_json": "gik_desk.export.json",
    "write_workbook": "gik_desk.export.xlsx",
    "reports_frame": "gik_desk.export.frames",
    "findings_frame": "gik_desk.export.frames",
    "cells_frame": "gik_desk.export.frames",
    "dashboard_figures": "gik_desk.export.frames",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gik_desk.export' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
