"""What the rules say about a report, in the shape OUTPUT.md publishes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gik_desk.model.cell import Number
from gik_desk.model.span import Span


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def zh(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True, order=True)
class CellRef:
    table: str
    row: str
    col: str

    @property
    def key(self) -> str:
        return f"{self.table}/{self.row}/{self.col}"

    def to_json(self) -> dict[str, str]:
        return {"table": self.table, "row": self.row, "col": self.col}


@dataclass(frozen=True, slots=True)
class Edit:
    """One cell change of a suggested correction."""

    table: str
    row: str
    col: str
    value: Number

    def to_json(self) -> dict[str, object]:
        return {"table": self.table, "row": self.row, "col": self.col, "value": self.value}


@dataclass(frozen=True, slots=True)
class CellDiff:
    """One cell two versions of a report disagree on (DUP-VERSION); None = blank or missing."""

    cell: CellRef
    here: Number | None
    there: Number | None

    def to_json(self) -> dict[str, object]:
        return {**self.cell.to_json(), "here": self.here, "there": self.there}


@dataclass(frozen=True, slots=True)
class OtherVersion:
    """Another file holding the same body and year, and every cell where it differs."""

    report_id: str
    source: str
    diffs: tuple[CellDiff, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "report": self.report_id,
            "source": self.source,
            "differences": [d.to_json() for d in self.diffs],
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """``cells[0]`` is the cell the smallest correction changes first (OUTPUT.md).

    ``key`` is the stable identity reviewer statuses attach to: rule + body + year + cells
    (+ a hash of the quoted text for narrative findings); never a row number.
    """

    rule: str
    severity: Severity
    message: str
    report_id: str
    key: str
    cells: tuple[CellRef, ...] = ()
    spans: tuple[Span, ...] = ()
    actual: Number | None = None
    expected: Number | None = None
    suggestions: tuple[tuple[Edit, ...], ...] = ()
    formula: str = ""  # the identity with numbers, in Chinese
    related_report_id: str | None = None  # year-over-year: the other year's report
    versions: tuple[OtherVersion, ...] = ()  # DUP-VERSION: the other versions, cell by cell

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "cells": [c.to_json() for c in self.cells],
            "actual": self.actual,
            "expected": self.expected,
            "spans": [s.as_list() for s in self.spans],
            "suggestions": [[e.to_json() for e in alt] for alt in self.suggestions],
            "key": self.key,
            "formula": self.formula,
            "related_report": self.related_report_id,
        }
        if self.versions:  # DUP-VERSION only (OUTPUT.md): the comparison travels in the finding
            out["versions"] = [v.to_json() for v in self.versions]
        return out
