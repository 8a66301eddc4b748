"""The window's face of ``services.review.ReviewSession``: an undo stack and Qt signals.

Views never write: they ask ``main_window``, which calls a method here; it asks the core session
for the action (``None`` when nothing would change), pushes an ``ActionCommand`` on the undo
stack, and the command calls ``apply``, which writes through the core session (one SQLite
transaction per action) and re-emits what changed as signals. Without a workspace
(``--screenshot``, tests of the tree) reviews live in memory and nothing is saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from gik_desk import services
from gik_desk.model import Report
from gik_desk.model.batch import Batch
from gik_desk.model.review import Annotation, FindingReview, KeyedValue, ReportState, ReviewStatus
from gik_desk.ui.undo import ActionCommand

if TYPE_CHECKING:
    from gik_desk.services import ReviewerAction


class WorkspaceSession(QObject):
    """Signals:
    finding_changed(str): a finding's review (status or note) changed; its key.
    annotations_changed(str): annotations of a report changed; its report key.
    versions_changed(str): a body+year's 现行版本 mark changed; its key.
    workspace_changed(str): another workspace file was opened (its path, "" for none).
    failed(str): a write was refused; the text is for the status bar.
    conflicted(object): a ``ReviewConflict`` to show (theirs beside yours, issue 28).
    connection_changed(str): the workspace went out of reach (why), or "" when it is back.
    pending_changed(int): how many actions wait in the local journal.
    """

    finding_changed = Signal(str)
    annotations_changed = Signal(str)
    versions_changed = Signal(str)
    report_state_changed = Signal(str)  # a report's sign-off changed (its report key)
    rectification_changed = Signal(str)  # a sent item's 整改复核 decision changed (its key)
    cells_changed = Signal(str)  # a figure was keyed or taken back (its report key, issue 29)
    assignments_changed = Signal(str)  # who holds a body or report changed (its target, issue 28)
    workspace_changed = Signal(str)
    failed = Signal(str)
    conflicted = Signal(object)
    connection_changed = Signal(str)
    pending_changed = Signal(int)
    received = Signal()  # a colleague's changes were all signalled (one refresh of the totals)
    closing = Signal()  # the workspace is about to close (its watcher lets go of the file first)

    def __init__(self, parent: QObject | None = None, reviewer: str | None = None) -> None:
        super().__init__(parent)
        self._reviewer = reviewer
        self._offline_said = ""  # the out-of-reach cause the banner was last given
        self._core: services.ReviewSession | None = None
        self.undo_stack = QUndoStack(self)
        self.receiving = False  # True while a colleague's changes are signalled, key by key

    @property
    def core(self) -> services.ReviewSession:
        """The core session, made on first use: the window paints before ``services.review``
        and what it imports load (issue 26, cold start)."""
        if self._core is None:
            self._core = services.ReviewSession(self._reviewer)
        return self._core

    # ---- the file ------------------------------------------------------------------------------
    @property
    def workspace(self) -> object | None:
        """The open workspace, only to ask whether there is one: the window reads and writes
        it through ``core`` (the ``ReviewSession``), never directly. None before the core
        session is made: nothing could have opened one."""
        return self._core.workspace if self._core is not None else None

    @property
    def path(self) -> Path | None:
        return self._core.path if self._core is not None else None

    def open(self, path: Path | str) -> None:
        """Open (or create) ``path`` (or a team workspace's URL); raises ``WorkspaceError``
        with a Chinese message."""
        self.core.open(path)
        self.undo_stack.clear()
        self.workspace_changed.emit(str(self.core.path))  # a team URL without its password

    def close(self) -> None:
        if self._core is not None and self._core.workspace is not None:
            self.closing.emit()
            self._core.close()
            self.undo_stack.clear()

    def sync_batch(self, batch: Batch) -> None:
        """Store an audit (with its rule versions); reviews and annotations re-anchor."""
        try:
            self.core.sync(batch)
        except services.WorkspaceError as exc:
            self.failed.emit(exc.message)

    @property
    def reviewer(self) -> str:
        return self.core.reviewer

    def set_reviewer(self, name: str) -> None:
        """Every later action records ``name`` as who did it (the 审核人 setting)."""
        if name.strip():
            self.core.reviewer = name

    # ---- reads ---------------------------------------------------------------------------------
    def reviews(self) -> dict[str, FindingReview]:
        return self.core.reviews()

    def review(self, key: str) -> FindingReview:
        return self.core.review(key)

    def annotations(self, report: Report | None = None) -> list[Annotation]:
        return self.core.annotations(report)

    def history(self, key: str) -> list[services.HistoryEntry]:
        """Who changed this finding's status or note, and when (local time), oldest first."""
        return self.core.history(key)

    def report_state(self, report: Report | None) -> ReportState:
        return self.core.report_state(report)

    def report_states(self, reports: list[Report]) -> dict[str, ReportState]:
        """Sign-off per report id (reports never signed are 未开始)."""
        return self.core.report_states(reports)

    def changed_by_me(self) -> set[str]:
        """Findings whose status or note this reviewer has changed (the 我改过的 filter)."""
        return self.core.changed_by_me()

    def seen(self) -> set[str]:
        return self.core.seen()

    def changed(self) -> set[str]:
        """Findings marked 已变化 (a reload changed their figures after a decision)."""
        return self.core.changed()

    def mark_seen(self, key: str) -> bool:
        """The finding was shown in the detail pane; True the first time."""
        return self.core.mark_seen(key)

    def orphans(self) -> list[Annotation]:
        return self.core.orphans()

    def report_annotations(self, report: Report | None) -> list[Annotation]:
        return self.core.report_annotations(report)

    def current_versions(self) -> dict[str, str]:
        return self.core.current_versions()

    def version_message(self, batch: Batch, key: str) -> str:
        """What a 现行版本 mark of ``key`` changed, in words (issue 23)."""
        return self.core.version_message(batch, key)

    # ---- writes (through the undo stack) --------------------------------------------------
    def push(self, action: ReviewerAction | None) -> None:
        if action is not None:
            self.undo_stack.push(ActionCommand(self, action))

    def missing_reason(self, keys: list[str], status: ReviewStatus) -> list[str]:
        """The keys that ``status`` would leave without a reason (已排除/例外 need a note)."""
        return self.core.missing_reason(keys, status)

    def set_status(self, keys: list[str], status: ReviewStatus, reason: str = "") -> bool:
        """One undoable step; a ``reason`` becomes the note of findings that have none.

        Refused (``failed`` says why, False) when 已排除/例外 would be left without a reason.
        """
        actions, problem = self.core.status_actions(keys, status, reason)
        if problem is not None:
            self.failed.emit(problem)
            return False
        if len(actions) == 1:
            self.push(actions[0])
        elif actions:
            self.undo_stack.beginMacro(actions[-1].text)
            for action in actions:
                self.push(action)
            self.undo_stack.endMacro()
        return True

    def set_report_state(self, report: Report, state: ReportState) -> None:
        """The reviewer signs a report off (or, a lead, reopens it): one undoable action."""
        try:
            self.push(self.core.report_state_action(report, state))
        except services.WorkspaceError as exc:  # not the lead: a sign-off is not taken back
            self.failed.emit(exc.message)

    # ---- a team's batch (issue 28) ----------------------------------------------------------
    def is_lead(self) -> bool:
        return self.core.is_lead()

    def holders(self, reports: list[Report]) -> dict[str, str]:
        """Who holds each report (report id → name; unassigned left out)."""
        return self.core.holders(reports)

    def assigned_to_me(self, reports: list[Report]) -> set[str]:
        return self.core.assigned_to_me(reports)

    def reviewers_known(self) -> list[str]:
        return self.core.reviewers_known()

    def assign(self, reviewer: str, reports: list[Report], bodies: list[str]) -> None:
        """Give reports and whole bodies to ``reviewer`` ("" = nobody): one undoable step."""
        try:
            self.push(self.core.assign_action(reviewer, reports, bodies))
        except services.WorkspaceError as exc:
            self.failed.emit(exc.message)

    def receive(self, changed: services.Changed) -> None:
        """A colleague's changes (the watcher read them): the same signals as one's own, then
        ``received`` once, so totals are counted again once, not once per finding."""
        self.receiving = True
        try:
            self.emit_changed(changed)
        finally:
            self.receiving = False
        self.received.emit()

    def outward(self, key: str) -> str:
        """A finding's outward text (对外意见); "" without a workspace."""
        return self.core.outward(key)

    def set_outward(self, key: str, text: str) -> None:
        """One undoable step (``SetOutward``); nothing when the text is unchanged."""
        self.push(self.core.outward_action(key, text))

    def set_note(self, key: str, note: str) -> None:
        problem = self.core.note_problem(key, note)
        if problem is not None:
            self.failed.emit(problem)
            return
        self.push(self.core.note_action(key, note))

    def add_annotation(
        self, report: Report, start: int, end: int, note: str, cell: str = ""
    ) -> None:
        self.push(self.core.add_annotation_action(report, start, end, note, cell))

    def delete_annotation(self, annotation_id: str) -> None:
        self.push(self.core.delete_annotation_action(annotation_id))

    def edit_annotation_note(self, annotation_id: str, note: str) -> None:
        """One undoable step; nothing when the note is unchanged."""
        try:
            self.push(self.core.annotation_note_action(annotation_id, note))
        except services.WorkspaceError as exc:
            self.failed.emit(exc.message)

    def keyed_values(self) -> list[KeyedValue]:
        return self.core.keyed_values()

    def key_cell(self, report: Report | None, cell: str, text: str) -> None:
        """Key ``text`` into an unread cell of ``report`` (one undoable action, issue 29)."""
        if report is None:
            return
        try:
            action = self.core.key_cell_action(report, cell, text)
        except ValueError as exc:
            self.failed.emit(str(exc))
            return
        self.push(action)

    def set_current_version(self, report: Report) -> None:
        """Mark ``report``'s version 现行版本 (one undoable action)."""
        self.push(self.core.current_version_action(report))

    def apply(self, action: ReviewerAction) -> ReviewerAction | None:
        """Write one action (the undo command calls this) and say what changed. Returns what
        was written (or kept in the local journal while the workspace is out of reach): the
        action, the part of a bulk one that met no conflict, or None (refused: ``failed`` or
        ``conflicted`` says why)."""
        try:
            changed = self.core.apply(action)
        except services.ReviewConflict as exc:
            done = cast("ReviewerAction | None", exc.applied)
            if done is not None:
                self.emit_changed(self.core.touches(done))
            self.conflicted.emit(exc)
            return done
        except services.WorkspaceError as exc:
            self.failed.emit(exc.message)
            return None
        self.emit_changed(changed)
        offline = self.core.offline  # set by the write, or already by building the action
        if offline is not None:
            if offline.message != self._offline_said:
                self._offline_said = offline.message
                self.connection_changed.emit(offline.message)
            self.pending_changed.emit(len(self.core.pending()))
        return action

    def apply_mine(self, conflict: services.ReviewConflict) -> bool:
        """Keep mine: the refused action's intent on the rows as they are now — a new action
        with its own event (not an undo step: its inverse would restore theirs)."""
        retry = cast("ReviewerAction | None", conflict.retry)
        return retry is not None and self.apply(retry) is not None

    def pending(self) -> int:
        return len(self.core.pending())

    def reconnect(self, *, probed: bool = False) -> services.Replayed:
        """Apply the journal once the workspace is back: the rows it touched are refreshed,
        each conflict is shown (``conflicted``)."""
        done = self.core.reconnect(probed=probed)
        for changed in done.changed:
            self.emit_changed(changed)
        if done.offline is None:
            self._offline_said = ""
            self.connection_changed.emit("")
        self.pending_changed.emit(len(self.core.pending()))
        for conflict in done.conflicts:
            self.conflicted.emit(conflict)
        return done

    def emit_changed(self, changed: services.Changed) -> None:
        for key in changed.findings:
            self.finding_changed.emit(key)
        for key in changed.annotations:
            self.annotations_changed.emit(key)
        for key in changed.versions:
            self.versions_changed.emit(key)
        for key in changed.reports:
            self.report_state_changed.emit(key)
        for key in changed.items:
            self.rectification_changed.emit(key)
        for key in changed.cells:
            self.cells_changed.emit(key)
        for key in changed.assignments:
            self.assignments_changed.emit(key)
