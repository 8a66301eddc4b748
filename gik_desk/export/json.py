"""The machine-readable audit (OUTPUT.md): a public shape — add fields freely, never rename."""

from __future__ import annotations

import gc
import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import gik_desk
from gik_desk.atomic import write_bytes
from gik_desk.model import Cell, Fill, Finding, Number, Report, Table
from gik_desk.model.batch import Batch
from gik_desk.template import table_cols, table_rows

TOOL = "gik-desk"


def _ordered_cells(table: Table) -> list[tuple[str, str, Cell | None]]:
    """Cells in template order (then any the template does not know), missing ones as None."""
    cells = dict(table.cells)
    missing = [rc for rc in table.missing if rc not in cells]
    known = set(cells) | set(missing)
    out: list[tuple[str, str, Cell | None]] = []
    placed: set[tuple[str, str]] = set()
    for r in table_rows(table.name, table.template):
        for c in table_cols(table.name, table.template, r.key):
            rc = (r.key, c.key)
            if rc in known and rc not in placed:
                out.append((rc[0], rc[1], cells.get(rc)))
                placed.add(rc)
    for rc in [*cells, *missing]:
        if rc not in placed:
            out.append((rc[0], rc[1], cells.get(rc)))
            placed.add(rc)
    return out


def _plain_number(v: Number | None) -> Number | None:
    """JSON has no NaN or infinity: such a value is reported as not read (null)."""
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


_FILL_VALUE = {f: f.value for f in Fill}  # a dict lookup; ``.value`` is an enum descriptor


def cell_info(cell: Cell) -> dict[str, Any]:
    span = cell.span
    info: dict[str, Any] = {
        "span": [span.start, span.end] if span is not None else None,
        "raw": cell.raw,
        "derived": cell.derived,
        "fill": _FILL_VALUE[cell.fill],
    }
    if cell.unit:
        info["unit"] = cell.unit
    if cell.alternatives:
        info["alternatives"] = list(cell.alternatives)
    if cell.source:  # issue 29: "ocr" (with its confidence) or "keyed"
        info["source"] = cell.source
        if cell.confidence is not None:
            info["confidence"] = cell.confidence
    return info


def report_doc(report: Report, findings: list[Finding]) -> dict[str, Any]:
    """One report in OUTPUT.md's shape."""
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    infos: dict[str, dict[str, Any]] = {}
    for name, table in report.tables.items():
        rows: dict[str, dict[str, Any]] = {}
        for row, col, cell in _ordered_cells(table):
            value: Number | None = None
            if cell is not None:
                if cell.fill is Fill.NUMBER and cell.value is not None:  # Cell.is_number
                    value = _plain_number(cell.value)
                infos[f"{name}/{row}/{col}"] = cell_info(cell)
            rows.setdefault(row, {})[col] = value
        tables[name] = rows
    return {
        "id": report.id,
        "source": report.source,
        "index": report.index,
        "agency": report.agency,
        "agency_key": report.agency_key,
        "year": report.year,
        "template": report.template,
        "table_templates": dict(report.table_templates),
        "span": report.span.as_list(),
        "title": report.title,
        "is_report": report.is_report,
        "published": report.published,
        "format": report.format,
        "file_sha256": report.file_sha256,
        "version": report.version,
        "current": report.current,
        "tables": tables,
        "cell_info": infos,
        "narrative": [
            {"key": f.key, "value": f.value, "span": f.span.as_list()} for f in report.narrative
        ],
        "findings": [f.to_json() for f in findings],
    }


def json_doc(batch: Batch, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The whole batch as OUTPUT.md publishes it; ``extra``: keys that follow ``sources``
    (``rectification`` with a workspace, issue 30)."""
    by_report = batch.findings_by_report()
    return {
        "tool": TOOL,
        "version": gik_desk.__version__,
        "reports": [report_doc(r, by_report.get(r.id, [])) for r in batch.reports],
        "problems": [p.to_json() for p in batch.problems],
        "sources": list(batch.sources),
        **(extra or {}),
    }


def dumps(batch: Batch, extra: Mapping[str, Any] | None = None) -> str:
    # ~3 M short-lived dicts, lists and strings, none in a cycle: a cyclic collection
    # over them (and the batch) every few thousand would cost a third of the time.
    was = gc.isenabled()
    gc.disable()
    try:
        return pretty(json_doc(batch, extra))
    finally:
        if was:
            gc.enable()


def pretty(doc: Any) -> str:
    """``json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False)``, byte for byte.

    With ``indent`` the stdlib falls back to its pure-Python generator encoder (~1 µs an
    item, and a 1,000-report audit has ~3 M). This writes the same text into one list,
    faster; anything it does not know (a subclass, a non-str key, NaN) goes to
    ``json.dumps`` itself, so the result and the errors stay the stdlib's.
    """
    out: list[str] = []
    try:
        _pretty(doc, out, 0)
    except (_NotPlain, RecursionError, IndexError):  # IndexError: nested past _INDENTS
        return json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False)
    return "".join(out)


class _NotPlain(Exception):  # noqa: N818 - control flow: hand the document to json.dumps
    """A value outside str/int/float/bool/None/dict/list/tuple, or a non-finite float."""


_encode_str = json.encoder.encode_basestring  # the C function json.dumps uses
_INDENTS = ["\n" + "  " * n for n in range(64)]


def _scalar(v: Any) -> str:
    t = type(v)
    if t is str:
        return _encode_str(v)
    if t is int:
        return int.__repr__(v)
    if v is None:
        return "null"
    if t is bool:
        return "true" if v else "false"
    if t is float and math.isfinite(v):
        return float.__repr__(v)
    raise _NotPlain


def _pretty(o: Any, out: list[str], level: int) -> None:
    t = type(o)
    if t is dict:
        if not o:
            out.append("{}")
            return
        inner = _INDENTS[level + 1]
        sep = "{" + inner
        for k, v in o.items():
            if type(k) is not str:
                raise _NotPlain
            out.append(sep)
            sep = "," + inner
            out.append(_encode_str(k))
            out.append(": ")
            tv = type(v)
            if tv is dict or tv is list or tv is tuple:
                _pretty(v, out, level + 1)
            else:
                out.append(_scalar(v))
        out.append(_INDENTS[level])
        out.append("}")
    elif t is list or t is tuple:
        if not o:
            out.append("[]")
            return
        inner = _INDENTS[level + 1]
        sep = "[" + inner
        for v in o:
            out.append(sep)
            sep = "," + inner
            tv = type(v)
            if tv is dict or tv is list or tv is tuple:
                _pretty(v, out, level + 1)
            else:
                out.append(_scalar(v))
        out.append(_INDENTS[level])
        out.append("]")
    else:
        out.append(_scalar(o))


def looks_like_json(head: bytes) -> bool:
    """The first bytes of a JSON document (UTF-8, optional BOM): ``{`` or ``[``."""
    return head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] in (b"{", b"[")


def write_json(
    batch: Batch, path: str | os.PathLike[str], extra: Mapping[str, Any] | None = None
) -> Path:
    """Write the audit atomically (a reader never sees half a file); an existing file is
    replaced only when it is a JSON document (never a workspace, a report or a workbook)."""
    write_bytes(path, (dumps(batch, extra) + "\n").encode("utf-8"), sniff=looks_like_json)
    return Path(path)
