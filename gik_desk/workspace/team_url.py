"""A team workspace's address (issue 28), without loading the PostgreSQL driver: every open of
a ``.gikdb`` asks ``is_team_url`` first, so this module stays light.

Passwords never leave here: ``safe_url`` is the only form kept, shown or logged (libpq's
passfile, ``PGPASSFILE``, is where a password belongs).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SCHEMES = ("postgresql", "postgres")


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
