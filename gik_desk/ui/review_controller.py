"""The review itself on the desk (issue 14): who reviews, reasons, report sign-off, progress,
history, what was seen, and the keyboard moves that cross reports.

The window owns one ``ReviewController`` (``window.review``), the way it owns ``files``: it
reaches the models and views only through the window, and writes only through the session.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QRect, Qt, QTimer
from PySide6.QtWidgets import QInputDialog

from gik_desk import services
from gik_desk.model import Finding
from gik_desk.model.review import ReportState, ReviewStatus
from gik_desk.ui import settings as cfg
from gik_desk.ui.connection import ConnectionBanner
from gik_desk.ui.dialogs import conflict, review_dialogs, sign_off
from gik_desk.ui.models.findings_model import (
    REVIEW_ALL,
    REVIEW_ASSIGNED,
    REVIEW_MINE,
    report_short,
)
from gik_desk.ui.staged import Budget
from gik_desk.ui.views.detail_view import set_history
from gik_desk.ui.views.findings_view import SCOPE_REPORT
from gik_desk.ui.words import status_word

if TYPE_CHECKING:
    from gik_desk.ui.hosts import ReviewHost


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReviewController", text)


def fit_rect(wanted: QRect, available: QRect) -> QRect:
    """``wanted`` shrunk to fit ``available`` and moved inside it (a window saved on a larger
    screen, or the default size on a 1366×768 laptop, never opens with edges off screen)."""
    width = min(wanted.width(), available.width())
    height = min(wanted.height(), available.height())
    x = min(max(wanted.x(), available.x()), available.x() + available.width() - width)
    y = min(max(wanted.y(), available.y()), available.y() + available.height() - height)
    return QRect(x, y, width, height)


class ReviewController(QObject):
    def __init__(self, window: ReviewHost) -> None:
        super().__init__(window.as_widget())
        self.w = window
        self.w.session.set_reviewer(window.settings.get(cfg.REVIEWER))
        self._progress: dict[str, services.ReviewProgress] = {}
        self.connection: ConnectionBanner | None = None
        self.conflict_dialog: conflict.ConflictDialog | None = None
        self._conflicts: list[services.ReviewConflict] = []

    def wire(self) -> None:
        """Connect the review's signals and put its actions where a reviewer looks for them."""
        w = self.w
        w.session.finding_changed.connect(self.on_review_changed)
        w.session.report_state_changed.connect(lambda _key: self.refresh_progress())
        w.session.workspace_changed.connect(lambda _path: self.refresh_progress())
        # issue 28: conflicts shown, the workspace out of reach, a journal left behind
        self.connection = ConnectionBanner(w)
        w.session.conflicted.connect(self.show_conflict)
        w.session.workspace_changed.connect(lambda _path: QTimer.singleShot(0, self._journal_left))
        w.findings_view.review.currentIndexChanged.connect(lambda _i: self.apply_review_filter())
        cell = w.action("annotation.add_cell")
        for view in w.tables_view.views.values():
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            view.addAction(cell)
        for state in ReportState:
            w.batch_view.tree.addAction(w.action(f"report.state.{state.value}"))

    def fit_window(self) -> None:
        """Keep the whole window, frame included, on its screen's available area."""
        w = self.w
        screen = w.as_widget().screen()
        if screen is None or w.as_widget().isMaximized() or w.as_widget().isFullScreen():
            return
        frame, inner = w.as_widget().frameGeometry(), w.as_widget().geometry()
        extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
        target = fit_rect(frame, screen.availableGeometry())
        if target != frame:
            w.as_widget().resize(target.width() - extra_w, target.height() - extra_h)
            w.as_widget().move(target.topLeft())

    # ---- who reviews ---------------------------------------------------------------------------
    @property
    def reviewer(self) -> str:
        return self.w.settings.get(cfg.REVIEWER)

    def ensure_reviewer(self) -> bool:
        """Ask the reviewer's name once (prefilled with the login); False when cancelled."""
        if self.reviewer:
            return True
        return self.change_reviewer()

    def change_reviewer(self) -> bool:
        name = review_dialogs.ask_reviewer(self.w.as_widget(), self.reviewer)
        if not name:
            return False
        self.w.settings.set(cfg.REVIEWER, name)
        self.w.session.set_reviewer(name)
        self.w.show_message(_tr("审核人：{0}。此后的更改都记在此名下。").format(name))
        self.apply_review_filter()
        return True

    # ---- statuses and reasons ------------------------------------------------------------------
    def set_status(self, keys: list[str], status: ReviewStatus) -> None:
        """Set ``status``; 已排除 / 例外 without a note ask for the reason (the note) first."""
        session = self.w.session
        if session.workspace is None:
            self.w.show_message(_tr("未打开工作区，审核状态无法保存。"))
            return
        if not keys or not self.ensure_reviewer():
            return
        reason = ""
        lacking = session.missing_reason(keys, status)
        if lacking:
            given = review_dialogs.ask_reason(self.w.as_widget(), status_word(status), len(lacking))
            if given is None or not given.strip():
                self.w.show_message(_tr("未说明理由，未标为「{0}」。").format(status_word(status)))
                return
            reason = given
        session.set_status(keys, status, reason)

    def set_note(self, key: str, note: str) -> None:
        if self.ensure_reviewer():
            self.w.session.set_note(key, note)

    # ---- report sign-off -----------------------------------------------------------------------
    def set_report_state(self, state: ReportState) -> None:
        report = self.w.selection.report
        if report is None:
            return
        if self.w.session.workspace is None:
            self.w.show_message(_tr("未打开工作区，报告审核状态无法保存。"))
            return
        if not self.ensure_reviewer():
            return
        progress = self.progress(report.id)
        pending = progress.total - progress.reviewed
        if (
            state is ReportState.DONE
            and pending
            and not sign_off.confirm_done_with_pending(
                self.w.as_widget(), report_short(report), pending
            )
        ):
            self.w.show_message(_tr("未标为已完成：还有 {0} 个问题待核实。").format(pending))
            return
        self.w.session.set_report_state(report, state)

    def refresh_progress(self) -> None:
        """Counts per report, body and batch in the tree, and the batch line above it."""
        for _ in self.progress_steps(Budget(1 << 62)):
            pass

    def progress_steps(self, budget: Budget) -> Iterator[None]:
        """``refresh_progress`` a slice of the tree per step (``ui/staged.py``)."""
        w = self.w
        reports = list(w.batch.reports)
        self._progress = services.review_progress(w.batch.findings, w.findings_model.reviews())
        states = w.session.report_states(reports)
        total = services.ReviewProgress()
        for p in self._progress.values():
            total = total + p
        done = sum(1 for s in states.values() if s is ReportState.DONE)
        w.batch_view.progress.setText(
            _tr("已审 {0} 个问题，共 {1} 个；已完成 {2}/{3} 份报告").format(
                total.reviewed, total.total, done, len(reports)
            )
        )
        yield from w.batch_model.progress_steps(self._progress, states, budget)
        holders = w.session.holders(reports)  # 审核人 (issue 28)
        w.batch_model.set_holders(holders)
        w.batch_view.show_holders(bool(holders))

    def progress(self, report_id: str) -> services.ReviewProgress:
        return self._progress.get(report_id, services.ReviewProgress())

    # ---- the finding in the detail pane --------------------------------------------------------
    def on_finding_shown(self, finding: Finding | None) -> None:
        """Its history in the 历史 tab; it now counts as seen (the 未查看 filter)."""
        view = self.w.detail_view
        if finding is None:
            view.history.clear()
            return
        entries = self.w.session.history(finding.key)
        set_history(view.history, [(e.when, e.who, e.what) for e in entries])
        was_changed = finding.key in self.w.findings_model.changed()
        if self.w.session.mark_seen(finding.key):
            self.w.findings_proxy.set_seen(self.w.session.seen())
        if was_changed:  # looked at again: no longer 已变化
            self.w.findings_model.set_changed(self.w.session.changed())

    def on_review_changed(self, key: str) -> None:
        f = self.w.selection.finding
        if f is not None and f.key == key:
            entries = self.w.session.history(key)
            set_history(self.w.detail_view.history, [(e.when, e.who, e.what) for e in entries])
        if not self.w.session.receiving:  # a colleague's keys: counted once they all arrived
            self.refresh_progress()

    def apply_review_filter(self) -> None:
        kind = self.w.findings_view.review.currentData() or REVIEW_ALL
        mine = self.w.session.changed_by_me() if kind == REVIEW_MINE else set()
        if kind == REVIEW_ASSIGNED:  # 分配给我: the findings of the reports this reviewer holds
            held = self.w.session.assigned_to_me(list(self.w.batch.reports))
            mine = {f.key for f in self.w.batch.findings if f.report_id in held}
        self.w.findings_proxy.set_review_filter(str(kind), mine, self.w.session.seen())
        self.w.findings_view.update_count()

    # ---- a colleague changed it first; the workspace out of reach (issue 28) -------------------
    def show_conflict(self, found: object) -> None:
        """Theirs beside mine, one refused action at a time; the reviewer chooses."""
        if isinstance(found, services.ReviewConflict):
            self._conflicts.append(found)
        if self.conflict_dialog is None and self._conflicts:
            dialog = conflict.ConflictDialog(
                self._conflicts.pop(0), self.w.as_widget(), self._describe
            )
            dialog.finished.connect(lambda _r: self._conflict_chosen(dialog))
            self.conflict_dialog = dialog
            dialog.open()

    def _describe(self, key: str) -> str:
        """A conflicting finding as the list names it: report and rule (its key otherwise)."""
        batch = self.w.batch
        for f in batch.findings:
            if f.key == key:
                return f"{report_short(batch.report(f.report_id))} · {services.rule_title(f.rule)}"
        return key

    def _conflict_chosen(self, dialog: conflict.ConflictDialog) -> None:
        self.conflict_dialog = None
        if dialog.choice == dialog.MINE:
            if self.w.session.apply_mine(dialog.conflict):
                self.w.show_message(_tr("已在对方的修改之上写入我的修改。"))
        else:
            self.w.show_message(_tr("已保留对方的修改，我的这次修改未写入。"))
        dialog.deleteLater()
        self.show_conflict(None)

    def reconnect(self) -> None:
        """文件 ▸ 重新连接: probe now (off the UI thread) and apply the journal."""
        if self.w.session.workspace is None:
            self.w.show_message(_tr("未打开工作区。"))
            return
        if self.connection is not None:
            self.connection.retry()

    def _journal_left(self) -> None:
        if self.connection is not None:
            self.connection.startup()

    # ---- moving across reports ------------------------------------------------------------------
    def step_finding(self, delta: int) -> None:
        """F8 / Shift+F8: the next finding; after a report's last, the next report's first."""
        w = self.w
        if w.findings_view.step(delta):
            return
        if w.findings_view.scope.currentIndex() == SCOPE_REPORT and self._cross_report(delta):
            return
        w.show_message(_tr("已是最后一个问题。") if delta > 0 else _tr("已是第一个问题。"))

    def _cross_report(self, delta: int) -> bool:
        w = self.w
        ids = w.batch_model.report_ids()
        current = w.selection.report.id if w.selection.report else None
        i = ids.index(current) if current in ids else (-1 if delta > 0 else len(ids))
        i += delta
        while 0 <= i < len(ids):
            if w.batch.findings_for(ids[i]):
                w.selection.choose_report(ids[i])  # the list now shows this report
                shown = [f for f in w.batch.findings_for(ids[i]) if w.findings_proxy.row_of(f) >= 0]
                if shown:
                    shown.sort(key=w.findings_proxy.row_of)
                    w.selection.choose_finding(shown[0] if delta > 0 else shown[-1])
                    return True
            i += delta
        if current is not None:
            w.selection.choose_report(current)  # nothing further: stay where we were
        return False

    # ---- cell annotations, dashboard clicks ------------------------------------------------------
    def add_cell_annotation(self, note: str | None = None) -> None:
        """An annotation anchored on the chosen cell (its ``cell`` set), not on a text span."""
        w = self.w
        report, ref = w.selection.report, w.selection.cell
        if report is None or w.session.workspace is None:
            w.show_message(_tr("请先打开报告和工作区。"))
            return
        if ref is None:
            w.show_message(_tr("请先在表格中选择一格。"))
            return
        table = report.tables.get(ref.table)
        cell = table.cell(ref.row, ref.col) if table else None
        if cell is None or cell.span is None:
            w.show_message(_tr("这一格没有在原文中读到数字，无法加批注。"))
            return
        if not self.ensure_reviewer():
            return
        if note is None:
            note, ok = QInputDialog.getText(w.as_widget(), _tr("对单元格加批注"), _tr("批注内容："))
            if not ok:
                return
        w.session.add_annotation(report, cell.span.start, cell.span.end, note, ref.key)

    def choose_first_shown(self) -> None:
        """After a dashboard click: the first finding the list now shows is chosen."""
        first = self.w.findings_proxy.finding(0)
        if first is not None:
            self.w.selection.choose_finding(first)
