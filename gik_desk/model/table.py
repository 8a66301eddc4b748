"""A canonical table: cells keyed by template row and column, plus everything not read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from gik_desk.model.cell import Cell, Number
from gik_desk.model.span import Span


@dataclass(frozen=True, slots=True)
class LabelSeen:
    """A row or column label as printed, tied to its canonical key (TPL-LABEL compares them)."""

    key: str
    text: str
    span: Span | None
    axis: str = "row"  # row | col


@dataclass(frozen=True, slots=True)
class Unread:
    """Text inside a table's region that could not be placed (PARSE / TPL-ROWS report it)."""

    text: str
    span: Span | None
    reason: str


@dataclass(frozen=True, slots=True)
class Derivation:
    """A digit run split into cells by the table's identities (RULES.md PARSE).

    ``options`` lists every split that fits; one option means the split was unique.
    """

    row: str
    raw: str
    span: Span
    options: tuple[tuple[Number, ...], ...]
    # digits: a glued digit run split; runs: values printed one per line whose repeats the
    # crawler collapsed (``3 / 0 / 3`` = 3,0,0,0,0,0,3) or a number split over lines
    kind: str = "digits"


@dataclass(frozen=True, slots=True)
class Table:
    name: str  # active | applications | appeals | legacy
    template: str  # t2021 | t2019 | pre2019
    cells: Mapping[tuple[str, str], Cell]
    span: Span | None = None
    labels: tuple[LabelSeen, ...] = ()
    missing: tuple[tuple[str, str], ...] = ()  # template cells not found in the source
    unread: tuple[Unread, ...] = ()
    derivations: tuple[Derivation, ...] = ()
    complete: bool = True  # False: located but not fully read -> PARSE finding
    notes: tuple[str, ...] = field(default=())

    def cell(self, row: str, col: str) -> Cell | None:
        return self.cells.get((row, col))

    def value(self, row: str, col: str) -> Number | None:
        c = self.cells.get((row, col))
        return None if c is None else c.value

    def rows(self) -> list[str]:
        seen: dict[str, None] = {}
        for r, _ in self.cells:
            seen.setdefault(r, None)
        return list(seen)
