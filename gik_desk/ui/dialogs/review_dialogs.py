"""Two small questions the review asks: who is reviewing, and why a finding does not stand.

Each is one function, so tests patch it instead of driving a modal dialog.
"""

from __future__ import annotations

import getpass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReviewDialogs", text)


def login_name() -> str:
    """The operating system's login: the name a new reviewer is offered."""
    try:
        return getpass.getuser()
    except Exception:  # no login name (some services, containers)
        return ""


class ReviewerDialog(QDialog):
    """审核人: a name, never empty (OK is off until something is typed)."""

    def __init__(self, parent: QWidget | None, current: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("审核人"))
        self.name = QLineEdit(current or login_name())
        self.name.setObjectName("reviewer_name")
        self.name.selectAll()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))
        self.ok.setEnabled(bool(self.name.text().strip()))
        lay = QVBoxLayout(self)
        label = QLabel(_tr("审核人姓名（记入每一次状态更改和备注；可在“设置 ▸ 审核人…”中修改）："))
        label.setWordWrap(True)
        label.setBuddy(self.name)
        lay.addWidget(label)
        lay.addWidget(self.name)
        lay.addWidget(buttons)


class ReasonDialog(QDialog):
    """The reason 已排除(误报) / 例外(已说明) needs; OK is off while it is blank. Enter starts a
    new line of the reason; Ctrl+Enter gives it, as in the note field (issue 24)."""

    def __init__(self, parent: QWidget | None, status_label: str, count: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("说明理由"))
        self.text = QPlainTextEdit()
        self.text.setObjectName("reason_text")
        self.text.setTabChangesFocus(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.text.toPlainText().strip()))
        )
        what = _tr("这个问题") if count == 1 else _tr("这 {0} 个问题").format(count)
        label = QLabel(_tr("将{0}标为「{1}」须说明理由。理由记入备注：").format(what, status_label))
        label.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(label)
        lay.addWidget(self.text)
        lay.addWidget(buttons)
        self.text.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text and isinstance(event, QKeyEvent) and _is_commit_key(event):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # ours, not a window shortcut's
                return True
            if event.type() == QEvent.Type.KeyPress:
                if self.ok.isEnabled():
                    self.accept()
                return True
        return super().eventFilter(watched, event)


def _is_commit_key(e: QKeyEvent) -> bool:
    return e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and bool(
        e.modifiers() & Qt.KeyboardModifier.ControlModifier
    )


def ask_reviewer(parent: QWidget | None, current: str = "") -> str | None:
    """The reviewer's name, prefilled with ``current`` or the login; None when cancelled."""
    dialog = ReviewerDialog(parent, current)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.name.text().strip() or None


def ask_reason(parent: QWidget | None, status_label: str, count: int = 1) -> str | None:
    """The reason for 已排除 / 例外; None when cancelled (an empty one cannot be given)."""
    dialog = ReasonDialog(parent, status_label, count)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.text.toPlainText().strip() or None
