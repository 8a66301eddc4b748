"""The local journal (issue 28): reviewer actions made while the workspace was out of reach.

One append-only file per workspace under platformdirs' user data dir (never beside or in the
workspace: that is what went away), one JSON line per action: its unique id, when, who, and
``actions.to_json``. Each line is written whole with one ``write`` and fsync'd before the desk
says the action was kept; a line a crash cut short is not an action and is skipped. Applied
actions are dropped by rewriting the file atomically (``gik_desk.atomic``). Replaying is the
session's (``services.review``): each action is applied with its id, and the store skips an id
it already logged, so a crash mid-replay never applies one twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gik_desk import atomic
from gik_desk.workspace.actions import Action, from_json, to_json

SUFFIX = ".journal.jsonl"


def default_folder() -> Path:
    """``journal`` in the desk's data dir (platformdirs', or ``$GIK_DESK_DATA_DIR``)."""
    from gik_desk.workspace.paths import data_dir

    return data_dir() / "journal"


def new_id() -> str:
    return secrets.token_hex(16)


@dataclass(frozen=True, slots=True)
class Entry:
    """One kept action: ``id`` goes with its event when applied (``Workspace.apply``)."""

    id: str
    time: str
    who: str
    action: Action


class Journal:
    """The journal of one workspace (by its path): ``append``, ``entries``, ``drop``."""

    def __init__(self, path: Path, workspace: str = "") -> None:
        self.path = path
        self.workspace = workspace

    @classmethod
    def of(cls, workspace: str | os.PathLike[str], folder: Path | None = None) -> Journal:
        """The journal of the workspace at ``workspace`` (in ``folder``, else the user data
        dir). Keyed by the absolute path: the desk that reopens that path finds it."""
        name = os.path.abspath(os.fspath(workspace))
        digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:20]
        return cls((folder or default_folder()) / f"{digest}{SUFFIX}", name)

    def append(self, entry: Entry) -> None:
        """Keep ``entry`` durably (one whole line, fsync'd); ``OSError`` when it cannot be."""
        line = _line(entry, self.workspace)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        new = not self.path.exists()
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            end = os.lseek(fd, 0, os.SEEK_END)
            if end and os.pread(fd, 1, end - 1) != b"\n":
                line = b"\n" + line  # a line a crash cut short stays apart, unread
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)
        if new:
            atomic.fsync_dir(self.path.parent)

    def entries(self) -> list[Entry]:
        """Every kept action, oldest first; a line that does not read (cut by a crash, or
        damaged) is skipped."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return []
        out: list[Entry] = []
        for raw in data.split(b"\n"):
            entry = _entry(raw)
            if entry is not None:
                out.append(entry)
        return out

    def __len__(self) -> int:
        return len(self.entries())

    def drop(self, ids: Iterable[str]) -> None:
        """Remove applied (or discarded) actions: the rest rewritten atomically, the file
        removed once empty."""
        gone = set(ids)
        if not gone:
            return
        keep = [e for e in self.entries() if e.id not in gone]
        if not keep:
            self.path.unlink(missing_ok=True)
            return
        atomic.write_bytes(self.path, b"".join(_line(e, self.workspace) for e in keep))


def _line(entry: Entry, workspace: str) -> bytes:
    record: dict[str, Any] = {
        "id": entry.id,
        "time": entry.time,
        "who": entry.who,
        "workspace": workspace,
        "action": to_json(entry.action),
    }
    return (json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def _entry(raw: bytes) -> Entry | None:
    if not raw.strip():
        return None
    try:
        record = json.loads(raw.decode("utf-8"))
        return Entry(
            str(record["id"]), str(record["time"]), str(record["who"]), from_json(record["action"])
        )
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
