"""Every reviewer action as a frozen dataclass with its inverse: undo is applying ``inverse()``.

``Workspace.apply`` writes an action and its event-log row in one transaction; the UI wraps
actions in a QUndoStack (redo = apply(action), undo = apply(action.inverse())).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from gik_desk.model.review import Annotation, ReportState, ReviewStatus


@dataclass(frozen=True, slots=True)
class SetStatus:
    """One status for a whole selection: a bulk change is ONE action and one undo step."""

    keys: tuple[str, ...]
    before: tuple[ReviewStatus, ...]
    after: ReviewStatus

    def __post_init__(self) -> None:
        if len(self.keys) != len(self.before):
            raise ValueError("SetStatus: keys and before differ in length")

    name = "set_status"

    def inverse(self) -> RestoreStatuses:
        return RestoreStatuses(self.keys, (self.after,) * len(self.keys), self.before)

    @property
    def text(self) -> str:
        if len(self.keys) == 1:
            return f"标为「{self.after.label}」"
        return f"将 {len(self.keys)} 个问题标为「{self.after.label}」"


@dataclass(frozen=True, slots=True)
class RestoreStatuses:
    """Per-key statuses: what undoing a bulk ``SetStatus`` over mixed statuses needs."""

    keys: tuple[str, ...]
    before: tuple[ReviewStatus, ...]
    after: tuple[ReviewStatus, ...]

    def __post_init__(self) -> None:
        if not len(self.keys) == len(self.before) == len(self.after):
            raise ValueError("RestoreStatuses: keys, before and after differ in length")

    name = "set_status"

    def inverse(self) -> RestoreStatuses:
        return RestoreStatuses(self.keys, self.after, self.before)

    @property
    def text(self) -> str:
        return f"恢复 {len(self.keys)} 个问题的状态"


@dataclass(frozen=True, slots=True)
class SetNote:
    key: str
    before: str
    after: str

    name = "set_note"

    def inverse(self) -> SetNote:
        return SetNote(self.key, self.after, self.before)

    @property
    def text(self) -> str:
        return "编辑备注"


@dataclass(frozen=True, slots=True)
class SetOutward:
    """The outward text (对外意见) of a finding: what the letter to the body says about it,
    kept apart from the internal note (issue 17)."""

    key: str
    before: str
    after: str

    name = "set_outward"

    def inverse(self) -> SetOutward:
        return SetOutward(self.key, self.after, self.before)

    @property
    def text(self) -> str:
        return "编辑对外意见"


@dataclass(frozen=True, slots=True)
class AddAnnotation:
    annotation: Annotation

    name = "add_annotation"

    def inverse(self) -> DeleteAnnotation:
        return DeleteAnnotation(self.annotation)

    @property
    def text(self) -> str:
        return "添加批注"


@dataclass(frozen=True, slots=True)
class DeleteAnnotation:
    annotation: Annotation

    name = "delete_annotation"

    def inverse(self) -> AddAnnotation:
        return AddAnnotation(self.annotation)

    @property
    def text(self) -> str:
        return "删除批注"


@dataclass(frozen=True, slots=True)
class EditAnnotationNote:
    annotation_id: str
    before: str
    after: str

    name = "edit_annotation_note"

    def inverse(self) -> EditAnnotationNote:
        return EditAnnotationNote(self.annotation_id, self.after, self.before)

    @property
    def text(self) -> str:
        return "编辑批注内容"


@dataclass(frozen=True, slots=True)
class SetCurrentVersion:
    """The reviewer's 现行版本 of a body+year (``report_key`` without a slot): the version
    progress counts, the workbook summary and letters count. ``None`` = no mark (the default:
    the first version seen)."""

    report_key: str
    before: str | None
    after: str | None

    name = "set_current_version"

    def inverse(self) -> SetCurrentVersion:
        return SetCurrentVersion(self.report_key, self.after, self.before)

    @property
    def text(self) -> str:
        return "标为现行版本"


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

    name = "key_cell"

    def inverse(self) -> KeyCell:
        return KeyCell(
            self.report_key, self.cell, self.source, self.sha256, self.after, self.before
        )

    @property
    def text(self) -> str:
        return f"录入数值「{self.after}」" if self.after else "清除录入的数值"


@dataclass(frozen=True, slots=True)
class ReviewChange:
    """One finding's status and note before and after a workbook import."""

    key: str
    before_status: ReviewStatus
    before_note: str
    after_status: ReviewStatus
    after_note: str

    def swapped(self) -> ReviewChange:
        return ReviewChange(
            self.key, self.after_status, self.after_note, self.before_status, self.before_note
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

    @property
    def name(self) -> str:
        return "revert_import_review" if self.undo else "import_review"

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


@dataclass(frozen=True, slots=True)
class SetReportState:
    """The reviewer's sign-off of one report (``report_key``: body + year + version slot)."""

    report_key: str
    before: ReportState
    after: ReportState

    name = "set_report_state"

    def inverse(self) -> SetReportState:
        return SetReportState(self.report_key, self.after, self.before)

    @property
    def text(self) -> str:
        return f"报告标为「{self.after.label}」"


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
    | KeyCell
)
