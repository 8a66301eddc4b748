"""One cell of a canonical table, with where and how it was read."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gik_desk.model.span import Span

Number = int | float


def format_number(value: Number | None, missing: str = "") -> str:
    """A number as a reviewer writes it (3, 12.5; never 3.0 or float noise); ``missing`` if None.

    The one formatter: finding messages, the table view and the workbook's suggestions agree.
    """
    if value is None:
        return missing
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


OCR = "ocr"  # Cell.source: the figure was read from a scan (issue 29)
KEYED = "keyed"  # Cell.source: a reviewer typed the figure into a cell no reader could read


def describe_source(source: str, confidence: float | None) -> str:
    """How a figure came to be, in the reviewer's words (table view, workbook, letters):
    "" for one read from the file's text."""
    if source == OCR:
        return "OCR 识别" + (f"(置信度 {confidence:.2f})" if confidence is not None else "")
    if source == KEYED:
        return "人工录入(原件无法识别)"
    return ""


class Fill(StrEnum):
    """How the source filled a cell. Blank is "not filled", never silently 0 (RULES.md BLANK)."""

    NUMBER = "number"
    BLANK = "blank"  # "", &nbsp;
    DASH = "dash"  # — - －
    SLASH = "slash"  # /
    NONE_WORD = "none"  # 无
    TEXT = "text"  # other text where a number belongs
    MISSING = "missing"  # the cell is not in the source at all

    @property
    def is_blank(self) -> bool:
        return self in (Fill.BLANK, Fill.DASH, Fill.SLASH, Fill.NONE_WORD)


@dataclass(frozen=True, slots=True)
class Cell:
    """A value keyed ``table / row / col`` (TEMPLATES.md).

    ``span`` covers exactly the printed digits (sign and decimals included), so
    ``text[span]`` is what a reviewer sees; ``raw`` is the whole printed cell
    (``7710(次)``). ``derived`` marks a value inferred by splitting a digit run.
    ``alternatives`` holds the other values an ambiguous split allowed.
    ``source`` is "" for a figure read from the file's text, ``OCR`` for one read from a scan
    (``confidence``: its weakest character's probability) and ``KEYED`` for one a reviewer typed.
    """

    table: str
    row: str
    col: str
    value: Number | None
    raw: str
    span: Span | None
    fill: Fill = Fill.NUMBER
    unit: str | None = None
    derived: bool = False
    alternatives: tuple[Number, ...] = ()
    source: str = ""
    confidence: float | None = None

    @property
    def key(self) -> str:
        return f"{self.table}/{self.row}/{self.col}"

    @property
    def source_note(self) -> str:
        return describe_source(self.source, self.confidence)

    @property
    def is_number(self) -> bool:
        return self.fill is Fill.NUMBER and self.value is not None
