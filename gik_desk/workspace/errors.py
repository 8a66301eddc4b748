"""Why a workspace cannot be opened or an action not written, in words a reviewer can act on."""

from __future__ import annotations

from dataclasses import dataclass


class WorkspaceError(Exception):
    """A workspace file that is refused (newer, corrupt, foreign) or an impossible action.

    ``message`` is Chinese and names the file; ``code`` is stable for tests and the CLI.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class RowState:
    """One side of a conflict: a review row's content in words (a status's label, a text),
    its note, and who wrote it when ("" for the side not yet written)."""

    value: str
    note: str = ""
    who: str = ""
    when: str = ""
    version: int = 0


@dataclass(frozen=True, slots=True)
class Conflict:
    """One row an action was made on that someone changed since: ``theirs`` is the row now,
    ``yours`` what the action would have written; ``base`` the version the desk showed."""

    key: str
    theirs: RowState
    yours: RowState
    base: int


class ReviewConflict(WorkspaceError):  # noqa: N818 (issue 28 names it)
    """An action made on a row version that is no longer current: nothing was written
    (issue 28: a change is never applied over a colleague's silently).

    ``action`` is the refused action; ``retry`` the same intent on the rows as they are now
    (keep mine: a new action with its own event, its inverse restoring theirs); ``rest`` for
    bulk actions, the action without the conflicting rows (None when none remain);
    ``applied`` is set by ``ReviewSession`` when it wrote ``rest`` and reports the others.
    """

    def __init__(
        self,
        action: object,
        conflicts: tuple[Conflict, ...],
        *,
        retry: object | None = None,
        rest: object | None = None,
        applied: object | None = None,
        message: str = "",
    ) -> None:
        text = getattr(action, "text", "")
        first = conflicts[0] if conflicts else None
        by = f"（{first.theirs.who} {first.theirs.when}）" if first and first.theirs.who else ""
        super().__init__(
            "conflict",
            message
            or f"「{text}」未执行：{len(conflicts)} 处已被他人改动{by}，请查看对方的修改后再决定。",
        )
        self.action = action
        self.conflicts = conflicts
        self.retry = retry
        self.rest = rest
        self.applied = applied
