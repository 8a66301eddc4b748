"""Asking before a report is signed off while findings still wait (issue 23): 已完成 says the
report's review is finished, so a report with 待核实 findings is marked so only on purpose."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("SignOff", text)


def confirm_done_with_pending(parent: QWidget | None, report: str, pending: int) -> bool:
    """True when the reviewer still wants ``report`` 已完成 with ``pending`` 待核实 findings."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_tr("标为已完成"))
    box.setText(
        _tr("「{0}」还有 {1} 个问题为“待核实”。仍然标为“已完成”吗？").format(report, pending)
    )
    done = box.addButton(_tr("仍标为已完成"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(QMessageBox.StandardButton.NoButton)
    box.exec()
    return box.clickedButton() is done
