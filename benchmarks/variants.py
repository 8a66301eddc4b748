"""``variant_*``: the reader on generated 表三/表四 in the digit-run layouts (issue 25).

``tests/unit/parse/table_render.py`` prints consistent tables (and the same with one cell
changed) as digit runs glued to their labels, runs after a space, runs with separators at
random boundaries, rows with thousands separators and (one report in three) a converter's
markdown, and reads what it printed by its own brute-force enumeration of splits. Over half
consistent reports and half with one changed cell (two tables each):

- ``variant_wrong_cells``: cells holding a figure other than the printed one (must be 0);
- ``variant_determined_unread``: cells every consistent reading agrees on, left unread (0);
- ``variant_masked_errors``: the share of one-changed-cell tables that another consistent
  reading of the same characters hides (no reader can see those changes);
- ``variant_missed_changes``: changed tables not masked where the change is neither shown at
  its cell nor its row named unread (must be 0).

Runs in one process: ``python benchmarks/variants.py [REPORTS]``.
"""

from __future__ import annotations

import hashlib
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "unit" / "parse"))


def measure(reports: int = 5000) -> list[tuple[str, float, str, str]]:
    """The four figures over ``reports`` generated reports (two tables each)."""
    from table_render import consistent_tables, determined, render

    from gik_desk.model import Document
    from gik_desk.parse import parse_document

    wrong = unread = masked = missed = changed_tables = skipped = 0
    start = time.perf_counter()
    for seed in range(reports):
        change = seed % 2 == 1
        cls = "markdown" if seed % 6 in (4, 5) else None  # else a layout class per row
        r = render(random.Random(seed), cls, change=change)
        digest = hashlib.sha256(r.text.encode("utf-8")).hexdigest()
        doc = Document(source=f"variant-{seed}.txt", kind="txt", text=r.text, sha256=digest)
        found = parse_document(doc)
        report = found[0] if len(found) == 1 else None
        hidden: tuple[str, str] | None = None  # (table, row) whose cells are not judged
        hide_table = False
        if change and r.changed is not None:
            changed_tables += 1
            readings = consistent_tables(r)
            hide_table = readings is None or bool(readings[r.changed[0]])
            masked += hide_table
            hidden = (r.changed[0], r.changed[1])
        known = None if change else determined(r)
        if not change and known is None:
            skipped += 1
        for pos, truth in r.truth.items():
            table = report.tables.get(pos[0]) if report is not None else None
            cell = table.cells.get((pos[1], pos[2])) if table is not None else None
            got = cell.value if cell is not None else None
            if hidden is not None and (pos[:2] == hidden or (hide_table and pos[0] == hidden[0])):
                continue
            if got is not None and got != truth:
                wrong += 1
            elif got is None and known is not None and pos in known:
                unread += 1
        if change and r.changed is not None and not hide_table:
            t, row, _ = r.changed
            table = report.tables.get(t) if report is not None else None
            cells = {k: c for k, c in table.cells.items() if k[0] == row} if table else {}
            cell = cells.get(r.changed[1:])
            shown = cell is not None and cell.value == r.truth[r.changed]
            if not shown and not any(c.value is None for c in cells.values()):
                missed += 1
    seconds = time.perf_counter() - start
    tables = reports * 2
    note = f"{tables} tables ({reports} reports, half with one changed cell), {seconds:.0f} s"
    share = masked / changed_tables if changed_tables else 0.0
    return [
        ("variant_wrong_cells", float(wrong), "cells", note),
        ("variant_determined_unread", float(unread), "cells", f"{skipped} reports not judged"),
        ("variant_masked_errors", share, "share", f"{masked}/{changed_tables} changed tables"),
        ("variant_missed_changes", float(missed), "tables", "changed, not masked, not shown"),
    ]


if __name__ == "__main__":
    for name, value, unit, note in measure(int(sys.argv[1]) if len(sys.argv) > 1 else 5000):
        print(f"{name}: {value:g} {unit}  # {note}", flush=True)
