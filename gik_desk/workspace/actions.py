"""Every reviewer action as a frozen dataclass with its inverse: undo is applying ``inverse()``.

Each action class says everything about itself (issue 22), so nothing switches over their
types: ``name`` (the event log's code), ``label`` (the log's words, from
``model.review.EVENT_WORDS``, which the 操作记录 sheet reads through ``Event.label``), ``text``
(the undo step's words), ``touches()`` (what a face must refresh) and ``write(conn, who, now)``
(its rows, returning the event's target, before and after). ``Workspace.apply`` runs ``write``
and logs the event in one transaction; the UI wraps actions in a QUndoStack (redo =
apply(action), undo = apply(action.inverse())).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import ClassVar, TypeAlias

from gik_desk.model import decode
from gik_desk.model.rectification import Outcome
from gik_desk.model.review import EVENT_WORDS, Annotation, ReportState, ReviewStatus
from gik_desk.workspace import records
from gik_desk.workspace.errors import WorkspaceError


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


def _write_statuses(
    conn: sqlite3.Connection,
    keys: tuple[str, ...],
    afters: tuple[ReviewStatus, ...],
    who: str,
    now: str,
    *,
    check_reason: bool,
) -> tuple[str, str, str]:
    befores: list[ReviewStatus] = []
    for key, status in zip(keys, afters, strict=True):
        was, note = row_review(conn, key)
        if check_reason and status.needs_reason and not note.strip():
            raise WorkspaceError("reason-required", reason_required(status))
        befores.append(was)
        conn.execute(
            "INSERT INTO reviews (finding_key, status, reviewer, updated) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (finding_key) DO UPDATE SET "
            "status = excluded.status, reviewer = excluded.reviewer, "
            "updated = excluded.updated",
            (key, ReviewStatus(status).value, who, now),
        )
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

    def __post_init__(self) -> None:
        if len(self.keys) != len(self.before):
            raise ValueError("SetStatus: keys and before differ in length")

    name: ClassVar[str] = "set_status"
    label: ClassVar[str] = EVENT_WORDS["set_status"]

    def inverse(self) -> RestoreStatuses:
        return RestoreStatuses(self.keys, (self.after,) * len(self.keys), self.before)

    @property
    def text(self) -> str:
        if len(self.keys) == 1:
            return f"标为「{self.after.label}」"
        return f"将 {len(self.keys)} 个问题标为「{self.after.label}」"

    def touches(self) -> Touched:
        return Touched(findings=tuple(self.keys))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        afters = (self.after,) * len(self.keys)
        return _write_statuses(conn, self.keys, afters, who, now, check_reason=True)


@dataclass(frozen=True, slots=True)
class RestoreStatuses:
    """Per-key statuses: what undoing a bulk ``SetStatus`` over mixed statuses needs."""

    keys: tuple[str, ...]
    before: tuple[ReviewStatus, ...]
    after: tuple[ReviewStatus, ...]

    def __post_init__(self) -> None:
        if not len(self.keys) == len(self.before) == len(self.after):
            raise ValueError("RestoreStatuses: keys, before and after differ in length")

    name: ClassVar[str] = "set_status"
    label: ClassVar[str] = EVENT_WORDS["set_status"]

    def inverse(self) -> RestoreStatuses:
        return RestoreStatuses(self.keys, self.after, self.before)

    @property
    def text(self) -> str:
        return f"恢复 {len(self.keys)} 个问题的状态"

    def touches(self) -> Touched:
        return Touched(findings=tuple(self.keys))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        return _write_statuses(conn, self.keys, self.after, who, now, check_reason=False)


@dataclass(frozen=True, slots=True)
class SetNote:
    key: str
    before: str
    after: str

    name: ClassVar[str] = "set_note"
    label: ClassVar[str] = EVENT_WORDS["set_note"]

    def inverse(self) -> SetNote:
        return SetNote(self.key, self.after, self.before)

    @property
    def text(self) -> str:
        return "编辑备注"

    def touches(self) -> Touched:
        return Touched(findings=(self.key,))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        current, before = row_review(conn, self.key)
        if current.needs_reason and not self.after.strip() and before.strip():
            raise WorkspaceError("reason-required", reason_required(current))
        conn.execute(
            "INSERT INTO reviews (finding_key, status, note, reviewer, updated) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (finding_key) DO UPDATE SET "
            "note = excluded.note, reviewer = excluded.reviewer, updated = excluded.updated",
            (self.key, ReviewStatus.PENDING.value, self.after, who, now),
        )
        return self.key, before, self.after


@dataclass(frozen=True, slots=True)
class SetOutward:
    """The outward text (对外意见) of a finding: what the letter to the body says about it,
    kept apart from the internal note (issue 17)."""

    key: str
    before: str
    after: str

    name: ClassVar[str] = "set_outward"
    label: ClassVar[str] = EVENT_WORDS["set_outward"]

    def inverse(self) -> SetOutward:
        return SetOutward(self.key, self.after, self.before)

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
        conn.execute(
            "INSERT INTO outward_texts (finding_key, text, reviewer, updated) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (finding_key) DO UPDATE SET "
            "text = excluded.text, reviewer = excluded.reviewer, updated = excluded.updated",
            (self.key, self.after, who, now),
        )
        return self.key, row[0] if row else "", self.after


@dataclass(frozen=True, slots=True)
class AddAnnotation:
    annotation: Annotation

    name: ClassVar[str] = "add_annotation"
    label: ClassVar[str] = EVENT_WORDS["add_annotation"]

    def inverse(self) -> DeleteAnnotation:
        return DeleteAnnotation(self.annotation)

    @property
    def text(self) -> str:
        return "添加批注"

    def touches(self) -> Touched:
        return Touched(annotations=(self.annotation.report_key,))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        a = self.annotation
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
        return a.id, "", _json(records.annotation_json(a))


@dataclass(frozen=True, slots=True)
class DeleteAnnotation:
    annotation: Annotation

    name: ClassVar[str] = "delete_annotation"
    label: ClassVar[str] = EVENT_WORDS["delete_annotation"]

    def inverse(self) -> AddAnnotation:
        return AddAnnotation(self.annotation)

    @property
    def text(self) -> str:
        return "删除批注"

    def touches(self) -> Touched:
        return Touched(annotations=(self.annotation.report_key,))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        a = self.annotation
        gone = conn.execute("DELETE FROM annotations WHERE id = ?", (a.id,)).rowcount
        if not gone:
            raise WorkspaceError("unknown-annotation", f"找不到批注 {a.id}。")
        return a.id, _json(records.annotation_json(a)), ""


@dataclass(frozen=True, slots=True)
class EditAnnotationNote:
    annotation_id: str
    before: str
    after: str

    name: ClassVar[str] = "edit_annotation_note"
    label: ClassVar[str] = EVENT_WORDS["edit_annotation_note"]

    def inverse(self) -> EditAnnotationNote:
        return EditAnnotationNote(self.annotation_id, self.after, self.before)

    @property
    def text(self) -> str:
        return "编辑批注内容"

    def touches(self) -> Touched:
        return Touched(annotations=("",))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        row = conn.execute(
            "SELECT note FROM annotations WHERE id = ?", (self.annotation_id,)
        ).fetchone()
        if row is None:
            raise WorkspaceError("unknown-annotation", f"找不到批注 {self.annotation_id}。")
        conn.execute(
            "UPDATE annotations SET note = ? WHERE id = ?", (self.after, self.annotation_id)
        )
        return self.annotation_id, row[0], self.after


@dataclass(frozen=True, slots=True)
class SetCurrentVersion:
    """The reviewer's 现行版本 of a body+year (``report_key`` without a slot): the version
    progress counts, the workbook summary and letters count. ``None`` = no mark (the default:
    the first version seen)."""

    report_key: str
    before: str | None
    after: str | None

    name: ClassVar[str] = "set_current_version"
    label: ClassVar[str] = EVENT_WORDS["set_current_version"]

    def inverse(self) -> SetCurrentVersion:
        return SetCurrentVersion(self.report_key, self.after, self.before)

    @property
    def text(self) -> str:
        return "标为现行版本"

    def touches(self) -> Touched:
        return Touched(versions=(self.report_key,))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        row = conn.execute(
            "SELECT slot FROM current_versions WHERE report_key = ?", (self.report_key,)
        ).fetchone()
        if self.after is None:
            conn.execute("DELETE FROM current_versions WHERE report_key = ?", (self.report_key,))
        else:
            conn.execute(
                "INSERT INTO current_versions (report_key, slot) VALUES (?, ?) "
                "ON CONFLICT (report_key) DO UPDATE SET slot = excluded.slot",
                (self.report_key, self.after),
            )
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

    name: ClassVar[str] = "key_cell"
    label: ClassVar[str] = EVENT_WORDS["key_cell"]

    def inverse(self) -> KeyCell:
        return KeyCell(
            self.report_key, self.cell, self.source, self.sha256, self.after, self.before
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
        before: dict[str, dict[str, str]] = {}
        after: dict[str, dict[str, str]] = {}
        for c in self.changes:
            status, note = row_review(conn, c.key)
            if (status, note) != (c.before_status, c.before_note):
                raise WorkspaceError(
                    "conflict",
                    f"「{self.text}」未执行：工作区中的这条问题已被改动，请重新导入。({c.key})",
                )
            conn.execute(
                "INSERT INTO reviews (finding_key, status, note, reviewer, updated) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (finding_key) DO UPDATE SET "
                "status = excluded.status, note = excluded.note, reviewer = excluded.reviewer, "
                "updated = excluded.updated",
                (c.key, ReviewStatus(c.after_status).value, c.after_note, who, now),
            )
            before[c.key] = {"status": c.before_status.value, "note": c.before_note}
            after[c.key] = {"status": c.after_status.value, "note": c.after_note}
            if c.after_outward is not None:  # 对外意见 carried by the import (issue 23)
                self._write_outward(conn, c, who, now)
                before[c.key]["outward"] = c.before_outward or ""
                after[c.key]["outward"] = c.after_outward
        return self.source, _json(before), _json(after)

    def _write_outward(self, conn: sqlite3.Connection, c: ReviewChange, who: str, now: str) -> None:
        row = conn.execute(
            "SELECT text FROM outward_texts WHERE finding_key = ?", (c.key,)
        ).fetchone()
        if (row[0] if row else "") != (c.before_outward or ""):
            raise WorkspaceError(
                "conflict",
                f"「{self.text}」未执行：工作区中这条问题的对外意见已被改动，请重新导入。({c.key})",
            )
        conn.execute(
            "INSERT INTO outward_texts (finding_key, text, reviewer, updated) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (finding_key) DO UPDATE SET text = excluded.text, "
            "reviewer = excluded.reviewer, updated = excluded.updated",
            (c.key, c.after_outward, who, now),
        )


@dataclass(frozen=True, slots=True)
class SetReportState:
    """The reviewer's sign-off of one report (``report_key``: body + year + version slot)."""

    report_key: str
    before: ReportState
    after: ReportState

    name: ClassVar[str] = "set_report_state"
    label: ClassVar[str] = EVENT_WORDS["set_report_state"]

    def inverse(self) -> SetReportState:
        return SetReportState(self.report_key, self.after, self.before)

    @property
    def text(self) -> str:
        return f"报告标为「{self.after.label}」"

    def touches(self) -> Touched:
        return Touched(reports=(self.report_key,))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        row = conn.execute(
            "SELECT state FROM report_states WHERE report_key = ?", (self.report_key,)
        ).fetchone()
        conn.execute(
            "INSERT INTO report_states (report_key, state) VALUES (?, ?) "
            "ON CONFLICT (report_key) DO UPDATE SET state = excluded.state",
            (self.report_key, self.after.value),
        )
        old_state = str(row[0]) if row else ReportState.NOT_STARTED.value
        return self.report_key, old_state, self.after.value


@dataclass(frozen=True, slots=True)
class SetRectification:
    """The reviewer confirms or overrides what became of one item of a sent letter (整改复核,
    issue 30). ``key`` is ``letter:<id>#<n>``; an outcome of ``None`` = no word given (the
    figures' judgement stands unconfirmed)."""

    key: str
    before: tuple[Outcome | None, str]
    after: tuple[Outcome | None, str]

    name: ClassVar[str] = "set_rectification"
    label: ClassVar[str] = EVENT_WORDS["set_rectification"]

    def inverse(self) -> SetRectification:
        return SetRectification(self.key, self.after, self.before)

    @property
    def text(self) -> str:
        outcome = self.after[0]
        return f"整改复核：标为「{outcome.label}」" if outcome is not None else "整改复核：撤回结论"

    def touches(self) -> Touched:
        return Touched(items=(self.key,))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        from gik_desk.workspace import sent_letters

        said = sent_letters.decision(conn, self.key)
        sent_letters.write_decision(conn, self.key, *self.after, who, now)
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

    name: ClassVar[str] = "reopen_report"
    label: ClassVar[str] = EVENT_WORDS["reopen_report"]
    lead_only: ClassVar[bool] = True

    def inverse(self) -> SetReportState:
        return SetReportState(self.report_key, self.after, ReportState.DONE)

    @property
    def text(self) -> str:
        return f"重新打开报告(标为「{self.after.label}」)"

    def touches(self) -> Touched:
        return Touched(reports=(self.report_key,))

    def write(self, conn: sqlite3.Connection, who: str, now: str) -> tuple[str, str, str]:
        row = conn.execute(
            "SELECT state FROM report_states WHERE report_key = ?", (self.report_key,)
        ).fetchone()
        if row is None or str(row[0]) != ReportState.DONE.value:
            raise WorkspaceError(
                "conflict", f"「{self.text}」未执行：这份报告已不是「已完成」。({self.report_key})"
            )
        conn.execute(
            "UPDATE report_states SET state = ? WHERE report_key = ?",
            (self.after.value, self.report_key),
        )
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
