"""File names as text every output can hold (issue 10).

On Linux a file name is bytes; one saved by a Chinese Windows in GBK is not UTF-8, and Python
carries its undecodable bytes as lone surrogates (``\\udcc4``). JSON, the workbook, SQLite and a
UTF-8 terminal all refuse those, so a GBK-named report crashed every export. The name is shown
decoded as GB18030 when its bytes are that (they almost always are), else with U+FFFD.
"""

from __future__ import annotations


def display_name(text: str) -> str:
    """``text`` unchanged when it is valid Unicode; else its bytes read as GB18030 or UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return text
    raw = text.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")
