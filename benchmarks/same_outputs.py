"""Issue 26's "same outputs" check: two workbooks equal cell for cell, two JSON files byte for byte.

    python benchmarks/same_outputs.py OLD.xlsx NEW.xlsx   (or OLD.json NEW.json)

Workbooks: every archive part byte-equal except ``xl/styles.xml`` (style ids are numbered in the
order looks are first used) and ``docProps/core.xml`` (the save time); each worksheet byte-equal
outside ``<sheetData>`` (widths, panes, print settings, filters, validations) with the same row
attributes (heights); every cell's value, type, number format, bold, size, fill, wrapping,
vertical alignment and quotePrefix equal (an empty cell's type is not compared: ``""`` and no
cell both read as ``None``). The comment and VML parts are among the byte-equal parts.
Exit status 0 when equal, 1 with the differences listed.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path
from typing import Any

_ROW = re.compile(rb"<row ([^>]*?)/?>")
_SKIP = ("xl/styles.xml", "docProps/core.xml")
_EMPTY = (None, None, "General", False, 11.0, None, None, None, None, False)


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _outside_rows(xml: bytes) -> tuple[bytes, list[bytes]]:
    start = xml.find(b"<sheetData")
    if start < 0:
        return xml, []
    end = xml.find(b"</sheetData>")
    if end < 0:  # <sheetData/>
        return xml[:start] + xml[xml.index(b">", start) + 1 :], []
    rows = [m.group(1) for m in _ROW.finditer(xml, start, end)]
    return xml[:start] + xml[end + len(b"</sheetData>") :], rows


def _look(c: Any) -> tuple[Any, ...]:
    f, fl, al = c.font, c.fill, c.alignment
    return (
        c.value,
        c.data_type if c.value is not None else None,
        c.number_format,
        bool(f.b),
        f.sz,
        fl.fill_type,
        fl.fgColor.rgb if fl.fill_type else None,
        al.wrap_text,
        al.vertical,
        bool(c.quotePrefix),
    )


def compare_workbooks(old: Path, new: Path) -> list[str]:
    import openpyxl

    a, b = _parts(old), _parts(new)
    diffs = []
    if sorted(a) != sorted(b):
        diffs.append(f"parts differ: {sorted(set(a) ^ set(b))}")
    for name in sorted(set(a) & set(b)):
        if name in _SKIP:
            continue
        if name.startswith("xl/worksheets/sheet"):
            (oa, ra), (ob, rb) = _outside_rows(a[name]), _outside_rows(b[name])
            if oa != ob:
                diffs.append(f"{name}: differs outside <sheetData>")
            if ra != rb:
                diffs.append(f"{name}: row attributes differ")
        elif a[name] != b[name]:
            diffs.append(f"{name}: bytes differ")
    wa, wb = openpyxl.load_workbook(old), openpyxl.load_workbook(new)
    if wa.sheetnames != wb.sheetnames:
        return [*diffs, "sheet names differ"]
    cells = 0
    for title in wa.sheetnames:
        sa, sb = wa[title], wb[title]
        if sa.sheet_state != sb.sheet_state:
            diffs.append(f"{title}: shown/hidden differs")
        for i, (xa, xb) in enumerate(zip(sa.iter_rows(), sb.iter_rows(), strict=False), 1):
            la, lb = [_look(c) for c in xa], [_look(c) for c in xb]
            for row in (la, lb):
                while row and row[-1] == _EMPTY:
                    row.pop()
            cells += len(la)
            if la != lb:
                diffs.append(f"{title} row {i} differs")
        if sa.max_row != sb.max_row:
            diffs.append(f"{title}: {sa.max_row} rows vs {sb.max_row}")
    print(f"{old} vs {new}: {cells} cells compared")
    return diffs


def main(argv: list[str]) -> int:
    old, new = Path(argv[0]), Path(argv[1])
    if old.suffix == ".json":
        diffs = [] if old.read_bytes() == new.read_bytes() else ["JSON bytes differ"]
    else:
        diffs = compare_workbooks(old, new)
    for d in diffs[:50]:
        print("  ", d)
    print(f"{len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
