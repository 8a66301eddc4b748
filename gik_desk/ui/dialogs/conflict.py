"""A change refused because a colleague changed the same row first (issue 28): theirs beside
yours, and the reviewer chooses. 保留对方的 drops mine (nothing is written); 保留我的 applies
mine again on the new version — a new action with its own event, never applied silently.

Also the question a desk asks when it starts with actions still in its local journal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gik_desk import services

if TYPE_CHECKING:  # the window's first paint loads no workspace (tests/ui/test_startup.py)
    from gik_desk.services import ReviewConflict, RowState


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConflictDialog", text)


def _words(side: RowState) -> str:
    text = side.value or _tr("（空）")
    if side.note:
        text += "\n" + _tr("备注：{0}").format(side.note)
    return text


def _by(side: RowState) -> str:
    if not side.who:
        return ""
    return _tr("{0}，{1}").format(side.who, services.local_time(side.when) if side.when else "")


class ConflictDialog(QDialog):
    """One refused action: a row per conflicting finding (or report, annotation, cell), with
    what is stored now (theirs: value, note, who, when) beside what mine would write."""

    THEIRS, MINE = 0, 1

    def __init__(
        self,
        conflict: ReviewConflict,
        parent: QWidget | None = None,
        describe: Callable[[str], str] | None = None,
    ) -> None:
        """``describe`` names a conflicting row for the reviewer (a finding's report and rule);
        the row's key when it knows none."""
        super().__init__(parent)
        self.conflict = conflict
        self.choice: int | None = None
        self.setObjectName("conflict_dialog")
        self.setWindowTitle(_tr("修改冲突"))
        layout = QVBoxLayout(self)
        what = getattr(conflict.action, "text", "")
        intro = QLabel(
            _tr("「{0}」未执行：下列内容在你修改之后已被他人改动。请选择保留哪一方的修改。").format(
                what
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if conflict.applied is not None:
            rest = QLabel(_tr("其余没有冲突的内容已经写入。"))
            layout.addWidget(rest)
        self.table = QTableWidget(len(conflict.conflicts), 4, self)
        self.table.setObjectName("conflict_table")
        self.table.setHorizontalHeaderLabels(
            [_tr("对象"), _tr("对方的（现在保存的）"), _tr("修改人"), _tr("我的")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, c in enumerate(conflict.conflicts):
            name = describe(c.key) if describe is not None else c.key
            for col, text in enumerate((name, _words(c.theirs), _by(c.theirs), _words(c.yours))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)
        if not conflict.conflicts:  # refused for another reason while replaying the journal
            layout.addWidget(QLabel(conflict.message))
        buttons = QDialogButtonBox(self)
        self.keep_theirs = QPushButton(_tr("保留对方的"))
        self.keep_theirs.setObjectName("keep_theirs")
        self.keep_theirs.setToolTip(_tr("放弃我的这次修改，工作区保持对方的内容。"))
        self.keep_mine = QPushButton(_tr("保留我的"))
        self.keep_mine.setObjectName("keep_mine")
        self.keep_mine.setToolTip(_tr("在对方的修改之上重新写入我的修改（记入操作记录）。"))
        self.keep_mine.setEnabled(conflict.retry is not None)
        self.keep_mine.setAutoDefault(False)  # Enter never overwrites a colleague's change
        self.keep_theirs.setDefault(True)
        buttons.addButton(self.keep_theirs, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.keep_mine, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_theirs.clicked.connect(lambda: self._choose(self.THEIRS))
        self.keep_mine.clicked.connect(lambda: self._choose(self.MINE))
        layout.addWidget(buttons)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(720, 160 + 60 * min(len(conflict.conflicts), 6))

    def _choose(self, choice: int) -> None:
        self.choice = choice
        if choice == self.MINE:
            self.accept()
        else:
            self.reject()


def ask_apply_pending(parent: QWidget | None, workspace: str, n: int) -> bool:
    """At start: the local journal of ``workspace`` still holds ``n`` actions (the desk closed
    or crashed while it was out of reach). True: apply them now; else they stay kept."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_tr("暂存的修改"))
    box.setText(
        _tr(
            "上次断开工作区「{0}」时，有 {1} 项修改暂存在本机，尚未写入工作区。现在写入吗？"
        ).format(workspace, n)
    )
    box.setInformativeText(_tr("写入时若有他人改过同一内容，会逐项请你选择；选“稍后”则继续暂存。"))
    now = box.addButton(_tr("现在写入"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_tr("稍后"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is now
