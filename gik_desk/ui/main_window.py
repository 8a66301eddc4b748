"""The reviewer's desk: it owns the models, the selection and the session, and wires the views.

No view calls another view. Each emits ``*_requested``; the slots here turn requests into a
choice on ``DeskSelection`` or an action on ``WorkspaceSession``; their signals update the views.
Opening and loading files, recent lists, workspaces and export live in ``main_window_files``
(``self.files``); the window keeps ``load_paths`` and ``open_workspace_path`` as its public doors.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QWidget,
)

from gik_desk import services
from gik_desk.model import Finding, Report, Severity, Span
from gik_desk.model.batch import Batch
from gik_desk.model.review import ReviewStatus
from gik_desk.ui import settings as cfg
from gik_desk.ui.actions import SPECS, build_actions
from gik_desk.ui.jobbar import JobBar
from gik_desk.ui.main_window_files import FilesController
from gik_desk.ui.models.batch_model import BatchModel
from gik_desk.ui.models.findings_model import REVIEW_ALL, FindingsModel, FindingsProxy
from gik_desk.ui.restore import DeskController
from gik_desk.ui.review_controller import ReviewController
from gik_desk.ui.runner import JobRunner
from gik_desk.ui.selection import DeskSelection
from gik_desk.ui.session import WorkspaceSession
from gik_desk.ui.staged import Budget, StagedWork, release_collector
from gik_desk.ui.team_desk import TeamController
from gik_desk.ui.views.batch_view import BatchView
from gik_desk.ui.views.detail_view import DetailView
from gik_desk.ui.views.findings_view import SCOPE_BATCH, SCOPE_REPORT, FindingsView
from gik_desk.ui.views.original_view import OriginalView, SourcePane
from gik_desk.ui.views.source_view import SourceView
from gik_desk.ui.views.table_view import TablesView

if TYPE_CHECKING:
    import pandas as pd

    from gik_desk.ui.letters import LettersController
    from gik_desk.ui.rectification import RectificationController
    from gik_desk.ui.views.dashboard import DashboardView


# the first layout, before the reviewer moves a divider: the top row (tree, source, tables)
# and the bottom (findings, detail) share the height 57 : 43, so at 1366×768 and at 125 %
# the source pane keeps a third of the window and the tree 8 rows (issue 24); a batch with
# few findings gives the bottom only what its rows need (``_fit_layout``)
LAYOUT_SHARES = (570, 430)


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("GIK Desk 政府信息公开年报审核台"))
        self.setAcceptDrops(True)
        self.settings = cfg.Settings()
        self.batch = Batch()
        # models, selection, session ------------------------------------------------------------
        self.batch_model = BatchModel(self)
        self.findings_model = FindingsModel(self)
        self.findings_proxy = FindingsProxy(self)
        self.findings_proxy.setSourceModel(self.findings_model)
        self.selection = DeskSelection(self)
        self.session = WorkspaceSession(self)
        self.runner = JobRunner(self)
        self.staged = StagedWork(self)  # a finished batch shown over several turns (issue 26)
        self.staged.settled.connect(release_collector)
        self.export_runner = JobRunner(self)
        self.files: FilesController = FilesController(self)
        self._letters: LettersController | None = None  # 生成审核意见 (issue 17), on first use
        self._rectification: RectificationController | None = None  # 整改复核 (issue 30), too
        self.desk: DeskController = DeskController(self)  # the remembered batch (issue 13)
        self.review: ReviewController = ReviewController(self)
        self.team = TeamController(self)  # a team's batch: assignments, live updates (issue 28)
        # views --------------------------------------------------------------------------------
        self.batch_view = BatchView(self.batch_model)
        self.source_view = SourceView()
        self.original_view = OriginalView()
        self.source_pane = SourcePane(self.source_view, self.original_view)
        self.tables_view = TablesView()
        self.findings_view = FindingsView(self.findings_model, self.findings_proxy)
        self.detail_view = DetailView()
        self._dashboard: DashboardView | None = None  # built on first use (pyqtgraph, numpy)
        self._cells_frame: tuple[Batch, pd.DataFrame] | None = None  # built once per batch
        top = QSplitter(Qt.Orientation.Horizontal)
        top.setObjectName("top_splitter")
        top.addWidget(self.batch_view)
        top.addWidget(self.source_pane)
        top.addWidget(self.tables_view)
        top.setStretchFactor(0, 3)  # the tree's names, badges and progress stay legible
        top.setStretchFactor(1, 5)
        top.setStretchFactor(2, 5)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.setObjectName("bottom_splitter")
        bottom.addWidget(self.findings_view)
        bottom.addWidget(self.detail_view)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        self.detail_view.setMinimumWidth(380)  # the correction and the editors stay readable
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, LAYOUT_SHARES[0])
        self.splitter.setStretchFactor(1, LAYOUT_SHARES[1])
        self.top_splitter, self.bottom_splitter = top, bottom
        for splitter in (top, bottom, self.splitter):
            splitter.setChildrenCollapsible(False)  # a divider dragged far stops, never folds
        # until the reviewer moves a divider (or one is restored) the shares follow the window
        self.layout_chosen = False
        self.splitter.splitterMoved.connect(self._on_divider_moved)
        self.splitter.installEventFilter(self)
        # a new batch may need fewer findings rows: its spare height goes to the source pane
        self.findings_model.modelReset.connect(self._fit_layout)
        self._add_dashboard()
        # status bar ---------------------------------------------------------------------------
        self.status_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setObjectName("cancel_job")
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.jobs = JobBar(self.progress, self.cancel_button, self.status_label, self)
        # actions and menus --------------------------------------------------------------------
        self.actions_by_id = build_actions(self)
        undo = self.session.undo_stack.createUndoAction(self, self.tr("撤销"))
        undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        redo = self.session.undo_stack.createRedoAction(self, self.tr("重做"))
        redo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
        self.actions_by_id["edit.undo"] = undo
        self.actions_by_id["edit.redo"] = redo
        note = self.actions_by_id["finding.note"]
        note.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for w in (self.findings_view.table, self.source_view.text, self.tables_view):
            w.addAction(note)
        self._build_menus()
        # wiring -------------------------------------------------------------------------------
        self.batch_view.report_requested.connect(self.selection.choose_report)
        self.findings_view.finding_requested.connect(self.selection.choose_finding)
        self.findings_view.scope_changed.connect(self._on_scope_changed)
        self.source_view.finding_requested.connect(self.selection.choose_finding)
        self.source_view.cell_requested.connect(self.selection.choose_cell)
        self.tables_view.cell_requested.connect(self.selection.choose_cell)
        self.tables_view.cell_keyed.connect(self._key_cell)
        self.detail_view.status_requested.connect(self._on_status_requested)
        self.detail_view.note_committed.connect(self._on_note_committed)
        self.detail_view.outward_requested.connect(self._on_outward_requested)
        self.detail_view.related_report_requested.connect(self.selection.choose_report)
        self.detail_view.versions_requested.connect(self.compare_versions)
        self.detail_view.annotation_delete_requested.connect(self.session.delete_annotation)
        self.session.versions_changed.connect(self._on_versions_changed)
        self.session.cells_changed.connect(self._on_cells_changed)
        self.batch_view.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.batch_view.tree.addAction(self.actions_by_id["report.current_version"])
        self.batch_view.tree.addAction(self.actions_by_id["file.reload"])
        self.batch_view.tree.addAction(self.actions_by_id["file.remove"])
        self.detail_view.note_left.connect(self.findings_view.table.setFocus)
        self.detail_view.annotation_note_requested.connect(self.session.edit_annotation_note)
        self.detail_view.annotation_chosen.connect(self._on_annotation_chosen)
        self.selection.report_changed.connect(self._on_report_changed)
        self.selection.finding_changed.connect(self._on_finding_changed)
        self.selection.cell_changed.connect(self.tables_view.show_cell)
        self.selection.cell_changed.connect(self.source_view.show_cell)
        self.selection.cell_changed.connect(self.original_view.show_cell)
        self.original_view.cell_requested.connect(self.selection.choose_cell)
        self.original_view.finding_requested.connect(self.selection.choose_finding)
        self.session.finding_changed.connect(self._on_review_changed)
        self.session.annotations_changed.connect(self._on_annotations_changed)
        self.session.failed.connect(self.show_message)
        self.session.workspace_changed.connect(self.files.on_workspace_changed)
        self.jobs.track(self.runner, self.files.describe_progress)
        self.jobs.track(self.export_runner, self.files.describe_export)
        # a returned workbook is read on a watched worker: the bar shows it and 取消 stops it
        self.jobs.track(self.files.review_import.runner, lambda _d, _t, label: label)
        self.export_runner.cancelled.connect(self.files.on_export_cancelled)
        self.selection.report_changed.connect(self.desk.place_changed)
        self.selection.finding_changed.connect(self.desk.place_changed)
        self.runner.partial.connect(self.files.on_partial)
        self.runner.finished.connect(self.files.on_loaded)
        self.runner.failed.connect(self.files.on_job_failed)
        self.runner.cancelled.connect(self.files.on_job_cancelled)
        self.export_runner.finished.connect(self.files.on_exported)
        self.export_runner.failed.connect(self.files.on_job_failed)
        self.review.wire()  # after the window's own slots: progress reads the updated reviews
        self.team.wire()
        self.fit_on_show = True  # the first show fits the screen (a screenshot turns it off)
        self._restore_state()
        self.show_message(self.tr("打开年度报告文件或文件夹开始审核（也可把文件拖进窗口）。"))

    # ---- building ------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        menus: dict[str, QMenu] = {}
        for key, title in (
            ("file", self.tr("文件(&F)")),
            ("edit", self.tr("编辑(&E)")),
            ("view", self.tr("视图(&V)")),
            ("review", self.tr("审核(&R)")),
            ("settings", self.tr("设置(&S)")),
            ("help", self.tr("帮助(&H)")),
        ):
            menus[key] = self.menuBar().addMenu(title)
        toolbar = self.addToolBar(self.tr("工具栏"))
        toolbar.setObjectName("main_toolbar")
        for spec in SPECS:
            action = self.actions_by_id[spec.id]
            if spec.menu:
                menus[spec.menu].addAction(action)
            else:
                self.addAction(action)
            if spec.toolbar:
                toolbar.addAction(action)
            if spec.id == "workspace.save_as":
                self.recent_workspaces_menu = menus["file"].addMenu(self.tr("最近的工作区"))
                self.recent_files_menu = menus["file"].addMenu(self.tr("最近打开的文件"))
                menus["file"].addSeparator()
            if spec.id == "file.export_report":
                menus["file"].addSeparator()
        menus["edit"].insertAction(menus["edit"].actions()[0], self.actions_by_id["edit.redo"])
        menus["edit"].insertAction(self.actions_by_id["edit.redo"], self.actions_by_id["edit.undo"])
        self.recent_files_menu.aboutToShow.connect(self.files.fill_recent_files)
        self.recent_workspaces_menu.aboutToShow.connect(self.files.fill_recent_workspaces)

    def _add_dashboard(self) -> None:
        """The 批次概览 tab: an empty page until it is first shown, so pyqtgraph and numpy
        (~0.6 s) load then, not with the window (issue 26)."""
        tabs = QTabWidget()
        tabs.setObjectName("main_tabs")
        tabs.addTab(self.splitter, self.tr("审核"))
        tabs.addTab(QWidget(), self.tr("批次概览"))
        tabs.currentChanged.connect(self._on_tab_changed)
        self.main_tabs = tabs
        self.setCentralWidget(tabs)

    def _refresh_dashboard_if_shown(self) -> None:
        """Redraw the 批次概览 when it is the tab in view (a hidden one redraws when chosen)."""
        if self.main_tabs.currentIndex() == 1:
            self._refresh_dashboard()

    @property
    def letters(self) -> LettersController:
        """生成审核意见, built the first time anyone asks: its module loads after the window
        shows (issue 26, cold start), as the 整改复核 one does."""
        if self._letters is None:
            from gik_desk.ui.letters import LettersController

            self._letters = LettersController(self)
        return self._letters

    @property
    def rectification(self) -> RectificationController:
        if self._rectification is None:
            from gik_desk.ui.rectification import RectificationController

            self._rectification = RectificationController(self)
        return self._rectification

    @property
    def dashboard(self) -> DashboardView:
        """The 批次概览 view, built (and put in its tab) the first time anyone asks."""
        if self._dashboard is None:
            from gik_desk.ui.views.dashboard import DashboardView

            view = DashboardView()
            view.filter_requested.connect(self.apply_dashboard_filter)
            tabs = self.main_tabs
            current = tabs.currentIndex()
            tabs.blockSignals(True)  # swapping the placeholder is not a tab change
            old = tabs.widget(1)
            tabs.removeTab(1)
            tabs.insertTab(1, view, self.tr("批次概览"))
            tabs.setCurrentIndex(current)
            tabs.blockSignals(False)
            if old is not None:
                old.deleteLater()
            self._dashboard = view
        return self._dashboard

    def _on_tab_changed(self, index: int) -> None:
        if index == 1:
            self.dashboard  # noqa: B018 - first use builds it
            self._refresh_dashboard()

    def _refresh_dashboard(self) -> None:
        if self._dashboard is None:
            return  # not built yet: its first showing draws the batch
        if not self.batch.reports:
            self._dashboard.set_counts(0, 0, 0, 0)
            return
        review = self.session.core.snapshot()
        current = self.batch.current()  # progress counts the 现行版本 of each report only
        if self._cells_frame is None or self._cells_frame[0] is not current:
            # one row per cell (~80 per report) and review-independent: not rebuilt per tab switch
            self._cells_frame = (current, services.cells_frame(current))
        self._dashboard.set_frames(
            services.reports_frame(current, review),
            services.findings_frame(current, review),
            self._cells_frame[1],
        )
        # the batch's counts, as the tree and the status bar count them (issue 24)
        self._dashboard.set_counts(
            len(self.batch.reports),
            len(self.batch.findings),
            len(current.reports),
            len(current.findings),
        )

    def apply_dashboard_filter(self, spec: dict[str, Any]) -> None:
        """A dashboard click → the findings list shows exactly what the mark counted.

        Keys among ``rule``, ``severity`` (``"error"``…), ``status`` (a code or its words),
        ``agency_key`` and ``year``; a key left out means "all", so an earlier filter never
        hides the answer.
        """
        self.findings_view.set_scope(SCOPE_BATCH)
        severity = Severity(spec["severity"]) if spec.get("severity") else None
        status = ReviewStatus.parse(spec["status"]) if spec.get("status") else None
        rule = str(spec["rule"]) if spec.get("rule") else None
        self.findings_view.set_filters(rule=rule, severity=severity, status=status)
        self.findings_view.review.setCurrentIndex(self.findings_view.review.findData(REVIEW_ALL))
        self.findings_proxy.set_filter(agency_key=spec.get("agency_key"), year=spec.get("year"))
        self.findings_view.update_count()
        self.main_tabs.setCurrentIndex(0)
        self.review.choose_first_shown()  # the click lands on a finding, not just a filter

    def as_widget(self) -> QWidget:
        """The window as a parent for dialogs and actions (``ui/hosts.py``'s Protocols)."""
        return self

    def action(self, action_id: str) -> QAction:
        return self.actions_by_id[action_id]

    def set_batch(self, batch: Batch, synced: bool = False) -> None:
        """Show a finished batch: tree, findings, workspace reviews; keep the current choice.
        ``synced``: the load job stored the audit already (``services.stored``)."""
        self.batch = batch
        if not synced and (batch.reports or batch.problems or batch.sources):
            self.session.sync_batch(batch)  # with the re-audit that 现行版本 marks call for
        keyed = self.session.keyed_values()
        if services.apply_keyed(batch, keyed):  # figures keyed into unread cells (issue 29)
            self.session.sync_batch(batch)
        changed = services.stale(batch, keyed)
        if changed:  # keyed against other bytes of the file: kept, not applied
            self.show_message(
                self.tr(
                    "{0} 个录入的数值所在文件已变化（{1}），未应用，请对照新文件重新录入"
                ).format(len(changed), services.KEYED_CHANGED)
            )
        self.staged.cancel()  # what an earlier batch left to paint: repainted below
        self.batch_model.sync(batch.reports, batch.problems)  # the tree grew while loading
        reports = {r.id: r for r in batch.reports}
        self.findings_proxy.set_reports(reports)
        self.findings_model.set_findings(batch.findings, reports)
        self.selection.set_batch(batch)
        self.staged.run(self._batch_steps(batch))  # a small batch is painted in this call

    def _batch_steps(self, batch: Batch) -> Iterator[None]:
        """The rest of ``set_batch``, a slice of the tree per turn of the event loop: the
        reviews, the badges, the choice, the progress column and the review filter."""
        budget = Budget()
        large = len(batch.reports) > budget.per_turn
        if large:  # reading every review from the workspace gets a turn of its own
            yield
        self.findings_model.set_reviews(self.session.reviews())
        self.findings_model.set_changed(self.session.changed())  # 已变化 marks (issue 23)
        if large:
            yield
        yield from self.batch_model.findings_steps(batch.findings, budget)
        if self.selection.report is None and batch.reports:
            first = self.batch_model.report_ids()[0]
            self.selection.choose_report(first)
        else:
            self._on_report_changed(self.selection.report)
        if large:  # the report's text and tables had this turn
            yield
        yield from self.review.progress_steps(budget)
        self.review.apply_review_filter()
        if self._rectification is not None:  # a view never opened judges nothing
            self._rectification.batch_changed()
        self._refresh_dashboard_if_shown()  # a batch that changed under the open 批次概览

    def cancel_job(self) -> None:
        self.jobs.cancel()
        if self._letters is not None:
            self._letters.runner.cancel()
        if self._rectification is not None:
            self._rectification.runner.cancel()

    def _set_busy(self, busy: bool, label: str = "") -> None:
        if not busy:
            self.jobs.refresh()  # the bar stays while another job runs
            return
        self.jobs.show(True)
        self.progress.setRange(0, 0)
        self.status_label.setText(label)

    def show_message(self, text: str) -> None:
        self.status_label.setText(text)

    # ---- selection → views ---------------------------------------------------------------------
    def _report_findings(self, report: Report | None) -> list[Finding]:
        return self.batch.findings_for(report.id) if report is not None else []

    def _on_report_changed(self, report: Report | None) -> None:
        findings = self._report_findings(report)
        self.batch_view.show_report(report.id if report else None)
        self.source_view.show_report(report, findings)
        self.source_view.set_annotations(self.session.annotations(report) if report else [])
        self.source_pane.show_report(report)
        self.original_view.show_report(report, findings)
        self.tables_view.show_report(report, findings)
        self.detail_view.set_annotations(self.session.report_annotations(report))
        self._on_scope_changed(self.findings_view.scope.currentIndex())

    def _on_scope_changed(self, scope: int) -> None:
        report = self.selection.report
        if scope == SCOPE_REPORT:
            self.findings_proxy.set_filter(
                report_ids=[report.id] if report else [], agency_key=None, year=None
            )
        else:
            self.findings_proxy.set_filter(report_ids=None)
        self.findings_view.update_count()
        self.findings_view.show_finding(self.selection.finding)

    def _on_finding_changed(self, finding: Finding | None) -> None:
        self.findings_view.show_finding(finding)
        self.source_view.show_finding(finding)
        self.original_view.show_finding(finding)
        self.detail_view.show_finding(
            finding,
            self.findings_model.review(finding.key) if finding else None,
            self._cell_values(finding),
        )
        self.detail_view.set_outward(self.session.outward(finding.key) if finding else "", True)
        self.review.on_finding_shown(finding)

    def _cell_values(self, finding: Finding | None) -> dict[tuple[str, str, str], object]:
        report = self.batch.report(finding.report_id) if finding else None
        if report is None or finding is None:
            return {}
        out: dict[tuple[str, str, str], object] = {}
        for alt in finding.suggestions:
            for e in alt:
                out[(e.table, e.row, e.col)] = report.value(e.table, e.row, e.col)
        return out

    # ---- keyboard moves ------------------------------------------------------------------------
    def step_finding(self, delta: int) -> None:
        self.review.step_finding(delta)  # after a report's last finding: the next report's

    def step_report(self, delta: int) -> None:
        ids = self.batch_model.report_ids()
        if not ids:
            return
        current = self.selection.report.id if self.selection.report else None
        i = ids.index(current) + delta if current in ids else 0
        if 0 <= i < len(ids):
            self.selection.choose_report(ids[i])

    def mark_current_version(self) -> None:
        """The chosen report's version becomes its body and year's 现行版本 (undoable)."""
        report = self.selection.report
        if report is None:
            return
        if self.session.workspace is None:
            self.show_message(self.tr("请先打开审核工作区，再标记现行版本。"))
            return
        self.session.set_current_version(report)

    def _key_cell(self, cell: str, text: str) -> None:
        """A figure typed into an unread cell of the report in view (issue 29)."""
        self.session.key_cell(self.selection.report, cell, text)

    def _on_cells_changed(self, _key: str) -> None:
        """A keyed figure landed or was taken back: the rules run again at once."""
        if services.apply_keyed(self.batch, self.session.keyed_values()):
            self.set_batch(self.batch)
            self._refresh_dashboard()

    def _on_versions_changed(self, key: str) -> None:
        """A 现行版本 mark changed (or was undone): the tree, the counts and the dashboard."""
        if services.follow_version_marks(self.batch, self.session.current_versions(), key):
            self.set_batch(self.batch)
        else:
            self.staged.finish()  # a batch still being painted is finished before it changes
            self.batch_model.sync(self.batch.reports, self.batch.problems)
            self.batch_model.set_findings(self.batch.findings)
            self.selection.set_batch(self.batch)
        self._refresh_dashboard()
        said = self.session.version_message(self.batch, key)
        if said:
            self.show_message(said)

    def compare_versions(self, finding: Finding) -> None:
        """A DUP-VERSION finding's report beside its (first) other version (issue 23)."""
        from gik_desk.ui.dialogs.versions_dialog import VersionsDialog

        reports = {r.id: r for r in self.batch.reports}
        here = reports.get(finding.report_id)
        other = finding.versions[0] if finding.versions else None
        there = reports.get(other.report_id) if other is not None else None
        if here is None or there is None or other is None:
            self.show_message(self.tr("另一版本已不在本批中，无法并排比较。"))
            return
        dialog = VersionsDialog(self.as_widget(), here, there, other.diffs)
        dialog.show()

    def jump_related(self) -> None:
        f = self.selection.finding
        if f is not None and f.related_report_id:
            self.selection.choose_report(f.related_report_id)

    def toggle_scope(self) -> None:
        self.findings_view.set_scope(1 - self.findings_view.scope.currentIndex())

    def focus_search(self) -> None:
        self.findings_view.search.setFocus()
        self.findings_view.search.selectAll()

    def focus_note(self) -> None:
        if self.selection.finding is not None:
            self.detail_view.focus_note()

    # ---- reviewer work -------------------------------------------------------------------------
    def _chosen_keys(self) -> list[str]:
        chosen = self.findings_view.selected_findings()
        if self.selection.finding is not None and self.selection.finding not in chosen:
            chosen = [self.selection.finding]
        return [f.key for f in chosen]

    def set_status_by_number(self, n: int) -> None:
        self._on_status_requested(ReviewStatus.ordered()[n - 1].value)

    def _on_status_requested(self, value: str) -> None:
        if self.session.workspace is None:
            self.show_message(self.tr("未打开工作区，审核状态无法保存。"))
            return
        self.review.set_status(self._chosen_keys(), ReviewStatus(value))

    def _on_note_committed(self, key: str, note: str) -> None:
        """A note left its field (Enter, Esc, focus out, another finding, close): saved, or
        the status bar says why not; it is never dropped silently."""
        if self.session.workspace is None:
            if note.strip():
                self.show_message(self.tr("未打开工作区，备注无法保存。"))
            return
        self.review.set_note(key, note)

    def _on_outward_requested(self, key: str, text: str) -> None:
        if self.session.workspace is None:
            self.show_message(self.tr("未打开工作区，对外意见无法保存。"))
        else:
            self.session.set_outward(key, text)

    def _on_review_changed(self, key: str) -> None:
        review = self.session.review(key)
        self.findings_model.update_review(key, review)
        self._refresh_dashboard_if_shown()
        f = self.selection.finding
        if f is not None and f.key == key:
            self.detail_view.set_review(review)
            self.detail_view.set_outward(self.session.outward(key))

    def _on_annotations_changed(self, _report_key: str) -> None:
        report = self.selection.report
        self.source_view.set_annotations(self.session.annotations(report) if report else [])
        self.detail_view.set_annotations(self.session.report_annotations(report))

    def _on_annotation_chosen(self, annotation_id: str) -> None:
        for a in self.session.annotations(self.selection.report):
            if a.id == annotation_id:
                self.source_view.select_span(Span(a.start, max(a.start, a.end)))
                return

    def add_annotation(self, note: str | None = None) -> None:
        """Annotate the text selection, else the chosen cell's characters."""
        report = self.selection.report
        if report is None or self.session.workspace is None:
            self.show_message(self.tr("请先打开报告和工作区。"))
            return
        span = self.source_view.selected_span()
        cell = ""
        if span is None and self.selection.cell is not None:
            ref = self.selection.cell
            table = report.tables.get(ref.table)
            found = table.cell(ref.row, ref.col) if table else None
            if found is not None and found.span is not None:
                span, cell = found.span, ref.key
        if span is None:
            self.show_message(self.tr("请先在原文中选中文字，或在表格中选择一格。"))
            return
        if not self.review.ensure_reviewer():
            return
        if note is None:
            note, ok = QInputDialog.getText(self, self.tr("添加批注"), self.tr("批注内容："))
            if not ok:
                return
        self.session.add_annotation(report, span.start, span.end, note, cell)

    def delete_annotation(self) -> None:
        item = self.detail_view.annotations.currentItem()
        if item is not None:
            from gik_desk.ui.views.detail_view import AnnotationIdRole

            self.session.delete_annotation(str(item.data(AnnotationIdRole)))

    # ---- files, workspaces, export: main_window_files.FilesController --------------------------
    def load_paths(self, paths: Sequence[Path | str]) -> None:
        self.files.load_paths(paths)

    def open_workspace_path(self, path: Path | str, restore: bool = True) -> bool:
        return self.files.open_workspace_path(path, restore)

    def about(self) -> None:
        QMessageBox.about(self, self.tr("关于"), self.tr("GIK Desk 政府信息公开年报审核台"))

    # ---- state, drag and drop, close -------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.get(cfg.GEOMETRY)
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        else:
            self.resize(1500, 950)
        self.review.fit_window()  # saved on a larger screen, or 1500×950 on a 1366×768 laptop
        for key, splitter in self._splitters():
            saved = self.settings.get(key)
            if saved and splitter.restoreState(QByteArray(saved)) and splitter is self.splitter:
                self.layout_chosen = True

    def _on_divider_moved(self, _pos: int, _index: int) -> None:
        self.layout_chosen = True  # the reviewer's heights: kept from now on, and saved

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            self._fit_layout()
        return super().eventFilter(watched, event)

    def _fit_layout(self) -> None:
        """The first layout (until the reviewer moves a divider or one is restored): the
        shares of ``LAYOUT_SHARES``, except that the findings row takes only the height the
        batch's findings need (never less than the detail's floor), the rest going to the
        source pane and the tree (issue 24). It depends on the window's height and the
        batch alone, never on the selection, so nothing moves between findings."""
        if self.layout_chosen:
            return
        height = self.splitter.height() - self.splitter.handleWidth()  # the panes' share
        bottom = height - height * LAYOUT_SHARES[0] // sum(LAYOUT_SHARES)
        needed = max(self._findings_height(), self.detail_view.minimumHeight())
        bottom = max(min(bottom, needed), self.bottom_splitter.minimumSizeHint().height())
        self.splitter.setSizes([height - bottom, bottom])

    def _findings_height(self) -> int:
        """The findings pane's height with every finding of the batch in a row (the scope
        and filters shown aside, so it is the same for every report and choice)."""
        view, table = self.findings_view, self.findings_view.table
        rows = max(self.findings_model.rowCount(), 1)
        chrome = view.height() - table.viewport().height()  # filters, header, frame, scroll bar
        if chrome <= 0 or not view.isVisible():  # not laid out yet: from the size hints
            header = table.horizontalHeader().sizeHint().height()
            bar = table.horizontalScrollBar().sizeHint().height()
            lay = view.layout()
            inner = lay.sizeHint().height() - table.sizeHint().height() if lay else 0
            chrome = max(inner, 0) + header + bar + 2 * table.frameWidth()
        return chrome + rows * table.verticalHeader().defaultSectionSize()  # rows never grow

    def _splitters(self) -> tuple[tuple[cfg.Key[bytes], QSplitter], ...]:
        """Each divider of the desk with the setting that remembers it."""
        return (
            (cfg.SPLITTERS, self.splitter),
            (cfg.SPLITTERS_TOP, self.top_splitter),
            (cfg.SPLITTERS_BOTTOM, self.bottom_splitter),
        )

    def _save_state(self) -> None:
        self.settings.set(cfg.GEOMETRY, bytes(self.saveGeometry().data()))
        for key, splitter in self._splitters():
            self.settings.set(key, bytes(splitter.saveState().data()))
        self.settings.sync()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            QTimer.singleShot(0, self, lambda: self.load_paths(paths))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.fit_on_show:  # the frame's size is known once shown: fit it, frame and all
            self.fit_on_show = False
            self.review.fit_window()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.staged.finish()  # a batch still being shown is remembered before the workspace closes
        self.detail_view.commit_note()  # a note typed and left without Enter is kept
        self.detail_view.commit_outward()  # and an outward text
        self.jobs.cancel()
        if self._letters is not None:
            self._letters.runner.cancel()
        if self._rectification is not None:
            self._rectification.close()
        self.desk.save_place()
        self._save_state()
        self.team.stop()
        self.session.close()
        super().closeEvent(event)
