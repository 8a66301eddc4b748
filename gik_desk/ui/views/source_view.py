"""The report's own text, read-only, with every finding's spans highlighted by severity.

Offsets from the core are Python code points into the file's text; this pane shows one report's
part of it, so a position here is ``utf16(offset) - utf16(report.span.start)`` (``textpos``).
A click on a highlight asks for its finding; a click on a cell's digits asks for that cell.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from gik_desk.model import CellRef, Finding, Report, Severity, Span
from gik_desk.model.review import Annotation
from gik_desk.template import generation_for_year
from gik_desk.ui import style
from gik_desk.ui.textpos import Utf16Map
from gik_desk.ui.words import template_word

_UNDERLINES = {
    Severity.ERROR: QTextCharFormat.UnderlineStyle.WaveUnderline,
    Severity.WARNING: QTextCharFormat.UnderlineStyle.DashUnderline,
    Severity.INFO: QTextCharFormat.UnderlineStyle.DotLine,
}


class SourceView(QWidget):
    """Signals:
    finding_requested(object): the reviewer clicked a highlighted span of this Finding.
    cell_requested(object): the reviewer clicked the digits of this CellRef.
    """

    finding_requested = Signal(object)
    cell_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel(self.tr("原文"))
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit()
        self.text.setObjectName("source_text")
        self.text.setReadOnly(True)
        self.text.setTabChangesFocus(True)  # Tab moves on to the tables (keyboard path)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.viewport().installEventFilter(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.header)
        lay.addWidget(self.text)
        self._report: Report | None = None
        self._map = Utf16Map("")
        self._base16 = 0
        self._findings: list[Finding] = []
        self._chosen: Finding | None = None
        self._annotations: list[Annotation] = []
        # cells' digit spans, sorted, for click-to-cell
        self._cell_starts: list[int] = []
        self._cell_spans: list[tuple[Span, CellRef]] = []

    # ---- positions -------------------------------------------------------------------------
    def to_qt(self, offset: int) -> int:
        """The position in this pane of a code-point offset into the file's text."""
        return self._map.to_utf16(offset) - self._base16

    def to_offset(self, pos: int) -> int:
        return self._map.to_code_point(pos + self._base16)

    def selected_span(self) -> Span | None:
        """The reviewer's text selection as a code-point span of the file's text."""
        cur = self.text.textCursor()
        if not cur.hasSelection() or self._report is None:
            return None
        return Span(self.to_offset(cur.selectionStart()), self.to_offset(cur.selectionEnd()))

    def report(self) -> Report | None:
        return self._report

    # ---- slots -----------------------------------------------------------------------------
    def show_report(self, report: Report | None, findings: Iterable[Finding] = ()) -> None:
        self._report = report
        self._findings = list(findings)
        self._chosen = None
        if report is None:
            self.header.setText(self.tr("原文"))
            self._map, self._base16 = Utf16Map(""), 0
            self.text.setPlainText("")
            self._cell_starts, self._cell_spans = [], []
            return
        self._map = Utf16Map(report.text)
        self._base16 = self._map.to_utf16(report.span.start)
        who = report.agency or Path(report.source).name
        year = f"{report.year}" if report.year else self.tr("年份未识别")
        gen = report.table_templates.get("applications") or report.template
        gen = gen if gen != "unknown" else generation_for_year(report.year)
        self.header.setText(f"{self.tr('原文')}  {who} · {year} · {template_word(gen)}")
        self.text.setPlainText(report.body_text)
        spans: list[tuple[Span, CellRef]] = []
        for table in report.tables.values():
            for cell in table.cells.values():
                if cell.span is not None and len(cell.span) > 0:
                    spans.append((cell.span, CellRef(cell.table, cell.row, cell.col)))
        spans.sort(key=lambda p: p[0].start)
        self._cell_spans = spans
        self._cell_starts = [s.start for s, _ in spans]
        self._refresh()

    def set_findings(self, findings: Iterable[Finding]) -> None:
        self._findings = list(findings)
        self._refresh()

    def set_annotations(self, annotations: Iterable[Annotation]) -> None:
        self._annotations = list(annotations)
        self._refresh()

    def show_finding(self, finding: Finding | None) -> None:
        self._chosen = finding
        self._refresh()
        if finding is None or not finding.spans or self._report is None:
            return
        first = self._first_span(finding)
        self.select_span(first)

    def show_cell(self, cell: CellRef | None, via_finding: bool = False) -> None:
        """Select the characters a cell was read from (not when a finding already chose them)."""
        if cell is None or via_finding or self._report is None:
            return
        table = self._report.tables.get(cell.table)
        found = table.cell(cell.row, cell.col) if table else None
        if found is not None and found.span is not None:
            self.select_span(found.span)

    # ---- drawing ---------------------------------------------------------------------------
    def _first_span(self, finding: Finding) -> Span:
        """The span of the cell a correction changes first, else the earliest span."""
        if finding.cells and self._report is not None:
            ref = finding.cells[0]
            table = self._report.tables.get(ref.table)
            cell = table.cell(ref.row, ref.col) if table else None
            if cell is not None and cell.span is not None:
                return cell.span
        return min(finding.spans)

    def select_span(self, span: Span) -> None:
        """Select and centre a code-point span of the file's text (a finding, cell, annotation)."""
        cur = self.text.textCursor()
        size = self.text.document().characterCount() - 1
        start = max(0, min(self.to_qt(span.start), size))
        end = max(start, min(self.to_qt(span.end), size))
        cur.setPosition(start)
        cur.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cur)
        self.text.centerCursor()

    def _refresh(self) -> None:
        if self._report is None:
            self.text.setExtraSelections([])
            return
        selections: list[QTextEdit.ExtraSelection | None] = []
        ordered = sorted(
            self._findings, key=lambda f: -f.severity.rank
        )  # errors drawn last, on top
        for f in ordered:
            for span in f.spans:
                selections.append(self._extra(span, f.severity, f is self._chosen))
        for a in self._annotations:
            selections.append(self._extra(Span(a.start, max(a.start, a.end)), None, False))
        self.text.setExtraSelections([s for s in selections if s is not None])

    def _extra(
        self, span: Span, severity: Severity | None, chosen: bool
    ) -> QTextEdit.ExtraSelection | None:
        if self._report is None or (len(span) > 0 and not self._report.span.overlaps(span)):
            return None
        sel = QTextEdit.ExtraSelection()
        cur = QTextCursor(self.text.document())
        size = self.text.document().characterCount() - 1
        start = max(0, min(self.to_qt(span.start), size))
        end = max(start, min(self.to_qt(span.end), size))
        cur.setPosition(start)
        cur.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        fmt = QTextCharFormat()
        if severity is None:  # an annotation: a neutral outline-like underline
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor("#2e7d32"))
            fmt.setBackground(QBrush(QColor("#e3f2e1")))
        else:
            fmt.setBackground(style.tint(severity))
            fmt.setUnderlineStyle(_UNDERLINES[severity])
            fmt.setUnderlineColor(style.colour(severity))
            if chosen:
                fmt.setFontWeight(700)
                fmt.setBackground(QBrush(QColor(style.TINTS[severity]).darker(115)))
        sel.format = fmt
        return sel

    # ---- clicks ----------------------------------------------------------------------------
    def _finding_at(self, offset: int) -> Finding | None:
        hits = [f for f in self._findings for s in f.spans if s.start <= offset < s.end]
        if not hits:
            return None
        if self._chosen in hits:  # a second click on a shared span moves to the next finding
            i = hits.index(self._chosen)
            return hits[(i + 1) % len(hits)]
        return min(hits, key=lambda f: f.severity.rank)

    def _cell_at(self, offset: int) -> CellRef | None:
        i = bisect_right(self._cell_starts, offset) - 1
        for j in range(i, max(-1, i - 8), -1):
            span, ref = self._cell_spans[j]
            if span.start <= offset < span.end:
                return ref
        return None

    def click_at(self, pos: int) -> None:
        """Act on a click at pane position ``pos`` (the mouse handler and tests come here)."""
        if self._report is None:
            return
        if self.text.textCursor().hasSelection():
            return  # a drag selected text (for an annotation): not a click on a highlight
        offset = self.to_offset(pos)
        finding = self._finding_at(offset)
        if finding is not None:
            self.finding_requested.emit(finding)
            return
        ref = self._cell_at(offset)
        if ref is not None:
            self.cell_requested.emit(ref)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.text.viewport()
            and event.type() == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.LeftButton  # type: ignore[attr-defined]
        ):
            pos = self.text.cursorForPosition(event.position().toPoint()).position()  # type: ignore[attr-defined]
            self.click_at(pos)
        return super().eventFilter(watched, event)
