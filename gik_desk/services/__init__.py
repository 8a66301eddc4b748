"""The one door both faces use: ``ui/`` and ``cli/`` reach the core only through this package
(plus the plain data of ``model`` and the words of ``template``; an import-linter contract).

- ``batch``: open files into a ``Batch`` (parse on the process pool, then audit), extend an open
  batch, reload or remove files; every path re-unifies body names and version slots.
- ``gik_desk.original`` (re-exported): the 原件 view's pages, boxes and tables (issue 18).
- ``gik_desk.pool`` (beside ``jobs``): the process-pool engine under ``batch`` (chunks, warm
  workers, watchdog, crashes), given its work function; ``parsing``: that function, the parse
  task, and the discovery of a batch's files.
- ``review``: ``ReviewSession``, the reviewer's session over a batch and its workspace: sync an
  audit (with rule versions), build and apply reviewer actions, say what each one changed.
- ``exports``: the workbook (also as a cancellable job, issue 13), JSON, the dashboard's
  frames and figures and the rule catalogue's words.
- ``keying``: figures reviewers key into cells no reader could read (issue 29), applied to a
  batch from its unkeyed reading and re-audited; 已变化 when the file's sha256 moved.
- ``desk``: what the workspace remembers of the desk (files, place) and storing a batch's
  audit off the UI thread (issue 13), reached through ``ReviewSession``; ``letters``: 审核意见
  letters (issue 17), recorded as sent; ``rectification``: 整改复核, each sent item judged
  against the body's new version (issue 30).

The faces import this package's names only, never a submodule (import-linter), and never the
raw ``Workspace``: ``ReviewSession`` is the one owner of an open workspace (issue 22).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from gik_desk.atomic import TargetRefusedError, check_target, same_file, write_cause
from gik_desk.jobs import Cancelled, CancelToken, Job, Progress, run_to_end
from gik_desk.model.decode import shown
from gik_desk.model.letter import LetterHead
from gik_desk.model.review import ReviewerAction
from gik_desk.model.times import local_time
from gik_desk.original import (
    MARK_ANCHOR,
    PageImage,
    cell_at,
    cell_boxes,
    cell_in_grid,
    document_html,
    finding_at,
    finding_boxes,
    focus_boxes,
    load_document_job,
    page_count,
    page_sizes,
    render_page,
    render_pages,
    report_pages,
)
from gik_desk.pool import (
    FileResult,
    ParseFile,
    default_workers,
    kill_workers,
    shutdown_workers,
)
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
from gik_desk.services.exports import (
    batch_frames,
    cells_frame,
    dashboard_figures,
    describe_rule,
    export_workbook,
    findings_frame,
    json_pieces,
    json_text,
    key_series,
    looks_like_json,
    looks_like_xlsx,
    reports_frame,
    rule_catalogue,
    write_json,
    write_workbook,
)
from gik_desk.services.keying import CHANGED as KEYED_CHANGED
from gik_desk.services.keying import apply_keyed, keyable, stale
from gik_desk.services.letters import (
    LettersResult,
    record_sent,
    workspace_follow_up,
    workspace_letters,
    write_letters,
)
from gik_desk.services.lifecycle import (
    HistoryEntry,
    ReviewProgress,
    finding_history,
    reason_problem,
    review_progress,
    rule_title,
)
from gik_desk.services.memory import (
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
from gik_desk.services.parsing import parse_file
from gik_desk.services.rectification import (
    follow_up_record,
    rectification,
    rectification_json,
    write_follow_up,
)
from gik_desk.services.review import (
    Changed,
    ReviewSession,
    acting_reviewer,
    default_reviewer,
    rule_versions,
    store_audit,
)
from gik_desk.services.team import (
    ChangeFeed,
    TeamTarget,
    is_team_target,
    parse_target,
    shown_target,
    team_target,
)
from gik_desk.workspace.errors import WorkspaceError
from gik_desk.workspace.paths import default_workspace_path, sample_workspace_path

if TYPE_CHECKING:
    from gik_desk.export.catalogue import RuleInfo
    from gik_desk.export.frames import DashboardFigures
    from gik_desk.export.series import KeySeries
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
) | {
    "DashboardFigures": "gik_desk.export.frames",
    "KeySeries": "gik_desk.export.series",
    "RuleInfo": "gik_desk.export.catalogue",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gik_desk.services' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "KEYED_CHANGED",
    "MARK_ANCHOR",
    "CancelToken",
    "Cancelled",
    "ChangeFeed",
    "Changed",
    "DashboardFigures",
    "DeskPlace",
    "FileChanges",
    "FileResult",
    "HistoryEntry",
    "ImportPlan",
    "Job",
    "KeySeries",
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
    "RuleInfo",
    "TargetRefusedError",
    "TeamTarget",
    "WorkspaceError",
    "acting_reviewer",
    "apply_keyed",
    "audit_paths",
    "batch_files",
    "batch_frames",
    "cell_at",
    "cell_boxes",
    "cell_in_grid",
    "cells_frame",
    "changed_on_disk",
    "check_target",
    "dashboard_figures",
    "default_reviewer",
    "default_workers",
    "default_workspace_path",
    "describe_rule",
    "document_html",
    "export_workbook",
    "extend_batch",
    "file_changes",
    "find_place",
    "finding_at",
    "finding_boxes",
    "finding_history",
    "findings_frame",
    "focus_boxes",
    "follow_up_record",
    "follow_version_marks",
    "import_review",
    "is_team_target",
    "json_pieces",
    "json_text",
    "key_series",
    "keyable",
    "kill_workers",
    "list_files",
    "load_document_job",
    "local_time",
    "looks_like_json",
    "looks_like_xlsx",
    "open_batch",
    "page_count",
    "page_sizes",
    "parse_file",
    "parse_target",
    "plan_review_import",
    "prepare_reports",
    "read_review_workbook",
    "reason_problem",
    "reaudit_versions",
    "record_sent",
    "rectification",
    "rectification_json",
    "reload_files",
    "remember_files",
    "remember_place",
    "remembered_files",
    "remembered_place",
    "remove_files",
    "render_page",
    "render_pages",
    "report_pages",
    "reports_frame",
    "review_progress",
    "review_workbook_job",
    "rule_catalogue",
    "rule_title",
    "rule_versions",
    "run_audit",
    "run_to_end",
    "same_file",
    "sample_workspace_path",
    "shown",
    "shown_target",
    "shutdown_workers",
    "stale",
    "store_audit",
    "stored",
    "team_target",
    "workspace_follow_up",
    "workspace_letters",
    "write_cause",
    "write_follow_up",
    "write_json",
    "write_letters",
    "write_workbook",
]
