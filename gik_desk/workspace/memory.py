"""What the workspace remembers of the desk and of the files it read (a concern of
``Workspace``)."""

from __future__ import annotations

import json
from collections.abc import Mapping

from gik_desk.workspace.base import StorePart, dump_json


class DeskMemory(StorePart):
    def report_sources(self) -> list[str]:
        """The files the stored reports were read from, in the order first stored."""
        rows = self._conn.execute("SELECT source FROM reports GROUP BY source ORDER BY min(rowid)")
        return [str(r[0]) for r in rows]

    def known_files(self) -> dict[str, tuple[str, int | None, float | None]]:
        """Each file as the last audit read it: path → (raw sha256, size, mtime)."""
        rows = self._conn.execute("SELECT path, sha256, size, mtime FROM files")
        return {path: (sha, size, mtime) for path, sha, size, mtime in rows}

    def desk(self) -> dict[str, object]:
        """What the desk remembered (issue 13): name → the JSON value it stored."""
        out: dict[str, object] = {}
        for name, value in self._conn.execute("SELECT name, value FROM desk"):
            try:
                out[name] = json.loads(value)
            except ValueError:  # a damaged row: forgotten, never fatal
                continue
        return out

    def remember(self, items: Mapping[str, object]) -> None:
        """Store desk items (one transaction, no event: this is not reviewer work)."""
        with self._transaction() as conn:
            conn.executemany(
                "INSERT INTO desk (name, value) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                [(name, dump_json(value)) for name, value in items.items()],
            )
