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

    def apply(self, action: ReviewerAction) -> ReviewerAction | None: ...


class ActionCommand(QUndoCommand):
    def __init__(self, session: Applier, action: ReviewerAction) -> None:
        super().__init__(action.text)
        self._session = session
        self.action = action
        self._redo = action

    def redo(self) -> None:
        done = self._session.apply(self._redo)
        if done is None:  # refused (a conflict is shown): no step to undo (issue 28)
            self.setObsolete(True)
        else:  # a bulk action may have written only the rows without conflict
            self.action = done

    def undo(self) -> None:
        """The inverse, made on the version the action left: refused (and the reviewer asked,
        theirs or mine) when a colleague changed the row since, never overwritten. A redo is
        the inverse's inverse: made on the version the undo left."""
        done = self._session.apply(self.action.inverse())
        if done is None:
            self.setObsolete(True)
        else:
            self._redo = done.inverse()
