"""Which reader a file needs, by magic bytes first and extension second.

Readers are imported here, lazily, only when a file of their format is opened: pdfplumber,
python-docx and calamine would otherwise cost the GUI's cold start (STYLE.md).
"""

from __future__ import annotations

import importlib
import io
import zipfile
from pathlib import Path
from types import ModuleType

from gik_desk.ingest.errors import ingest_error
from gik_desk.ingest.zipguard import ZIP_ERRORS
from gik_desk.model.formats import DOCX_EXTS, HTML_EXTS, SHEET_EXTS, SUPPORTED_EXTS, TEXT_EXTS

__all__ = ["DOCX_EXTS", "HTML_EXTS", "SHEET_EXTS", "SUPPORTED_EXTS", "TEXT_EXTS", "reader", "sniff"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_HTML_HINTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<table", b"<meta")
_READERS = {
    "txt": "gik_desk.ingest.txt",
    "html": "gik_desk.ingest.html",
    "docx": "gik_desk.ingest.docx",
    "doc": "gik_desk.ingest.doc",
    "pdf": "gik_desk.ingest.pdf",
    "xlsx": "gik_desk.ingest.xlsx",
}


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except ZIP_ERRORS:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    return "zip"


def sniff(path: Path, data: bytes) -> tuple[str, list[str]]:
    """The reader kind for a file plus warnings (e.g. an extension that lies about the content)."""
    ext = path.suffix.lower()
    head = data[:1024]
    warnings: list[str] = []
    kind: str | None = None
    if b"%PDF-" in head:
        kind = "pdf"
    elif head.startswith(OLE_MAGIC):
        kind = "xlsx" if ext == ".xls" else "doc"
    elif head.startswith(ZIP_MAGIC):
        found = _zip_kind(data)
        if found in ("docx", "xlsx"):
            kind = found
        elif ext in DOCX_EXTS:
            raise ingest_error("corrupt-docx", f"zip without word/document.xml ({found})")
        elif ext in SHEET_EXTS:
            raise ingest_error("corrupt-xlsx", f"zip without xl/workbook.xml ({found})")
        else:
            raise ingest_error("unsupported-format", f"zip archive {path.name}")
    elif ext in DOCX_EXTS:
        raise ingest_error("corrupt-docx", "no zip signature")
    elif ext in SHEET_EXTS:
        if _looks_html(head):  # sites export "report.xls" that is a web page (issue 27)
            kind = "html"
        else:
            raise ingest_error("corrupt-xlsx", "no zip or OLE signature")
    elif ext == ".pdf":
        raise ingest_error("corrupt-pdf", "no %PDF- signature")
    elif ext == ".doc":
        if _looks_html(head):  # web pages saved as "report.doc" are common
            kind = "html"
        else:
            raise ingest_error("unsupported-doc", "no OLE signature")
    elif ext in HTML_EXTS:
        kind = "html"
    elif ext in TEXT_EXTS:
        kind = "txt"
    elif _looks_html(head):
        kind = "html"
    else:
        raise ingest_error("unsupported-format", f"extension {ext or '(none)'}")
    expected = _kind_for_ext(ext)
    if expected and expected != kind and not (expected == "doc" and kind == "html"):
        warnings.append(f"文件扩展名 {ext} 与实际内容({kind})不符,已按实际内容读取")
    return kind, warnings


def _kind_for_ext(ext: str) -> str | None:
    if ext in TEXT_EXTS:
        return "txt"
    if ext in HTML_EXTS:
        return "html"
    if ext in DOCX_EXTS:
        return "docx"
    if ext in SHEET_EXTS:
        return "xlsx"
    if ext == ".doc":
        return "doc"
    if ext == ".pdf":
        return "pdf"
    return None


def actual_kind(head: bytes) -> str:
    """What the first bytes say a file is, in words for a refusal ("" when they say nothing):
    a refusal names the format found, not only the one expected (issue 27)."""
    if b"%PDF-" in head[:1024]:
        return "PDF 文件"
    if head.startswith(OLE_MAGIC):
        return "旧版 Office 文件(.xls/.doc)"
    if head.startswith(ZIP_MAGIC):
        return "压缩包"
    if _looks_html(head):
        return "网页(HTML)"
    return ""


def _looks_html(head: bytes) -> bool:
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return any(h in low[:512] for h in _HTML_HINTS)


def reader(kind: str) -> ModuleType:
    """Import a format's reader module now (and with it its heavy library)."""
    return importlib.import_module(_READERS[kind])
