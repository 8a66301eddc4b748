"""Why a workspace cannot be opened, in words a reviewer can act on."""

from __future__ import annotations


class WorkspaceError(Exception):
    """A workspace file that is refused (newer, corrupt, foreign) or an impossible action.

    ``message`` is Chinese and names the file; ``code`` is stable for tests and the CLI.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
