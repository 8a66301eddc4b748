"""Choosing files, a folder, a workspace or an export target: one function each to patch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from gik_desk.model.formats import WORKSPACE_SUFFIX as SUFFIX
from gik_desk.model.formats import open_filter

REPORT_FILTER = open_filter()  # what ingest reads, no more (no *.zip: ingest refuses it)
WORKSPACE_FILTER = "GIK Desk 工作区 (*.gikdb);;所有文件 (*)"


class OpenDialog:
    """Files or a folder of reports."""

    @staticmethod
    def ask(parent: QWidget | None, start_dir: str = "", folder: bool = False) -> list[Path] | None:
        if folder:
            chosen = QFileDialog.getExistingDirectory(parent, "打开文件夹", start_dir)
            return [Path(chosen)] if chosen else None
        files, _ = QFileDialog.getOpenFileNames(parent, "打开年度报告", start_dir, REPORT_FILTER)
        return [Path(f) for f in files] if files else None


class WorkspaceDialog:
    """A workspace file to open (``save=False``) or to create / save as (``save=True``)."""

    @staticmethod
    def ask(parent: QWidget | None, start_dir: str = "", save: bool = False) -> Path | None:
        if save:
            chosen, _ = QFileDialog.getSaveFileName(
                parent, "工作区另存为", start_dir, WORKSPACE_FILTER
            )
        else:
            chosen, _ = QFileDialog.getOpenFileName(
                parent, "打开工作区", start_dir, WORKSPACE_FILTER
            )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix or not save else path.with_suffix(SUFFIX)


class ExportDialog:
    """Where to write the audit workbook."""

    @staticmethod
    def ask(parent: QWidget | None, suggested: str = "") -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            parent, "导出审核表", suggested, "Excel 工作簿 (*.xlsx)"
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")
