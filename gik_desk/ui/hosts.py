"""The window as its helpers see it: Protocols, so ``actions`` and ``main_window_files`` never
import ``main_window`` (not even for type checking) and the window imports them one way only
(issue 12; an import-linter contract keeps ``main_window`` above them)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu, QProgressBar, QWidget

from gik_desk.model import Report
from gik_desk.model.batch import Batch
from gik_desk.model.review import ReportState
from gik_desk.services import FileChanges
from gik_desk.ui.models.batch_model import BatchModel
from gik_desk.ui.models.findings_model import FindingsModel, FindingsProxy
from gik_desk.ui.runner import JobRunner
from gik_desk.ui.selection import DeskSelection
from gik_desk.ui.session import WorkspaceSession
from gik_desk.ui.settings import Settings
from gik_desk.ui.staged import StagedWork
from gik_desk.ui.views.batch_view import BatchView
from gik_desk.ui.views.detail_view import DetailView
from gik_desk.ui.views.findings_view import FindingsView
from gik_desk.ui.views.source_view import SourceView
from gik_desk.ui.views.table_view import TablesView


class DeskActions(Protocol):
    """The remembered batch's slots (``DeskController``, issue 13)."""

    def remembered(self) -> list[str]: ...
    def will_restore(self) -> bool: ...
    def save_place(self) -> None: ...
    def save_files(self, batch: Batch, before: Sequence[str] | None = None) -> None: ...
    def restore(self, replace: bool = True) -> bool: ...
    def after_load(self, batch: Batch, changes: FileChanges) -> str: ...
    def load_ended(self) -> None: ...
    def reload(self, paths: Sequence[str] | None = None) -> None: ...
    def remove_current(self) -> None: ...
    def close_batch(self) -> None: ...


class FilesHost(Protocol):
    """What ``FilesController`` reads and calls on its window."""

    batch: Batch
    batch_model: BatchModel
    findings_model: FindingsModel
    selection: DeskSelection
    session: WorkspaceSession
    settings: Settings
    runner: JobRunner
    export_runner: JobRunner
    staged: StagedWork
    progress: QProgressBar
    status_label: QLabel
    recent_files_menu: QMenu
    recent_workspaces_menu: QMenu
    detail_view: DetailView

    @property
    def desk(self) -> DeskActions: ...

    @property
    def review(self) -> ReviewActions: ...

    def as_widget(self) -> QWidget: ...  # the window itself: dialogs' parent
    def set_batch(self, batch: Batch, synced: bool = False) -> None: ...
    def show_message(self, text: str) -> None: ...
    def setWindowTitle(self, title: str) -> None: ...
    def _set_busy(self, busy: bool, label: str = "") -> None: ...
    def _on_report_changed(self, report: Report | None) -> None: ...


class LettersHost(FilesHost, Protocol):
    """What ``LettersController`` reads on its window beyond a files host's."""

    findings_view: FindingsView

    @property
    def rectification(self) -> RectificationActions: ...


class RectificationHost(FilesHost, Protocol):
    """What ``RectificationController`` (issue 30) reads and calls on its window: a files
    host's batch, session, selection and status bar."""


class RectificationActions(Protocol):
    def open(self) -> None: ...
    def batch_changed(self) -> None: ...


class ReviewImportActions(Protocol):
    def start(self, path: Path | None = None) -> None: ...


class FilesActions(Protocol):
    """The file menu's slots (``FilesController``)."""

    @property
    def review_import(self) -> ReviewImportActions: ...

    def start_batch_job(self, factory: Any, label: str) -> None: ...
    def open_files(self) -> None: ...
    def open_folder(self) -> None: ...
    def export_workbook(self, current_only: bool) -> None: ...
    def new_workspace(self) -> None: ...
    def open_workspace(self) -> None: ...
    def save_workspace_as(self) -> None: ...


class LettersActions(Protocol):
    def start(self) -> None: ...


class DeskHost(FilesHost, Protocol):
    """What ``DeskController`` reads on its window beyond a files host's."""

    batch_view: BatchView
    findings_view: FindingsView
    source_view: SourceView

    @property
    def files(self) -> FilesActions: ...


class ReviewHost(Protocol):
    """What ``ReviewController`` (issue 14) reads and calls on its window."""

    batch: Batch
    batch_model: BatchModel
    batch_view: BatchView
    detail_view: DetailView
    findings_model: FindingsModel
    findings_proxy: FindingsProxy
    findings_view: FindingsView
    selection: DeskSelection
    session: WorkspaceSession
    settings: Settings
    tables_view: TablesView

    def as_widget(self) -> QWidget: ...
    def action(self, action_id: str) -> QAction: ...
    def show_message(self, text: str) -> None: ...


class ReviewActions(Protocol):
    def add_cell_annotation(self, note: str | None = None) -> None: ...
    def reconnect(self) -> None: ...
    def change_reviewer(self) -> bool: ...
    def set_report_state(self, state: ReportState) -> None: ...


class TeamActions(Protocol):
    def connect_team(self) -> bool: ...
    def assign_selected(self) -> None: ...


class TeamReviewActions(ReviewActions, Protocol):
    def refresh_progress(self) -> None: ...
    def apply_review_filter(self) -> None: ...


class TeamFilesActions(Protocol):
    def open_workspace_path(self, path: Path | str, restore: bool = True) -> bool: ...


class TeamHost(ReviewHost, Protocol):
    """What ``team_desk`` (issue 28) uses of the window."""

    @property
    def files(self) -> TeamFilesActions: ...

    @property
    def review(self) -> TeamReviewActions: ...


class ActionTarget(Protocol):
    """What the action table's slots call on the window."""

    @property
    def team(self) -> TeamActions: ...

    @property
    def files(self) -> FilesActions: ...

    @property
    def desk(self) -> DeskActions: ...

    @property
    def review(self) -> ReviewActions: ...

    @property
    def letters(self) -> LettersActions: ...

    @property
    def rectification(self) -> RectificationActions: ...

    def as_widget(self) -> QWidget: ...
    def close(self) -> bool: ...
    def about(self) -> None: ...
    def cancel_job(self) -> None: ...
    def add_annotation(self, note: str | None = None) -> None: ...
    def delete_annotation(self) -> None: ...
    def focus_note(self) -> None: ...
    def focus_search(self) -> None: ...
    def jump_related(self) -> None: ...
    def mark_current_version(self) -> None: ...
    def set_status_by_number(self, n: int) -> None: ...
    def step_finding(self, delta: int) -> None: ...
    def step_report(self, delta: int) -> None: ...
    def toggle_scope(self) -> None: ...
