"""A file, or part of one, that could not be read. A batch never stops for one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    source: str
    code: str  # stable: empty-file, not-text, unsupported-doc, scanned-pdf, too-large, ...
    message: str  # Chinese, names what is wrong and what the reviewer can do
    detail: str = ""

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "code": self.code, "message": self.message}
