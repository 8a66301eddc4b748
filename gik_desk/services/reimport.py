"""Reviewer edits made in Excel or WPS, back into the workspace (issue 16): the facade the CLI
(``gik-desk import-review``) and the desk (文件 ▸ 导入审核表…) both call.

Reading the workbook touches no workspace, so the desk runs it off the UI thread
(:func:`review_workbook_job`) and plans on the UI thread, where its workspace connection lives.
The export layer loads only when a workbook is read: the window imports this module at start
and must stay light (tests/ui/test_startup.py). ``ImportPlan``, ``ReviewWorkbook`` and
``ReimportError`` are served from ``gik_desk.reimport.workbook`` on first use.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from gik_desk.jobs import CancelToken, Progress
from gik_desk.workspace.errors import ReviewConflict

if TYPE_CHECKING:
    from gik_desk.reimport.workbook import ImportPlan as ImportPlan
    from gik_desk.reimport.workbook import ReimportError as ReimportError
    from gik_desk.reimport.workbook import ReviewWorkbook as ReviewWorkbook
    from gik_desk.workspace import ImportReview, Workspace

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


def _read_in_worker(path: str, limits: Any) -> tuple[list[Any], list[Any]]:
    """The pool's file function for a returned workbook: the book, or why it was refused."""
    from gik_desk.model import Problem
    from gik_desk.reimport.workbook import ReimportError

    try:
        return [read_review_workbook(path)], []
    except ReimportError as exc:
        return [], [Problem(source=path, code=exc.code, message=exc.message)]


_WATCHDOG = {
    "timeout": "读取超过 {s:.0f} 秒，已停止(文件可能被异常构造)",
    "out-of-memory": "读取所需内存超过 {mb} MB，已停止(文件可能被异常构造)",
    "worker-crash": "读取时后台进程意外退出(文件可能已损坏或被异常构造)",
}


def review_workbook_job(
    path: str | os.PathLike[str],
    cancel: CancelToken | None = None,
    *,
    timeout_s: float | None = None,
    read: Callable[[str, Any], tuple[list[Any], list[Any]]] | None = None,
) -> Generator[Progress, None, ReviewWorkbook]:
    """Read a returned workbook as a job, in a worker process under the same watchdog as an
    input file (time, memory; issue 27), cancelled within a fraction of a second. ``read`` is
    the worker's function (module-level; tests give one that never ends, to meet the watchdog).

    Raises ``ReimportError`` for a workbook refused whole, past the watchdog included."""
    from gik_desk import pool
    from gik_desk.reimport.workbook import ReimportError

    name = Path(path).name
    yield Progress(0, 1, f"读取审核表 {name}")
    if cancel is not None:
        cancel.check()
    results: dict[int, Any] = {}
    limit = pool.FILE_TIMEOUT_S if timeout_s is None else timeout_s
    work = read or _read_in_worker
    yield from pool.run_pool([Path(path)], cancel, work, None, 1, limit, results)
    books, problems = results[0]
    if books:
        yield Progress(1, 1, f"读取审核表 {name}")
        return books[0]  # type: ignore[no-any-return]
    p = problems[0]
    why = _WATCHDOG.get(p.code)
    if why is not None:
        text = why.format(s=limit, mb=pool.WORKER_MEMORY_MB)
        raise ReimportError(p.code, f"无法读取审核表「{name}」：{text}。")
    raise ReimportError(p.code, p.message)


def plan_review_import(book: ReviewWorkbook, workspace: Workspace) -> ImportPlan:
    """Set a read workbook against an open workspace: applied, conflicts, rejected rows.
    Raises ``ReimportError`` for a workbook exported from another workspace."""
    from gik_desk.reimport.workbook import check_origin, plan_import

    check_origin(book, workspace.identity(), str(workspace.path))
    plan = plan_import(book, workspace.reviews(), workspace.outward_texts())
    return dataclasses.replace(plan, damaged=workspace.damage())


def import_review(
    workbook: str | os.PathLike[str],
    workspace: str | os.PathLike[str],
    *,
    reviewer: str | None = None,
    claimed: str | None = None,
) -> ImportPlan:
    """Read ``workbook``, apply its changes to ``workspace`` as ONE action logged under
    ``reviewer`` (default: the workspace's reviewer) with the workbook as source. On a team
    workspace the role is the reviewer: ``claimed`` (a typed ``--reviewer``) must be it.

    Raises ``ReimportError`` (the workbook) or ``WorkspaceError`` (the workspace).
    """
    from gik_desk.jobs import run_to_end
    from gik_desk.workspace import Workspace

    book = run_to_end(review_workbook_job(workbook))
    from gik_desk.services.team import check_team_reviewer, workspace_target

    with Workspace.open(workspace_target(workspace), create=False) as ws:
        if ws.is_team:  # the reviewer is the database role: the server writes it (issue 28)
            check_team_reviewer(ws.reviewer, claimed)
        plan = plan_review_import(book, ws)
        action = plan.action
        if action is not None:
            try:
                ws.apply(action, who=reviewer or ws.reviewer)
            except ReviewConflict as exc:  # a colleague changed findings since the plan
                plan = with_conflicts(plan, exc)
                if exc.rest is not None:
                    ws.apply(cast("ImportReview", exc.rest), who=reviewer or ws.reviewer)
    return plan


def with_conflicts(plan: ImportPlan, conflict: ReviewConflict) -> ImportPlan:
    """The plan once the store refused some of its findings (issue 28: changed by a colleague
    between the plan and the write): those rows move from applied to conflicts, saying who
    changed them to what."""
    from gik_desk.reimport.workbook import RowIssue

    stale = {c.key: c for c in conflict.conflicts}
    moved = [a for a in plan.applied if a.change.key in stale]
    issues = []
    for a in moved:
        theirs = stale[a.change.key].theirs
        note = f"，备注“{theirs.note}”" if theirs.note else ""
        issues.append(
            RowIssue(
                a.row,
                f"第 {a.row} 行（{a.name}）：导入时已被 {theirs.who or '他人'} 改为"
                f"「{theirs.value}」{note}，未覆盖",
                a.change.key,
            )
        )
    return dataclasses.replace(
        plan,
        applied=tuple(a for a in plan.applied if a.change.key not in stale),
        conflicts=(*plan.conflicts, *issues),
        changes=tuple(c for c in plan.changes if c.key not in stale),
    )
