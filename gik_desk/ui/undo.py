"""The one QUndoCommand: redo applies a reviewer action, undo applies its inverse (Orange-style).

Every write goes through ``WorkspaceSession.apply``, so the session stays the only writer and
its signals tell the views what changed, whether by a click, an undo or a redo.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from gik_desk.model.review import ReviewerAction


class Applier(Protocol):
    """What a command writes through (``WorkspaceSession``): a Protocol, so this module and the
    session do not import each other (issue 12's circle)."""

    def apply(self, action: ReviewerAction) -> None: ...


class ActionCommand(QUndoCommand):
    def __init__(self, session: Applier, action: ReviewerAction) -> None:
        super().__init__(action.text)
        self._session = session
        self.action = action

    def redo(self) -> None:
        self._session.apply(self.action)

    def undo(self) -> None:
        self._session.apply(self.action.inverse())
