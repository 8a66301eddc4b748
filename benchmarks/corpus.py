"""``corpus_cells_read``: how many hand-keyed cells of the real reports (tests/data/real) the
reader gets right. A cell the text leaves ambiguous counts right only when it is named unread."""

from __future__ import annotations

import json
from pathlib import Path

REAL = Path(__file__).resolve().parents[1] / "tests" / "data" / "real"


def cells_read(real: Path = REAL) -> tuple[int, int, list[str]]:
    """(cells read right, cells keyed, the wrong ones as ``file table/row/col``)."""
    from gik_desk.parse import parse_path

    right = keyed = 0
    wrong: list[str] = []
    for path in sorted((real / "expected" / "tables").glob("*.json")):
        exp = json.loads(path.read_text("utf-8"))
        reports, _ = parse_path(real / exp["file"])
        report = reports[exp["index"]] if exp["index"] < len(reports) else None
        wanted = {
            (t, r, c): v
            for t, rows in exp["tables"].items()
            for r, cols in rows.items()
            for c, v in cols.items()
        }
        wanted.update({tuple(k.split("/")): None for k in exp.get("ambiguous", {})})
        for (t, r, c), v in wanted.items():
            keyed += 1
            table = report.tables.get(t) if report is not None else None
            cell = table.cells.get((r, c)) if table is not None else None
            got = cell.value if cell is not None else None
            ok = got == v and (v is not None or (cell is not None and bool(cell.alternatives)))
            if ok:
                right += 1
            else:
                wrong.append(f"{exp['file']} {t}/{r}/{c}: {got} (keyed {v})")
    legacy = json.loads((real / "expected" / "legacy.json").read_text("utf-8"))
    for name, exp in legacy.items():
        if name.startswith("_"):
            continue
        reports, _ = parse_path(real / name)
        table = reports[0].tables.get("legacy") if reports else None
        wanted: dict[tuple[str, str], object] = {}
        for row, (year, total) in exp["rows"].items():
            wanted[row, "year"], wanted[row, "cumulative"] = year, total
        for row in exp["ambiguous"]:
            wanted[row, "year"] = wanted[row, "cumulative"] = None
        for (row, col), v in wanted.items():
            keyed += 1
            cell = table.cells.get((row, col)) if table is not None else None
            got = cell.value if cell is not None else None
            if got == v and (v is not None or (cell is not None and bool(cell.alternatives))):
                right += 1
            else:
                wrong.append(f"{name} legacy/{row}/{col}: {got} (keyed {v})")
    return right, keyed, wrong


if __name__ == "__main__":
    r, k, bad = cells_read()
    print(f"corpus_cells_read: {r}/{k}")
    for line in bad[:20]:
        print("  " + line)
