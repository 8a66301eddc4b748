"""Bytes to ``Document``: decoded text plus native table grids, or an ``IngestError``.

Only the light modules load here; a format's reader (and its library) loads when a file of
that format is first opened (``detect.reader``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from gik_desk.ingest.detect import SUPPORTED_EXTS, reader, sniff
from gik_desk.ingest.errors import MESSAGES, ingest_error
from gik_desk.ingest.limits import Limits
from gik_desk.model import Document, IngestError

__all__ = ["MESSAGES", "IngestError", "Limits", "discover", "read_document"]

DocConverter = Callable[[Path, Path, float], Path]


def read_document(
    path: str | Path,
    limits: Limits | None = None,
    *,
    doc_converters: Sequence[DocConverter] | None = None,
) -> Document:
    """Read one file. Raises ``IngestError(code, message)`` for anything that cannot be read.

    ``doc_converters`` replaces the .doc -> .docx chain (Word/WPS COM, then LibreOffice).
    """
    limits = limits or Limits()
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError as exc:
        raise ingest_error("not-found", str(p)) from exc
    except OSError as exc:
        raise ingest_error("unreadable", str(exc)) from exc
    if not p.is_file():
        raise ingest_error("not-a-file", str(p))
    if st.st_size > limits.max_bytes:
        raise ingest_error("too-large", f"{st.st_size} bytes > {limits.max_bytes}")
    if st.st_size == 0:
        raise ingest_error("empty-file", str(p))
    try:
        with p.open("rb") as fh:
            data = fh.read(limits.max_bytes + 1)  # the file may grow between stat and read
    except OSError as exc:
        raise ingest_error("unreadable", str(exc)) from exc
    if len(data) > limits.max_bytes:
        raise ingest_error("too-large", f"grew past {limits.max_bytes} bytes while reading")
    sha = hashlib.sha256(data).hexdigest()
    kind, warnings = sniff(p, data)
    mod = reader(kind)
    if kind == "doc":
        doc: Document = mod.read(p, data, sha, limits, converters=doc_converters)
    else:
        doc = mod.read(p, data, sha, limits)
    if warnings:
        doc = replace(doc, warnings=(*warnings, *doc.warnings))
    return doc


def discover(
    paths: Iterable[str | Path], on_error: Callable[[Path, OSError], None] | None = None
) -> list[Path]:
    """Files to read: named files as given (even unknown ones, so they become problems),
    folders searched recursively for supported extensions; sorted, without duplicates.

    ``on_error(folder, error)`` hears of every folder that could not be listed (os.walk would
    skip it without a word, issue 10); symlinks are not followed, so a loop is never walked.
    """
    found: dict[str, Path] = {}

    def unlistable(exc: OSError) -> None:
        if on_error is not None:
            on_error(Path(exc.filename) if exc.filename else Path("?"), exc)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p, onerror=unlistable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if name.startswith(("~$", ".")):  # Office lock files, hidden files
                        continue
                    f = Path(root) / name
                    if f.suffix.lower() in SUPPORTED_EXTS:
                        found.setdefault(_key(f), f)
        else:
            found.setdefault(_key(p), p)
    return sorted(found.values(), key=lambda f: str(f))


def _key(p: Path) -> str:
    try:
        return str(p.resolve())
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return str(p.absolute())
