"""The machine-readable audit (OUTPUT.md): a public shape — add fields freely, never rename."""

from __future__ import annotations

import gc
import json
import math
import os
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from math import isfinite
from pathlib import Path
from typing import Any

import gik_desk
from gik_desk.atomic import atomic_open
from gik_desk.model import Cell, Fill, Finding, Number, Report, Table
from gik_desk.model.batch import Batch
from gik_desk.template import table_cols, table_rows

TOOL = "gik-desk"


def _ordered_cells(table: Table) -> list[tuple[str, str, Cell | None]]:
    """Cells in template order (then any the template does not know), missing ones as None."""
    cells = table.cells
    missing = [rc for rc in table.missing if rc not in cells]
    known = cells.keys() | missing
    out: list[tuple[str, str, Cell | None]] = []
    placed: set[tuple[str, str]] = set()
    for rc in _template_order(table.name, table.template):
        if rc in known and rc not in placed:
            out.append((rc[0], rc[1], cells.get(rc)))
            placed.add(rc)
    for rc in [*cells, *missing]:
        if rc not in placed:
            out.append((rc[0], rc[1], cells.get(rc)))
            placed.add(rc)
    return out


@lru_cache(maxsize=64)
def _template_order(name: str, template: str) -> tuple[tuple[str, str], ...]:
    """Every (row, col) of a table's template in order: the same for every report of its
    generation, so it is listed once (issue 26)."""
    return tuple(
        (r.key, c.key)
        for r in table_rows(name, template)
        for c in table_cols(name, template, r.key)
    )


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


class _Text:
    """A value already written as ``pretty`` writes it at ``level`` (``dumps``' cell infos)."""

    __slots__ = ("level", "text")

    def __init__(self, text: str, level: int) -> None:
        self.text = text
        self.level = level


_I3, _I4, _I5, _I6 = ("\n" + "  " * n for n in (3, 4, 5, 6))


def _cell_info_text(cell: Cell) -> _Text:
    """``cell_info(cell)`` as ``pretty`` writes it inside ``cell_info`` (depth 4), in one
    string: the ~80 cells of every report are most of an audit's text (issue 26). All but the
    span repeat from cell to cell (a raw "0" read as a number), so that part is kept."""
    span = cell.span
    where = "null" if span is None else f"[{_I6}{span.start:d},{_I6}{span.end:d}{_I5}]"
    alts = cell.alternatives
    rest = _cell_rest(cell.raw, cell.derived, cell.fill, cell.unit, tuple(alts) if alts else ())
    if cell.source:
        rest = _with_source(rest, cell)
    return _Text(f'{{{_I5}"span": {where}{rest}', 4)


def _with_source(rest: str, cell: Cell) -> str:
    """``rest`` with the cell's ``source`` (and ``confidence``) before its closing brace, as
    ``cell_info`` has them (issue 29: OCR or keyed)."""
    extra = f',{_I5}"source": {_encode_str(cell.source)}'
    if cell.confidence is not None:
        extra += f',{_I5}"confidence": {_ENCODERS[5][type(cell.confidence)](cell.confidence)}'
    return rest[: -len(_I4) - 1] + extra + _I4 + "}"


def _cell_rest(
    raw: str, derived: bool, fill: Fill, unit: str | None, alternatives: tuple[Any, ...]
) -> str:
    """A cell info's text after its span (``_cell_info_text``)."""
    text = (
        f',{_I5}"raw": {_encode_str(raw)},'
        f'{_I5}"derived": {"true" if derived else "false"},'
        f'{_I5}"fill": {_encode_str(_FILL_VALUE[fill])}'
    )
    if unit:
        text += f',{_I5}"unit": {_encode_str(unit)}'
    if alternatives:
        enc = _ENCODERS[6]
        alts = (f",{_I6}").join([enc[type(a)](a) for a in alternatives])
        text += f',{_I5}"alternatives": [{_I6}{alts}{_I5}]'
    return text + _I4 + "}"


_common_rest = lru_cache(maxsize=4096)(_cell_rest)


def _report_texts(report: Report) -> tuple[_Text, _Text]:
    """A report's ``tables`` and ``cell_info`` (both at depth 3) as ``pretty`` writes them of
    ``report_doc(report, findings)``, in one pass over its cells and without the dicts
    (issue 26): ~80 cells a report are most of an audit's text."""
    enc = _ENCODERS[6]
    number = Fill.NUMBER
    read_as_is = _READ_AS_IS
    tables: list[str] = []
    infos: list[str] = []
    for name, table in report.tables.items():
        cells = table.cells
        missing = tuple(rc for rc in table.missing if rc not in cells)
        if type(name) is not str or "/" in name:  # keys of two tables could meet: the dict's way
            raise _NotPlain
        order = _cell_order(name, table.template, tuple(cells), missing)
        rows: dict[str, list[str]] = {}
        for row, rc, info_head, col_head in order:
            cell = cells.get(rc)
            text = "null"
            if cell is not None:
                value = cell.value
                if (  # Cell.is_number, and a finite one (JSON has no NaN)
                    cell.fill is number
                    and value is not None
                    and (type(value) is not float or isfinite(value))
                ):
                    text = enc[type(value)](value)
                span = cell.span
                where = "null" if span is None else f"[{_I6}{span.start:d},{_I6}{span.end:d}{_I5}]"
                alts = cell.alternatives
                if cell.fill is number and not (cell.derived or cell.unit or alts or cell.source):
                    rest = read_as_is.get(cell.raw)  # most cells: a number read as printed
                    if rest is None:
                        rest = _cell_rest(cell.raw, False, number, None, ())
                        if len(read_as_is) < 4096:
                            read_as_is[cell.raw] = rest
                elif alts:  # rare; and 1 == 1.0 as a key, though written apart
                    rest = _cell_rest(cell.raw, cell.derived, cell.fill, cell.unit, tuple(alts))
                else:
                    rest = _common_rest(cell.raw, cell.derived, cell.fill, cell.unit, ())
                if cell.source:
                    rest = _with_source(rest, cell)
                infos.append(info_head + where + rest)
            items = rows.get(row)
            if items is None:
                rows[row] = items = []
            items.append(col_head + text)
        if not rows:
            tables.append(_key(name) + ": {}")
            continue
        sep = "," + _I6
        lines = [f"{_key(row)}: {{{_I6}{sep.join(items)}{_I5}}}" for row, items in rows.items()]
        tables.append(_key(name) + ": {" + _I5 + ("," + _I5).join(lines) + _I4 + "}")
    return _braces(tables), _braces(infos)


_READ_AS_IS: dict[str, str] = {}  # raw -> the info text after the span of a plain number cell


@lru_cache(maxsize=1024)
def _cell_order(
    name: str,
    template: str,
    cells: tuple[tuple[str, str], ...],
    missing: tuple[tuple[str, str], ...],
) -> tuple[tuple[str, tuple[str, str], str, str], ...]:
    """``_ordered_cells`` of a table with these cells, each as (row, (row, col), the start of
    its ``cell_info`` entry, the start of its ``tables`` entry): most reports of a generation
    have the same cells, so this is worked out once for them."""
    known = set(cells) | set(missing)
    out: list[tuple[str, str]] = []
    placed: set[tuple[str, str]] = set()
    for rc in [*(rc for rc in _template_order(name, template) if rc in known), *cells, *missing]:
        if rc not in placed:
            out.append(rc)
            placed.add(rc)
    keys = [f"{name}/{row}/{col}" for row, col in out]
    if len(set(keys)) != len(keys):  # two cells, one key ("a/b" + "c", "a" + "b/c"): the dict's way
        raise _NotPlain
    return tuple(
        (row, (row, col), f'{_key(key)}: {{{_I5}"span": ', _key(col) + ": ")
        for (row, col), key in zip(out, keys, strict=True)
    )


def _braces(items: list[str]) -> _Text:
    return _Text("{" + _I4 + ("," + _I4).join(items) + _I3 + "}" if items else "{}", 3)


def _infos_text(infos: dict[str, _Text]) -> _Text:
    """A whole ``cell_info`` (depth 3) from its cells' texts, as ``_report_texts`` writes it."""
    return _braces([_encode_str(k) + ": " + v.text for k, v in infos.items()])


def _key(k: Any) -> str:
    if type(k) is not str:  # json.dumps's own text (or error) for any other key
        raise _NotPlain
    return _encode_str(k)


def report_doc(
    report: Report, findings: list[Finding], info: Callable[[Cell], Any] = cell_info
) -> dict[str, Any]:
    """One report in OUTPUT.md's shape (``info``: how a cell's info is kept)."""
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    infos: dict[str, Any] = {}
    fast = info is _cell_info_text
    texts = _report_texts(report) if fast else None
    for name, table in report.tables.items() if not fast else ():
        rows: dict[str, dict[str, Any]] = {}
        for row, col, cell in _ordered_cells(table):
            value: Number | None = None
            if cell is not None:
                if cell.fill is Fill.NUMBER and cell.value is not None:  # Cell.is_number
                    value = _plain_number(cell.value)
                infos[f"{name}/{row}/{col}"] = info(cell)
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
        "tables": texts[0] if texts is not None else tables,
        "cell_info": texts[1] if texts is not None else infos,
        "narrative": [
            {"key": f.key, "value": f.value, "span": f.span.as_list()} for f in report.narrative
        ],
        "findings": [f.to_json() for f in findings],
    }


def json_doc(
    batch: Batch,
    extra: Mapping[str, Any] | None = None,
    info: Callable[[Cell], Any] = cell_info,
) -> dict[str, Any]:
    """The whole batch as OUTPUT.md publishes it; ``extra``: keys that follow ``sources``
    (``rectification`` with a workspace, issue 30)."""
    by_report = batch.findings_by_report()
    return {
        "tool": TOOL,
        "version": gik_desk.__version__,
        "reports": [report_doc(r, by_report.get(r.id, []), info) for r in batch.reports],
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
        out: list[str] = []
        try:  # cells' infos written straight to text, the rest by the general writer
            _pretty(json_doc(batch, extra, _cell_info_text), out, 0)
        except (_NotPlain, KeyError, RecursionError, IndexError):
            return pretty(json_doc(batch, extra))  # the stdlib's result, or its error
        return "".join(out)
    finally:
        if was:
            gc.enable()


_HEAD_KEYS = frozenset({"tool", "version", "reports", "problems", "sources"})


def iter_dumps(batch: Batch, extra: Mapping[str, Any] | None = None) -> Iterator[str]:
    """``dumps(batch, extra)`` in pieces, one report at a time, byte for byte (issue 27): a
    document of thousands of reports is never held whole, as objects or as text.

    A report the fast writer cannot take goes to ``json.dumps`` alone (its text re-indented:
    a JSON string holds no raw line break), so the text and the errors stay the stdlib's."""
    if extra and not _HEAD_KEYS.isdisjoint(extra):  # a key replacing one of ours: not worth it
        yield dumps(batch, extra)
        return
    by_report = batch.findings_by_report()
    yield _piece({"tool": TOOL, "version": gik_desk.__version__}, 0)[:-2]  # without "\n}"
    yield ',\n  "reports": '
    if not batch.reports:
        yield "[]"
    for i, report in enumerate(batch.reports):
        yield ("[" if i == 0 else ",") + _INDENTS[2]
        yield _report_piece(report, by_report.get(report.id, []))
    if batch.reports:
        yield _INDENTS[1] + "]"
    rest = {
        "problems": [p.to_json() for p in batch.problems],
        "sources": list(batch.sources),
        **(extra or {}),
    }
    yield "," + _piece(rest, 0)[1:]  # without its "{"


def _report_piece(report: Report, findings: list[Finding]) -> str:
    was = gc.isenabled()
    gc.disable()
    try:
        out: list[str] = []
        try:
            _pretty(report_doc(report, findings, _cell_info_text), out, 2)
        except (_NotPlain, KeyError, RecursionError, IndexError):
            return pretty(report_doc(report, findings)).replace("\n", _INDENTS[2])
        return "".join(out)
    finally:
        if was:
            gc.enable()


def _piece(doc: dict[str, Any], level: int) -> str:
    """``doc`` as ``pretty`` writes it at ``level`` (``json.dumps`` for what it cannot take)."""
    out: list[str] = []
    try:
        _pretty(doc, out, level)
    except (_NotPlain, RecursionError, IndexError):
        return pretty(doc).replace("\n", _INDENTS[level])
    return "".join(out)


def pretty(doc: Any) -> str:
    """``json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False)``, byte for byte.

    With ``indent`` the stdlib falls back to its pure-Python generator encoder (~1 µs an
    item, and a 1,000-report audit has ~3 M). This writes the same text into one list,
    faster: most dicts (a cell's info, a table row) hold only scalars and flat lists, and each
    becomes one cached format string filled with C-encoded values (issue 26: 1.6× the recursive
    writer, byte-identical on the seeds, tests/data and the bench corpus); anything it does
    not know (a subclass, a non-str key, NaN) goes to ``json.dumps`` itself, so the result and
    the errors stay the stdlib's.
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


def _float(v: float) -> str:
    if math.isfinite(v):
        return float.__repr__(v)
    raise _NotPlain


def _encoders(level: int) -> dict[type, Callable[[Any], str]]:
    """Type → text of a value at ``level``: the scalars, and a list of them (a span). A dict
    (or a list holding one) is missing, so its parent takes the general path (KeyError)."""
    inner, close = _INDENTS[level + 1], _INDENTS[level]
    sep = "," + inner

    def flat(v: Any) -> str:
        if not v:
            return "[]"
        enc = _ENCODERS[level + 1]
        return "[" + inner + sep.join([enc[type(x)](x) for x in v]) + close + "]"

    return {
        str: _encode_str,
        int: int.__repr__,
        bool: {True: "true", False: "false"}.__getitem__,
        type(None): {None: "null"}.__getitem__,
        float: _float,
        list: flat,
        tuple: flat,
    }


_ENCODERS = [_encoders(n) for n in range(len(_INDENTS) - 1)]
_LEAF_FORMATS: dict[tuple[tuple[str, ...], int], str] = {}


def _leaf_format(keys: tuple[str, ...], level: int) -> str:
    """The text of a dict with these keys at ``level``, its values left as ``%s``: most dicts
    of an audit (a cell's info, a table row) share a handful of shapes."""
    inner = _INDENTS[level + 1]
    parts = [_encode_str(k).replace("%", "%%") + ": %s" for k in keys]
    return "{" + inner + ("," + inner).join(parts) + _INDENTS[level] + "}"


def _pretty(o: Any, out: list[str], level: int) -> None:
    t = type(o)
    if t is dict:
        if not o:
            out.append("{}")
            return
        enc = _ENCODERS[level + 1]
        try:  # a dict of scalars and flat lists: one format string, C-encoded values
            values = tuple([enc[type(v)](v) for v in o.values()])
        except KeyError:
            pass
        else:
            keys = tuple(o)
            fmt = _LEAF_FORMATS.get((keys, level))
            if fmt is None:
                for k in keys:
                    if type(k) is not str:
                        raise _NotPlain
                fmt = _LEAF_FORMATS.setdefault((keys, level), _leaf_format(keys, level))
                if len(_LEAF_FORMATS) > 4096:  # keys from data (table rows): keep it bounded
                    _LEAF_FORMATS.clear()
            out.append(fmt % values)
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
            elif tv is _Text and v.level == level + 1:  # written for this depth already
                out.append(v.text)
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
    with atomic_open(path, "wb", sniff=looks_like_json) as fh:  # report by report (issue 27)
        for piece in iter_dumps(batch, extra):
            fh.write(piece.encode("utf-8"))
        fh.write(b"\n")
    return Path(path)
