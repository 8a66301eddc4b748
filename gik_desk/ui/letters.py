"""审核 → 生成审核意见…: the chosen bodies' (or every body's) letters, off the UI thread.

The bodies come from the reviewer's selection: the findings selected in the list, else the
report shown. A dialog asks for the folder, the letterhead and the issuing office (kept in the
settings) and whether to write for the selection or every body. The job is
``services.write_letters`` on this controller's ``JobRunner``: progress in the status bar, the
window's 取消 stops it between letters. Bodies that get no letter are named in the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gik_desk import services
from gik_desk.ui import settings as cfg
from gik_desk.ui.runner import JobRunner

if TYPE_CHECKING:
    from gik_desk.ui.hosts import LettersHost


def _tr(text: str) -> str:
    return QCoreApplication.translate("LettersDialog", text)


@dataclass(frozen=True, slots=True)
class LetterOptions:
    folder: Path
    letterhead: str
    office: str
    chosen_only: bool  # False: every body of the batch


class LettersDialog(QDialog):
    """Folder, letterhead, issuing office, and selection or all bodies."""

    def __init__(
        self, parent: QWidget | None, chosen: list[str], folder: str, letterhead: str, office: str
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("生成审核意见"))
        self.folder = QLineEdit(folder)
        self.folder.setObjectName("letters_folder")
        browse = QPushButton(_tr("浏览…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.letterhead = QLineEdit(letterhead)
        self.letterhead.setObjectName("letters_letterhead")
        self.office = QLineEdit(office)
        self.office.setObjectName("letters_office")
        names = "、".join(chosen[:3]) + ("等" if len(chosen) > 3 else "")
        self.chosen = QRadioButton(_tr("所选机关({0}个:{1})").format(len(chosen), names))
        self.every = QRadioButton(_tr("本批全部机关"))
        self.chosen.setEnabled(bool(chosen))
        (self.chosen if chosen else self.every).setChecked(True)
        form = QFormLayout()
        form.addRow(_tr("保存到文件夹"), row)
        form.addRow(_tr("版头"), self.letterhead)
        form.addRow(_tr("发文机关"), self.office)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.chosen)
        lay.addWidget(self.every)
        lay.addWidget(buttons)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _tr("选择文件夹"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def options(self) -> LetterOptions | None:
        folder = self.folder.text().strip()
        if not folder:
            return None
        return LetterOptions(
            Path(folder),
            self.letterhead.text().strip(),
            self.office.text().strip(),
            self.chosen.isChecked(),
        )

    @staticmethod
    def ask(
        parent: QWidget | None, chosen: list[str], folder: str, letterhead: str, office: str
    ) -> LetterOptions | None:
        dialog = LettersDialog(parent, chosen, folder, letterhead, office)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.options()


class LettersController(QObject):
    """The 生成审核意见 action of one ``MainWindow`` and its job."""

    def __init__(self, window: LettersHost) -> None:
        super().__init__(window.as_widget())
        self.w = window
        self.runner = JobRunner(self)
        self.runner.started.connect(lambda label: window._set_busy(True, label))
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)
        self.last_result: services.LettersResult | None = None

    def chosen_bodies(self) -> dict[str, str]:
        """Bodies of the selected findings, else of the report shown: normalised name → name."""
        w = self.w
        reports = {r.id: r for r in w.batch.reports}
        ids = [f.report_id for f in w.findings_view.selected_findings()]
        if not ids and w.selection.report is not None:
            ids = [w.selection.report.id]
        out: dict[str, str] = {}
        for rid in ids:
            r = reports.get(rid)
            key = (r.agency_key or r.agency) if r is not None else None
            if r is not None and key:
                out.setdefault(key, r.agency or key)
        return out

    def start(self) -> None:
        w = self.w
        if not w.batch.reports:
            w.show_message(_tr("没有可生成审核意见的报告。"))
            return
        if w.session.workspace is None:
            w.show_message(_tr("请先打开审核工作区:审核意见只包含已确认或需整改的问题。"))
            return
        if self.runner.is_running():
            w.show_message(_tr("正在生成审核意见,请稍候或先取消。"))
            return
        bodies = self.chosen_bodies()
        s = w.settings
        folder = s.get(cfg.LETTERS_DIR) or str(Path(s.get(cfg.LAST_DIR) or ".") / "审核意见")
        opts = LettersDialog.ask(
            w.as_widget(),
            list(bodies.values()),
            folder,
            s.get(cfg.LETTERHEAD),
            s.get(cfg.LETTER_OFFICE),
        )
        if opts is None:
            return
        s.set(cfg.LETTERS_DIR, str(opts.folder))
        if opts.letterhead:
            s.set(cfg.LETTERHEAD, opts.letterhead)
        if opts.office:
            s.set(cfg.LETTER_OFFICE, opts.office)
        default = services.LetterHead()
        head = services.LetterHead(
            opts.letterhead or default.letterhead, opts.office or default.office
        )
        review = w.session.core.snapshot()
        if review is None:  # closed meanwhile
            return
        batch = w.batch
        chosen = list(bodies) if opts.chosen_only and bodies else None
        self.runner.start(
            lambda token: services.write_letters(batch, review, opts.folder, head, chosen, token),
            _tr("正在生成审核意见"),
        )

    def _on_progress(self, done: int, total: int, label: str) -> None:
        w = self.w
        w.progress.setRange(0, max(total, 1))
        w.progress.setValue(done)
        w.status_label.setText(_tr("生成审核意见 {0}/{1}:{2}").format(done, total, label))

    def _on_finished(self, result: object) -> None:
        w = self.w
        w._set_busy(False)
        if not isinstance(result, services.LettersResult):
            return
        self.last_result = result
        folder = result.written[0][1].parent if result.written else ""
        text = _tr("已生成 {0} 份审核意见{1}").format(
            len(result.written), _tr(",保存在 {0}").format(folder) if folder else ""
        )
        if result.skipped:
            names = "、".join(body for body, _why in result.skipped[:5])
            more = _tr("等") if len(result.skipped) > 5 else ""
            text += _tr(";{0} 个机关未生成:{1}{2}(原因见提示)").format(
                len(result.skipped), names, more
            )
        w.show_message(text + "。")
        w.status_label.setToolTip("\n".join(result.lines()))

    def _on_failed(self, message: str) -> None:
        self.w._set_busy(False)
        self.w.show_message(_tr("生成审核意见出错:") + message)

    def _on_cancelled(self) -> None:
        self.w._set_busy(False)
        self.w.show_message(_tr("已取消生成审核意见;已写出的文件保留。"))
