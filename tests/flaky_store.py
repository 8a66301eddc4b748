"""A workspace that can be made unreachable (issue 28): while ``down`` its writes fail as a
dropped network drive's or a lost server's do (the "unreachable" ``WorkspaceError``) and its
probe says so; reads still work (the desk shows what it had)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from gik_desk.workspace import Workspace, WorkspaceError


class FlakyWorkspace(Workspace):
    down = False

    @contextmanager
    def _transaction(self) -> Iterator[object]:  # type: ignore[override]
        if self.down:
            raise WorkspaceError("unreachable", f"工作区「{self.path}」无法访问(网络已断开)。")
        with super()._transaction() as conn:
            yield conn

    def reachable(self) -> WorkspaceError | None:
        if self.down:
            return WorkspaceError("unreachable", "网络已断开")
        return super().reachable()
