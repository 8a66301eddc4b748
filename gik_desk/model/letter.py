"""What an office prints on every 审核意见 letter (issue 17): plain data the desk's settings,
the command line and the letter builder (``export/letters.py``) share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DEFAULT_LETTERHEAD = "政务公开办公室"
DEFAULT_OFFICE = "政务公开办公室"


@dataclass(frozen=True, slots=True)
class LetterHead:
    letterhead: str = DEFAULT_LETTERHEAD  # 版头: printed large and red at the top
    office: str = DEFAULT_OFFICE  # 发文机关: names itself in the text and signs the letter
    day: date | None = None  # the letter's date; None = the day it is written
