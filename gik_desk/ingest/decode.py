"""Bytes to str for TXT and HTML: BOM -> strict UTF-8 -> strict GB18030 -> charset-normalizer.

Never gbk/gb2312: they lack characters such as 镕 that GB18030 has (ECOSYSTEM.md row 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from gik_desk.ingest.errors import ingest_error

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)
# Labels a page may declare that mean "some GB encoding": all read as GB18030, its superset.
_GB_LABELS = frozenset(
    {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn"}
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]")
# C0 controls a text file never holds (tab, LF, VT, FF, CR and ESC-free text excluded).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
MIN_CJK = 8


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # what was used: utf-8, utf-8-sig, utf-16, gb18030, or charset-normalizer's guess
    warnings: tuple[str, ...] = ()


def canonical_label(label: str) -> str:
    """A declared charset as the codec we will use for it (gb2312/gbk -> gb18030)."""
    low = label.strip().strip("\"'").lower()
    if low in _GB_LABELS:
        return "gb18030"
    if low in ("utf8", "utf-8"):
        return "utf-8"
    return low


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _check_text(text: str, detail: str) -> None:
    """Binary junk decodes "successfully" as GB18030; control characters give it away."""
    if "\x00" in text:
        raise ingest_error("not-text", f"NUL characters ({detail})")
    bad = len(_CONTROL.findall(text))
    if bad and bad * 200 > max(len(text), 1):
        raise ingest_error("not-text", f"{bad} control characters of {len(text)} ({detail})")


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode a text file's bytes; ``declared`` is a charset the file itself names (HTML meta)."""
    if not data:
        raise ingest_error("empty-file")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], codec)
            if text is None:
                raise ingest_error("not-text", f"{name} BOM but undecodable bytes")
            _check_text(text, name)
            return _finish(text, name, ())
    if b"\x00" in data:
        raise ingest_error("not-text", "NUL bytes without a UTF-16 BOM")
    notes: list[str] = []
    # Strict UTF-8 first even when a page declares GB: GB bytes almost never validate as UTF-8,
    # while UTF-8 bytes do decode (as mojibake) under GB18030, and misdeclared pages are common.
    order = ["utf-8", "gb18030"]
    if declared and canonical_label(declared) not in order:
        order = ["utf-8", canonical_label(declared), "gb18030"]
    for codec in order:
        text = _strict(data, codec)
        if text is not None:
            _check_text(text, codec)
            if declared and canonical_label(declared) != codec:
                notes.append(f"网页声明的编码为 {declared},实际按 {codec} 解码,请核对文字是否正确")
            return _finish(text, codec, tuple(notes))
    return _finish(*_guess(data), ())


def _guess(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # last resort only: slow and weak on short GBK

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ingest_error("not-text", "no encoding fits")
    codec = canonical_label(best.encoding)
    text = _strict(data, codec)
    if text is None:
        raise ingest_error("not-text", f"charset-normalizer guessed {codec} but it fails")
    _check_text(text, codec)
    return text, codec


def _finish(text: str, encoding: str, notes: tuple[str, ...]) -> Decoded:
    if not text.strip():
        raise ingest_error("empty-file", f"only whitespace ({encoding})")
    warnings = list(notes)
    if encoding not in ("utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030"):
        warnings.append(f"无法确定文件编码,按 {encoding} 猜测解码,文字可能有误,请核对原文件")
    if sum(1 for _ in islice(_CJK.finditer(text), MIN_CJK)) < MIN_CJK:
        warnings.append("文件中汉字少于 8 个,编码判断可能不可靠,请核对原文件内容")
    return Decoded(text, encoding, tuple(warnings))
