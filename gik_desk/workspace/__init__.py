"""Reviewer work that is never lost: one SQLite ``.gikdb`` per workspace (no Qt).

``Workspace.open(path)`` -> ``sync_batch(batch)`` after each audit -> ``apply(action)`` for each
reviewer action (undo = ``apply(action.inverse())``) -> ``snapshot()`` for views and export.
"""

from gik_desk.model.keys import body_year_key, report_key
from gik_desk.workspace.actions import (
    Action,
    AddAnnotation,
    Assign,
    DeleteAnnotation,
    EditAnnotationNote,
    ImportReview,
    KeyCell,
    ReopenReport,
    RestoreStatuses,
    ReviewChange,
    SetCurrentVersion,
    SetNote,
    SetOutward,
    SetRectification,
    SetReportState,
    SetStatus,
)
from gik_desk.workspace.anchors import make_annotation, reanchor
from gik_desk.workspace.errors import WorkspaceError
from gik_desk.workspace.netpath import is_network_path
from gik_desk.workspace.paths import default_workspace_path
from gik_desk.workspace.store import Workspace
from gik_desk.workspace.sync import SyncResult

__all__ = [
    "Action",
    "AddAnnotation",
    "Assign",
    "DeleteAnnotation",
    "EditAnnotationNote",
    "ImportReview",
    "KeyCell",
    "ReopenReport",
    "RestoreStatuses",
    "ReviewChange",
    "SetCurrentVersion",
    "SetNote",
    "SetOutward",
    "SetRectification",
    "SetReportState",
    "SetStatus",
    "SyncResult",
    "Workspace",
    "WorkspaceError",
    "body_year_key",
    "default_workspace_path",
    "is_network_path",
    "make_annotation",
    "reanchor",
    "report_key",
]
