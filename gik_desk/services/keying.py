"""Figures a reviewer keys into cells no reader could read (issue 29), applied to a batch.

A keyed value lives in the workspace (``KeyedValue``) tied to its report, cell and the file's
sha256. Applied, the cell takes the value with ``source="keyed"`` (every output marks it; the
letters never present it as printed) and the rules run again over the batch. A value keyed
against other bytes of the file is not applied: it is listed as 已变化 for the reviewer.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from gik_desk.model import KEYED, Cell, Fill, Report
from gik_desk.model.batch import Batch
from gik_desk.model.review import KeyedValue

CHANGED = "已变化"  # a keyed value whose file changed since it was keyed


def read_keyed(text: str) -> Cell | None:
    """What a typed text means as a cell's figure (any printed form: 1,234 / ３ / 12.5 / —),
    as a template cell to fill; None when it is not a figure."""
    from gik_desk.parse.numbers import read_cell  # the window starts without the parser

    read = read_cell(text.strip())
    if read is None or read.fill is Fill.TEXT:
        return None
    return Cell("", "", "", read.value, text.strip(), None, read.fill, read.unit, source=KEYED)


def keyable(cell: Cell | None) -> bool:
    """Whether a reviewer may key this cell: no reader gave it a number (an unread scan
    figure, an undecided split, text where a figure belongs, a cell missing) -- or it holds a
    keyed value already."""
    if cell is None:
        return True
    unread = (Fill.NUMBER, Fill.TEXT, Fill.MISSING)
    return cell.source == KEYED or (cell.value is None and cell.fill in unread)


def stale(batch: Batch, keyed: Sequence[KeyedValue]) -> list[KeyedValue]:
    """Keyed values of reports in the batch whose file changed since (已变化)."""
    from gik_desk.workspace import report_key

    shas = {report_key(r): r.file_sha256 for r in _base_reports(batch)}
    return [k for k in keyed if k.report_key in shas and shas[k.report_key] != k.sha256]


def apply_keyed(batch: Batch, keyed: Sequence[KeyedValue]) -> bool:
    """Every keyed value applied to the batch's reports (from their reading, so a value taken
    back restores the cell as read), and the batch audited again. True when reports changed."""
    from gik_desk.services.batch import run_audit
    from gik_desk.workspace import report_key

    if not keyed and not batch.unkeyed:
        return False
    by_report: dict[str, list[KeyedValue]] = {}
    for k in keyed:
        by_report.setdefault(k.report_key, []).append(k)
    changed = False
    out: list[Report] = []
    for current in batch.reports:
        base = batch.unkeyed.get(current.id, current)
        mine = [k for k in by_report.get(report_key(base), []) if k.sha256 == base.file_sha256]
        new = _keyed_report(base, mine) if mine else base
        if mine:
            batch.unkeyed[current.id] = base
        else:
            batch.unkeyed.pop(current.id, None)
        if new != current:
            changed = True
        out.append(new)
    if changed:
        batch.reports = out
        batch.findings = run_audit(batch.reports, batch.problems)
    return changed


def _base_reports(batch: Batch) -> list[Report]:
    return [batch.unkeyed.get(r.id, r) for r in batch.reports]


def _keyed_report(report: Report, keyed: Sequence[KeyedValue]) -> Report:
    tables = dict(report.tables)
    for k in keyed:
        name, _, rest = k.cell.partition("/")
        row, _, col = rest.partition("/")
        table = tables.get(name)
        read = read_keyed(k.text)
        if table is None or read is None:
            continue
        was = table.cells.get((row, col))
        if was is not None and not keyable(was):
            continue  # a reader read this cell after all (the file was re-read): it stands
        cell = dataclasses.replace(
            was or read,
            table=name,
            row=row,
            col=col,
            value=read.value,
            fill=read.fill,
            unit=read.unit,
            raw=was.raw if was is not None else read.raw,
            derived=False,
            alternatives=(),
            source=KEYED,
        )
        cells = dict(table.cells)
        cells[row, col] = cell
        tables[name] = dataclasses.replace(
            table, cells=cells, missing=tuple(p for p in table.missing if p != (row, col))
        )
    return dataclasses.replace(report, tables=tables)
