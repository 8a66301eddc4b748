"""Annotations as stored, and the orphans a re-anchoring left (a concern of ``Workspace``)."""

from __future__ import annotations

from gik_desk.model.review import (
    Annotation,
)
from gik_desk.workspace import records, rowversions
from gik_desk.workspace.actions import (
    EditAnnotationNote,
)
from gik_desk.workspace.base import StorePart
from gik_desk.workspace.errors import WorkspaceError


class Annotations(StorePart):
    def annotations(self, report_key: str | None = None) -> list[Annotation]:
        """All annotations (or one report's); orphans carry ``orphan_reason``."""
        sql = f"SELECT {records.ANNOTATION_COLS} FROM annotations"
        params: tuple[str, ...] = ()
        if report_key is not None:
            sql += " WHERE report_key = ?"
            params = (report_key,)
        rows = self._conn.execute(sql + " ORDER BY created, id", params)
        return [records.annotation_from_row(r) for r in rows]

    def orphans(self) -> list[Annotation]:
        return [a for a in self.annotations() if a.orphan_reason]

    def annotation_note_action(self, annotation_id: str, note: str) -> EditAnnotationNote:
        row = self._conn.execute(
            "SELECT note FROM annotations WHERE id = ?", (annotation_id,)
        ).fetchone()
        if row is None:
            raise WorkspaceError("unknown-annotation", f"找不到批注 {annotation_id}。")
        base = rowversions.version(self._conn, "annotations", (annotation_id,))
        return EditAnnotationNote(annotation_id, row[0], note, base)
