"""One annual report: who, which year, which template, its tables and narrative figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from gik_desk.model.cell import Number
from gik_desk.model.document import TextBox
from gik_desk.model.span import Span
from gik_desk.model.table import Table


@dataclass(frozen=True, slots=True)
class NarrativeFigure:
    """A figure read from prose (OUTPUT.md ``narrative``), e.g. ``applications.received``."""

    key: str
    value: Number
    span: Span  # the digits
    clause: Span | None = None  # the clause it was read from


@dataclass(frozen=True, slots=True)
class Section:
    """A top-level heading matched by its words (一、总体情况 ...), not its numeral."""

    key: str  # overview | active | applications | appeals | problems | other | unknown
    heading: str
    span: Span


@dataclass(frozen=True, slots=True)
class Report:
    """``text`` is the whole decoded file (shared by its reports); ``span`` is this one's part."""

    id: str
    source: str
    index: int
    text: str
    span: Span
    agency: str | None
    agency_key: str | None  # normalised body: the same body's reports group on it
    year: int | None
    template: str  # by year: t2021 | t2019 | pre2019 | unknown
    table_templates: Mapping[str, str] = field(default_factory=dict)
    tables: Mapping[str, Table] = field(default_factory=dict)
    narrative: tuple[NarrativeFigure, ...] = ()
    sections: tuple[Section, ...] = ()
    title: str | None = None
    is_report: bool = True  # False -> NOT-REPORT
    published: str | None = None  # ISO date from page metadata (META-DATE)
    file_sha256: str = ""
    format: str = "txt"
    # "lines": a crawled page breaking sentences and tables into short lines (model/flow.py);
    # its prose is read with those breaks joined
    layout: str = "text"
    # Versions of one report (several files of one body and year, issue 11): ``version`` is the
    # slot that keeps their finding keys apart ("" while the body+year has one report, so
    # existing workspaces keep their statuses); ``current`` marks the version counts use.
    version: str = ""
    current: bool = True
    # PDF: where the file's text was printed (``Document.boxes``, shared by its reports)
    boxes: tuple[TextBox, ...] = ()

    @property
    def body_text(self) -> str:
        return self.text[self.span.start : self.span.end]

    def figure(self, key: str) -> NarrativeFigure | None:
        for f in self.narrative:
            if f.key == key:
                return f
        return None

    def value(self, table: str, row: str, col: str) -> Number | None:
        t = self.tables.get(table)
        return None if t is None else t.value(row, col)
