"""The chosen finding in full: explanation, the formula with numbers, suggested corrections,
the reviewer's status and note, and the annotations of the report."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gik_desk import services
from gik_desk.model import Finding, format_number
from gik_desk.model.review import Annotation, FindingReview, ReviewStatus
from gik_desk.template import cell_label
from gik_desk.ui import style
from gik_desk.ui.words import severity_word, status_word

AnnotationIdRole = Qt.ItemDataRole.UserRole + 1


def set_history(widget: QListWidget, entries: Iterable[tuple[str, str, str]]) -> None:
    """Fill the 历史 list, newest first: ``(local time, who, what)`` per change."""
    widget.clear()
    for when, who, what in reversed(list(entries)):
        widget.addItem(f"{when}  {who}  {what}")


def rule_explanation(rule: str) -> str:
    """The catalogue's explanation ("" for an unknown rule).

    Imported here, not at the top: the window starts before any batch needs the rules.
    """
    from gik_desk.services import describe_rule

    return describe_rule(rule)


def suggestion_text(finding: Finding, values: dict[tuple[str, str, str], object]) -> str:
    """``总计 1 → 3``, one line per alternative."""
    lines = []
    for i, alternative in enumerate(finding.suggestions, 1):
        edits = [
            f"{cell_label(e.table, e.row, e.col)}："
            f"{format_number(values.get((e.table, e.row, e.col)))} → {format_number(e.value)}"  # type: ignore[arg-type]
            for e in alternative
        ]
        prefix = f"方案{i}：" if len(finding.suggestions) > 1 else ""
        lines.append(prefix + "；".join(edits))
    return "\n".join(lines)


class NoteEdit(QPlainTextEdit):
    """The finding's note: several lines. It is committed when it loses focus, on Esc or
    Ctrl+Enter (both then leave the field), and by the view before another finding shows.
    Ctrl+Z undoes typing first; with nothing typed to undo it reaches the window's undo."""

    commit_requested = Signal()
    leave_requested = Signal()

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent):
            if e.key() == Qt.Key.Key_Escape or self._is_commit_key(e):
                e.accept()  # ours, not the window's Esc (cancel a job)
                return True
            if e.matches(QKeySequence.StandardKey.Undo) and not self.document().isUndoAvailable():
                e.ignore()  # let the window's undo take it
                return True
            if e.matches(QKeySequence.StandardKey.Redo) and not self.document().isRedoAvailable():
                e.ignore()
                return True
        return super().event(e)

    @staticmethod
    def _is_commit_key(e: QKeyEvent) -> bool:
        return e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and bool(
            e.modifiers() & Qt.KeyboardModifier.ControlModifier
        )

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() == Qt.Key.Key_Escape or self._is_commit_key(e):
            self.commit_requested.emit()
            self.leave_requested.emit()
            return
        super().keyPressEvent(e)

    def focusOutEvent(self, e: QFocusEvent) -> None:
        self.commit_requested.emit()
        super().focusOutEvent(e)

    def isModified(self) -> bool:
        return self.document().isModified()

    def set_note(self, text: str) -> None:
        """Show a stored note: not modified, nothing to undo in the field."""
        if self.toPlainText() != text:
            self.setPlainText(text)
        self.document().setModified(False)
        self.document().clearUndoRedoStacks()


class DetailView(QWidget):
    """Signals:
    status_requested(str): set the chosen finding(s) to this ReviewStatus value.
    note_committed(str, str): a finding (its key) gets this note (the field was left).
    note_left(): Esc or Ctrl+Enter in the note field: focus goes back to the findings.
    related_report_requested(str): jump to the other year's report.
    annotation_chosen(str): the reviewer picked an annotation (its id).
    annotation_delete_requested(str): delete an annotation (its id).
    annotation_note_requested(str, str): give an annotation (its id) this note (Enter pressed).
    outward_requested(str, str): a finding (its key) gets this outward text (对外意见, letters).
    """

    status_requested = Signal(str)
    note_committed = Signal(str, str)
    note_left = Signal()
    related_report_requested = Signal(str)
    annotation_chosen = Signal(str)
    annotation_delete_requested = Signal(str)
    annotation_note_requested = Signal(str, str)
    outward_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._finding: Finding | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        # the suggested correction sits outside the scrolled body: never scrolled out of sight
        self.suggestion = QLabel()
        self.suggestion.setObjectName("detail_suggestion")
        self.suggestion.setWordWrap(True)
        self.suggestion.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body = QLabel()
        self.body.setObjectName("detail_body")
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.status = QComboBox()
        self.status.setObjectName("detail_status")
        for st in ReviewStatus.ordered():
            self.status.addItem(
                f"{ReviewStatus.ordered().index(st) + 1}  {status_word(st)}", st.value
            )
        self.status.activated.connect(self._on_status_activated)
        self.note = NoteEdit()
        self.note.setObjectName("detail_note")
        self.note.setPlaceholderText(self.tr("备注(离开即保存;Esc 或 Ctrl+回车 返回问题清单)"))
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(self.note.fontMetrics().lineSpacing() * 5)
        self.note.commit_requested.connect(self.commit_note)
        self.note.leave_requested.connect(self.note_left)
        # 对外意见: what the letter to the body says (multi-line, apart from the internal note)
        # committed like the note: on leaving the field, on Esc, before another finding shows
        self.outward = NoteEdit()
        self.outward.setObjectName("detail_outward")
        self.outward.commit_requested.connect(self.commit_outward)
        self.outward.leave_requested.connect(self.note_left)
        self.outward.setPlaceholderText(
            self.tr("写给报送机关的意见,将写入审核意见函(与内部备注分开)")
        )
        self.outward.setTabChangesFocus(True)
        self.outward.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.outward.textChanged.connect(self._on_outward_edited)
        self.outward_save = QPushButton(self.tr("保存对外意见"))
        self.outward_save.setObjectName("detail_outward_save")
        self.outward_save.setEnabled(False)
        self.outward_save.clicked.connect(self.commit_outward)
        self._outward_shown = ""
        self.related = QPushButton(self.tr("跳转到对比年份的报告"))
        self.related.setObjectName("detail_related")
        self.related.clicked.connect(self._on_related)
        self._notes: dict[str, str] = {}  # annotation id → its note, for the note editor
        self.annotations = QListWidget()
        self.annotations.setObjectName("annotations")
        self.annotations.itemActivated.connect(self._on_annotation_activated)
        self.delete_annotation = QPushButton(self.tr("删除批注"))
        self.delete_annotation.clicked.connect(self._on_delete_annotation)
        self.annotations.currentItemChanged.connect(self._on_annotation_current)
        self.annotation_note = QLineEdit()
        self.annotation_note.setObjectName("annotation_note")
        self.annotation_note.setPlaceholderText(self.tr("选中一条批注后在此修改内容（回车保存）"))
        self.annotation_note.setEnabled(False)
        self.annotation_note.returnPressed.connect(self._on_annotation_note_entered)
        form = QFormLayout()
        form.addRow(self.tr("状态"), self.status)
        form.addRow(self.tr("备注"), self.note)
        outward_box = QVBoxLayout()
        outward_box.addWidget(self.outward)
        outward_box.addWidget(self.outward_save, 0, Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("对外意见"), outward_box)
        ann_bar = QHBoxLayout()
        ann_bar.addStretch(1)
        ann_bar.addWidget(self.delete_annotation)
        ann_page = QWidget()
        ann_lay = QVBoxLayout(ann_page)
        ann_lay.setContentsMargins(0, 0, 0, 0)
        ann_lay.addWidget(self.annotations, 1)
        ann_lay.addWidget(self.annotation_note)
        ann_lay.addLayout(ann_bar)
        self.history = QListWidget()  # who changed the finding, when: filled by the window
        self.history.setObjectName("detail_history")
        self.history.setWordWrap(True)
        for lst in (self.annotations, self.history):
            lst.setMinimumHeight(3 * lst.fontMetrics().height())  # small screens: rows > list
        self.tabs = QTabWidget()  # annotations and history share the space (1366×768)
        self.tabs.setObjectName("detail_tabs")
        self.tabs.addTab(ann_page, self.tr("批注"))
        self.tabs.addTab(self.history, self.tr("历史"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.suggestion)
        scroll = QScrollArea()  # a long formula never pushes the editors off screen
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.body)
        lay.addWidget(scroll, 2)
        lay.addWidget(self.related)
        lay.addLayout(form)
        lay.addWidget(self.tabs, 1)
        self.show_finding(None, None, {})

    def finding(self) -> Finding | None:
        return self._finding

    def show_finding(
        self,
        finding: Finding | None,
        review: FindingReview | None,
        values: dict[tuple[str, str, str], object],
    ) -> None:
        if finding is None or self._finding is None or finding.key != self._finding.key:
            self.commit_note()  # the note typed for the finding that is leaving
            self.commit_outward()  # and its outward text: never shown under another finding
        self._finding = finding
        enabled = finding is not None
        for w in (self.status, self.note, self.outward):
            w.setEnabled(enabled)
        self.related.setVisible(bool(finding and finding.related_report_id))
        if finding is None:
            self.title.setText(self.tr("未选择问题"))
            self.body.setText(self.tr("在问题清单中选择一个问题，或按 F8 / N 跳到下一个问题。"))
            self.note.set_note("")
            self.set_outward("", force=True)
            self.suggestion.setVisible(False)
            self.history.clear()
            return
        colour = style.COLOURS[finding.severity]
        mark = style.MARKS[finding.severity]
        self.title.setText(
            f'<b style="color:{colour}">{mark} {severity_word(finding.severity)}</b> '
            f"<b>{html.escape(services.rule_title(finding.rule))}</b> "
            f'<span style="color:gray">{html.escape(finding.rule)}</span>'
        )
        self.title.setToolTip(self.tr("规则编号：") + finding.rule)
        lines = [finding.message]  # in the scrolled body: the title stays one line at 1366×768
        explanation = rule_explanation(finding.rule)
        if explanation:
            lines.append(self.tr("依据：") + explanation)
        if finding.formula:
            lines.append(self.tr("公式：") + finding.formula)
        if finding.actual is not None or finding.expected is not None:
            lines.append(
                self.tr("填报 {0}，应为 {1}").format(
                    format_number(finding.actual), format_number(finding.expected)
                )
            )
        if finding.cells:
            where = "、".join(cell_label(c.table, c.row, c.col) for c in finding.cells[:8])
            more = "…" if len(finding.cells) > 8 else ""
            lines.append(self.tr("涉及单元格：") + where + more)
        for v in finding.versions:  # DUP-VERSION: the comparison, side by side
            name = v.source.replace("\\", "/").rsplit("/", 1)[-1]
            lines.append(self.tr("与「{0}」逐格比较（本版 | 该版）：").format(name))
            if not v.diffs:
                lines.append(self.tr("    无不同单元格"))
            for d in v.diffs:
                label = cell_label(d.cell.table, d.cell.row, d.cell.col)
                here, there = format_number(d.here), format_number(d.there)
                lines.append(f"    {label}：{here} | {there}")
        suggestion = suggestion_text(finding, values)
        if suggestion and len(finding.suggestions) > 1:
            suggestion += "\n" + self.tr("几种更正同样最小，由审核人选择。")
        self.suggestion.setText(self.tr("建议更正：") + suggestion if suggestion else "")
        self.suggestion.setVisible(bool(suggestion))
        self.body.setText("\n".join(lines))
        self.set_review(review, force=True)

    def set_review(self, review: FindingReview | None, force: bool = False) -> None:
        """Show a review; a note being typed (modified, not yet entered) is kept unless forced."""
        status = review.status if review else ReviewStatus.PENDING
        self.status.setCurrentIndex(max(0, self.status.findData(status.value)))
        if force or not self.note.isModified():
            self.note.set_note(review.note if review else "")

    def set_outward(self, text: str, force: bool = False) -> None:
        """Show a finding's outward text; one being typed (not yet committed) is kept unless
        forced (the finding changing commits it first, so it never moves to another one)."""
        if not force and self.outward_save.isEnabled():
            return
        self._outward_shown = text
        self.outward.blockSignals(True)
        self.outward.setPlainText(text)
        self.outward.blockSignals(False)
        self.outward_save.setEnabled(False)

    def _on_outward_edited(self) -> None:
        dirty = self._finding is not None and self.outward.toPlainText() != self._outward_shown
        self.outward_save.setEnabled(dirty)

    def commit_outward(self) -> None:
        """Send an outward text typed and not yet saved, for the finding it was typed on."""
        if self._finding is None or self.outward.toPlainText() == self._outward_shown:
            return
        self.outward_save.setEnabled(False)
        self._outward_shown = self.outward.toPlainText()
        self.outward.document().setModified(False)
        self.outward_requested.emit(self._finding.key, self._outward_shown)

    def set_annotations(self, annotations: Iterable[Annotation]) -> None:
        """Fill the list; the annotation that was current stays current (its note editor too)."""
        current = self.current_annotation_id()
        self._notes = {}
        self.annotations.blockSignals(True)
        try:
            self.annotations.clear()
            for a in annotations:
                where = (
                    a.cell and cell_label(*a.cell.split("/", 2)) if a.cell.count("/") == 2 else ""
                )
                text = f"「{a.exact[:30]}」 {a.note}".strip()
                if where:
                    text = f"{where}  {text}"
                if a.orphan_reason:
                    text = self.tr("⚠ 无法定位：") + f"{a.orphan_reason}  {text}"
                item = QListWidgetItem(text)
                item.setData(AnnotationIdRole, a.id)
                item.setToolTip(f"{a.exact}\n{a.note}\n{a.author} {a.created}".strip())
                self.annotations.addItem(item)
                self._notes[a.id] = a.note
                if a.id == current:
                    self.annotations.setCurrentItem(item)
        finally:
            self.annotations.blockSignals(False)
        self._on_annotation_current(self.annotations.currentItem(), None)

    def current_annotation_id(self) -> str | None:
        item = self.annotations.currentItem()
        return str(item.data(AnnotationIdRole)) if item is not None else None

    def focus_note(self) -> None:
        self.note.setFocus()
        self.note.selectAll()

    def _on_status_activated(self, index: int) -> None:
        if self._finding is not None:
            self.status_requested.emit(str(self.status.itemData(index)))

    def commit_note(self) -> None:
        """Send a note typed and not yet saved (once: it is then no longer modified)."""
        if self._finding is None or not self.note.isModified():
            return
        self.note.document().setModified(False)
        self.note.document().clearUndoRedoStacks()  # Ctrl+Z now undoes the saved note
        self.note_committed.emit(self._finding.key, self.note.toPlainText())

    def _on_related(self) -> None:
        if self._finding is not None and self._finding.related_report_id:
            self.related_report_requested.emit(self._finding.related_report_id)

    def _on_annotation_activated(self, item: QListWidgetItem) -> None:
        self.annotation_chosen.emit(str(item.data(AnnotationIdRole)))

    def _on_annotation_current(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        notes = self._notes
        annotation_id = str(current.data(AnnotationIdRole)) if current is not None else None
        self.annotation_note.setEnabled(annotation_id is not None)
        self.annotation_note.setText(notes.get(annotation_id, "") if annotation_id else "")
        self.annotation_note.setModified(False)

    def _on_annotation_note_entered(self) -> None:
        annotation_id = self.current_annotation_id()
        if annotation_id is not None:
            self.annotation_note.setModified(False)
            self.annotation_note_requested.emit(annotation_id, self.annotation_note.text())

    def _on_delete_annotation(self) -> None:
        item = self.annotations.currentItem()
        if item is not None:
            self.annotation_delete_requested.emit(str(item.data(AnnotationIdRole)))
