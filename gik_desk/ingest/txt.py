"""Plain text: decoded exactly (only a BOM stripped) so offsets index the file as published."""

from __future__ import annotations

from pathlib import Path

from gik_desk.ingest.decode import decode_bytes
from gik_desk.ingest.limits import Limits
from gik_desk.model import Document


def read(path: Path, data: bytes, sha256: str, limits: Limits) -> Document:
    dec = decode_bytes(data)
    return Document(
        source=str(path),
        kind="txt",
        text=dec.text,
        sha256=sha256,
        encoding=dec.encoding,
        warnings=dec.warnings,
    )
