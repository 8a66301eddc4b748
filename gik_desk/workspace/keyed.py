"""Figures reviewers keyed into cells no reader could read (issue 29; a concern of
``Workspace``). The ``KeyCell`` action writes its own rows (``workspace/actions.py``)."""

from __future__ import annotations

from gik_desk.model.review import KeyedValue
from gik_desk.workspace import rowversions
from gik_desk.workspace.actions import KeyCell
from gik_desk.workspace.base import StorePart


class KeyedCells(StorePart):
    def keyed_values(self) -> list[KeyedValue]:
        """Every figure keyed into an unread cell (issue 29)."""
        rows = self._conn.execute(
            "SELECT report_key, cell, source, file_sha256, text, reviewer, updated "
            "FROM keyed_cells ORDER BY rowid"
        )
        return [KeyedValue(*(str(v) for v in row)) for row in rows]

    def key_cell_action(
        self, report_key: str, cell: str, source: str, sha256: str, text: str
    ) -> KeyCell:
        row = self._conn.execute(
            "SELECT text FROM keyed_cells WHERE report_key = ? AND cell = ?", (report_key, cell)
        ).fetchone()
        base = rowversions.version(self._conn, "keyed_cells", (report_key, cell))
        return KeyCell(report_key, cell, source, sha256, str(row[0]) if row else "", text, base)
