"""The file formats GIK Desk reads, declared once: ingest picks readers by them, the open
dialog offers exactly them, batch discovery walks folders for them."""

from __future__ import annotations

TEXT_EXTS = frozenset({".txt", ".text"})
HTML_EXTS = frozenset({".htm", ".html", ".shtml", ".xhtml"})
DOCX_EXTS = frozenset({".docx", ".docm"})
SHEET_EXTS = frozenset({".xlsx", ".xlsm", ".xls"})
SUPPORTED_EXTS = TEXT_EXTS | HTML_EXTS | DOCX_EXTS | SHEET_EXTS | {".doc", ".pdf"}


def open_filter() -> str:
    """A file dialog's filter: every readable suffix, then all files."""
    patterns = " ".join(f"*{ext}" for ext in sorted(SUPPORTED_EXTS))
    return f"年度报告 ({patterns});;所有文件 (*)"


UNNAMED_BODY = "未识别机关"


def body_name(agency: str | None, parenthesised: bool = False) -> str:
    """The body a report names, or the one wording for a report that names none."""
    if agency:
        return agency
    return f"({UNNAMED_BODY})" if parenthesised else UNNAMED_BODY


APP_NAME = "gik-desk"  # one directory name for the settings file and the default workspace
WORKSPACE_SUFFIX = ".gikdb"  # a reviewer's workspace file (workspace/schema.py)
