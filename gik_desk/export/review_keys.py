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
from dataclasses import dataclass

from gik_desk.model.review import ReviewStatus

FINDINGS_SHEET = "问题清单"
BASELINE_SHEET = "导出基准"
STATUS_HEADER = "审核状态"
NOTE_HEADER = "审核备注"
KEY_HEADER = "问题键"
CHECK_HEADER = "校验码"
REPORT_HEADER = "报告"
RULE_HEADER = "规则编号"
BASELINE_HEADERS = [KEY_HEADER, REPORT_HEADER, RULE_HEADER, STATUS_HEADER, NOTE_HEADER]
BASELINE_HEADERS += [CHECK_HEADER]


@dataclass(frozen=True, slots=True)
class FindingColumn:
    """One column of the 问题清单 sheet (issue 22: one declared table, read by the workbook
    writer and the re-import; ``frame`` names the findings frame's column of the same fact)."""

    header: str
    width: float | None = None  # most characters an A4 landscape page gives it; None: its own
    wrap: bool = False
    hidden: bool = False  # technical: kept out of sight (the key and checksum)
    printed: bool = True  # printed columns come first; the rest are codes and paths
    review: bool = False  # only in a workbook exported with a workspace
    frame: str = ""


# printed: who, how bad, what, why (依据), where, the numbers; codes and paths come last. On
# A4 landscape 说明 gets the most room, then 依据; the rest wraps in narrow columns.
FINDING_COLUMNS = (
    FindingColumn(REPORT_HEADER, 12, wrap=True),
    FindingColumn("严重程度", 5, frame="severity_zh"),
    FindingColumn("规则名称", 10, wrap=True),
    FindingColumn("说明", 38, wrap=True, frame="message"),
    FindingColumn("依据", 26, wrap=True),
    FindingColumn("涉及单元格", 20, wrap=True, frame="cell_labels"),
    FindingColumn("发现值", 5, frame="actual"),
    FindingColumn("应为", 5, frame="expected"),
    FindingColumn("建议更正", 16, wrap=True, frame="suggestion"),
    FindingColumn(STATUS_HEADER, 7, review=True, frame="status"),
    FindingColumn(NOTE_HEADER, 14, wrap=True, review=True, frame="note"),
    FindingColumn("对外意见", 14, wrap=True, review=True),  # what the letter says
    FindingColumn(RULE_HEADER, frame="rule"),
    FindingColumn("文件", printed=False, frame="source"),
    FindingColumn("计算式", printed=False, frame="formula"),
    # the key and checksum tie a row edited in Excel/WPS back to its finding (issue 16)
    FindingColumn("审核人", printed=False, review=True, frame="reviewer"),
    FindingColumn("审核时间", printed=False, review=True, frame="time"),
    FindingColumn(KEY_HEADER, printed=False, hidden=True, review=True, frame="key"),
    FindingColumn(CHECK_HEADER, printed=False, hidden=True, review=True),
)


def finding_columns(review: bool) -> tuple[FindingColumn, ...]:
    """The 问题清单's columns in order, with or without the reviewer's."""
    return tuple(c for c in FINDING_COLUMNS if review or not c.review)


_DOMAIN = b"gik-desk/review-workbook/v1"


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


def parse_status(text: str) -> ReviewStatus | None:
    """The status a cell names (``ReviewStatus.parse``, the one parser: its label as exported,
    forgiving spaces, half- or full-width brackets, 已排除 / 例外 without their bracket); else
    None."""
    try:
        return ReviewStatus.parse(text)
    except ValueError:
        return None


def status_choices() -> str:
    """The labels a status cell may hold, as a message lists them."""
    return "、".join(s.label for s in ReviewStatus.ordered())


def read_note(value: str) -> str:
    """A note cell as read back: Windows line ends and surrounding blanks do not count."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip(" \t\n\u3000")


def note_form(note: str) -> str:
    """The form two notes are compared in: as exported, then as read back."""
    return read_note(export_note(note))
