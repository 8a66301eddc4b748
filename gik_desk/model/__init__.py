"""Frozen dataclasses every layer shares: spans, cells, tables, reports, findings, problems."""

from gik_desk.model.cell import KEYED, OCR, Cell, Fill, Number, format_number
from gik_desk.model.document import Document, GridCell, IngestError, NativeTable, TextBox
from gik_desk.model.finding import CellDiff, CellRef, Edit, Finding, OtherVersion, Severity
from gik_desk.model.problem import Problem
from gik_desk.model.report import NarrativeFigure, Report, Section
from gik_desk.model.span import Span
from gik_desk.model.table import Derivation, LabelSeen, Table, Unread

__all__ = [
    "KEYED",
    "OCR",
    "Cell",
    "CellDiff",
    "CellRef",
    "Derivation",
    "Document",
    "Edit",
    "Fill",
    "Finding",
    "GridCell",
    "IngestError",
    "LabelSeen",
    "NarrativeFigure",
    "NativeTable",
    "Number",
    "OtherVersion",
    "Problem",
    "Report",
    "Section",
    "Severity",
    "Span",
    "Table",
    "TextBox",
    "Unread",
    "format_number",
]
