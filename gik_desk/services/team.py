"""A team's workspace from the desk's side (issue 28): the target a reviewer types to connect,
opening it, and colleagues' changes as they land.

``team_target`` builds and checks ``postgresql://role@host:port/db``: never a password (libpq
reads it from its passfile, so none reaches settings, logs or the recent list).
``open_team_workspace`` is the ONE place a team target is opened: the PostgreSQL store of
branch teamstore is wired here at merge; until then it says plainly that this build lacks it.
``ChangeFeed`` reads the event log on a connection of its own thread for the desk's watcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit

from gik_desk.model.decode import shown
from gik_desk.workspace.actions import Touched
from gik_desk.workspace.errors import WorkspaceError

if TYPE_CHECKING:
    from gik_desk.workspace import Workspace

SCHEMES = ("postgresql://", "postgres://")
DEFAULT_PORT = 5432
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.$-]{0,62}$")  # a role or database name
_HOST = re.compile(r"^[A-Za-z0-9._:\[\]/-]{1,253}$")  # a name, an address, or a socket folder

ChangeEvents = list[tuple[int, str, Touched]]  # per event: id, who, what it touched


def is_team_target(target: object) -> bool:
    """A ``postgresql://`` target rather than a ``.gikdb`` path."""
    return isinstance(target, str) and target.strip().lower().startswith(SCHEMES)


@dataclass(frozen=True, slots=True)
class TeamTarget:
    """Where a team workspace lives, as the connect dialog asks it (no password, ever)."""

    host: str
    port: int
    database: str
    role: str

    @property
    def url(self) -> str:
        host = self.host if ":" not in self.host or self.host.startswith("[") else f"[{self.host}]"
        if host.startswith("/"):  # a unix socket folder: libpq takes it as ?host=
            return f"postgresql://{quote(self.role)}@:{self.port}/{quote(self.database)}?host={quote(host)}"
        return f"postgresql://{quote(self.role)}@{host}:{self.port}/{quote(self.database)}"


def team_target(host: str, port: str | int, database: str, role: str) -> TeamTarget:
    """The dialog's fields checked and built into a target; ``ValueError`` says which field is
    wrong and why, in the reviewer's words."""
    host, database, role = host.strip(), database.strip(), role.strip()
    if not host:
        raise ValueError("请填写服务器地址。")
    if not _HOST.match(host):
        raise ValueError(f"服务器地址「{host[:60]}」含有不能用的字符。")
    try:
        number = int(str(port).strip() or DEFAULT_PORT)
    except ValueError:
        raise ValueError(f"端口「{str(port)[:20]}」不是数字。") from None
    if not 1 <= number <= 65535:
        raise ValueError(f"端口 {number} 不在 1–65535 之间。")
    if not database:
        raise ValueError("请填写数据库名称。")
    if not _NAME.match(database):
        raise ValueError(f"数据库名称「{database[:60]}」含有不能用的字符。")
    if not role:
        raise ValueError("请填写用户名(数据库角色)。")
    if not _NAME.match(role):
        raise ValueError(f"用户名「{role[:60]}」含有不能用的字符。")
    return TeamTarget(host, number, database, role)


def parse_target(url: str) -> TeamTarget:
    """A remembered target read back into the dialog's fields; ``ValueError`` when it is not
    one this desk could have written. A password in it is refused, never kept."""
    if not is_team_target(url):
        raise ValueError("不是团队工作区地址(postgresql://…)。")
    parts = urlsplit(url.strip())
    if parts.password:
        raise ValueError("地址中含有密码：密码只放在 libpq 的密码文件(pgpass)中。")
    host = parts.hostname or ""
    for item in parts.query.split("&"):
        name, _, value = item.partition("=")
        if name == "password":
            raise ValueError("地址中含有密码：密码只放在 libpq 的密码文件(pgpass)中。")
        if name == "host" and value:
            host = unquote(value)
    database = unquote(parts.path.lstrip("/"))
    return team_target(host, parts.port or DEFAULT_PORT, database, unquote(parts.username or ""))


def shown_target(url: str) -> str:
    """A target as a message or the recent list shows it: any password cut out."""
    try:
        parts = urlsplit(url.strip())
        netloc = parts.netloc
        if parts.password:
            netloc = netloc.replace(f":{parts.password}@", "@", 1)
        query = "&".join(
            q for q in parts.query.split("&") if q and q.partition("=")[0] != "password"
        )
        return shown(parts._replace(netloc=netloc, query=query).geturl(), 200)
    except ValueError:
        return "postgresql://…"


def open_team_workspace(url: str) -> Workspace:
    """Open a team workspace: the one door for ``postgresql://`` targets (window, CLI). This
    build has no PostgreSQL store yet (branch teamstore wires it here at merge)."""
    try:
        target = parse_target(url)
    except ValueError as exc:  # a password in it, a bad field: refused before any connection
        raise WorkspaceError(
            "team-target", f"团队工作区地址「{shown_target(url)}」无效：{exc}"
        ) from None
    where = f"{target.host}:{target.port}/{target.database}"
    raise WorkspaceError(
        "team-unavailable",
        f"无法连接团队工作区「{where}」：此版本的 GIK Desk 不含 PostgreSQL 团队工作区支持。",
    )


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
