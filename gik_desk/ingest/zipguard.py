"""Refuse zip bombs from the central directory alone, before one byte is inflated.

lxml got to 1.6 GB RSS before refusing a bomb .docx; this check takes microseconds
(ECOSYSTEM.md row 22). Python's zipfile never inflates past a member's declared size,
so bounding the declared sizes bounds the work.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from gik_desk.ingest.errors import ingest_error
from gik_desk.ingest.limits import Limits

# What zipfile and zlib raise on a damaged archive, found by fuzzing (tests/unit/ingest).
ZIP_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,  # an unknown compression method
    ValueError,  # e.g. "negative seek value" from a damaged header
)


def check_zip(data: bytes, limits: Limits, bad_code: str) -> zipfile.ZipFile:
    """Open ``data`` as a zip after checking member count, total size and ratios.

    ``bad_code`` (corrupt-docx / corrupt-xlsx) is raised when it is not a zip at all.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as exc:
        raise ingest_error(bad_code, f"not a zip: {exc}") from exc
    infos = zf.infolist()
    if len(infos) > limits.max_zip_members:
        zf.close()
        raise ingest_error("zip-bomb", f"{len(infos)} members > {limits.max_zip_members}")
    total = 0
    for info in infos:
        xml_part = info.filename.lower().endswith((".xml", ".rels"))
        if xml_part and info.file_size > limits.max_zip_xml:  # a bomb just under the ratio
            zf.close()
            raise ingest_error("zip-bomb", f"{info.filename}: {info.file_size} bytes of XML")
        if info.file_size >= limits.zip_ratio_min_size:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_zip_ratio:
                zf.close()
                raise ingest_error("zip-bomb", f"{info.filename}: ratio {ratio:.0f}")
        total += info.file_size
        if total > limits.max_zip_total:
            zf.close()
            raise ingest_error("too-large", f"declared {total} bytes uncompressed")
    return zf
