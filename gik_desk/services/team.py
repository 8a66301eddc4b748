"""The team workspace's own commands (issue 28): make one, give a role its rights, and the
address helpers the faces use. The PostgreSQL driver loads only when a team workspace is used.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from gik_desk.workspace.errors import WorkspaceError
from gik_desk.workspace.team_url import is_team_url, safe_url

if TYPE_CHECKING:
    from gik_desk.services.review import ReviewSession
    from gik_desk.workspace import Workspace
    from gik_desk.workspace.actions import Touched
    from gik_desk.workspace.push import PushResult

    ChangeEvents = list[tuple[int, str, Touched]]  # per event: id, who, what it touched


def workspace_target(text: str | os.PathLike[str]) -> str | Path:
    """What ``--workspace`` names: a ``postgresql://`` URL kept as text (a ``Path`` would fold
    its ``//``), anything else a file path."""
    return os.fspath(text) if is_team_url(text) else Path(text)


def init_team_workspace(url: str) -> tuple[str, list[str]]:
    """Create (or bring up to date) the schema of the team workspace at ``url`` and the group
    roles ``gik_reviewer``/``gik_lead`` with their rights; (the URL as shown, roles made)."""
    from gik_desk.workspace import team

    with team.TeamWorkspace.open_url(url) as ws:
        made = team.init_roles(ws)
        return ws.url, made


def grant_team_role(url: str, role: str, *, lead: bool = False) -> str:
    """Give the login role ``role`` a reviewer's (or a lead's) rights on ``url``."""
    from gik_desk.workspace import team

    if not role.strip():
        raise WorkspaceError("unknown-role", "请给出要授权的数据库角色名。")
    with team.TeamWorkspace.open_url(url, create=False) as ws:
        team.grant_role(ws, role.strip(), lead=lead)
        return ws.url


def team_file_cache() -> Path:
    """Where files materialised from a team workspace are kept (the user's cache folder)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("gik-desk", appauthor=False)) / "team-files"


def local_report_file(
    session: ReviewSession, source: str, cache: Path | None = None
) -> Path | None:
    """A path on this machine holding the bytes ``source`` was audited from: the file itself
    when it is here unchanged, else a copy from the workspace's stored bytes (a colleague's
    batch opened from a team workspace); None when neither is to be had."""
    if session.workspace is None:
        path = Path(source)
        return path if path.is_file() else None
    return session.workspace.local_file(source, cache or team_file_cache())


def push_workspace(path: str | os.PathLike[str], url: str) -> PushResult:
    """Move the personal workspace ``path`` into the team workspace ``url`` (``workspace
    push``): decisions, annotations, history and files; decisions differing in both listed,
    never overwritten. The personal workspace is only read."""
    from gik_desk.workspace import Workspace
    from gik_desk.workspace.push import push

    if is_team_url(path):
        raise WorkspaceError(
            "not-workspace", "请给出要迁入的个人工作区文件(.gikdb)，而不是团队工作区地址。"
        )
    if not Path(path).is_file():
        raise WorkspaceError("missing", f"工作区文件「{path}」不存在。")
    if not is_team_url(url):  # never a .gikdb made at a mistyped address
        raise WorkspaceError("not-workspace", f"「{url}」不是团队工作区地址(postgresql://…)。")
    with (
        Workspace.open(path, create=False, read_only=True) as source,
        Workspace.open(url) as target,
    ):
        return push(source, target)


def check_team_reviewer(role: str, claimed: str | None) -> None:
    """On a team workspace the reviewer is the database role: ``--reviewer`` naming anyone
    else is refused (the message names both)."""
    if claimed and claimed.strip() and claimed.strip() != role:
        raise WorkspaceError(
            "reviewer-mismatch",
            f"团队工作区以登录的数据库角色记录审核人：当前角色是「{role}」，"
            f"不能以「{claimed.strip()}」的名义操作(--reviewer)。请以该审核人的角色连接。",
        )


__all__ = [
    "check_team_reviewer",
    "grant_team_role",
    "init_team_workspace",
    "is_team_url",
    "local_report_file",
    "push_workspace",
    "safe_url",
    "team_file_cache",
    "workspace_target",
]


class ChangeFeed:
    """Colleagues' changes for a watcher thread: the event log read on a connection that
    thread opens (SQLite connections stay on their thread), from ``cursor`` on.

    ``poll()`` returns the new events (cheap when there are none); ``wait(timeout)`` blocks
    until something may have changed (``Workspace.wait_for_change``); ``close()`` on the same
    thread. Which events are the desk's own is decided on the UI thread
    (``ReviewSession.from_others``)."""

    def __init__(self, workspace: Workspace, cursor: int) -> None:
        self._source = workspace
        self._ws: Workspace | None = None
        self.cursor = cursor

    def poll(self) -> ChangeEvents:
        if self._ws is None:
            self._ws = self._source.reopen()
        self.cursor, events = self._ws.change_events(self.cursor)
        return events

    def wait(self, timeout: float) -> None:
        if self._ws is None:
            self._ws = self._source.reopen()
        self._ws.wait_for_change(timeout)

    def close(self) -> None:
        if self._ws is not None:
            self._ws.close()
            self._ws = None
