"""A team's batch on the desk (issue 28): 文件 ▸ 连接团队工作区… and a lead's 分配给….

The connect dialog asks host, port, database and role — never a password: libpq reads it from
its passfile, so none reaches settings, the recent list or a message. Each question is one
function, so tests patch it instead of driving a modal dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gik_desk import services


def _tr(text: str) -> str:
    return QCoreApplication.translate("TeamDialogs", text)


class TeamConnectDialog(QDialog):
    """Host, port, database, role → ``postgresql://role@host:port/db`` (``target``)."""

    def __init__(self, parent: QWidget | None, recent: list[str], role: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("连接团队工作区"))
        self.target = ""
        self.recent = QComboBox()
        self.recent.setObjectName("team_recent")
        self.recent.addItem(_tr("(新的连接)"), "")
        for url in recent:
            self.recent.addItem(services.safe_url(url), url)
        self.host = QLineEdit()
        self.host.setObjectName("team_host")
        self.host.setPlaceholderText(_tr("例如 db.office.lan"))
        self.port = QLineEdit("5432")
        self.port.setObjectName("team_port")
        self.database = QLineEdit()
        self.database.setObjectName("team_database")
        self.role = QLineEdit(role)
        self.role.setObjectName("team_role")
        note = QLabel(
            _tr(
                "密码不在这里填写，也不会被保存：请把它写入 PostgreSQL 的密码文件"
                "(pgpass，Windows 上为 %APPDATA%\\postgresql\\pgpass.conf)，由 libpq 读取。"
            )
        )
        note.setObjectName("team_password_note")
        note.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("team_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        form = QFormLayout()
        if recent:
            form.addRow(_tr("最近的连接："), self.recent)
        form.addRow(_tr("服务器："), self.host)
        form.addRow(_tr("端口："), self.port)
        form.addRow(_tr("数据库："), self.database)
        form.addRow(_tr("用户名(数据库角色)："), self.role)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("连接"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.recent.currentIndexChanged.connect(self._on_recent)

    def _on_recent(self, index: int) -> None:
        url = self.recent.itemData(index)
        if not url:
            return
        try:
            target = services.parse_target(str(url))
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        self.host.setText(target.host)
        self.port.setText(str(target.port))
        self.database.setText(target.database)
        self.role.setText(target.role)

    def accept(self) -> None:
        """Close only on fields that build a target; otherwise say which field is wrong."""
        try:
            target = services.team_target(
                self.host.text(), self.port.text(), self.database.text(), self.role.text()
            )
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        self.target = target.url
        super().accept()


def ask_team_target(parent: QWidget | None, recent: list[str], role: str = "") -> str | None:
    """The team target the reviewer chose, or None when cancelled."""
    dialog = TeamConnectDialog(parent, recent, role)
    return dialog.target if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_assignee(parent: QWidget | None, known: list[str], what: str) -> str | None:
    """Whom to give ``what`` to: a known reviewer or a typed name; "" = nobody (the
    assignment is taken back); None when cancelled."""
    nobody = _tr("(不分配)")
    name, ok = QInputDialog.getItem(
        parent, _tr("分配给…"), _tr("把{0}分配给：").format(what), [*known, nobody], 0, True
    )
    if not ok:
        return None
    name = name.strip()
    return "" if name == nobody else name or None
