"""Word 97 .doc: converted to .docx by the first converter that works, then read as .docx.

No pure-Python .doc reader keeps tables (ECOSYSTEM.md row 5). The chain is Word/WPS through
COM (Windows), then LibreOffice headless if ``soffice`` is on PATH. Converters are injectable:
``read_document(path, doc_converters=[...])``; each takes (source, out_dir, timeout) and returns
the converted .docx path or raises.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from gik_desk.ingest.errors import ingest_error
from gik_desk.ingest.limits import Limits
from gik_desk.model import Document, IngestError

Converter = Callable[[Path, Path, float], Path]


def com_convert(src: Path, out_dir: Path, timeout: float) -> Path:
    """Word (or WPS, which registers the same ProgID) saves the file as .docx."""
    import win32com.client  # only on Windows with pywin32

    out = out_dir / (src.stem + ".docx")
    word = win32com.client.DispatchEx("Word.Application")
    try:
        word.Visible = False
        word.DisplayAlerts = 0
        d = word.Documents.Open(str(src.resolve()), ReadOnly=True, AddToRecentFiles=False)
        try:
            d.SaveAs2(str(out.resolve()), FileFormat=16)  # wdFormatDocumentDefault
        finally:
            d.Close(False)
    finally:
        word.Quit()
    return out


def run_group(argv: list[str], timeout: float) -> int:
    """Run ``argv`` in a process group of its own; on timeout kill the whole group.

    ``soffice`` is a launcher: ``subprocess.run(timeout=...)`` killed only it, and the real
    ``soffice.bin`` went on running, writing into a temp folder nobody removed (issue 10).
    Raises ``subprocess.TimeoutExpired`` after the group is dead.
    """
    posix = os.name == "posix"
    flags = 0 if posix else getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=posix,
        creationflags=flags,
    )
    try:
        return proc.wait(timeout=timeout)
    except BaseException:  # timeout, or the job cancelled: nothing of it may outlive us
        _kill_group(proc)
        raise


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)  # the launcher and every child it started
    else:  # Windows: the tree under the launcher
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(
                ["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, timeout=10
            )
    with contextlib.suppress(OSError):
        proc.kill()
    with contextlib.suppress(subprocess.SubprocessError):
        proc.wait(timeout=10)


def soffice_convert(src: Path, out_dir: Path, timeout: float) -> Path:
    """LibreOffice headless, with its own profile dir so a running instance does not block it."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise FileNotFoundError("soffice")
    profile = (out_dir / "lo-profile").resolve().as_uri()
    command = [
        exe,
        f"-env:UserInstallation={profile}",
        "--headless",
        # Only the Word 97 filter: without it LibreOffice imports an unreadable OLE file as
        # plain text and hands back mojibake as if it were the report.
        "--infilter=MS Word 97",
        "--convert-to",
        "docx",
        "--outdir",
        str(out_dir),
        str(src),
    ]
    out = out_dir / (src.stem + ".docx")
    # A fresh profile's first start can end (exit 0) without converting, on a busy machine
    # most of all: the second start finds the profile made and converts.
    for _ in range(2):
        run_group(command, timeout)
        if out.is_file():
            return out
    raise FileNotFoundError(out)


def default_converters() -> list[Converter]:
    chain: list[Converter] = []
    if sys.platform == "win32":
        chain.append(com_convert)
    if shutil.which("soffice") or shutil.which("libreoffice"):
        chain.append(soffice_convert)
    return chain


def read(
    path: Path,
    data: bytes,
    sha256: str,
    limits: Limits,
    converters: Sequence[Converter] | None = None,
) -> Document:
    from gik_desk.ingest import docx as docx_reader

    chain = default_converters() if converters is None else list(converters)
    tried: list[str] = []
    # removed even when a killed converter left files behind (ignore_cleanup_errors: a file
    # Windows still holds must not turn a finished read into a crash)
    with tempfile.TemporaryDirectory(prefix="gik-doc-", ignore_cleanup_errors=True) as tmp:
        src = Path(tmp) / ("source" + path.suffix.lower())
        src.write_bytes(data)
        for conv in chain:
            name = getattr(conv, "__name__", type(conv).__name__)
            try:
                out = conv(src, Path(tmp), limits.doc_convert_timeout)
                converted = out.read_bytes()
            except Exception as exc:  # any converter failure means "try the next one"
                tried.append(f"{name}: {type(exc).__name__}: {exc}")
                continue
            try:
                doc = docx_reader.read(path, converted, sha256, limits)
            except IngestError as exc:
                tried.append(f"{name}: {exc.code}")
                continue
            return replace(
                doc,
                meta={**doc.meta, "converted_from": "doc", "converter": name},
                warnings=(
                    "旧版 Word(.doc)已自动转换为 .docx 读取,表格请对照原文件核对",
                    *doc.warnings,
                ),
            )
    raise ingest_error("unsupported-doc", "; ".join(tried) or "no converter available")
