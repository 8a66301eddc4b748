"""Every reviewer action as a frozen dataclass with its inverse: undo is applying ``inverse()``.

Each action class says everything about itself (issue 22), so nothing switches over their
types: ``name`` (the event log's code), ``label`` (the log's words, from
``model.review.EVENT_WORDS``, which the 操作记录 sheet reads through ``Event.label``), ``text``
(the undo step's words), ``touches()`` (what a face must refresh) and ``write(conn, who, now)``
(its rows, returning the event's target, before and after). ``Workspace.apply`` runs ``write``
and logs the event in one transaction; the UI wraps actions in a QUndoStack (redo =
apply(action), undo = apply(action.inverse())).

Issue 28: an action carries ``base``, the row version(s) it was made on (what the desk showed;
not part of equality). ``write`` refuses with ``ReviewConflict`` when a row moved since, and
the inverse is made on the version the action leaves (``rowversions.after``), so an undo over
a colleague's change is refused too. ``base`` None: unchecked (an action from before).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from enum import Enum
from types import UnionType
from typing import Any, ClassVar, TypeAlias, Union, cast, get_args, get_origin, get_type_hints

from gik_desk.model import decode
from gik_desk.model.rectification import Outcome
from gik_desk.model.review import EVENT_WORDS, Annotation, ReportState, ReviewStatus
from gik_desk.workspace import records, rowversions
from gik_desk.workspace.errors import Conflict, ReviewConflict, RowState, WorkspaceError


@dataclass(frozen=True, slots=True)
class Touched:
    """What one applied action touched: finding keys, report keys whose annotations changed
    ("" when only the annotation's id is known), body+year keys whose 现行版本 changed, report
    keys whose sign-off changed, report keys with a figure keyed or taken back.
    ``gik_desk.services`` names it ``Changed``."""

    findings: tuple[str, ...] = ()
    annotations: tuple[str, ...] = ()
    versions: tuple[str, ...] = ()
    reports: tuple[str, ...] = ()
    items: tuple[str, ...] = ()  # sent letters' items whose 整改复核 decision changed (issue 30)
    cells: tuple[str, ...] = ()  # report keys with a figure keyed or taken back (issue 29)
    assignments: tuple[str, ...] = ()  # ``body:…``/``report:…`` whose holder changed (issue 28)


def reason_required(status: ReviewStatus) -> str:
    """The refusal when 已排除 or 例外 would be set without a word of why."""
    return f"标为「{status.label}」须说明理由：请先在备注中写明理由，再设置此状态。"


def row_review(conn: sqlite3.Connection, key: str) -> tuple[ReviewStatus, str]:
    """A stored finding's status and note; ``WorkspaceError`` for a finding never stored."""
    known = conn.execute("SELECT 1 FROM findings WHERE key = ?", (key,)).fetchone()
    if known is None:
        raise WorkspaceError("unknown-finding", f"工作区中没有这个问题：{key}")
    row = conn.execute("SELECT status, note FROM reviews WHERE finding_key = ?", (key,)).fetchone()
    if row is None:
        return ReviewStatus.PENDING, ""
    try:
        status = decode.status(row[0])
    except decode.DamagedValueError:  # a damaged row reads as 待核实 (what every view shows)
        status = ReviewStatus.PENDING
    return status, decode.text(row[1])


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _statuses_now(
    conn: sqlite3.Connection,
    action: SetStatus | RestoreStatuses,
    afters: tuple[ReviewStatus, ...],
) -> tuple[list[ReviewStatus], list[int]]:
    """Each key's status and version now; ``ReviewConflict`` (with the same change on the
    current versions as ``retry`` and the unconflicted keys as ``rest``) when any moved."""
    befores: list[ReviewStatus] = []
    versions: list[int] = []
    found: list[Conflict] = []
    for i, (key, status) in enumerate(zip(action.keys, afters, strict=True)):
        was, note = row_review(conn, key)
        v = rowversions.version(conn, "reviews", (key,))
        befores.append(was)
        versions.append(v)
        if action.base is not None and v != action.base[i]:
            yours = RowState(ReviewStatus(status).label, note)
            found.append(rowversions.conflict(conn, "reviews", (key,), action.base[i], yours))
    if found:
        stale = {c.key for c in found}
        keep = [i for i, k in enumerate(action.keys) if k not in stale]
        rest = action.only(keep, befores, versions) if keep else None
        retry = action.only(range(len(action.keys)), befores, versions)
        raise ReviewConflict(action, tuple(found), retry=retry, rest=rest)
    return befores, versions


def _write_statuses(
    conn: sqlite3.Connection,
    action: SetStatus | RestoreStatuses,
    afters: tuple[ReviewStatus, ...],
    who: str,
    now: str,
    *,
    check_reason: bool,
) -> tuple[str, str, str]:
    keys = action.keys
    befores, versions = _statuses_now(conn, action, afters)
    for key, status, v in zip(keys, afters, versions, strict=True):
        if check_reason and status.needs_reason and not row_review(conn, key)[1].strip():
            raise WorkspaceError("reason-required", reason_required(status))
        conn.execute(
            "INSERT INTO reviews (finding_key, status, reviewer, updated) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (finding_key) DO UPDATE SET "
            "status = excluded.status, reviewer = excluded.reviewer, "
            "updated = excluded.updated",
            (key, ReviewStatus(status).value, who, now),
        )
        rowversions.stamp(conn, "reviews", (key,), v)
    return (
        _json(list(keys)),
        _json([s.value for s in befores]),
        _json([ReviewStatus(s).value for s in afters]),
    )


@dataclass(frozen=True, slots=True)
class SetStatus:
    """One status for a whole selection: a bulk change is ONE action and one undo step."""

    keys: tuple[str, ...]
    before: tuple[ReviewStatus, ...]
    after: ReviewStatus
    base: tuple[int, ...] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if len(self.keys) != len(self.before):
            raise ValueError("SetStatus: keys and before differ in length")
        if self.base is not None and len(self.base) != len(self.keys):
            raise ValueError("SetStatus: keys and base differ in length")

    name: ClassVar[str] = "set_status"
    label: ClassVar[str] = EVENT_WORDS["set_status"]

    def inverse(self) -> RestoreStatuses:
        base = None if self.base is None else tuple(b + 1 for b in self.base)
        return RestoreStatuses(self.keys, (self.after,) * len(self.keys), self.before, base)

    def only(
        self, indices: Iterable[int], befores: list[ReviewStatus], versions: list[int]
    ) -> SetStatus:
        """The same change for the keys at ``indices``, made on the rows as they are now."""
        idx = list(indices)
        return SetStatus(
            tuple(self.keys[i] for i in idx),
            tuple(befores[i] for i in idx),
            self.after,
            tuple(versions[i] for i in idx),
        )

    @property
    def text(self) -> str:
        if len(self.keys) == 1:
            return f"标为「{self.after.label}」"
        return f"将 {len(self.keys)} 个问题标为「{self.after.label}」"

    def touches(self) -> Touched:
        return Touched(findings=tuple(self.keys))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        afters = (self.after,) * len(self.keys)
        return _write_statuses(conn, self, afters, who, now, check_reason=True)


@dataclass(frozen=True, slots=True)
class RestoreStatuses:
    """Per-key statuses: what undoing a bulk ``SetStatus`` over mixed statuses needs."""

    keys: tuple[str, ...]
    before: tuple[ReviewStatus, ...]
    after: tuple[ReviewStatus, ...]
    base: tuple[int, ...] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not len(self.keys) == len(self.before) == len(self.after):
            raise ValueError("RestoreStatuses: keys, before and after differ in length")
        if self.base is not None and len(self.base) != len(self.keys):
            raise ValueError("RestoreStatuses: keys and base differ in length")

    name: ClassVar[str] = "set_status"
    label: ClassVar[str] = EVENT_WORDS["set_status"]

    def inverse(self) -> RestoreStatuses:
        base = None if self.base is None else tuple(b + 1 for b in self.base)
        return RestoreStatuses(self.keys, self.after, self.before, base)

    def only(
        self, indices: Iterable[int], befores: list[ReviewStatus], versions: list[int]
    ) -> RestoreStatuses:
        """The same statuses for the keys at ``indices``, made on the rows as they are now."""
        idx = list(indices)
        return RestoreStatuses(
            tuple(self.keys[i] for i in idx),
            tuple(befores[i] for i in idx),
            tuple(self.after[i] for i in idx),
            tuple(versions[i] for i in idx),
        )

    @property
    def text(self) -> str:
        return f"恢复 {len(self.keys)} 个问题的状态"

    def touches(self) -> Touched:
        return Touched(findings=tuple(self.keys))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        return _write_statuses(conn, self, self.after, who, now, check_reason=False)


@dataclass(frozen=True, slots=True)
class SetNote:
    key: str
    before: str
    after: str
    base: int | None = field(default=None, compare=False)

    name: ClassVar[str] = "set_note"
    label: ClassVar[str] = EVENT_WORDS["set_note"]

    def inverse(self) -> SetNote:
        return SetNote(self.key, self.after, self.before, rowversions.after(self.base))

    @property
    def text(self) -> str:
        return "编辑备注"

    def touches(self) -> Touched:
        return Touched(findings=(self.key,))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        current, before = row_review(conn, self.key)
        v = rowversions.check(
            conn,
            self,
            "reviews",
            (self.key,),
            self.base,
            RowState(current.label, self.after),
            lambda now: replace(self, before=before, base=now),
        )
        if current.needs_reason and not self.after.strip() and before.strip():
            raise WorkspaceError("reason-required", reason_required(current))
        conn.execute(
            "INSERT INTO reviews (finding_key, status, note, reviewer, updated) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (finding_key) DO UPDATE SET "
            "note = excluded.note, reviewer = excluded.reviewer, updated = excluded.updated",
            (self.key, ReviewStatus.PENDING.value, self.after, who, now),
        )
        rowversions.stamp(conn, "reviews", (self.key,), v)
        return self.key, before, self.after


@dataclass(frozen=True, slots=True)
class SetOutward:
    """The outward text (对外意见) of a finding: what the letter to the body says about it,
    kept apart from the internal note (issue 17)."""

    key: str
    before: str
    after: str
    base: int | None = field(default=None, compare=False)

    name: ClassVar[str] = "set_outward"
    label: ClassVar[str] = EVENT_WORDS["set_outward"]

    def inverse(self) -> SetOutward:
        return SetOutward(self.key, self.after, self.before, rowversions.after(self.base))

    @property
    def text(self) -> str:
        return "编辑对外意见"

    def touches(self) -> Touched:
        return Touched(findings=(self.key,))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        row_review(conn, self.key)  # an unknown finding is refused, as for notes
        row = conn.execute(
            "SELECT text FROM outward_texts WHERE finding_key = ?", (self.key,)
        ).fetchone()
        before = str(row[0]) if row else ""
        key = (self.key,)
        retry = lambda now: replace(self, before=before, base=now)  # noqa: E731
        v = rowversions.check(
            conn, self, "outward_texts", key, self.base, RowState(self.after), retry
        )
        conn.execute(
            "INSERT INTO outward_texts (finding_key, text, reviewer, updated) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (finding_key) DO UPDATE SET "
            "text = excluded.text, reviewer = excluded.reviewer, updated = excluded.updated",
            (self.key, self.after, who, now),
        )
        rowversions.stamp(conn, "outward_texts", key, v)
        return self.key, before, self.after


@dataclass(frozen=True, slots=True)
class AddAnnotation:
    annotation: Annotation
    base: int | None = field(default=None, compare=False)  # 0: made where no row is

    name: ClassVar[str] = "add_annotation"
    label: ClassVar[str] = EVENT_WORDS["add_annotation"]

    def inverse(self) -> DeleteAnnotation:
        return DeleteAnnotation(self.annotation, rowversions.after(self.base))

    @property
    def text(self) -> str:
        return "添加批注"

    def touches(self) -> Touched:
        return Touched(annotations=(self.annotation.report_key,))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        a = self.annotation
        yours = RowState(a.note, "", who, now)
        v = rowversions.check(conn, self, "annotations", (a.id,), self.base, yours)
        hints = conn.execute(
            "SELECT text_sha256, raw_sha256 FROM reports WHERE report_key = ? AND source = ?",
            (a.report_key, a.source),
        ).fetchone() or ("", "")
        conn.execute(
            f"INSERT INTO annotations ({records.ANNOTATION_COLS}, text_sha256, raw_sha256) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                a.id,
                a.report_key,
                a.source,
                a.exact,
                a.prefix,
                a.suffix,
                a.start,
                a.end,
                a.cell,
                a.note,
                a.author or who,
                a.created or now,
                a.orphan_reason,
                *hints,
            ),
        )
        rowversions.stamp(conn, "annotations", (a.id,), v)
        return a.id, "", _json(records.annotation_json(a))


@dataclass(frozen=True, slots=True)
class DeleteAnnotation:
    annotation: Annotation
    base: int | None = field(default=None, compare=False)

    name: ClassVar[str] = "delete_annotation"
    label: ClassVar[str] = EVENT_WORDS["delete_annotation"]

    def inverse(self) -> AddAnnotation:
        return AddAnnotation(self.annotation, rowversions.after(self.base))

    @property
    def text(self) -> str:
        return "删除批注"

    def touches(self) -> Touched:
        return Touched(annotations=(self.annotation.report_key,))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        a = self.annotation
        there = conn.execute("SELECT 1 FROM annotations WHERE id = ?", (a.id,)).fetchone()
        retry = lambda now: replace(self, base=now) if there else None  # noqa: E731
        yours = RowState(rowversions.GONE)
        v = rowversions.check(conn, self, "annotations", (a.id,), self.base, yours, retry)
        gone = conn.execute("DELETE FROM annotations WHERE id = ?", (a.id,)).rowcount
        if not gone:
            raise WorkspaceError("unknown-annotation", f"找不到批注 {a.id}。")
        rowversions.stamp(conn, "annotations", (a.id,), v)
        return a.id, _json(records.annotation_json(a)), ""


@dataclass(frozen=True, slots=True)
class EditAnnotationNote:
    annotation_id: str
    before: str
    after: str
    base: int | None = field(default=None, compare=False)

    name: ClassVar[str] = "edit_annotation_note"
    label: ClassVar[str] = EVENT_WORDS["edit_annotation_note"]

    def inverse(self) -> EditAnnotationNote:
        return EditAnnotationNote(
            self.annotation_id, self.after, self.before, rowversions.after(self.base)
        )

    @property
    def text(self) -> str:
        return "编辑批注内容"

    def touches(self) -> Touched:
        return Touched(annotations=("",))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        row = conn.execute(
            "SELECT note FROM annotations WHERE id = ?", (self.annotation_id,)
        ).fetchone()
        key = (self.annotation_id,)
        if row is None and self.base is None:
            raise WorkspaceError("unknown-annotation", f"找不到批注 {self.annotation_id}。")
        before = str(row[0]) if row else ""
        retry = lambda now: replace(self, before=before, base=now) if row else None  # noqa: E731
        yours = RowState(self.after)
        v = rowversions.check(conn, self, "annotations", key, self.base, yours, retry)
        conn.execute(
            "UPDATE annotations SET note = ? WHERE id = ?", (self.after, self.annotation_id)
        )
        rowversions.stamp(conn, "annotations", key, v)
        return self.annotation_id, before, self.after


@dataclass(frozen=True, slots=True)
class SetCurrentVersion:
    """The reviewer's 现行版本 of a body+year (``report_key`` without a slot): the version
    progress counts, the workbook summary and letters count. ``None`` = no mark (the default:
    the first version seen)."""

    report_key: str
    before: str | None
    after: str | None
    base: int | None = field(default=None, compare=False)

    name: ClassVar[str] = "set_current_version"
    label: ClassVar[str] = EVENT_WORDS["set_current_version"]

    def inverse(self) -> SetCurrentVersion:
        base = rowversions.after(self.base)
        return SetCurrentVersion(self.report_key, self.after, self.before, base)

    @property
    def text(self) -> str:
        return "标为现行版本"

    def touches(self) -> Touched:
        return Touched(versions=(self.report_key,))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        row = conn.execute(
            "SELECT slot FROM current_versions WHERE report_key = ?", (self.report_key,)
        ).fetchone()
        key = (self.report_key,)
        before = str(row[0]) if row else None
        retry = lambda now: replace(self, before=before, base=now)  # noqa: E731
        yours = RowState(rowversions.GONE if self.after is None else self.after)
        v = rowversions.check(conn, self, "current_versions", key, self.base, yours, retry)
        if self.after is None:
            conn.execute("DELETE FROM current_versions WHERE report_key = ?", (self.report_key,))
        else:
            conn.execute(
                "INSERT INTO current_versions (report_key, slot) VALUES (?, ?) "
                "ON CONFLICT (report_key) DO UPDATE SET slot = excluded.slot",
                (self.report_key, self.after),
            )
        rowversions.stamp(conn, "current_versions", key, v)
        return self.report_key, row[0] if row else "", self.after or ""


@dataclass(frozen=True, slots=True)
class KeyCell:
    """A figure a reviewer typed into a cell no reader could read (issue 29): an unread scan
    figure, an undecided split, text where a number belongs, a cell missing from the file.

    Tied to the report (``report_key``), the cell (``table/row/col``) and the file's bytes
    (``sha256``): the value is applied only while the file is unchanged. ``before``/``after``
    are the typed texts ("" = nothing keyed), read as a printed cell is.
    """

    report_key: str
    cell: str
    source: str
    sha256: str
    before: str
    after: str
    base: int | None = field(default=None, compare=False)

    name: ClassVar[str] = "key_cell"
    label: ClassVar[str] = EVENT_WORDS["key_cell"]

    def inverse(self) -> KeyCell:
        base = rowversions.after(self.base)
        return KeyCell(
            self.report_key, self.cell, self.source, self.sha256, self.after, self.before, base
        )

    @property
    def text(self) -> str:
        return f"录入数值「{self.after}」" if self.after else "清除录入的数值"

    def touches(self) -> Touched:
        return Touched(cells=(self.report_key,))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        row = conn.execute(
            "SELECT text FROM keyed_cells WHERE report_key = ? AND cell = ?",
            (self.report_key, self.cell),
        ).fetchone()
        key = (self.report_key, self.cell)
        before = str(row[0]) if row else ""
        retry = lambda now: replace(self, before=before, base=now)  # noqa: E731
        yours = RowState(self.after or rowversions.GONE)
        v = rowversions.check(conn, self, "keyed_cells", key, self.base, yours, retry)
        if self.after:
            conn.execute(
                "INSERT INTO keyed_cells (report_key, cell, source, file_sha256, text, "
                "reviewer, updated) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (report_key, cell) DO UPDATE SET source = excluded.source, "
                "file_sha256 = excluded.file_sha256, text = excluded.text, "
                "reviewer = excluded.reviewer, updated = excluded.updated",
                (self.report_key, self.cell, self.source, self.sha256, self.after, who, now),
            )
        else:
            conn.execute(
                "DELETE FROM keyed_cells WHERE report_key = ? AND cell = ?",
                (self.report_key, self.cell),
            )
        rowversions.stamp(conn, "keyed_cells", key, v)
        target = f"{self.report_key}#{self.cell}"
        return target, str(row[0]) if row else "", self.after


@dataclass(frozen=True, slots=True)
class ReviewChange:
    """One finding's status and note before and after a workbook import."""

    key: str
    before_status: ReviewStatus
    before_note: str
    after_status: ReviewStatus
    after_note: str
    before_outward: str | None = None  # 对外意见 (issue 23); None: the import leaves it
    after_outward: str | None = None

    def swapped(self) -> ReviewChange:
        return ReviewChange(
            self.key,
            self.after_status,
            self.after_note,
            self.before_status,
            self.before_note,
            self.after_outward,
            self.before_outward,
        )


@dataclass(frozen=True, slots=True)
class ImportReview:
    """Statuses and notes read back from a reviewer's workbook (issue 16): every change of one
    import is ONE action, one event row naming the workbook, and one undo step.

    ``source`` is the workbook's file name; ``undo`` marks the inverse (the import taken back).
    """

    source: str
    changes: tuple[ReviewChange, ...]
    undo: bool = False

    NAMES: ClassVar[dict[bool, str]] = {False: "import_review", True: "revert_import_review"}

    @property
    def name(self) -> str:
        return self.NAMES[self.undo]

    @property
    def label(self) -> str:
        return EVENT_WORDS[self.name]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.changes)

    def inverse(self) -> ImportReview:
        return ImportReview(self.source, tuple(c.swapped() for c in self.changes), not self.undo)

    @property
    def text(self) -> str:
        if self.undo:
            return f"撤销导入审核表「{self.source}」"
        return f"导入审核表「{self.source}」（{len(self.changes)} 条问题）"

    def touches(self) -> Touched:
        return Touched(findings=self.keys)

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        """Every change of a workbook import, or none: a finding that changed since the import
        was planned is a conflict (the whole import is refused, nothing is overwritten)."""
        self._check(conn)
        before: dict[str, dict[str, str]] = {}
        after: dict[str, dict[str, str]] = {}
        for c in self.changes:
            v = rowversions.version(conn, "reviews", (c.key,))
            conn.execute(
                "INSERT INTO reviews (finding_key, status, note, reviewer, updated) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (finding_key) DO UPDATE SET "
                "status = excluded.status, note = excluded.note, reviewer = excluded.reviewer, "
                "updated = excluded.updated",
                (c.key, ReviewStatus(c.after_status).value, c.after_note, who, now),
            )
            rowversions.stamp(conn, "reviews", (c.key,), v)
            before[c.key] = {"status": c.before_status.value, "note": c.before_note}
            after[c.key] = {"status": c.after_status.value, "note": c.after_note}
            if c.after_outward is not None:  # 对外意见 carried by the import (issue 23)
                self._write_outward(conn, c, who, now)
                before[c.key]["outward"] = c.before_outward or ""
                after[c.key]["outward"] = c.after_outward
        return self.source, _json(before), _json(after)

    def _check(self, conn: sqlite3.Connection) -> None:
        """A finding whose status, note or 对外意见 is not what the import was planned on is a
        conflict: nothing is written; ``rest`` is the import without those findings."""
        found: list[Conflict] = []
        fresh: list[ReviewChange] = []
        for c in self.changes:
            status, note = row_review(conn, c.key)
            row = conn.execute(
                "SELECT text FROM outward_texts WHERE finding_key = ?", (c.key,)
            ).fetchone()
            outward = str(row[0]) if row else ""
            stale = (status, note) != (c.before_status, c.before_note)
            if c.after_outward is not None and outward != (c.before_outward or ""):
                stale = True
            now = replace(
                c,
                before_status=status,
                before_note=note,
                before_outward=outward if c.after_outward is not None else None,
            )
            fresh.append(now)
            if stale:
                yours = RowState(c.after_status.label, c.after_note)
                theirs = rowversions.row_state(conn, "reviews", (c.key,))
                found.append(Conflict(c.key, theirs, yours, 0))
        if found:
            stale_keys = {f.key for f in found}
            kept = tuple(c for c in self.changes if c.key not in stale_keys)
            rest = replace(self, changes=kept) if kept else None
            retry = replace(self, changes=tuple(fresh))
            raise ReviewConflict(self, tuple(found), retry=retry, rest=rest)

    def _write_outward(self, conn: sqlite3.Connection, c: ReviewChange, who: str, now: str) -> None:
        v = rowversions.version(conn, "outward_texts", (c.key,))
        conn.execute(
            "INSERT INTO outward_texts (finding_key, text, reviewer, updated) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (finding_key) DO UPDATE SET text = excluded.text, "
            "reviewer = excluded.reviewer, updated = excluded.updated",
            (c.key, c.after_outward, who, now),
        )
        rowversions.stamp(conn, "outward_texts", (c.key,), v)


@dataclass(frozen=True, slots=True)
class SetReportState:
    """The reviewer's sign-off of one report (``report_key``: body + year + version slot)."""

    report_key: str
    before: ReportState
    after: ReportState
    base: int | None = field(default=None, compare=False)

    name: ClassVar[str] = "set_report_state"
    label: ClassVar[str] = EVENT_WORDS["set_report_state"]

    def inverse(self) -> SetReportState:
        return SetReportState(
            self.report_key, self.after, self.before, rowversions.after(self.base)
        )

    @property
    def text(self) -> str:
        return f"报告标为「{self.after.label}」"

    def touches(self) -> Touched:
        return Touched(reports=(self.report_key,))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        row = conn.execute(
            "SELECT state FROM report_states WHERE report_key = ?", (self.report_key,)
        ).fetchone()
        old_state = str(row[0]) if row else ReportState.NOT_STARTED.value
        key = (self.report_key,)
        was = ReportState(old_state) if old_state in set(ReportState) else self.before
        retry = lambda now: replace(self, before=was, base=now)  # noqa: E731
        yours = RowState(self.after.label)
        v = rowversions.check(conn, self, "report_states", key, self.base, yours, retry)
        conn.execute(
            "INSERT INTO report_states (report_key, state) VALUES (?, ?) "
            "ON CONFLICT (report_key) DO UPDATE SET state = excluded.state",
            (self.report_key, self.after.value),
        )
        rowversions.stamp(conn, "report_states", key, v)
        return self.report_key, old_state, self.after.value


@dataclass(frozen=True, slots=True)
class SetRectification:
    """The reviewer confirms or overrides what became of one item of a sent letter (整改复核,
    issue 30). ``key`` is ``letter:<id>#<n>``; an outcome of ``None`` = no word given (the
    figures' judgement stands unconfirmed)."""

    key: str
    before: tuple[Outcome | None, str]
    after: tuple[Outcome | None, str]
    base: int | None = field(default=None, compare=False)

    name: ClassVar[str] = "set_rectification"
    label: ClassVar[str] = EVENT_WORDS["set_rectification"]

    def inverse(self) -> SetRectification:
        base = rowversions.after(self.base)
        return SetRectification(self.key, self.after, self.before, base)

    @property
    def text(self) -> str:
        outcome = self.after[0]
        return f"整改复核：标为「{outcome.label}」" if outcome is not None else "整改复核：撤回结论"

    def touches(self) -> Touched:
        return Touched(items=(self.key,))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        from gik_desk.workspace import sent_letters

        said = sent_letters.decision(conn, self.key)
        key = (self.key,)
        outcome = self.after[0]
        yours = RowState(outcome.label if outcome else rowversions.GONE, self.after[1])
        retry = lambda now: replace(self, before=said, base=now)  # noqa: E731
        v = rowversions.check(conn, self, "rectification", key, self.base, yours, retry)
        sent_letters.write_decision(conn, self.key, *self.after, who, now)
        rowversions.stamp(conn, "rectification", key, v)
        return self.key, sent_letters.decision_json(said), sent_letters.decision_json(self.after)


def _write_holders(
    conn: sqlite3.Connection, targets: tuple[str, ...], holders: tuple[str, ...], who: str, now: str
) -> list[str]:
    """Give each target its holder ("" takes the assignment away); the holders before."""
    befores: list[str] = []
    for target, holder in zip(targets, holders, strict=True):
        row = conn.execute(
            "SELECT reviewer FROM assignments WHERE target = ?", (target,)
        ).fetchone()
        befores.append(str(row[0]) if row else "")
        if holder:
            conn.execute(
                "INSERT INTO assignments (target, reviewer, assigned_by, updated) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (target) DO UPDATE SET "
                "reviewer = excluded.reviewer, assigned_by = excluded.assigned_by, "
                "updated = excluded.updated",
                (target, holder, who, now),
            )
        else:
            conn.execute("DELETE FROM assignments WHERE target = ?", (target,))
    return befores


@dataclass(frozen=True, slots=True)
class Assign:
    """A lead gives bodies (``body:<agency_key>``) or single reports (``report:<report_key>``)
    to a reviewer (issue 28); ``after`` per target, "" = no longer assigned. A whole selection
    is one action and one undo step; its inverse gives each target back its holder before."""

    targets: tuple[str, ...]
    before: tuple[str, ...]
    after: tuple[str, ...]

    def __post_init__(self) -> None:
        if not len(self.targets) == len(self.before) == len(self.after):
            raise ValueError("Assign: targets, before and after differ in length")
        if any(not t.startswith(("body:", "report:")) for t in self.targets):
            raise ValueError("Assign: a target is body:<agency_key> or report:<report_key>")

    name: ClassVar[str] = "assign"
    label: ClassVar[str] = EVENT_WORDS["assign"]
    lead_only: ClassVar[bool] = True  # ``ReviewSession.apply`` asks ``Workspace.is_lead()``

    def inverse(self) -> Assign:
        return Assign(self.targets, self.after, self.before)

    @property
    def text(self) -> str:
        holders = set(self.after)
        if holders == {""}:
            return "取消分配"
        if len(holders) == 1:
            return f"分配给「{self.after[0]}」"
        return "恢复分配"

    def touches(self) -> Touched:
        return Touched(assignments=self.targets)

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        _write_holders(conn, self.targets, self.after, who, now)
        return _json(list(self.targets)), _json(list(self.before)), _json(list(self.after))


@dataclass(frozen=True, slots=True)
class ReopenReport:
    """A lead reopens a signed-off (已完成) report (issue 28): a reviewer may not take back a
    sign-off, so this is an action of its own, gated like ``Assign``. Undone by signing the
    report off again."""

    report_key: str
    after: ReportState = ReportState.IN_PROGRESS
    base: int | None = field(default=None, compare=False)

    name: ClassVar[str] = "reopen_report"
    label: ClassVar[str] = EVENT_WORDS["reopen_report"]
    lead_only: ClassVar[bool] = True

    def inverse(self) -> SetReportState:
        return SetReportState(
            self.report_key, self.after, ReportState.DONE, rowversions.after(self.base)
        )

    @property
    def text(self) -> str:
        return f"重新打开报告(标为「{self.after.label}」)"

    def touches(self) -> Touched:
        return Touched(reports=(self.report_key,))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        """Under the row-version rule like every sign-off change (a colleague's stale
        sign-off made before this reopening is refused, not applied over it)."""
        key = (self.report_key,)
        retry = lambda now: replace(self, base=now)  # noqa: E731
        v = rowversions.check(
            conn, self, "report_states", key, self.base, RowState(self.after.label), retry
        )
        row = conn.execute("SELECT state FROM report_states WHERE report_key = ?", key).fetchone()
        if row is None or str(row[0]) != ReportState.DONE.value:
            raise WorkspaceError(
                "conflict", f"「{self.text}」未执行：这份报告已不是「已完成」。({self.report_key})"
            )
        conn.execute(
            "UPDATE report_states SET state = ? WHERE report_key = ?",
            (self.after.value, self.report_key),
        )
        rowversions.stamp(conn, "report_states", key, v)
        return self.report_key, ReportState.DONE.value, self.after.value


Action: TypeAlias = (
    SetStatus
    | RestoreStatuses
    | SetNote
    | SetOutward
    | AddAnnotation
    | DeleteAnnotation
    | EditAnnotationNote
    | SetCurrentVersion
    | ImportReview
    | SetReportState
    | SetRectification
    | KeyCell
    | Assign
    | ReopenReport
)

ACTION_TYPES: dict[str, type[Action]] = {
    cls.__name__: cls
    for cls in (
        SetStatus,
        RestoreStatuses,
        SetNote,
        SetOutward,
        AddAnnotation,
        DeleteAnnotation,
        EditAnnotationNote,
        SetCurrentVersion,
        ImportReview,
        SetReportState,
        SetRectification,
        KeyCell,
    )
}


def to_json(action: Action) -> dict[str, Any]:
    """An action's stable serialised form (issue 28: the local journal keeps actions made
    while the workspace was out of reach): its class name and its fields, ``base`` included,
    as plain JSON values. ``from_json`` reads it back equal, versions and all."""
    return {"type": type(action).__name__, **_encode(action)}


def from_json(data: Mapping[str, Any]) -> Action:
    """The action ``to_json`` wrote; ``ValueError`` for anything else (a damaged line)."""
    try:
        cls = ACTION_TYPES[str(data["type"])]
        return cast("Action", _decode(cls, data))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"not a reviewer action: {exc}") from exc


def _encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def _decode(kind: Any, value: Any) -> Any:
    origin, args = get_origin(kind), get_args(kind)
    if origin in (Union, UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = (a for a in args if a is not type(None))
        return _decode(inner, value)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in value)
        return tuple(_decode(a, v) for a, v in zip(args, value, strict=True))
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if isinstance(kind, type) and is_dataclass(kind):
        hints = get_type_hints(kind)
        given = [f.name for f in fields(kind) if f.name in value]
        return kind(**{name: _decode(hints[name], value[name]) for name in given})
    if kind in (str, int) and not isinstance(value, kind):
        raise ValueError(f"{value!r} is not {kind.__name__}")
    return value
