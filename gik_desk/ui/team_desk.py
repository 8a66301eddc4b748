"""A team's batch on the desk (issue 28): connecting to a team workspace, a lead's 分配给…,
who holds each report, the 分配给我 filter, and colleagues' work appearing live.

The window owns one ``TeamController`` (``window.team``), like ``review`` and ``files``: it
reaches views through the window and writes only through the session. Live updates come from
``TeamWatcher`` (a thread reading the event log) into ``WorkspaceSession.receive`` — the
signals of the desk's own actions — so every view refreshes the way it does after an edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from gik_desk import services
from gik_desk.ui import settings as cfg
from gik_desk.ui.dialogs import team_dialogs
from gik_desk.ui.models.findings_model import REVIEW_ASSIGNED
from gik_desk.ui.team_watch import TeamWatcher

if TYPE_CHECKING:
    from gik_desk.ui.hosts import TeamHost


def _tr(text: str) -> str:
    return QCoreApplication.translate("TeamController", text)


class TeamController(QObject):
    def __init__(self, window: TeamHost) -> None:
        super().__init__(window.as_widget())
        self.w = window
        self.watcher = TeamWatcher(window.session)
        self._holders_due = False

    def wire(self) -> None:
        w = self.w
        w.session.workspace_changed.connect(self._on_workspace_changed)
        w.session.assignments_changed.connect(self._on_assignments_changed)
        w.session.received.connect(self._on_received)
        self.watcher.failed.connect(self._on_watch_failed)
        w.batch_view.tree.addAction(w.action("report.assign"))

    def stop(self) -> None:
        """The window closes: the watcher thread ends with it."""
        self.watcher.stop(wait=2.0)  # before the session closes the file

    # ---- connecting ----------------------------------------------------------------------------
    def connect_team(self) -> bool:
        """文件 ▸ 连接团队工作区…: ask the target, open it like ``--workspace``; a failure
        says which server and why (the status bar). True when the team workspace is open."""
        w = self.w
        recent = w.settings.get(cfg.RECENT_TEAM_TARGETS)
        url = team_dialogs.ask_team_target(w.as_widget(), recent, w.session.reviewer)
        if not url:
            return False
        if not w.files.open_workspace_path(url):
            return False
        w.settings.push_recent(cfg.RECENT_TEAM_TARGETS, services.safe_url(url))
        return True

    # ---- assigning -----------------------------------------------------------------------------
    def assign_selected(self) -> None:
        """分配给…: the selected reports and bodies to a reviewer the lead chooses or types."""
        w = self.w
        if w.session.workspace is None:
            w.show_message(_tr("未打开工作区，无法分配。"))
            return
        if not w.session.is_lead():
            w.show_message(_tr("只有组长可以分配报告。"))
            return
        report_ids, body_firsts = w.batch_view.chosen()
        by_id = {r.id: r for r in w.batch.reports}
        reports = [by_id[i] for i in report_ids if i in by_id]
        bodies = [by_id[i].agency_key or "" for i in body_firsts if i in by_id]
        bodies = [b for b in dict.fromkeys(bodies) if b]
        if not reports and not bodies:
            w.show_message(_tr("请先在报告列表中选择报告或机关。"))
            return
        if bodies and reports:
            what = _tr("{0} 个机关和 {1} 份报告").format(len(bodies), len(reports))
        elif bodies:
            what = _tr("{0} 个机关").format(len(bodies))
        else:
            what = _tr("{0} 份报告").format(len(reports))
        name = team_dialogs.ask_assignee(w.as_widget(), w.session.reviewers_known(), what)
        if name is None:
            return
        w.session.assign(name, reports, bodies)

    # ---- refreshing ----------------------------------------------------------------------------
    def _on_workspace_changed(self, path: str) -> None:
        self.w.action("report.assign").setVisible(self.w.session.is_lead())
        if path:
            self.watcher.follow()
        else:
            self.watcher.stop()

    def _on_assignments_changed(self, _target: str) -> None:
        """One refresh for a whole selection's assignment (signalled target by target)."""
        if self.w.session.receiving or self._holders_due:
            return
        self._holders_due = True
        QTimer.singleShot(0, self, self._refresh_holders)

    def _refresh_holders(self) -> None:
        self._holders_due = False
        self.w.review.refresh_progress()  # the 审核人 column is painted with the progress
        if self.w.findings_view.review.currentData() == REVIEW_ASSIGNED:
            self.w.review.apply_review_filter()

    def _on_received(self) -> None:
        """A colleague's changes were signalled key by key: the totals, once."""
        self._refresh_holders()

    def _on_watch_failed(self, message: str) -> None:
        self.w.show_message(_tr("无法读取同事的更改：{0}").format(message))
