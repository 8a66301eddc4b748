"""Every QSettings key, declared once, typed, with its default (Picard's ``options.py``).

``prefs/`` holds what a reviewer chooses (language, font size); ``state/`` what the window remembers
(geometry, splitters, last folder, recent files). The file is an ini in platformdirs'
``user_config_dir`` so it is easy to back up or reset; tests point ``config_dir`` at ``tmp_path``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from gik_desk.model.formats import APP_NAME  # one directory name for ini and workspace
from gik_desk.model.letter import DEFAULT_LETTERHEAD, DEFAULT_OFFICE

T = TypeVar("T", str, int, bool, bytes, list[str])

MAX_RECENT = 10


def config_dir() -> Path:
    """Where the ini lives; tests monkeypatch this function."""
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True, slots=True)
class Key(Generic[T]):
    name: str
    default: T


# ---- prefs: the reviewer's choices -----------------------------------------------------------
LANGUAGE: Key[str] = Key("prefs/language", "")  # "" = 简体中文 (never the locale); "zh_CN" | "en"
FONT_SIZE: Key[int] = Key("prefs/font_size", 0)  # 0 = the platform's default size
REVIEWER: Key[str] = Key("prefs/reviewer", "")
LETTERHEAD: Key[str] = Key("prefs/letterhead", DEFAULT_LETTERHEAD)  # 审核意见的版头
LETTER_OFFICE: Key[str] = Key("prefs/letter_office", DEFAULT_OFFICE)  # 审核意见的发文机关
# ---- state: what the window remembers ----------------------------------------------------------
GEOMETRY: Key[bytes] = Key("state/geometry", b"")
WINDOW_STATE: Key[bytes] = Key("state/window_state", b"")
SPLITTERS: Key[bytes] = Key("state/splitters", b"")  # the desk's top row against its bottom
SPLITTERS_TOP: Key[bytes] = Key("state/splitters_top", b"")  # tree | source | tables
SPLITTERS_BOTTOM: Key[bytes] = Key("state/splitters_bottom", b"")  # findings | detail
LAST_DIR: Key[str] = Key("state/last_dir", "")
RECENT_FILES: Key[list[str]] = Key("state/recent_files", [])
RECENT_WORKSPACES: Key[list[str]] = Key("state/recent_workspaces", [])
LAST_WORKSPACE: Key[str] = Key("state/last_workspace", "")
# team workspaces connected to (issue 28): postgresql://role@host:port/db, never a password
RECENT_TEAM_TARGETS: Key[list[str]] = Key("state/recent_team_targets", [])
LETTERS_DIR: Key[str] = Key("state/letters_dir", "")  # where letters were last written


class Settings:
    """Typed access to the ini; one instance per window is fine (QSettings syncs)."""

    def __init__(self) -> None:
        path = config_dir()
        path.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(path / f"{APP_NAME}.ini"), QSettings.Format.IniFormat)

    @property
    def path(self) -> str:
        return self._qs.fileName()

    def get(self, key: Key[T]) -> T:
        raw = self._qs.value(key.name)
        if raw is None:
            return key.default
        default = key.default
        try:
            if isinstance(default, bool):
                return (str(raw).lower() in ("true", "1")) if not isinstance(raw, bool) else raw
            if isinstance(default, int):
                return int(raw)
            if isinstance(default, bytes):
                return bytes(raw.data()) if isinstance(raw, QByteArray) else bytes(raw)
            if isinstance(default, list):
                value = json.loads(str(raw))
                return value if isinstance(value, list) else key.default
            return str(raw)
        except (TypeError, ValueError):
            return key.default

    def set(self, key: Key[T], value: T) -> None:
        if isinstance(value, list):
            self._qs.setValue(key.name, json.dumps(value, ensure_ascii=False))
        elif isinstance(value, bytes):
            self._qs.setValue(key.name, QByteArray(value))
        else:
            self._qs.setValue(key.name, value)

    def push_recent(self, key: Key[list[str]], item: str) -> list[str]:
        """Put ``item`` first in a recent list, without duplicates, at most MAX_RECENT long."""
        items = [str(x) for x in self.get(key) if str(x) != item]
        items.insert(0, item)
        del items[MAX_RECENT:]
        self.set(key, items)
        return items

    def sync(self) -> None:
        self._qs.sync()
