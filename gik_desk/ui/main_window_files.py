"""The window's file work: open and load reports, recent lists, workspaces, export.

``FilesController`` holds the handlers that used to crowd ``main_window.py``; the window owns it
(``window.files``), and it reaches the models and views only through the window, the way a slot
of the window would. Jobs run on the window's ``JobRunner``s, never on the UI thread. Texts keep
the ``MainWindow`` translation context they had before the split (gik_desk_en.ts is unchanged).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from gik_desk import services
from gik_desk.model import Report, Severity
from gik_desk.model.batch import Batch
from gik_desk.services import CancelToken, Progress
from gik_desk.ui import settings as cfg
from gik_desk.ui.dialogs.open_dialog import ExportDialog, OpenDialog, WorkspaceDialog
from gik_desk.ui.review_import import ReviewImport
from gik_desk.ui.staged import hold_collector, release_collector

if TYPE_CHECKING:
    from gik_desk.ui.hosts import FilesHost

PARTIAL_SLICE_FILES = 4  # files' results added to the tree per turn of the event loop


def load_job(
    paths: Sequence[Path], old: Batch | None, token: CancelToken
) -> Generator[Progress, None, Batch]:
    """Read ``paths``; with an ``old`` batch, audit old and new reports together (year pairs).

    ``parse_beside=False``: this process is the window's, and a parse beside the workers holds
    the GIL up to a switch interval at a time while the UI thread fills the tree (issue 26:
    restore stalls 95 → 189 ms); the workers parse everything, the command line keeps it."""
    return services.extend_batch(paths, old, token, parse_beside=False)


def export_job(
    batch: Batch,
    path: Path,
    review: Any,
    report_ids: list[str] | None,
    token: CancelToken,
    rectification: Sequence[Any] = (),
) -> Generator[Progress, None, Path]:
    """The workbook, step by step; a cancelled export leaves no file behind (issue 13)."""
    return services.export_workbook(
        batch, path, token, review=review, report_ids=report_ids, rectification=rectification
    )


class FilesController(QObject):
    """Open/load, recent files and workspaces, export — for one ``MainWindow``.

    Partial results (one file's reports) queue up and join the tree a few files per turn of the
    event loop (a zero-timer), so a burst of finished files never freezes the window.
    """

    def __init__(self, window: FilesHost) -> None:
        super().__init__(window.as_widget())
        self.w = window
        self._queue: list[tuple[list[Report], list[Any]]] = []
        self._drain = QTimer(self)
        self._drain.setSingleShot(True)
        self._drain.setInterval(0)
        self._drain.timeout.connect(self._drain_some)
        self._restoring = False  # a workspace is being opened to restore its batch
        self.review_import: ReviewImport = ReviewImport(window)  # 文件 ▸ 导入审核表… (issue 16)

    # ---- opening files --------------------------------------------------------------------------
    def open_files(self) -> None:
        paths = OpenDialog.ask(self.w.as_widget(), self.w.settings.get(cfg.LAST_DIR))
        if paths:
            self.load_paths(paths)

    def open_folder(self) -> None:
        paths = OpenDialog.ask(self.w.as_widget(), self.w.settings.get(cfg.LAST_DIR), folder=True)
        if paths:
            self.load_paths(paths)

    def load_paths(self, paths: Sequence[Path | str]) -> None:
        """Read files and folders off the UI thread; the tree fills as each file finishes."""
        w = self.w
        chosen = [Path(p) for p in paths]
        fresh = [p for p in chosen if str(p) not in w.batch.sources]
        if not fresh:  # already open: the reviewer wants them read again (issue 13)
            w.desk.reload([str(p) for p in chosen])
            return
        if w.runner.is_running():
            w.show_message(
                QCoreApplication.translate("MainWindow", "正在读取其他文件，请稍候或先取消。")
            )
            return
        w.settings.set(cfg.LAST_DIR, str(chosen[0].parent if chosen[0].is_file() else chosen[0]))
        for p in fresh:
            w.settings.push_recent(cfg.RECENT_FILES, str(p))
        old = w.batch if w.batch.reports or w.batch.problems else None
        self.start_batch_job(
            lambda token: load_job(fresh, old, token),
            QCoreApplication.translate("MainWindow", "正在读取文件"),
        )

    def start_batch_job(self, factory: Any, label: str) -> None:
        """Run a job that returns the new ``Batch`` (load, restore, reload, remove); the same
        job then stores its audit in the workspace, off the UI thread (``services.stored``)."""
        self._queue.clear()
        self._drain.stop()
        w = self.w
        w.staged.finish()
        hold_collector()  # released when the batch is shown (``ui/staged.py``)
        w.batch_model.sync(w.batch.reports, w.batch.problems)  # no file of a job left behind
        core = self.w.session.core
        self.w.runner.start(lambda token: core.store_job(factory(token), token), label)

    @staticmethod
    def describe_progress(done: int, total: int, label: str) -> str:
        return QCoreApplication.translate("MainWindow", "读取 {0}/{1}：{2}").format(
            done, total, Path(label).name or label
        )

    def on_partial(self, payload: object) -> None:
        """One file's (reports, problems): queued, added to the tree on the next turns."""
        if not isinstance(payload, tuple) or len(payload) != 2:
            return
        reports, problems = payload
        if not self._queue and not self._drain.isActive():
            self.w.batch_model.add_file(list(reports), list(problems))  # no backlog: now
            self._drain.start()  # later arrivals in this burst wait for the next turn
            return
        self._queue.append((list(reports), list(problems)))
        if not self._drain.isActive():
            self._drain.start()

    def _drain_some(self, limit: int = PARTIAL_SLICE_FILES) -> None:
        model = self.w.batch_model
        for _ in range(min(limit, len(self._queue))):
            reports, problems = self._queue.pop(0)
            model.add_file(reports, problems)
        if self._queue:
            self._drain.start()

    def on_loaded(self, result: object) -> None:
        w = self.w
        w._set_busy(False)
        self._drain.stop()
        self._queue.clear()  # set_batch adds whatever the tree has not shown yet
        if isinstance(result, Batch):  # a job that did not store its audit
            result = services.Loaded(result, w.session.core.file_changes(result))
        if not isinstance(result, services.Loaded):
            w.desk.load_ended()
            release_collector()
            return
        loaded, batch = result, result.batch
        w.set_batch(batch, synced=loaded.stored)
        w.staged.then(lambda: self._after_shown(loaded))  # a large batch: once it is painted

    def _after_shown(self, loaded: services.Loaded) -> None:
        """Remember the batch, return to the place, say what was read."""
        w = self.w
        result = loaded.batch
        note = w.desk.after_load(result, loaded.changes)
        if loaded.refused:
            note = ";".join(x for x in (note, loaded.refused.rstrip("。")) if x)
        if loaded.changed:  # issue 23: decisions kept through a reload, said so
            kept = QCoreApplication.translate(
                "MainWindow", "{0} 个已审核问题的数字有变化，已保留审核状态与备注并标为“已变化”"
            ).format(len(loaded.changed))
            note = ";".join(x for x in (note, kept) if x)
        if loaded.reopened:
            back = QCoreApplication.translate(
                "MainWindow", "{0} 份已完成的报告因此改回“审核中”"
            ).format(len(loaded.reopened))
            note = ";".join(x for x in (note, back) if x)
        n_err = sum(1 for f in result.findings if f.severity is Severity.ERROR)
        w.show_message(
            QCoreApplication.translate(
                "MainWindow",
                "已读取 {0} 份报告，发现 {1} 个问题（错误 {2} 个），{3} 个文件无法读取。",
            ).format(len(result.reports), len(result.findings), n_err, len(result.problems))
            + (note + "。" if note else "")
        )

    def on_job_failed(self, message: str) -> None:
        self._back_to_batch()
        self.w._set_busy(False)
        self.w.show_message(QCoreApplication.translate("MainWindow", "出错：") + message)
        release_collector()

    def on_job_cancelled(self) -> None:
        self._back_to_batch()
        self.w._set_busy(False)
        self.w.show_message(QCoreApplication.translate("MainWindow", "已取消。"))
        release_collector()

    def _back_to_batch(self) -> None:
        """A load that did not finish: the tree drops the files it showed while reading, so
        it holds exactly the batch again (which the job never changed)."""
        self._drain.stop()
        self._queue.clear()
        w = self.w
        w.batch_model.sync(w.batch.reports, w.batch.problems)
        w.batch_model.set_findings(w.batch.findings)
        w.desk.load_ended()

    def fill_recent_files(self) -> None:
        menu = self.w.recent_files_menu
        menu.clear()
        for p in self.w.settings.get(cfg.RECENT_FILES):
            act = menu.addAction(str(p))
            act.triggered.connect(lambda _c=False, p=p: self.load_paths([Path(p)]))

    # ---- workspaces ----------------------------------------------------------------------------
    def open_workspace_path(self, path: Path | str, restore: bool = True) -> bool:
        """Open a workspace (a ``.gikdb``, or a team's ``postgresql://`` target, issue 28);
        with ``restore``, read again the batch it remembers (issue 13)."""
        from gik_desk.services import WorkspaceError

        w = self.w
        w.detail_view.commit_note()  # into the workspace it was typed for
        w.desk.save_place()
        self._restoring = restore
        try:
            w.session.open(path)
        except WorkspaceError as exc:
            w.show_message(exc.message)
            return False
        finally:
            self._restoring = False
        if restore:
            w.desk.restore()
        return True

    def on_workspace_changed(self, path: str) -> None:
        w = self.w
        if path:
            w.settings.push_recent(cfg.RECENT_WORKSPACES, path)
            w.settings.set(cfg.LAST_WORKSPACE, path)
            w.setWindowTitle(
                QCoreApplication.translate("MainWindow", "GIK Desk 政府信息公开年报审核台")
                + f" — {Path(path).name}"
            )
        if w.batch.reports and not (self._restoring and w.desk.will_restore()):
            w.set_batch(w.batch)  # the workspace's version slots re-key the findings
            if not w.desk.remembered():
                w.desk.save_files(w.batch)  # this workspace's batch from now on
        reviews = w.session.reviews()
        w.findings_model.set_reviews(reviews)
        w.findings_model.set_changed(w.session.changed())
        w._on_report_changed(w.selection.report)
        damaged = sum(1 for r in reviews.values() if r.damaged)
        if path and damaged:  # issue 27: said once on opening, marked in the list
            w.show_message(
                QCoreApplication.translate(
                    "MainWindow", "工作区中有 {0} 条审核记录已损坏：已标为“已损坏”，未改动。"
                ).format(damaged)
            )

    def new_workspace(self) -> None:
        path = WorkspaceDialog.ask(self.w.as_widget(), self.w.settings.get(cfg.LAST_DIR), save=True)
        if path is not None:
            if path.exists():
                path.unlink()
            self.open_workspace_path(path)

    def open_workspace(self) -> None:
        path = WorkspaceDialog.ask(self.w.as_widget(), self.w.settings.get(cfg.LAST_DIR))
        if path is not None:
            self.open_workspace_path(path)

    def save_workspace_as(self) -> None:
        current = self.w.session.path
        if current is None:
            return
        path = WorkspaceDialog.ask(self.w.as_widget(), self.w.settings.get(cfg.LAST_DIR), save=True)
        if path is None:
            return
        src = sqlite3.connect(current)
        dst = sqlite3.connect(path)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        self.open_workspace_path(path)

    def fill_recent_workspaces(self) -> None:
        menu = self.w.recent_workspaces_menu
        menu.clear()
        for p in self.w.settings.get(cfg.RECENT_WORKSPACES):
            act = menu.addAction(str(p))
            target = p if services.is_team_url(p) else Path(p)
            act.triggered.connect(lambda _c=False, t=target: self.open_workspace_path(t))

    # ---- export --------------------------------------------------------------------------------
    def export_workbook(self, current_only: bool) -> None:
        w = self.w
        if not w.batch.reports:
            w.show_message(QCoreApplication.translate("MainWindow", "没有可导出的报告。"))
            return
        report = w.selection.report
        if current_only and report is None:
            return
        name = "审核表.xlsx"
        if current_only and report is not None:
            name = f"审核表_{report.agency or ''}{report.year or ''}.xlsx"
        path = ExportDialog.ask(
            w.as_widget(), str(Path(w.settings.get(cfg.LAST_DIR) or ".") / name)
        )
        if path is None:
            return
        review = w.session.core.snapshot()
        ids = [report.id] if current_only and report else None
        batch = w.batch
        bodies = w.session.core.rectification(batch)
        w.export_runner.start(
            lambda t: export_job(batch, path, review, ids, t, bodies),
            QCoreApplication.translate("MainWindow", "正在导出…"),
        )

    @staticmethod
    def describe_export(done: int, total: int, label: str) -> str:
        return QCoreApplication.translate("MainWindow", "正在导出 {0}/{1}:{2}").format(
            done, total, label
        )

    def on_exported(self, path: object) -> None:
        self.w.show_message(QCoreApplication.translate("MainWindow", "已导出：{0}").format(path))

    def on_export_cancelled(self) -> None:
        self.w.show_message(
            QCoreApplication.translate("MainWindow", "已取消导出，未写入任何文件。")
        )
