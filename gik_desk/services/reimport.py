"""Reviewer edits made in Excel or WPS, back into the workspace (issue 16): the facade the CLI
(``gik-desk import-review``) and the desk (文件 ▸ 导入审核表…) both call.

Reading the workbook touches no workspace, so the desk runs it off the UI thread
(:func:`review_workbook_job`) and plans on the UI thread, where its workspace connection lives.
The export layer loads only when a workbook is read: the window imports this module at start
and must stay light (tests/ui/test_startup.py). ``ImportPlan``, ``ReviewWorkbook`` and
``ReimportError`` are served from ``gik_desk.reimport.workbook`` on first use.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gik_desk.jobs import CancelToken, Progress

if TYPE_CHECKING:
    from gik_desk.reimport.workbook import ImportPlan as ImportPlan
    from gik_desk.reimport.workbook import ReimportError as ReimportError
    from gik_desk.reimport.workbook import ReviewWorkbook as ReviewWorkbook
    from gik_desk.workspace import Workspace

_LAZY = ("ImportPlan", "ReimportError", "ReviewWorkbook")
__all__ = [
    *_LAZY,
    "import_review",
    "plan_review_import",
    "read_review_workbook",
    "review_workbook_job",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from gik_desk.reimport import workbook as reimport

        return getattr(reimport, name)
    raise AttributeError(f"module 'gik_desk.services.reimport' has no attribute {name!r}")


def read_review_workbook(path: str | os.PathLike[str]) -> ReviewWorkbook:
    """Read a returned workbook (``ReimportError`` when it cannot be imported at all)."""
    from gik_desk.reimport.workbook import read_review_workbook as read

    return read(path)


def review_workbook_job(
    path: str | os.PathLike[str], cancel: CancelToken | None = None
) -> Generator[Progress, None, ReviewWorkbook]:
    """Read a returned workbook as a job (one step: calamine reads it in one go)."""
    yield Progress(0, 1, f"读取审核表 {Path(path).name}")
    if cancel is not None:
        cancel.check()
    return read_review_workbook(path)


def plan_review_import(book: ReviewWorkbook, workspace: Workspace) -> ImportPlan:
    """Set a read workbook against an open workspace: applied, conflicts, rejected rows."""
    from gik_desk.reimport.workbook import plan_import

    return plan_import(book, workspace.reviews())


def import_review(
    workbook: str | os.PathLike[str],
    workspace: str | os.PathLike[str],
    *,
    reviewer: str | None = None,
) -> ImportPlan:
    """Read ``workbook``, apply its changes to ``workspace`` as ONE action logged under
    ``reviewer`` (default: the workspace's reviewer) with the workbook as source.

    Raises ``ReimportError`` (the workbook) or ``WorkspaceError`` (the workspace).
    """
    from gik_desk.workspace import Workspace

    book = read_review_workbook(workbook)
    with Workspace.open(Path(workspace), create=False) as ws:
        plan = plan_review_import(book, ws)
        action = plan.action
        if action is not None:
            ws.apply(action, who=reviewer or ws.reviewer)
    return plan
