"""What ties a 问题清单 row back to its finding: the key and checksum columns, the hidden
导出基准 sheet, and how a status typed in Excel or WPS is read (issue 16).

The workbook is edited by people without the tool, so its rows are matched by identity, never
by position: each row carries the finding's key and a checksum over key + exported status +
exported note. The hidden 导出基准 sheet records what was exported for each key, so an import
tells what the workbook changed (workbook vs 导出基准) from what the workspace changed since the
export (workspace vs 导出基准). A key typed over no longer matches its checksum: the row is
refused, never applied to another finding. The checksum is a fixed-key HMAC: it catches slips
(a key edited, a partial sort, a pasted row), not a forger; a forger could only set statuses
they could set by hand anyway.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from functools import lru_cache

from gik_desk.model.review import ReviewStatus

FINDINGS_SHEET = "问题清单"
BASELINE_SHEET = "导出基准"
STATUS_HEADER = "审核状态"
NOTE_HEADER = "审核备注"
KEY_HEADER = "问题键"
CHECK_HEADER = "校验码"
REPORT_HEADER = "报告"
RULE_HEADER = "规则编号"
WORKSPACE_HEADER = "审核工作区"  # 导出基准: which workspace the workbook was exported from
WORKSPACE_ID_HEADER = "工作区标识"
BASELINE_HEADERS = [KEY_HEADER, REPORT_HEADER, RULE_HEADER, STATUS_HEADER, NOTE_HEADER]
BASELINE_HEADERS += [CHECK_HEADER, WORKSPACE_HEADER, WORKSPACE_ID_HEADER]

_DOMAIN = b"gik-desk/review-workbook/v1"
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "(", "】": ")", "［": "(", "］": ")"})


class ReimportError(Exception):
    """A returned workbook that cannot be imported as a whole; ``message`` is Chinese."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def export_note(note: str) -> str:
    """A note as the workbook holds it (illegal control characters dropped, Excel's cap)."""
    from gik_desk.export.cells import clean_text  # openpyxl: only when a workbook is at hand

    return clean_text(note)


def row_checksum(key: str, status: ReviewStatus, note: str) -> str:
    """16 hex digits over the key and the status and note as exported.

    The status counts by its member name, not its words or stored value, so relabelling a
    status never invalidates a workbook already sent out.
    """
    message = "\x1f".join((key, status.name, note_form(note))).encode("utf-8")
    return hmac.new(_DOMAIN, message, hashlib.sha256).hexdigest()[:16]


def _plain(text: str) -> str:
    return _SPACE.sub("", text.translate(_BRACKETS)).lower()


@lru_cache(maxsize=1)
def _forms() -> dict[str, ReviewStatus]:
    forms: dict[str, ReviewStatus] = {}
    for s in ReviewStatus.ordered():
        forms[_plain(s.label)] = s
        forms[_plain(s.name)] = s
        forms[_plain(str(s.value))] = s
        short = s.label.split("(")[0]
        if short != s.label:  # 已排除 / 例外: the words without the bracket say it all
            forms.setdefault(_plain(short), s)
    return forms


def parse_status(text: str) -> ReviewStatus | None:
    """The status a cell names: its Chinese label as exported, forgiving spaces, half- or
    full-width brackets, and the label without its bracket (已排除, 例外); else None."""
    return _forms().get(_plain(text))


def status_choices() -> str:
    """The labels a status cell may hold, as a message lists them."""
    return "、".join(s.label for s in ReviewStatus.ordered())


def read_note(value: str) -> str:
    """A note cell as read back: Windows line ends and surrounding blanks do not count."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip(" \t\n\u3000")


def note_form(note: str) -> str:
    """The form two notes are compared in: as exported, then as read back."""
    return read_note(export_note(note))
