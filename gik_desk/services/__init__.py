"""The one door both faces use: ``ui/`` and ``cli/`` reach the core only through this package
(plus the plain data of ``model`` and the words of ``template``; an import-linter contract).

- ``batch``: open files into a ``Batch`` (parse on the process pool, then audit), extend an open
  batch, reload or remove files; every path re-unifies body names and version slots.
- ``pool``: the process-pool engine under ``batch`` (chunks, warm workers, watchdog, crashes).
- ``review``: ``ReviewSession``, the reviewer's session over a batch and its workspace: sync an
  audit (with rule versions), build and apply reviewer actions, say what each one changed.
- ``exports``: the workbook, JSON, the dashboard's figures and the rule catalogue's words;
  ``exporting``: the workbook as a cancellable job (issue 13).
- ``desk``: what the workspace remembers of the desk (files, place) and storing a batch's
  audit off the UI thread (issue 13); ``letters``: 审核意见 letters (issue 17).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from gik_desk.jobs import Cancelled, CancelToken, Job, Progress, run_to_end
from gik_desk.model.letter import LetterHead
from gik_desk.model.review import ReviewerAction
from gik_desk.services.batch import (
    audit_paths,
    extend_batch,
    follow_version_marks,
    list_files,
    open_batch,
    prepare_reports,
    reaudit_versions,
    reload_files,
    remove_files,
    run_audit,
)
from gik_desk.services.desk import (
    DeskPlace,
    FileChanges,
    Loaded,
    batch_files,
    changed_on_disk,
    file_changes,
    find_place,
    remember_files,
    remember_place,
    remembered_files,
    remembered_place,
    stored,
)
from gik_desk.services.exporting import export_workbook
from gik_desk.services.keying import CHANGED as KEYED_CHANGED
from gik_desk.services.keying import apply_keyed, keyable, stale
from gik_desk.services.letters import LettersResult, workspace_letters, write_letters
from gik_desk.services.lifecycle import (
    HistoryEntry,
    ReviewProgress,
    finding_history,
    local_time,
    reason_problem,
    review_progress,
    rule_title,
)
from gik_desk.services.original import (
    PageImage,
    cell_at,
    cell_boxes,
    document_html,
    finding_boxes,
    page_sizes,
    render_page,
)
from gik_desk.services.pool import (
    FileResult,
    ParseFile,
    default_workers,
    kill_workers,
    parse_file,
    shutdown_workers,
)
from gik_desk.services.review import Changed, ReviewSession, default_reviewer, rule_versions
from gik_desk.workspace.atomic import TargetRefusedError, check_target
from gik_desk.workspace.errors import WorkspaceError
from gik_desk.workspace.paths import default_workspace_path
from gik_desk.workspace.store import Workspace

if TYPE_CHECKING:
    from gik_desk.services.reimport import (
        ImportPlan,
        ReimportError,
        ReviewWorkbook,
        import_review,
        plan_review_import,
        read_review_workbook,
        review_workbook_job,
    )

# Loaded on first use: the window starts without the workbook reader (tests/ui/test_startup.py)
_LAZY = dict.fromkeys(
    (
        "ImportPlan",
        "ReimportError",
        "ReviewWorkbook",
        "import_review",
        "plan_review_import",
        "read_review_workbook",
        "review_workbook_job",
    ),
    "gik_desk.services.reimport",
)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gik_desk.services' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "KEYED_CHANGED",
    "CancelToken",
    "Cancelled",
    "Changed",
    "DeskPlace",
    "FileChanges",
    "FileResult",
    "HistoryEntry",
    "ImportPlan",
    "Job",
    "LetterHead",
    "LettersResult",
    "Loaded",
    "PageImage",
    "ParseFile",
    "Progress",
    "ReimportError",
    "ReviewProgress",
    "ReviewSession",
    "ReviewWorkbook",
    "ReviewerAction",
    "TargetRefusedError",
    "Workspace",
    "WorkspaceError",
    "apply_keyed",
    "audit_paths",
    "batch_files",
    "cell_at",
    "cell_boxes",
    "changed_on_disk",
    "check_target",
    "default_reviewer",
    "default_workers",
    "default_workspace_path",
    "document_html",
    "export_workbook",
    "extend_batch",
    "file_changes",
    "find_place",
    "finding_boxes",
    "finding_history",
    "follow_version_marks",
    "import_review",
    "keyable",
    "kill_workers",
    "list_files",
    "local_time",
    "open_batch",
    "page_sizes",
    "parse_file",
    "plan_review_import",
    "prepare_reports",
    "read_review_workbook",
    "reason_problem",
    "reaudit_versions",
    "reload_files",
    "remember_files",
    "remember_place",
    "remembered_files",
    "remembered_place",
    "remove_files",
    "render_page",
    "review_progress",
    "review_workbook_job",
    "rule_title",
    "rule_versions",
    "run_audit",
    "run_to_end",
    "shutdown_workers",
    "stale",
    "stored",
    "workspace_letters",
    "write_letters",
]
