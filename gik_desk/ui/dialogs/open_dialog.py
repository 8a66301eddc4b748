"""Choosing files, a folder, a workspace or an export target: one function each to patch.

Captions and filters speak the UI's language (``QCoreApplication.translate`` written out, so
lupdate finds them); the dialogs are Qt's own
(``app.install_translations`` turns the platform's off), so every label does too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gik_desk.model.formats import SUPPORTED_EXTS, open_filter
from gik_desk.model.formats import WORKSPACE_SUFFIX as SUFFIX

REPORT_FILTER = open_filter()  # what ingest reads, no more (no *.zip: ingest refuses it)


def report_filter() -> str:
    """``REPORT_FILTER`` in the UI's language."""
    patterns = " ".join(f"*{ext}" for ext in sorted(SUPPORTED_EXTS))
    reports = QCoreApplication.translate("FileDialogs", "年度报告")
    return f"{reports} ({patterns});;{_all_files()}"


def workspace_filter() -> str:
    workspaces = QCoreApplication.translate("FileDialogs", "GIK Desk 工作区")
    return f"{workspaces} (*{SUFFIX});;{_all_files()}"


def _all_files() -> str:
    return QCoreApplication.translate("FileDialogs", "所有文件") + " (*)"


def workspace_name(chosen: str) -> Path | None:
    """A new workspace's file: ``.gikdb`` added to a bare name; None for any other suffix
    (``审核.xlsx`` would have made a database under a workbook's name, or replaced one)."""
    path = Path(chosen)
    if not path.suffix:
        return path.with_name(path.name + SUFFIX)
    return path if path.suffix.lower() == SUFFIX else None


class OpenDialog:
    """Files or a folder of reports."""

    @staticmethod
    def ask(parent: QWidget | None, start_dir: str = "", folder: bool = False) -> list[Path] | None:
        if folder:
            chosen = QFileDialog.getExistingDirectory(
                parent, QCoreApplication.translate("FileDialogs", "打开文件夹"), start_dir
            )
            return [Path(chosen)] if chosen else None
        files, _ = QFileDialog.getOpenFileNames(
            parent,
            QCoreApplication.translate("FileDialogs", "打开年度报告"),
            start_dir,
            report_filter(),
        )
        return [Path(f) for f in files] if files else None


class WorkspaceDialog:
    """A workspace file to open (``save=False``) or to create / save as (``save=True``)."""

    @staticmethod
    def ask(parent: QWidget | None, start_dir: str = "", save: bool = False) -> Path | None:
        if save:
            chosen, _ = QFileDialog.getSaveFileName(
                parent,
                QCoreApplication.translate("FileDialogs", "工作区另存为"),
                start_dir,
                workspace_filter(),
            )
        else:
            chosen, _ = QFileDialog.getOpenFileName(
                parent,
                QCoreApplication.translate("FileDialogs", "打开工作区"),
                start_dir,
                workspace_filter(),
            )
        if not chosen:
            return None
        if not save:
            return Path(chosen)
        path = workspace_name(chosen)
        if path is None:
            QMessageBox.warning(
                parent,
                QCoreApplication.translate("FileDialogs", "工作区文件名"),
                QCoreApplication.translate(
                    "FileDialogs", "工作区文件名须以 {0} 结尾（或不写扩展名），不能用“{1}”。"
                ).format(SUFFIX, Path(chosen).name),
            )
        return path


class ExportDialog:
    """Where to write the audit workbook."""

    @staticmethod
    def ask(parent: QWidget | None, suggested: str = "") -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("FileDialogs", "导出审核表"),
            suggested,
            QCoreApplication.translate("FileDialogs", "Excel 工作簿") + " (*.xlsx)",
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")
