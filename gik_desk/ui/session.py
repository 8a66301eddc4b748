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

from gik_desk import services
from gik_desk.model import Report
from gik_desk.model.batch import Batch
from gik_desk.model.review import Annotation, FindingReview, ReportState, ReviewStatus
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
    report_state_changed = Signal(str)  # a report's sign-off changed (its report key)
    workspace_changed = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.undo_stack = QUndoStack(self)
        self.reviewer = ""  # the name events record ("" = the workspace's default, the login)

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
        self.set_reviewer(self.reviewer)
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

    def set_reviewer(self, name: str) -> None:
        """Every later action records ``name`` as who did it (the 审核人 setting)."""
        self.reviewer = name.strip()
        if self.workspace is not None and self.reviewer:
            self.workspace.reviewer = self.reviewer

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

    def history(self, key: str) -> list[services.HistoryEntry]:
        """Who changed this finding's status or note, and when (local time), oldest first."""
        if self.workspace is None:
            return []
        return services.finding_history(self.workspace.finding_events(key), key)

    def report_state(self, report: Report | None) -> ReportState:
        if self.workspace is None or report is None:
            return ReportState.NOT_STARTED
        from gik_desk.workspace import report_key

        return self.workspace.report_states().get(report_key(report), ReportState.NOT_STARTED)

    def report_states(self, reports: list[Report]) -> dict[str, ReportState]:
        """Sign-off per report id (reports never signed are 未开始)."""
        if self.workspace is None:
            return {}
        from gik_desk.workspace import report_key

        stored = self.workspace.report_states()
        return {r.id: stored.get(report_key(r), ReportState.NOT_STARTED) for r in reports}

    def changed_by_me(self) -> set[str]:
        """Findings whose status or note this reviewer has changed (the 我改过的 filter)."""
        if self.workspace is None:
            return set()
        return self.workspace.changed_by(self.workspace.reviewer)

    def seen(self) -> set[str]:
        return self.workspace.seen() if self.workspace is not None else set()

    def mark_seen(self, key: str) -> bool:
        """The finding was shown in the detail pane; True the first time."""
        if self.workspace is None:
            return False
        from gik_desk.workspace import WorkspaceError

        try:
            return self.workspace.mark_seen(key)
        except WorkspaceError:
            return False  # a locked file: 未查看 is a convenience, never worth a message

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

    def missing_reason(self, keys: list[str], status: ReviewStatus) -> list[str]:
        """The keys that ``status`` would leave without a reason (已排除/例外 need a note)."""
        if not status.needs_reason:
            return []
        return [k for k in keys if services.reason_problem(status, self.review(k).note)]

    def set_status(self, keys: list[str], status: ReviewStatus, reason: str = "") -> bool:
        """One undoable step; a ``reason`` becomes the note of findings that have none.

        Refused (``failed`` says why, False) when 已排除/例外 would be left without a reason.
        """
        if self.workspace is None or not keys:
            return False
        action = self.workspace.status_action(keys, status)
        if all(b is status for b in action.before):
            return True
        lacking = self.missing_reason(keys, status)
        problem = services.reason_problem(status, reason) if lacking else None
        if problem is not None:
            self.failed.emit(problem)
            return False
        if not lacking:
            self.push(action)
            return True
        self.undo_stack.beginMacro(action.text)
        for key in lacking:
            self.push(self.workspace.note_action(key, reason.strip()))
        self.push(action)
        self.undo_stack.endMacro()
        return True

    def set_report_state(self, report: Report, state: ReportState) -> None:
        """The reviewer signs a report off (or reopens it): one undoable action."""
        if self.workspace is None:
            return
        from gik_desk.workspace import report_key

        action = self.workspace.report_state_action(report_key(report), state)
        if action.before is not action.after:
            self.push(action)

    def set_note(self, key: str, note: str) -> None:
        if self.workspace is None:
            return
        status = self.review(key).status
        problem = services.reason_problem(status, note)
        if problem is not None:
            self.failed.emit(problem)
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
            RestoreStatuses,
            SetCurrentVersion,
            SetNote,
            SetReportState,
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
        elif isinstance(action, SetReportState):
            self.report_state_changed.emit(action.report_key)
