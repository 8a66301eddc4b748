"""审核 → 整改复核… (issue 30): each body's sent letter beside what its new version did.

One row per body (its progress: 已整改 / 未整改 / 待复核, the last counting the items whose
judgement the reviewer has not yet confirmed), under it one row per item of the letter (the
printed value, the value asked for, the value in the new version, the judgement and why), then
the new version's 新问题 and the cells it changed that no item asked for (其他改动). The reviewer
confirms a judgement or overrides it with a reason — each an undoable step on the window's undo
stack, logged under the reviewer — and jumps to the item's cell in the old or the new version.
生成复核意见… writes the follow-up letters (only what is still open) off the UI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gik_desk import services
from gik_desk.model import format_number
from gik_desk.model.rectification import BodyRectification, ItemJudgement, Outcome
from gik_desk.template import cell_label
from gik_desk.ui.runner import JobRunner

if TYPE_CHECKING:
    from gik_desk.ui.hosts import RectificationHost

COLUMNS = ("项目", "问题", "原数值", "建议值", "新版本数值", "复核结论", "依据", "审核人确认")
# shown through _tr at run time, so lupdate cannot see them: update_translations.py lists them
TRANSLATED_AT_RUN_TIME = (*COLUMNS, *(o.label for o in Outcome))
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("RectificationDialog", text)


def progress_words(bodies: list[BodyRectification]) -> str:
    """已整改 a，未整改 b，待复核 c — over ``bodies`` (the batch, or one body)."""
    items = [j for b in bodies for j in b.items]
    fixed = sum(1 for j in items if j.outcome is Outcome.FIXED)
    open_ = sum(1 for j in items if j.outcome in (Outcome.NOT_FIXED, Outcome.WRONG))
    waiting = sum(1 for j in items if not j.confirmed)
    return _tr("已整改 {0}，未整改 {1}，待复核 {2}").format(fixed, open_, waiting)


class RectificationDialog(QDialog):
    """The 整改复核 view (non-modal: the desk stays usable beside it)."""

    def __init__(self, controller: RectificationController, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.c = controller
        self.setObjectName("rectification_dialog")
        self.setWindowTitle(_tr("整改复核"))
        self.summary = QLabel()
        self.summary.setObjectName("rectification_summary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("rectification_tree")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([_tr(c) for c in COLUMNS])
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.tree.itemDoubleClicked.connect(lambda *_: self.c.jump(new=True))
        self.buttons: dict[str, QPushButton] = {}
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        for key, text, slot, row in (
            ("confirm", _tr("确认结论"), self.c.confirm, row1),
            ("fixed", _tr("改判为已整改…"), lambda: self.c.override(Outcome.FIXED), row1),
            ("not_fixed", _tr("改判为未整改…"), lambda: self.c.override(Outcome.NOT_FIXED), row1),
            ("wrong", _tr("改判为改错…"), lambda: self.c.override(Outcome.WRONG), row1),
            ("withdraw", _tr("撤回确认"), self.c.withdraw, row1),
            ("old", _tr("跳转到原版本"), lambda: self.c.jump(new=False), row2),
            ("new", _tr("跳转到新版本"), lambda: self.c.jump(new=True), row2),
            ("letters", _tr("生成复核意见…"), self.c.write_letters, row2),
            ("close", _tr("关闭"), self.close, row2),
        ):
            b = QPushButton(text)
            b.setObjectName(f"rectification_{key}")
            b.clicked.connect(lambda _c=False, s=slot: s())
            row.addWidget(b)
            self.buttons[key] = b
        row1.addStretch(1)
        row2.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.tree, 1)
        lay.addLayout(row1)
        lay.addLayout(row2)
        self.resize(1100, 520)

    def show_bodies(self, bodies: list[BodyRectification]) -> None:
        """Rebuild the rows, keeping the chosen item chosen."""
        chosen = self.chosen()
        keep = chosen.key if chosen is not None else None
        self.tree.clear()
        self.summary.setText(
            _tr("本批次：{0}").format(progress_words(bodies))
            if bodies
            else _tr(
                "工作区中还没有已发出的审核意见：生成审核意见后，对方重新发布的报告在此逐项复核。"
            )
        )
        again: QTreeWidgetItem | None = None
        for b in bodies:
            day = b.letter.written[:10]
            top = QTreeWidgetItem([f"{b.letter.body}（{day}）", "", "", "", "",
                                   progress_words([b])])  # fmt: skip
            self.tree.addTopLevelItem(top)
            for j in b.items:
                row = QTreeWidgetItem(
                    [
                        str(j.item.n),
                        j.item.text,
                        format_number(j.item.printed),
                        format_number(j.item.asked),
                        format_number(j.now),
                        _tr(j.outcome.label),
                        j.how + (f"（{j.note}）" if j.note else ""),
                        _tr("已确认") if j.confirmed else "",
                    ]
                )
                row.setData(0, ITEM_ROLE, j)
                top.addChild(row)
                if j.key == keep:
                    again = row
            for _rid, _key, message in b.new_problems:
                top.addChild(QTreeWidgetItem([_tr("新问题"), message]))
            for c in b.other_changes:
                label = cell_label(c.cell.table, c.cell.row, c.cell.col)
                top.addChild(
                    QTreeWidgetItem(
                        [_tr("其他改动"), label, format_number(c.before, _tr("空白")), "",
                         format_number(c.after, _tr("空白"))]
                    )
                )  # fmt: skip
            top.setExpanded(True)
        for col, width in enumerate((150, 360, 60, 60, 80, 80, 300)):
            self.tree.setColumnWidth(col, width)
        if again is not None:
            self.tree.setCurrentItem(again)
        self._enable()

    def chosen(self) -> ItemJudgement | None:
        item = self.tree.currentItem()
        data = item.data(0, ITEM_ROLE) if item is not None else None
        return data if isinstance(data, ItemJudgement) else None

    def select_item(self, key: str) -> bool:
        """Choose the row of item ``key`` (``letter:<id>#<n>``)."""
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for k in range(top.childCount() if top is not None else 0):
                row = top.child(k) if top is not None else None
                data = row.data(0, ITEM_ROLE) if row is not None else None
                if row is not None and isinstance(data, ItemJudgement) and data.key == key:
                    self.tree.setCurrentItem(row)
                    return True
        return False

    def _enable(self) -> None:
        j = self.chosen()
        judged = j is not None and j.judged is not Outcome.PENDING
        self.buttons["confirm"].setEnabled(judged and not (j and j.confirmed))
        for key in ("fixed", "not_fixed", "wrong"):
            self.buttons[key].setEnabled(judged)
        self.buttons["withdraw"].setEnabled(j is not None and j.confirmed)
        self.buttons["old"].setEnabled(j is not None and j.old_report_id is not None)
        self.buttons["new"].setEnabled(j is not None and j.new_report_id is not None)


class RectificationController(QObject):
    """The 整改复核 action of one ``MainWindow``: its dialog, its decisions, its letters job."""

    def __init__(self, window: RectificationHost) -> None:
        super().__init__(window.as_widget())
        self.w = window
        self.dialog: RectificationDialog | None = None
        self.bodies: list[BodyRectification] = []
        self.runner = JobRunner(self)
        self.runner.started.connect(lambda label: window._set_busy(True, label))
        self.runner.finished.connect(self._on_written)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)
        window.session.rectification_changed.connect(lambda _key: self.refresh())

    def open(self) -> None:
        if self.w.session.path is None:
            self.w.show_message(_tr("请先打开审核工作区：整改复核依据工作区中记录的已发审核意见。"))
            return
        if self.dialog is None:
            self.dialog = RectificationDialog(self, self.w.as_widget())
        self.refresh()
        self.dialog.show()
        self.dialog.raise_()

    def close(self) -> None:
        """The window closes: stop the letters job (what was written stays recorded) and the
        view goes with it."""
        self.runner.cancel()
        if self.dialog is not None:
            self.dialog.close()

    def batch_changed(self) -> None:
        """The desk shows another batch: an open view judges it at once."""
        if self.dialog is not None and self.dialog.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Judge again (the batch or the decisions changed) and redraw an open dialog."""
        self.bodies = self.w.session.core.rectification(self.w.batch)
        if self.dialog is not None:
            self.dialog.show_bodies(self.bodies)

    # ---- the reviewer's word -------------------------------------------------------------
    def _chosen(self) -> ItemJudgement | None:
        return self.dialog.chosen() if self.dialog is not None else None

    def confirm(self) -> None:
        j = self._chosen()
        if j is not None and j.judged is not Outcome.PENDING:
            self.w.session.push(self.w.session.core.rectification_action(j, j.judged))

    def override(self, outcome: Outcome) -> None:
        """Another outcome than the figures say: only with the reviewer's reason."""
        j = self._chosen()
        if j is None or j.judged is Outcome.PENDING:
            return
        if outcome is j.judged:
            self.confirm()
            return
        text, ok = QInputDialog.getMultiLineText(
            self.dialog,
            _tr("改判为「{0}」").format(_tr(outcome.label)),
            _tr("依据显示为「{0}」。请写明改判的理由（记入操作记录）：").format(
                _tr(j.judged.label)
            ),
        )
        if not ok:
            return
        if not text.strip():
            self.w.show_message(_tr("改判须写明理由，未改动。"))
            return
        self.w.session.push(self.w.session.core.rectification_action(j, outcome, text))

    def withdraw(self) -> None:
        j = self._chosen()
        if j is not None and j.confirmed:
            self.w.session.push(self.w.session.core.rectification_action(j, None))

    def jump(self, *, new: bool) -> None:
        """Show the item's report (old or new version) and its cell on the desk."""
        j = self._chosen()
        if j is None:
            return
        report_id = j.new_report_id if new else j.old_report_id
        if report_id is None:
            return
        self.w.selection.choose_report(report_id)
        if j.item.cell is not None:
            self.w.selection.choose_cell(j.item.cell)

    # ---- 复核意见 -----------------------------------------------------------------------------
    def write_letters(self) -> None:
        w = self.w
        if self.runner.is_running():
            return
        path = w.session.path
        start = str(path.parent) if path is not None else ""
        folder = QFileDialog.getExistingDirectory(
            self.dialog, _tr("复核意见保存到"), start,
            QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.ShowDirsOnly,
        )  # fmt: skip
        if not folder:
            return
        self.start_letters(Path(folder))

    def start_letters(self, folder: Path) -> None:
        """The follow-up letters into ``folder``, each recorded in the workspace as sent."""
        w = self.w
        bodies, batch = list(self.bodies), w.batch
        record_in, reviewer = w.session.path, w.session.reviewer
        self.runner.start(
            lambda token: services.write_follow_up(
                bodies, batch, folder, None, token, reviewer=reviewer, record_in=record_in
            ),
            _tr("正在生成复核意见"),
        )

    def _on_written(self, result: object) -> None:
        self.w._set_busy(False)
        if isinstance(result, services.LettersResult):
            self.w.show_message(_tr("已生成 {0} 份复核意见。").format(len(result.written)))
            self.w.status_label.setToolTip("\n".join(result.lines()))
        self.refresh()

    def _on_failed(self, message: str) -> None:
        self.w._set_busy(False)
        self.w.show_message(_tr("生成复核意见出错：") + message)

    def _on_cancelled(self) -> None:
        self.w._set_busy(False)
        self.w.show_message(_tr("已取消生成复核意见；已写出的文件保留并已记录。"))
        self.refresh()
