"""The desk remembers (issue 13): the batch a workspace had open, reloading and removing files,
closing the batch.

``DeskController`` is owned by the window (``window.desk``), like ``FilesController``. The
workspace stores the files in the order they were opened and the reviewer's place (report,
finding, scroll positions, ``services.DeskPlace``); opening a workspace that remembers a batch
reads those files again in the background and says which are missing or changed since the last
audit (changed files are audited again; statuses follow the finding keys, orphaned annotations
show as before). Batch edits run as jobs on the window's load runner, so a cancelled one leaves
the batch, the tree and the workspace as they were.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from gik_desk import services
from gik_desk.model.batch import Batch

if TYPE_CHECKING:
    from gik_desk.ui.hosts import DeskHost

PLACE_DELAY_MS = 1500  # the place is written once the reviewer has stayed a moment


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def _names(paths: Sequence[str], limit: int = 5) -> str:
    shown = "、".join(Path(p).name or p for p in paths[:limit])
    return shown + (_tr("等 {0} 个").format(len(paths)) if len(paths) > limit else "")


class DeskController(QObject):
    def __init__(self, window: DeskHost) -> None:
        super().__init__(window.as_widget())
        self.w = window
        self.restoring = False  # the running load restores a remembered batch
        self._place_timer = QTimer(self)
        self._place_timer.setSingleShot(True)
        self._place_timer.setInterval(PLACE_DELAY_MS)
        self._place_timer.timeout.connect(self.save_place)

    # ---- memory -------------------------------------------------------------------------------
    def remembered(self) -> list[str]:
        return self.w.session.core.remembered_files()

    def will_restore(self) -> bool:
        """The open workspace remembers a batch other than the one shown."""
        files = self.remembered()
        return bool(files) and set(files) != set(services.batch_files(self.w.batch))

    def place_changed(self, *_args: object) -> None:
        """A selection changed: write the place a moment later (not on every arrow key)."""
        if self.w.session.workspace is not None and not self.restoring:
            self._place_timer.start()

    def save_place(self) -> None:
        self._place_timer.stop()
        if self.w.session.workspace is None or self.restoring or not self.w.batch.reports:
            return
        sel = self.w.selection
        report, finding = sel.report, sel.finding
        place = services.DeskPlace(
            report_id=report.id if report else "",
            report_source=report.source if report else "",
            report_index=report.index if report else -1,
            finding_key=finding.key if finding else "",
            scroll=self._scroll(),
        )
        refused = self.w.session.core.remember_place(place)
        if refused:
            self.w.show_message(refused)

    def save_files(self, batch: Batch, before: Sequence[str] | None = None) -> None:
        if self.w.session.workspace is None:
            return
        prior = self.remembered() if before is None else list(before)
        refused = self.w.session.core.remember_files(services.batch_files(batch, prior))
        if refused:
            self.w.show_message(refused)

    def _scroll(self) -> dict[str, int]:
        return {
            "findings": self.w.findings_view.table.verticalScrollBar().value(),
            "source": self.w.source_view.text.verticalScrollBar().value(),
        }

    def _set_scroll(self, scroll: dict[str, int]) -> None:
        bars = {
            "findings": self.w.findings_view.table.verticalScrollBar(),
            "source": self.w.source_view.text.verticalScrollBar(),
        }
        for name, value in scroll.items():
            if name in bars:
                bars[name].setValue(value)

    # ---- restoring ----------------------------------------------------------------------------
    def restore(self, replace: bool = True) -> bool:
        """Read the files the workspace remembers (background, with progress). Nothing when it
        remembers none, or when the batch open now already holds exactly those files."""
        files = self.remembered()
        w = self.w
        if not self.will_restore():
            return False
        if w.runner.is_running():
            w.runner.cancel()  # the old workspace's load: its result is not wanted here
        if w.batch.reports or w.batch.problems:
            if not replace:
                return False
            self._show_empty()
        self.restoring = True
        w.files.start_batch_job(
            lambda token: services.extend_batch(files, None, token, parse_beside=False),
            _tr("正在恢复上次的批次({0} 个文件)").format(len(files)),
        )
        return True

    def after_load(self, batch: Batch, changes: services.FileChanges) -> str:
        """Once a loaded batch is shown: remember it; after a restore, return to the place.
        Returns what to add to the status message (missing and changed files)."""
        restoring, self.restoring = self.restoring, False
        self.save_files(batch)
        notes = []
        if changes.missing:
            notes.append(
                _tr("{0} 个文件找不到:{1}").format(len(changes.missing), _names(changes.missing))
            )
        if changes.changed:
            notes.append(
                _tr("{0} 个文件自上次审核后已改动,已重新审核:{1}").format(
                    len(changes.changed), _names(changes.changed)
                )
            )
        if restoring:
            self._go_to_place()
        return ";".join(notes)

    def load_ended(self) -> None:
        """A load failed or was cancelled: the batch shown is the old one."""
        self.restoring = False

    def _go_to_place(self) -> None:
        if self.w.session.workspace is None:
            return
        place = self.w.session.core.remembered_place()
        report_id, finding_key = services.find_place(self.w.batch, place)
        sel = self.w.selection
        if report_id is not None:
            sel.choose_report(report_id)
        if finding_key is not None:
            finding = next((f for f in self.w.batch.findings if f.key == finding_key), None)
            sel.choose_finding(finding)
        if place.scroll:
            QTimer.singleShot(0, self, lambda: self._set_scroll(place.scroll))

    def _show_empty(self) -> None:
        self.w.set_batch(Batch())

    # ---- menu actions ---------------------------------------------------------------------------
    def reload(self, paths: Sequence[str] | None = None) -> None:
        """重新载入: the given files, else those changed on disk since they were read, else the
        chosen report's file."""
        w = self.w
        if not w.batch.sources and not w.batch.reports:
            w.show_message(_tr("没有打开的文件。"))
            return
        if paths is None:
            paths = w.session.core.changed_on_disk(w.batch.sources)
            if not paths and w.selection.report is not None:
                paths = [w.selection.report.source]
        if not paths:
            w.show_message(_tr("请先选择要重新载入的报告。"))
            return
        if not self._idle():
            return
        chosen = list(dict.fromkeys(str(p) for p in paths))
        old = w.batch
        w.files.start_batch_job(
            lambda token: services.reload_files(old, chosen, token),
            _tr("正在重新载入 {0} 个文件").format(len(chosen)),
        )

    def remove_current(self) -> None:
        """移除文件: the chosen report's file (every report it holds), after asking."""
        w = self.w
        report = w.selection.report
        source = report.source if report is not None else self._chosen_problem_source()
        if source is None:
            w.show_message(_tr("请先在批次中选择要移除的报告或文件。"))
            return
        self.remove_files([source])

    def _chosen_problem_source(self) -> str | None:
        from gik_desk.ui.models.batch_model import KindRole

        index = self.w.batch_view.tree.currentIndex()
        if not index.isValid() or index.data(KindRole) != "problem":
            return None
        name = str(index.data())
        return next((p.source for p in self.w.batch.problems if Path(p.source).name == name), None)

    def remove_files(self, sources: Sequence[str], ask: bool = True) -> None:
        w = self.w
        if not self._idle():
            return
        n = sum(1 for r in w.batch.reports if r.source in set(sources))
        if ask:
            answer = QMessageBox.question(
                w.as_widget(),
                _tr("移除文件"),
                _tr(
                    "从批次中移除 {0}(其中 {1} 份报告)?审核状态、备注和批注仍保留在工作区中。"
                ).format(_names(list(sources)), n),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        old = w.batch
        gone = list(sources)
        w.files.start_batch_job(
            lambda token: services.remove_files(old, gone, token),
            _tr("正在移除 {0} 个文件").format(len(gone)),
        )

    def close_batch(self) -> None:
        """关闭批次: an empty desk; the workspace keeps every review, and forgets the files."""
        w = self.w
        if w.runner.is_running():
            w.runner.cancel()
        w.detail_view.commit_note()
        self._place_timer.stop()
        core = w.session.core
        refused = core.remember_files([]) or core.remember_place(services.DeskPlace())
        self._show_empty()
        w.show_message(refused or _tr("已关闭批次。审核记录仍保存在工作区中。"))

    def _idle(self) -> bool:
        if self.w.runner.is_running():
            self.w.show_message(_tr("正在读取其他文件,请稍候或先取消。"))
            return False
        return True
