"""Reviewer edits made in Excel or WPS, back into the workspace (issue 16): the facade the CLI
(``gik-desk import-review``) and the desk (文件 ▸ 导入审核表…) both call.

Reading the workbook touches no workspace, so the desk runs it off the UI thread
(:func:`review_workbook_job`) and plans on the UI thread, where its workspace connection lives.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path

from gik_desk.export.reimport import (
    ImportPlan,
    ReimportError,
    ReviewWorkbook,
    plan_import,
    read_review_workbook,
)
from gik_desk.jobs import CancelToken, Progress
from gik_desk.workspace import Workspace

__all__ = [
    "ImportPlan",
    "ReimportError",
    "ReviewWorkbook",
    "import_review",
    "plan_review_import",
    "read_review_workbook",
    "review_workbook_job",
]


def review_workbook_job(
    path: str | os.PathLike[str], cancel: CancelToken | None = None
) -> Generator[Progress, None, ReviewWorkbook]:
    """Read a returned workbook as a job (one step: calamine reads it in one go)."""
    name = Path(path).name
    yield Progress(0, 1, f"读取审核表 {name}")
    if cancel is not None:
        cancel.check()
    return read_review_workbook(path)


def plan_review_import(book: ReviewWorkbook, workspace: Workspace) -> ImportPlan:
    """Set a read workbook against an open workspace: applied, conflicts, rejected rows."""
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
    book = read_review_workbook(workbook)
    with Workspace.open(Path(workspace), create=False) as ws:
        plan = plan_review_import(book, ws)
        action = plan.action
        if action is not None:
            ws.apply(action, who=reviewer or ws.reviewer)
    return plan
