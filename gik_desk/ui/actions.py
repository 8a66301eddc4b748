"""Every window action as a row of one table: id, text, shortcuts, slot, menu.

Tests trigger actions by id (``window.action("finding.next").trigger()``); standard keys come from
``QKeySequence.StandardKey`` wherever Qt has one, so each platform gets its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

from gik_desk.model.review import ReportState, ReviewStatus

if TYPE_CHECKING:
    from gik_desk.ui.hosts import ActionTarget

Key = QKeySequence.StandardKey | str


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: str
    text: str
    shortcuts: Sequence[Key]
    slot: Callable[[ActionTarget], object]
    menu: str  # file | edit | view | review | settings | help | "" (no menu)
    toolbar: bool = False


def _tr(text: str) -> str:
    return QCoreApplication.translate("actions", text)


def _status(n: int) -> Callable[[ActionTarget], object]:
    return lambda w: w.set_status_by_number(n)


def _report_state(code: str) -> Callable[[ActionTarget], object]:
    return lambda w: w.review.set_report_state(ReportState(code))


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "file.open",
        "打开文件…",
        (QKeySequence.StandardKey.Open,),
        lambda w: w.files.open_files(),
        "file",
        True,
    ),
    ActionSpec(
        "file.open_folder",
        "打开文件夹…",
        ("Ctrl+Shift+O",),
        lambda w: w.files.open_folder(),
        "file",
        True,
    ),
    ActionSpec(
        "file.reload",
        "重新载入",
        (QKeySequence.StandardKey.Refresh,),
        lambda w: w.desk.reload(),
        "file",
    ),
    ActionSpec(
        "file.remove",
        "移除文件…",
        (),
        lambda w: w.desk.remove_current(),
        "file",
    ),
    ActionSpec(
        "batch.close",
        "关闭批次",
        (QKeySequence.StandardKey.Close,),
        lambda w: w.desk.close_batch(),
        "file",
    ),
    ActionSpec(
        "file.export",
        "导出审核表…",
        ("Ctrl+E",),
        lambda w: w.files.export_workbook(False),
        "file",
        True,
    ),
    ActionSpec(
        "file.export_report",
        "导出当前报告…",
        ("Ctrl+Shift+E",),
        lambda w: w.files.export_workbook(True),
        "file",
    ),
    ActionSpec(
        "file.import_review",
        "导入审核表…",
        (),
        lambda w: w.files.review_import.start(),
        "file",
    ),
    ActionSpec(
        "workspace.new",
        "新建工作区…",
        (QKeySequence.StandardKey.New,),
        lambda w: w.files.new_workspace(),
        "file",
    ),
    ActionSpec(
        "workspace.open",
        "打开工作区…",
        ("Ctrl+Shift+W",),
        lambda w: w.files.open_workspace(),
        "file",
    ),
    ActionSpec(
        "workspace.connect_team",
        "连接团队工作区…",
        (),
        lambda w: w.team.connect_team(),
        "file",
    ),
    ActionSpec(
        "workspace.save_as",
        "工作区另存为…",
        (QKeySequence.StandardKey.SaveAs,),
        lambda w: w.files.save_workspace_as(),
        "file",
    ),
    ActionSpec(
        "workspace.reconnect",
        "重新连接",
        (),
        lambda w: w.review.reconnect(),
        "file",
    ),
    ActionSpec("job.cancel", "取消", ("Esc",), lambda w: w.cancel_job(), ""),
    ActionSpec(
        "file.quit",
        "退出",
        (QKeySequence.StandardKey.Quit,),
        lambda w: w.close(),
        "file",
    ),
    ActionSpec(
        "edit.find",
        "查找问题",
        (QKeySequence.StandardKey.Find,),
        lambda w: w.focus_search(),
        "edit",
    ),
    ActionSpec(
        "annotation.add",
        "添加批注…",
        ("Ctrl+M",),
        lambda w: w.add_annotation(),
        "edit",
    ),
    ActionSpec(
        "annotation.add_cell",
        "对单元格加批注…",
        ("Ctrl+Shift+M",),
        lambda w: w.review.add_cell_annotation(),
        "edit",
    ),
    ActionSpec(
        "annotation.delete",
        "删除所选批注",
        (),
        lambda w: w.delete_annotation(),
        "edit",
    ),
    ActionSpec(
        "finding.prev",
        "上一问题",
        ("Shift+F8", "P"),
        lambda w: w.step_finding(-1),
        "review",
        True,
    ),
    ActionSpec(
        "finding.next",
        "下一问题",
        ("F8", "N"),
        lambda w: w.step_finding(1),
        "review",
        True,
    ),
    ActionSpec(
        "report.prev",
        "上一份报告",
        ("Ctrl+PgUp",),
        lambda w: w.step_report(-1),
        "review",
    ),
    ActionSpec(
        "report.next",
        "下一份报告",
        ("Ctrl+PgDown",),
        lambda w: w.step_report(1),
        "review",
    ),
    ActionSpec(
        "finding.related",
        "跳转到对比年份",
        ("Ctrl+J",),
        lambda w: w.jump_related(),
        "review",
    ),
    *(
        ActionSpec(f"finding.status.{n}", f"标为 {st.label}", (str(n),), _status(n), "review")
        for n, st in enumerate(ReviewStatus.ordered(), start=1)
    ),
    ActionSpec(
        "finding.note",
        "编辑备注",
        ("Return", "Enter"),
        lambda w: w.focus_note(),
        "review",
    ),
    ActionSpec(
        "view.batch_scope",
        "显示全部报告的问题",
        ("Ctrl+Shift+A",),
        lambda w: w.toggle_scope(),
        "view",
    ),
    ActionSpec(
        "report.current_version",
        "标为现行版本",
        (),
        lambda w: w.mark_current_version(),
        "review",
    ),
    ActionSpec(
        "review.letters",
        "生成审核意见…",
        ("Ctrl+L",),
        lambda w: w.letters.start(),
        "review",
    ),
    ActionSpec(
        "review.rectification",
        "整改复核…",
        ("Ctrl+Shift+L",),
        lambda w: w.rectification.open(),
        "review",
    ),
    ActionSpec(
        "report.state.not_started", "报告标为 未开始", (), _report_state("not_started"), "review"
    ),
    ActionSpec(
        "report.state.in_progress", "报告标为 审核中", (), _report_state("in_progress"), "review"
    ),
    ActionSpec(
        "report.state.done", "报告标为 已完成", ("Ctrl+D",), _report_state("done"), "review"
    ),
    ActionSpec("report.assign", "分配给…", (), lambda w: w.team.assign_selected(), "review"),
    ActionSpec(
        "settings.reviewer", "审核人…", (), lambda w: w.review.change_reviewer(), "settings"
    ),
    ActionSpec("help.about", "关于", (), lambda w: w.about(), "help"),
)


def build_actions(window: ActionTarget) -> dict[str, QAction]:
    """Create the QActions of ``SPECS`` on ``window``; the caller puts them in menus."""
    out: dict[str, QAction] = {}
    for spec in SPECS:
        action = QAction(_tr(spec.text), window.as_widget())
        action.setObjectName(spec.id)
        keys: list[QKeySequence] = []
        for k in spec.shortcuts:
            if isinstance(k, QKeySequence.StandardKey):
                keys.extend(QKeySequence.keyBindings(k))
            else:
                keys.append(QKeySequence(k))
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False, s=spec: s.slot(window))
        out[spec.id] = action
    return out
