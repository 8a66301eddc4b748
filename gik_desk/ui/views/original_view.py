"""原件: the published original beside its reading (issue 18).

PDF: the pages pdfium renders (``gik_desk.original`` through ``services``, on the thread pool
through ``JobRunner``, cached there), fitted to the pane's width; every finding's printed boxes
are tinted by severity, the chosen finding's drawn thicker, the chosen cell's outlined in blue,
and choosing either scrolls to it. A click on a printed number asks for its cell. HTML, Word
and Excel: the file's own tables in rich text, the chosen cell filled and scrolled to; a click
on a table cell asks for its cell. Plain text has no original beyond its text: ``SourcePane``
keeps the text view and says why the toggle is off.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
    QTextCursor,
    QTextTable,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gik_desk import services
from gik_desk.model import CellRef, Document, Finding, Report, TextBox
from gik_desk.ui import style
from gik_desk.ui.runner import JobRunner

RENDER_SCALE = 1.5  # pixels a point (~108 dpi) at least; more when zoomed in
MAX_RENDER_SCALE = 4.0
KEEP_PAGES = 12  # rendered pages the view holds; the rest come back from the cache
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0)  # times the fit-to-width size
GAP = 10  # pixels between pages
CELL_COLOUR = QColor("#1565c0")
TABLE_KINDS = frozenset({"html", "docx", "doc", "xlsx"})


def _rendering(page: int) -> str:
    return f"正在渲染第 {page + 1} 页…"


class PageCanvas(QWidget):
    """The report's pages stacked top to bottom, with boxes drawn over them."""

    clicked = Signal(int, float, float)  # page, x and y in points (top-left origin)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("original_pages")
        self.setMouseTracking(False)
        self.sizes: tuple[tuple[float, float], ...] = ()
        self.pages: list[int] = []
        self.images: dict[int, tuple[QImage, services.PageImage]] = {}
        self.finding_boxes: list[tuple[TextBox, Finding, bool]] = []  # box, finding, chosen
        self.cell_boxes: list[TextBox] = []
        self.scale = 1.0
        self.zoom = 1.0  # 1 = the widest page fits the pane's width
        self._tops: dict[int, float] = {}

    def set_pages(self, sizes: tuple[tuple[float, float], ...], pages: list[int]) -> None:
        self.sizes, self.pages = sizes, pages
        self.images = {}
        self.relayout(self.width())

    def relayout(self, width: int) -> None:
        """Fit the widest page to ``width``; pages keep their own proportions."""
        widest = max((self.sizes[p][0] for p in self.pages), default=0.0)
        self.scale = max(0.3, (width - 2 * GAP) / widest) * self.zoom if widest else 1.0
        width = max(width, int(widest * self.scale) + 2 * GAP)
        y = float(GAP)
        self._tops = {}
        for p in self.pages:
            self._tops[p] = y
            y += self.sizes[p][1] * self.scale + GAP
        self.setMinimumHeight(int(y))
        self.resize(width, int(y))
        self.update()

    def page_rect(self, page: int) -> QRectF:
        w, h = self.sizes[page]
        return QRectF(GAP, self._tops.get(page, 0.0), w * self.scale, h * self.scale)

    def to_widget(self, page: int, x: float, y: float) -> QPointF:
        r = self.page_rect(page)
        return QPointF(r.left() + x * self.scale, r.top() + y * self.scale)

    def box_rect(self, box: TextBox, pad: float = 0.0) -> QRectF:
        r = self.page_rect(box.page)
        s = self.scale
        return QRectF(
            r.left() + (box.x0 - pad) * s,
            r.top() + (box.top - pad) * s,
            (box.x1 - box.x0 + 2 * pad) * s,
            (box.bottom - box.top + 2 * pad) * s,
        )

    def page_at(self, y: float) -> int | None:
        for p in self.pages:
            r = self.page_rect(p)
            if r.top() - GAP / 2 <= y <= r.bottom() + GAP / 2:
                return p
        return None

    def visible_pages(self, top: float, bottom: float) -> list[int]:
        return [
            p
            for p in self.pages
            if self.page_rect(p).bottom() >= top and self.page_rect(p).top() <= bottom
        ]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(event.rect(), QColor("#7a7a7a"))
        clip = QRectF(event.rect())
        for p in self.pages:
            rect = self.page_rect(p)
            if not rect.intersects(clip):
                continue
            shown = self.images.get(p)
            if shown is not None:
                painter.drawImage(rect, shown[0])
            else:
                painter.fillRect(rect, QColor("#f4f4f4"))
                painter.setPen(QColor("#555555"))
                painter.drawText(
                    rect,
                    Qt.AlignmentFlag.AlignCenter,
                    _rendering(p),
                )
        for box, finding, chosen in self.finding_boxes:
            if box.page not in self._tops:
                continue
            colour = style.colour(finding.severity)
            fill = QColor(style.TINTS[finding.severity])
            fill.setAlpha(90 if chosen else 50)
            painter.setPen(QPen(colour, 2.0 if chosen else 1.0))
            painter.setBrush(QBrush(fill))
            painter.drawRect(self.box_rect(box, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(CELL_COLOUR, 2.5))
        for box in self.cell_boxes:
            if box.page not in self._tops:
                continue
            painter.drawRect(self.box_rect(box, 2.0))
        painter.end()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            pos = event.position()
            page = self.page_at(pos.y())
            if page is not None:
                r = self.page_rect(page)
                self.clicked.emit(
                    page, (pos.x() - r.left()) / self.scale, (pos.y() - r.top()) / self.scale
                )
        super().mouseReleaseEvent(event)


class PdfPagesView(QScrollArea):
    """Scrolls the canvas; asks for the pages in view to be rendered off the UI thread."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = PageCanvas()
        self.setWidget(self.canvas)
        self.setWidgetResizable(False)
        self.path = ""
        self._pending: set[int] = set()  # pages the running job will still deliver
        self.runner = JobRunner(self)
        self.runner.partial.connect(self._on_page)
        self.runner.finished.connect(lambda _n: self._pending.clear())
        self.runner.cancelled.connect(lambda: self._pending.clear())
        self.runner.failed.connect(lambda _msg: self._pending.clear())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(30)
        self._timer.timeout.connect(self.request_visible)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._timer.start())

    def show_pages(self, path: str, pages: list[int]) -> None:
        self.runner.cancel()
        self._pending = set()
        self.path = path
        sizes = services.page_sizes(path) if path else ()
        self.canvas.set_pages(sizes, [p for p in pages if p < len(sizes)])
        self.canvas.relayout(self.viewport().width())
        self.verticalScrollBar().setValue(0)
        self._timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.canvas.pages:
            self.canvas.relayout(self.viewport().width())
            self._timer.start()

    def render_scale(self) -> float:
        """Pixels a point to render at: the drawn size on this screen, in quarter steps."""
        wanted = self.canvas.scale * self.devicePixelRatioF()
        return min(MAX_RENDER_SCALE, max(RENDER_SCALE, math.ceil(wanted * 4) / 4))

    def set_zoom(self, zoom: float) -> None:
        """Zoom around the middle of the view (1 = fit the pane's width)."""
        bar = self.verticalScrollBar()
        middle = (bar.value() + self.viewport().height() / 2) / max(self.canvas.height(), 1)
        self.canvas.zoom = zoom
        self.canvas.relayout(self.viewport().width())
        bar.setValue(int(middle * self.canvas.height() - self.viewport().height() / 2))
        self._timer.start()

    def step_zoom(self, steps: int) -> None:
        at = min(range(len(ZOOMS)), key=lambda i: abs(ZOOMS[i] - self.canvas.zoom))
        self.set_zoom(ZOOMS[max(0, min(len(ZOOMS) - 1, at + steps))])

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.step_zoom(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def request_visible(self, extra: Iterable[int] = ()) -> None:
        """Render the pages in view (and ``extra``) that are neither shown nor on their way."""
        if not self.path or not self.isVisible():
            return
        top = self.verticalScrollBar().value()
        want = [*extra, *self.canvas.visible_pages(top, top + self.viewport().height())]
        scale = self.render_scale()
        missing = [
            p
            for p in dict.fromkeys(want)
            if p not in self.canvas.images or self.canvas.images[p][1].scale < scale - 1e-3
        ]
        if not missing or set(missing) <= self._pending:
            return
        path = self.path
        self._pending = set(missing)
        self.runner.start(
            lambda token: services.render_pages(path, missing, scale, token),
            self.tr("渲染原件"),
        )

    def _on_page(self, image: object) -> None:
        if not isinstance(image, services.PageImage) or image.page not in self.canvas.pages:
            return
        q = QImage(
            image.data, image.width, image.height, image.stride, QImage.Format.Format_RGBX8888
        )
        self.canvas.images[image.page] = (q, image)  # the bytes live as long as the image
        self._pending.discard(image.page)
        if len(self.canvas.images) > KEEP_PAGES:  # a long report: forget the pages far away
            top = self.verticalScrollBar().value()
            near = self.canvas.visible_pages(top, top + self.viewport().height()) or [image.page]
            far = sorted(self.canvas.images, key=lambda p: -min(abs(p - n) for n in near))
            for p in far[: len(self.canvas.images) - KEEP_PAGES]:
                del self.canvas.images[p]
        self.canvas.update(self.canvas.page_rect(image.page).toAlignedRect())

    def idle(self) -> bool:
        """No page is waiting to be asked for or rendered."""
        return not self._timer.isActive() and not self.runner.is_running()

    def scroll_to(self, boxes: list[TextBox]) -> None:
        """Bring the first box to the middle of the view and render its page first."""
        if not boxes or boxes[0].page not in self.canvas.pages:
            return
        rect = self.canvas.box_rect(boxes[0])
        self.ensureVisible(
            int(rect.center().x()), int(rect.center().y()), 40, self.viewport().height() // 2 - 20
        )
        self.request_visible([boxes[0].page])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.canvas.pages:
            self.canvas.relayout(self.viewport().width())
        self._timer.start()


class OriginalView(QWidget):
    """Signals:
    cell_requested(object): the reviewer clicked a printed figure (or a table cell) of this CellRef.
    finding_requested(object): the reviewer clicked a finding's box where no cell was printed.
    """

    cell_requested = Signal(object)
    finding_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("original_view")
        self.pdf = PdfPagesView()
        self.tables = QTextBrowser()
        self.tables.setObjectName("original_tables")
        self.tables.setOpenLinks(False)
        self.tables.viewport().installEventFilter(self)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        for w in (self.message, self.pdf, self.tables):
            self.stack.addWidget(w)
        self.zoom_bar = QWidget()
        zoom = QHBoxLayout(self.zoom_bar)
        zoom.setContentsMargins(0, 0, 0, 0)
        for text, tip, act in (
            ("－", self.tr("缩小(Ctrl+滚轮)"), lambda: self.pdf.step_zoom(-1)),
            ("＋", self.tr("放大(Ctrl+滚轮)"), lambda: self.pdf.step_zoom(1)),
            (self.tr("适合宽度"), self.tr("页面宽度适合窗格"), lambda: self.pdf.set_zoom(1.0)),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAutoRaise(True)
            button.clicked.connect(act)
            zoom.addWidget(button)
        zoom.addStretch(1)
        self.zoom_bar.setVisible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.zoom_bar)
        lay.addWidget(self.stack)
        self.stack.currentChanged.connect(
            lambda _i: self.zoom_bar.setVisible(self.stack.currentWidget() is self.pdf)
        )
        self.loader = JobRunner(self)
        self.loader.finished.connect(self._on_document)
        self.loader.failed.connect(self._on_load_failed)
        self.pdf.canvas.clicked.connect(self._on_page_click)
        self.report: Report | None = None
        self.document: Document | None = None
        self.findings: list[Finding] = []
        self.finding: Finding | None = None
        self.cell: CellRef | None = None
        self._clicked: CellRef | None = None
        self._loaded_for: str | None = None  # the report whose original is shown or on its way

    # ---- what is shown -------------------------------------------------------------------------
    @staticmethod
    def supports(report: Report | None) -> bool:
        return report is not None and (report.format == "pdf" or report.format in TABLE_KINDS)

    def show_report(self, report: Report | None, findings: Iterable[Finding] = ()) -> None:
        same = (
            report is not None
            and self.report is not None
            and (report.id, report.source, report.file_sha256)
            == (self.report.id, self.report.source, self.report.file_sha256)
        )
        self.report = report
        self.findings = list(findings)
        if same and self._loaded_for is not None:  # the batch grew or was re-audited: keep pages
            self._mark()
            return
        self.finding = None
        self.cell = None
        self.document = None
        self._loaded_for = None
        self.loader.cancel()
        self.pdf.show_pages("", [])
        self.tables.clear()
        if self.isVisible():
            self.load()

    def load(self) -> None:
        """Start showing the current report's original (the pane calls this when it appears)."""
        report = self.report
        if report is None or self._loaded_for == report.id:
            return
        self._loaded_for = report.id
        if report.format == "pdf":
            n_pages = services.page_count(report.source)
            pages = [p for p in services.report_pages(report) if p < n_pages] or list(
                range(n_pages)
            )
            if not pages:
                self._say(self.tr("无法打开原件（文件可能已移动、删除或损坏）：") + report.source)
                return
            self.stack.setCurrentWidget(self.pdf)
            self.pdf.show_pages(report.source, pages)
            self._mark()
            if self.finding is not None:
                self.pdf.scroll_to(services.focus_boxes(report, self.finding))
            elif self.cell is not None:
                self.pdf.scroll_to(services.cell_boxes(report, self.cell))
        elif report.format in TABLE_KINDS:
            self._say(self.tr("正在读取原件…"))
            self.loader.start(
                lambda token: services.load_document_job(report, token), self.tr("读取原件")
            )
        else:
            self._say(self.tr("纯文本文件没有版面，原件即文本。"))

    def ready(self) -> bool:
        """Everything in view is drawn: no page waits for pdfium, no file is being read."""
        if self.stack.currentWidget() is self.pdf:
            top = self.pdf.verticalScrollBar().value()
            shown = self.pdf.canvas.visible_pages(top, top + self.pdf.viewport().height())
            return all(p in self.pdf.canvas.images for p in shown)
        return not self.loader.is_running()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def _on_document(self, doc: object) -> None:
        if not isinstance(doc, Document) or self.report is None:
            return
        self.document = doc
        self.stack.setCurrentWidget(self.tables)
        self._render_tables()

    def _on_load_failed(self, message: str) -> None:
        self._say(self.tr("无法读取原件：") + message)

    # ---- selection -----------------------------------------------------------------------------
    def show_finding(self, finding: Finding | None) -> None:
        self.finding = finding
        self._mark()
        if finding is not None and self.report is not None and self.report.format == "pdf":
            self.pdf.scroll_to(services.focus_boxes(self.report, finding))

    def show_cell(self, cell: CellRef | None, via_finding: bool = False) -> None:
        self.cell = cell
        clicked, self._clicked = self._clicked, None
        self._mark(scroll=cell is None or cell != clicked)
        if cell is not None and cell == clicked:
            return
        report = self.report
        if cell is not None and report is not None and report.format == "pdf" and not via_finding:
            self.pdf.scroll_to(services.cell_boxes(report, cell))

    def set_findings(self, findings: Iterable[Finding]) -> None:
        self.findings = list(findings)
        self._mark()

    def _mark(self, scroll: bool = True) -> None:
        report = self.report
        if report is None:
            return
        if report.format == "pdf":
            canvas = self.pdf.canvas
            canvas.finding_boxes = [
                (b, f, f is self.finding or f == self.finding)
                for f in sorted(self.findings, key=lambda f: -f.severity.rank)
                for b in services.finding_boxes(report, f)
            ]
            canvas.cell_boxes = services.cell_boxes(report, self.cell) if self.cell else []
            canvas.update()
        elif self.document is not None:
            self._render_tables(scroll)

    def _render_tables(self, scroll: bool = True) -> None:
        report, doc = self.report, self.document
        if report is None or doc is None:
            return
        tints: dict[CellRef, str] = {}
        for f in sorted(self.findings, key=lambda f: -f.severity.rank):  # worst painted last
            for ref in f.cells[:1]:
                tints[ref] = style.TINTS[f.severity]
        bar = self.tables.verticalScrollBar().value()
        self.tables.setHtml(
            services.document_html(report, doc, self.cell, tints, mark_colour=CELL_COLOUR_HTML)
        )
        self.tables.verticalScrollBar().setValue(bar)
        if self.cell is not None and scroll:
            self.tables.scrollToAnchor(services.MARK_ANCHOR)

    # ---- clicks --------------------------------------------------------------------------------
    def _on_page_click(self, page: int, x: float, y: float) -> None:
        if self.report is None:
            return
        ref = services.cell_at(self.report, page, x, y)
        if ref is not None:
            self._clicked = ref  # already under the mouse: choosing it must not scroll the page
            self.cell_requested.emit(ref)
            return
        finding = services.finding_at(self.report, self.findings, page, x, y)
        if finding is not None:
            self.finding_requested.emit(finding)

    def click_table_at(self, pos: QPoint) -> None:
        """A click in the rendered tables at viewport position ``pos`` (tests come here too)."""
        if self.report is None or self.document is None:
            return
        cursor = self.tables.cursorForPosition(pos)
        self.click_table_cursor(cursor)

    def click_table_cursor(self, cursor: QTextCursor) -> None:
        table = cursor.currentTable()
        if table is None or self.report is None or self.document is None:
            return
        index = table_index(self.tables, table)
        cell = table.cellAt(cursor)
        ref = services.cell_in_grid(self.report, self.document, index, cell.row(), cell.column())
        if ref is not None:
            self._clicked = ref
            self.cell_requested.emit(ref)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.tables.viewport()
            and event.type() == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.LeftButton  # type: ignore[attr-defined]
        ):
            self.click_table_at(event.position().toPoint())  # type: ignore[attr-defined]
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.load()


CELL_COLOUR_HTML = "#ffd54f"  # the chosen cell in the rendered tables: amber fill, bold text


def table_index(browser: QTextBrowser, table: QTextTable) -> int:
    """The position of ``table`` among the document's tables, in printed order."""
    doc = browser.document()
    firsts: list[int] = []
    for frame in doc.rootFrame().childFrames():
        cursor = QTextCursor(doc)
        cursor.setPosition(frame.firstPosition())
        if cursor.currentTable() is not None:
            firsts.append(frame.firstPosition())
    first = table.firstPosition()
    return sorted(firsts).index(first) if first in firsts else -1


class SourcePane(QWidget):
    """The 原文 pane: the extracted text (``SourceView``) or the original (``OriginalView``),
    a 文本 / 原件 choice kept per report."""

    def __init__(self, source: QWidget, original: OriginalView, parent: QWidget | None = None):
        super().__init__(parent)
        self.source = source
        self.original = original
        self.text_button = QToolButton()
        self.text_button.setText(self.tr("文本"))
        self.text_button.setObjectName("show_text")
        self.original_button = QToolButton()
        self.original_button.setText(self.tr("原件"))
        self.original_button.setObjectName("show_original")
        group = QButtonGroup(self)
        for b in (self.text_button, self.original_button):
            b.setCheckable(True)
            b.setAutoRaise(True)
            group.addButton(b)
        self.text_button.setChecked(True)
        self.text_button.setToolTip(self.tr("显示从文件中提取的文字"))
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.text_button)
        bar.addWidget(self.original_button)
        self.file_label = QLabel()
        self.file_label.setObjectName("original_file")
        bar.addWidget(self.file_label, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(source)
        self.stack.addWidget(original)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(bar)
        lay.addWidget(self.stack)
        self._choice: dict[str, bool] = {}  # report id -> shows the original
        self._report: Report | None = None
        self.original_button.toggled.connect(self._on_toggled)

    def show_report(self, report: Report | None) -> None:
        """Follow the report: the toggle as the reviewer last left it for this report."""
        self._report = report
        can = OriginalView.supports(report)
        self.original_button.setEnabled(can)
        if report is None:
            tip = self.tr("未选择报告")
        elif can:
            tip = self.tr("显示发布的原件：页面或表格，所选单元格标在上面")
        else:
            tip = self.tr("纯文本文件没有版面可显示，原件即上面的文本。")
        self.original_button.setToolTip(tip)
        self.file_label.setText(f"  {Path(report.source).name}" if report is not None else "")
        wanted = can and report is not None and self._choice.get(report.id, False)
        self.original_button.blockSignals(True)
        self.text_button.setChecked(not wanted)
        self.original_button.setChecked(wanted)
        self.original_button.blockSignals(False)
        self.stack.setCurrentWidget(self.original if wanted else self.source)

    def show_original(self, on: bool = True) -> None:
        (self.original_button if on else self.text_button).click()

    def _on_toggled(self, on: bool) -> None:
        if self._report is not None:
            self._choice[self._report.id] = on
        self.stack.setCurrentWidget(self.original if on else self.source)
