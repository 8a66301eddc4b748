"""A team workspace's address (issue 28), without loading the PostgreSQL driver: every open of
a ``.gikdb`` asks ``is_team_url`` first, so this module stays light.

Passwords never leave here: ``safe_url`` is the only form kept, shown or logged (libpq's
passfile, ``PGPASSFILE``, is where a password belongs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

SCHEMES = ("postgresql", "postgres")
DEFAULT_PORT = 5432
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.$-]{0,62}$")  # a role or database name
_HOST = re.compile(r"^[A-Za-z0-9._:\[\]/-]{1,253}$")  # a name, an address, or a socket folder


def is_team_url(target: object) -> bool:
    """Whether ``target`` names a PostgreSQL workspace (a ``Path`` that swallowed ``//`` too)."""
    text = str(target)
    return any(text.startswith(f"{s}:/") for s in SCHEMES)


def normal_url(target: object) -> str:
    """The URL itself, ``postgresql:/host/db`` (a ``Path`` of it) made whole again."""
    text = str(target)
    scheme, _, rest = text.partition(":")
    if not rest.startswith("//"):
        rest = "/" + rest
    return f"{scheme}:{rest}"


def safe_url(url: str) -> str:
    """``url`` without any password (in the user part or a ``password=`` parameter): the only
    form kept, shown or logged."""
    parts = urlsplit(normal_url(url))
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.partition(':')[0]}@{host}"
    kept = [(k, v) for k, v in parse_qsl(parts.query) if k.lower() != "password"]
    query = urlencode(kept, safe="/")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def describe_host(url: str) -> str:
    """The server a URL names, for messages: host (or socket folder) and port."""
    parts = urlsplit(normal_url(url))
    query = dict(parse_qsl(parts.query))
    host = parts.hostname or query.get("host") or "localhost"
    port = parts.port or query.get("port")
    return f"{host}:{port}" if port else host


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
    if not is_team_url(url.strip()):
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
