"""文件 ▸ 导入审核表… (issue 16): a workbook a colleague filled in comes back into the workspace.

The file is read off the UI thread (``services.review_workbook_job`` on a ``JobRunner``); the plan
is made here, on the UI thread that owns the workspace connection; the changes go on the undo
stack as ONE ``ImportReview`` (one undo step); a dialog lists what was applied, the conflicts
left for the reviewer (double-click one to open its finding) and the rows refused.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gik_desk import services
from gik_desk.services import CancelToken, Progress
from gik_desk.ui import settings as cfg
from gik_desk.ui.runner import JobRunner

if TYPE_CHECKING:
    from gik_desk.services import ImportPlan, ReimportError, ReviewWorkbook
    from gik_desk.ui.hosts import FilesHost

KeyRole = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReviewImport", text)


class ImportReviewDialog:
    """Which returned workbook to import (one function to patch in tests)."""

    @staticmethod
    def ask(parent: QWidget | None, start_dir: str = "") -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(
            parent, _tr("导入审核表"), start_dir, _tr("Excel 工作簿 (*.xlsx)")
        )
        return Path(chosen) if chosen else None


class ImportResultDialog(QDialog):
    """What an import did: applied, conflicts (to resolve by hand), rows refused."""

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_result")
        self.setWindowTitle(_tr("导入审核表"))
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        self.summary = QLabel(plan.summary())
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.applied_rows = self._section(
            layout,
            _tr("已导入（可用“撤销”一步撤回）"),
            [(a.message, a.change.key) for a in plan.applied],
        )
        self.conflict_rows = self._section(
            layout,
            _tr("冲突：导出后工作区已改动，未覆盖，请逐条决定（双击打开该问题）"),
            [(c.message, c.key) for c in plan.conflicts],
        )
        self.rejected_rows = self._section(
            layout, _tr("未导入的行"), [(r.message, r.key) for r in plan.rejected]
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def _section(layout: QVBoxLayout, title: str, items: list[tuple[str, str]]) -> QListWidget:
        layout.addWidget(QLabel(_tr("{0}（{1}）").format(title, len(items))))
        view = QListWidget()
        view.setWordWrap(True)
        for text, key in items:
            item = QListWidgetItem(text)
            item.setData(KeyRole, key)
            view.addItem(item)
        layout.addWidget(view)
        return view

    @staticmethod
    def texts(view: QListWidget) -> list[str]:
        return [view.item(i).text() for i in range(view.count())]


def _read_job(
    path: Path, token: CancelToken
) -> Generator[Progress, None, ReviewWorkbook | ReimportError]:
    """The workbook read on the pool; a workbook refused whole comes back as its error."""
    from gik_desk.services import ReimportError

    try:
        return (yield from services.review_workbook_job(path, token))
    except ReimportError as exc:
        return exc


class ReviewImport(QObject):
    """The 导入审核表 command of one window."""

    def __init__(self, window: FilesHost) -> None:
        super().__init__(window.as_widget())
        self.w = window
        self.runner = JobRunner(self)
        self.runner.finished.connect(self._on_read)
        self.runner.failed.connect(lambda m: self.w.show_message(_tr("导入失败：") + m))
        self.dialog: ImportResultDialog | None = None

    def start(self, path: Path | None = None) -> None:
        w = self.w
        if w.session.workspace is None:
            w.show_message(_tr("请先打开审核工作区，再导入审核表。"))
            return
        if path is None:
            path = ImportReviewDialog.ask(w.as_widget(), w.settings.get(cfg.LAST_DIR) or "")
        if path is None:
            return
        w.show_message(_tr("正在读取审核表…"))
        self.runner.start(lambda token: _read_job(path, token), _tr("读取审核表"))

    def _on_read(self, result: object) -> None:
        from gik_desk.services import ReimportError, ReviewWorkbook

        w = self.w
        if isinstance(result, ReimportError):
            w.show_message(result.message)
            return
        if not isinstance(result, ReviewWorkbook) or w.session.workspace is None:
            return
        plan = w.session.core.plan_import(result)
        action = plan.action
        if action is not None:
            w.session.push(action)  # one step on the undo stack
        w.show_message(plan.summary())
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = ImportResultDialog(plan, w.as_widget())
        self.dialog.conflict_rows.itemDoubleClicked.connect(self._open_finding)
        self.dialog.rejected_rows.itemDoubleClicked.connect(self._open_finding)
        self.dialog.open()

    def _open_finding(self, item: QListWidgetItem) -> None:
        key = str(item.data(KeyRole) or "")
        for f in self.w.batch.findings:
            if f.key == key:
                self.w.selection.choose_finding(f)
                return
