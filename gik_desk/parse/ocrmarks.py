"""Cells read from a scan (issue 29): each takes its OCR confidence; a doubtful one is unread.

Ingest records, for every figure cell OCR wrote, its span, the probability of its weakest
character and the close readings the model saw (``Document.meta["ocr"]["cells"]``). A cell whose
span holds such a record is marked ``source="ocr"``. Below the confidence needed its value is
dropped (``value=None``: the rules name it in a PARSE finding), unless the template's identities
accept exactly one of the close readings -- then that reading is the value.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Mapping, Sequence

from gik_desk.model import OCR, Cell, Document, Fill, Number, Report, Table
from gik_desk.parse.numbers import read_cell
from gik_desk.template.identities import table_identities

Mark = tuple[int, int, float, bool, tuple[str, ...]]  # start, end, confidence, unread, options


def marks_of(doc: Document) -> list[Mark]:
    """The OCR records of a document, sorted by start (none for a file with a text layer)."""
    info = doc.meta.get("ocr")
    if not isinstance(info, Mapping):
        return []
    out: list[Mark] = []
    for rec in info.get("cells", ()):
        try:
            start, end, conf, unread, options = rec
            out.append((int(start), int(end), float(conf), bool(unread), tuple(options)))
        except (TypeError, ValueError):
            continue
    out.sort()
    return out


def mark_reports(reports: Sequence[Report], doc: Document) -> list[Report]:
    """``reports`` with their OCR-read cells marked (the same objects when nothing was OCR'd)."""
    marks = marks_of(doc)
    if not marks:
        return list(reports)
    starts = [m[0] for m in marks]
    out = []
    for r in reports:
        tables = {name: _mark_table(t, marks, starts) for name, t in r.tables.items()}
        out.append(dataclasses.replace(r, tables=tables))
    return out


def _find(cell: Cell, marks: list[Mark], starts: list[int]) -> Mark | None:
    if cell.span is None:
        return None
    i = bisect.bisect_right(starts, cell.span.start) - 1
    for j in (i, i + 1):
        if 0 <= j < len(marks):
            m = marks[j]
            if m[0] <= cell.span.start and cell.span.end <= max(m[1], m[0] + 1):
                return m
    return None


def _mark_table(table: Table, marks: list[Mark], starts: list[int]) -> Table:
    cells = dict(table.cells)
    doubtful: dict[tuple[str, str], tuple[Number, ...]] = {}
    changed = False
    for pos, cell in table.cells.items():
        m = _find(cell, marks, starts)
        if m is None:
            continue
        changed = True
        _, _, conf, unread, options = m
        if not unread:
            cells[pos] = dataclasses.replace(cell, source=OCR, confidence=conf)
            continue
        values = tuple(dict.fromkeys(v for v in (_number(o) for o in options) if v is not None))
        cells[pos] = dataclasses.replace(
            cell, value=None, fill=Fill.NUMBER, source=OCR, confidence=conf, derived=False
        )
        doubtful[pos] = values
    if not changed:
        return table
    for pos, values in doubtful.items():
        chosen = _decide(table, cells, pos, values)
        if chosen is not None:
            cells[pos] = dataclasses.replace(cells[pos], value=chosen)
    return dataclasses.replace(table, cells=cells)


def _number(text: str) -> Number | None:
    read = read_cell(text)
    if read is None or read.fill is not Fill.NUMBER:
        return None
    return read.value


def _decide(
    table: Table,
    cells: Mapping[tuple[str, str], Cell],
    pos: tuple[str, str],
    values: tuple[Number, ...],
) -> Number | None:
    """The one close reading every identity through ``pos`` accepts (the other cells of each
    identity all read), or None: never a guess when two fit, or none, or nothing checks it."""
    if len(values) < 2:
        return None
    known = {p: c.value for p, c in cells.items() if c.value is not None and p != pos}
    checks = [
        i
        for i in table_identities(table.name, table.template)
        if pos in i.cells and all(p in known for p in i.cells if p != pos)
    ]
    if not checks:
        return None
    fits = [v for v in values if all(i.residual({**known, pos: v}) == 0 for i in checks)]
    return fits[0] if len(fits) == 1 else None
