"""The only writer to the reviewer's workspace, re-emitting each change as a Qt signal.

Views never touch the ``Workspace``: they ask ``main_window``, which pushes an ``ActionCommand``
on the undo stack; the command calls ``apply`` here; this object writes (one SQLite transaction
per action) and says what changed. Without a workspace (``--screenshot``, tests of the tree)
reviews live in memory and nothing is saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from gik_desk.model import Report
from gik_desk.model.batch import Batch
from gik_desk.model.review import Annotation, FindingReview, ReviewStatus
from gik_desk.ui.undo import ActionCommand

if TYPE_CHECKING:
    from gik_desk.workspace import Action, Workspace


class WorkspaceSession(QObject):
    """Signals:
    finding_changed(str): a finding's review (status or note) changed; its key.
    annotations_changed(str): annotations of a report changed; its report key.
    workspace_changed(str): another workspace file was opened (its path, "" for none).
    failed(str): a write was refused; the text is for the status bar.
    """

    finding_changed = Signal(str)
    annotations_changed = Signal(str)
    versions_changed = Signal(str)  # a body+year's 现行版本 mark changed (its key)
    workspace_changed = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.undo_stack = QUndoStack(self)

    # ---- the file ------------------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        return self.workspace.path if self.workspace is not None else None

    def open(self, path: Path) -> None:
        """Open (or create) ``path``; raises ``WorkspaceError`` with a Chinese message."""
        from gik_desk.workspace import Workspace

        ws = Workspace.open(path)
        self.close()
        self.workspace = ws
        self.undo_stack.clear()
        self.workspace_changed.emit(str(path))

    def close(self) -> None:
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None
            self.undo_stack.clear()

    def sync_batch(self, batch: Batch) -> None:
        """Store an audit; reviews and annotations re-anchor on the new text."""
        if self.workspace is None:
            return
        from gik_desk.workspace import WorkspaceError

        try:
            self.workspace.sync_batch(batch)
        except WorkspaceError as exc:
            self.failed.emit(exc.message)

    # ---- reads ---------------------------------------------------------------------------------
    def reviews(self) -> dict[str, FindingReview]:
        return self.workspace.reviews() if self.workspace is not None else {}

    def review(self, key: str) -> FindingReview:
        if self.workspace is None:
            return FindingReview(key)
        return self.workspace.review(key)

    def annotations(self, report: Report | None = None) -> list[Annotation]:
        if self.workspace is None:
            return []
        if report is None:
            return self.workspace.annotations()
        from gik_desk.workspace import report_key

        return self.workspace.annotations(report_key(report))

    def orphans(self) -> list[Annotation]:
        """Annotations that could not be re-anchored on the current text, in every report."""
        return self.workspace.orphans() if self.workspace is not None else []

    def report_annotations(self, report: Report | None) -> list[Annotation]:
        """One report's annotations, then every orphan (so none is ever out of sight)."""
        own = self.annotations(report) if report is not None else []
        ids = {a.id for a in own}
        return own + [a for a in self.orphans() if a.id not in ids]

    # ---- writes (through the undo stack) --------------------------------------------------
    def push(self, action: Action) -> None:
        self.undo_stack.push(ActionCommand(self, action))

    def set_status(self, keys: list[str], status: ReviewStatus) -> None:
        if self.workspace is None or not keys:
            return
        action = self.workspace.status_action(keys, status)
        if all(b is status for b in action.before):
            return
        self.push(action)

    def set_note(self, key: str, note: str) -> None:
        if self.workspace is None:
            return
        action = self.workspace.note_action(key, note)
        if action.before != action.after:
            self.push(action)

    def add_annotation(
        self, report: Report, start: int, end: int, note: str, cell: str = ""
    ) -> None:
        if self.workspace is None:
            return
        from gik_desk.workspace import AddAnnotation, make_annotation

        annotation = make_annotation(
            report, start, end, note=note, cell=cell, author=self.workspace.reviewer
        )
        self.push(AddAnnotation(annotation))

    def delete_annotation(self, annotation_id: str) -> None:
        if self.workspace is None:
            return
        from gik_desk.workspace import DeleteAnnotation

        for a in self.workspace.annotations():
            if a.id == annotation_id:
                self.push(DeleteAnnotation(a))
                return

    def edit_annotation_note(self, annotation_id: str, note: str) -> None:
        """One undoable step (``EditAnnotationNote``); nothing when the note is unchanged."""
        if self.workspace is None:
            return
        from gik_desk.workspace import WorkspaceError

        try:
            action = self.workspace.annotation_note_action(annotation_id, note)
        except WorkspaceError as exc:
            self.failed.emit(exc.message)
            return
        if action.before != action.after:
            self.push(action)

    def set_current_version(self, report: Report) -> None:
        """Mark ``report``'s version 现行版本 (one undoable action)."""
        if self.workspace is None:
            return
        action = self.workspace.current_action(report)
        if action.before != action.after:
            self.push(action)

    def current_versions(self) -> dict[str, str]:
        return self.workspace.current_versions() if self.workspace is not None else {}

    def apply(self, action: Action) -> None:
        """Write one action (the undo command calls this) and say what changed."""
        if self.workspace is None:
            return
        from gik_desk.workspace import (
            AddAnnotation,
            DeleteAnnotation,
            EditAnnotationNote,
            ImportReview,
            RestoreStatuses,
            SetCurrentVersion,
            SetNote,
            SetStatus,
            WorkspaceError,
        )

        try:
            self.workspace.apply(action)
        except WorkspaceError as exc:
            self.failed.emit(exc.message)
            return
        if isinstance(action, SetStatus | RestoreStatuses):
            for key in action.keys:
                self.finding_changed.emit(key)
        elif isinstance(action, SetNote):
            self.finding_changed.emit(action.key)
        elif isinstance(action, AddAnnotation | DeleteAnnotation):
            self.annotations_changed.emit(action.annotation.report_key)
        elif isinstance(action, EditAnnotationNote):
            self.annotations_changed.emit("")  # only the id is known here, not its report
        elif isinstance(action, SetCurrentVersion):
            self.versions_changed.emit(action.report_key)
        elif isinstance(action, ImportReview):
            for key in action.keys:
                self.finding_changed.emit(key)
