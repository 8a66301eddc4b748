"""The one door both faces use: ``ui/`` and ``cli/`` reach the core only through this package
(plus the plain data of ``model`` and the words of ``template``; an import-linter contract).

- ``batch``: open files into a ``Batch`` (parse on the process pool, then audit), extend an open
  batch, reload or remove files; every path re-unifies body names and version slots.
- ``pool``: the process-pool engine under ``batch`` (chunks, warm workers, watchdog, crashes).
- ``review``: ``ReviewSession``, the reviewer's session over a batch and its workspace: sync an
  audit (with rule versions), build and apply reviewer actions, say what each one changed.
- ``exports``: the workbook, JSON, the dashboard's figures and the rule catalogue's words.
"""

from __future__ import annotations

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
    remove_sources,
    run_audit,
)
from gik_desk.services.letters import LettersResult, workspace_letters, write_letters
from gik_desk.services.pool import (
    FileResult,
    ParseFile,
    default_workers,
    parse_file,
    shutdown_workers,
)
from gik_desk.services.review import Changed, ReviewSession, default_reviewer, rule_versions
from gik_desk.workspace.atomic import TargetRefusedError, check_target
from gik_desk.workspace.errors import WorkspaceError
from gik_desk.workspace.paths import default_workspace_path
from gik_desk.workspace.store import Workspace

__all__ = [
    "CancelToken",
    "Cancelled",
    "Changed",
    "FileResult",
    "Job",
    "LetterHead",
    "LettersResult",
    "ParseFile",
    "Progress",
    "ReviewSession",
    "ReviewerAction",
    "TargetRefusedError",
    "Workspace",
    "WorkspaceError",
    "audit_paths",
    "check_target",
    "default_reviewer",
    "default_workers",
    "default_workspace_path",
    "extend_batch",
    "follow_version_marks",
    "list_files",
    "open_batch",
    "parse_file",
    "prepare_reports",
    "reaudit_versions",
    "remove_sources",
    "rule_versions",
    "run_audit",
    "run_to_end",
    "shutdown_workers",
    "workspace_letters",
    "write_letters",
]
