"""Character ranges into a file's decoded text (Python code points, half-open)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """``text[start:end]`` of the file's decoded text; the unit OUTPUT.md promises."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def shifted(self, offset: int) -> Span:
        return Span(self.start + offset, self.end + offset)

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def as_list(self) -> list[int]:
        return [self.start, self.end]

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


def outside(span: Span, skip: Sequence[Span]) -> list[Span]:
    """The parts of ``span`` that no span of ``skip`` covers, in order (prose outside the
    tables: parse and rules both cut it this way)."""
    out: list[Span] = []
    pos = span.start
    for s in sorted(skip, key=lambda s: s.start):
        if s.end <= pos or s.start >= span.end:
            continue
        if s.start > pos:
            out.append(Span(pos, s.start))
        pos = max(pos, s.end)
    if pos < span.end:
        out.append(Span(pos, span.end))
    return out
