"""The one QUndoCommand: redo applies a workspace action, undo applies its inverse (Orange-style).

Every write goes through ``WorkspaceSession.apply``, so the session stays the only writer and
its signals tell the views what changed, whether by a click, an undo or a redo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from gik_desk.ui.session import WorkspaceSession
    from gik_desk.workspace import Action


class ActionCommand(QUndoCommand):
    def __init__(self, session: WorkspaceSession, action: Action) -> None:
        super().__init__(action.text)
        self._session = session
        self.action = action

    def redo(self) -> None:
        self._session.apply(self.action)

    def undo(self) -> None:
        self._session.apply(self.action.inverse())
