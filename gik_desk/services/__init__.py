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

Only ``jobs`` loads with the package; every other name is imported on first use (PEP 562
``__getattr__``), so the window paints before the workspace, the pool, the 原件 view's pdf
reader or the exports load (issue 26, cold start). The imports under ``TYPE_CHECKING`` are the
same names for the type checker and import-linter.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from gik_desk.jobs import Cancelled, CancelToken, Job, Progress, run_to_end

if TYPE_CHECKING:
    from gik_desk.atomic import TargetRefusedError, check_target, same_file, write_cause
    from gik_desk.export.catalogue import RuleInfo
    from gik_desk.export.frames import DashboardFigures
    from gik_desk.export.series import KeySeries
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
    from gik_desk.services.reimport import (
        ImportPlan,
        ReimportError,
        ReviewWorkbook,
        import_review,
        plan_review_import,
        read_review_workbook,
        review_workbook_job,
    )
    from gik_desk.services.review import (
        Changed,
        Replayed,
        ReviewSession,
        acting_reviewer,
        default_reviewer,
        rule_versions,
        store_audit,
    )
    from gik_desk.services.team import (
        ChangeFeed,
        check_team_reviewer,
        grant_team_role,
        init_team_workspace,
        local_report_file,
        push_workspace,
        team_file_cache,
        workspace_target,
    )
    from gik_desk.workspace.errors import Conflict, ReviewConflict, RowState, WorkspaceError
    from gik_desk.workspace.paths import default_workspace_path, sample_workspace_path
    from gik_desk.workspace.team_url import (
        TeamTarget,
        is_team_url,
        parse_target,
        safe_url,
        team_target,
    )

# Where each name lives, imported on first use and then kept as a global of this package
_HOMES: dict[str, str] = {
    "gik_desk.atomic": "TargetRefusedError check_target same_file write_cause",
    "gik_desk.model.decode": "shown",
    "gik_desk.model.letter": "LetterHead",
    "gik_desk.model.review": "ReviewerAction",
    "gik_desk.model.times": "local_time",
    "gik_desk.original": (
        "MARK_ANCHOR PageImage cell_at cell_boxes cell_in_grid document_html finding_at "
        "finding_boxes focus_boxes load_document_job page_count page_sizes render_page "
        "render_pages report_pages"
    ),
    "gik_desk.pool": "FileResult ParseFile default_workers kill_workers shutdown_workers",
    "gik_desk.services.batch": (
        "audit_paths extend_batch follow_version_marks list_files open_batch prepare_reports "
        "reaudit_versions reload_files remove_files run_audit"
    ),
    "gik_desk.services.exports": (
        "batch_frames cells_frame dashboard_figures describe_rule export_workbook findings_frame "
        "json_pieces json_text key_series looks_like_json looks_like_xlsx reports_frame "
        "rule_catalogue write_json write_workbook"
    ),
    "gik_desk.services.keying": "apply_keyed keyable stale",
    "gik_desk.services.letters": (
        "LettersResult record_sent workspace_follow_up workspace_letters write_letters"
    ),
    "gik_desk.services.lifecycle": (
        "HistoryEntry ReviewProgress finding_history reason_problem review_progress rule_title"
    ),
    "gik_desk.services.memory": (
        "DeskPlace FileChanges Loaded batch_files changed_on_disk file_changes find_place "
        "remember_files remember_place remembered_files remembered_place stored"
    ),
    "gik_desk.services.parsing": "parse_file",
    "gik_desk.services.rectification": (
        "follow_up_record rectification rectification_json write_follow_up"
    ),
    "gik_desk.services.review": (
        "Changed Replayed ReviewSession acting_reviewer default_reviewer rule_versions store_audit"
    ),
    "gik_desk.services.team": (
        "ChangeFeed check_team_reviewer grant_team_role init_team_workspace local_report_file "
        "push_workspace team_file_cache workspace_target"
    ),
    "gik_desk.workspace.team_url": "TeamTarget is_team_url parse_target safe_url team_target",
    "gik_desk.workspace.errors": "Conflict ReviewConflict RowState WorkspaceError",
    "gik_desk.workspace.paths": "default_workspace_path sample_workspace_path",
    "gik_desk.export.catalogue": "RuleInfo",
    "gik_desk.export.frames": "DashboardFigures",
    "gik_desk.export.series": "KeySeries",
    "gik_desk.services.reimport": (
        "ImportPlan ReimportError ReviewWorkbook import_review plan_review_import "
        "read_review_workbook review_workbook_job"
    ),
}
_LAZY: dict[str, tuple[str, str]] = {
    name: (module, name) for module, names in _HOMES.items() for name in names.split()
} | {
    "KEYED_CHANGED": ("gik_desk.services.keying", "CHANGED"),
}


def __getattr__(name: str) -> Any:
    home = _LAZY.get(name)
    if home is None:
        raise AttributeError(f"module 'gik_desk.services' has no attribute {name!r}")
    value = getattr(importlib.import_module(home[0]), home[1])
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


class _Package(types.ModuleType):
    """Loading the submodule ``rectification`` binds it on this package, over the function of
    that name; the function stays (as when every name was imported eagerly)."""

    def __setattr__(self, name: str, value: Any) -> None:
        home = _LAZY.get(name)
        if home is not None and isinstance(value, types.ModuleType) and value.__name__ == home[0]:
            value = getattr(value, home[1])
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


__all__ = [
    "KEYED_CHANGED",
    "MARK_ANCHOR",
    "CancelToken",
    "Cancelled",
    "ChangeFeed",
    "Changed",
    "Conflict",
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
    "Replayed",
    "ReviewConflict",
    "ReviewProgress",
    "ReviewSession",
    "ReviewWorkbook",
    "ReviewerAction",
    "RowState",
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
    "check_team_reviewer",
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
    "grant_team_role",
    "import_review",
    "init_team_workspace",
    "is_team_url",
    "json_pieces",
    "json_text",
    "key_series",
    "keyable",
    "kill_workers",
    "list_files",
    "load_document_job",
    "local_report_file",
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
    "push_workspace",
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
    "safe_url",
    "same_file",
    "sample_workspace_path",
    "shown",
    "shutdown_workers",
    "stale",
    "store_audit",
    "stored",
    "team_file_cache",
    "team_target",
    "workspace_follow_up",
    "workspace_letters",
    "workspace_target",
    "write_cause",
    "write_follow_up",
    "write_json",
    "write_letters",
    "write_workbook",
]
