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
    return right, keyed, wrong


if __name__ == "__main__":
    r, k, bad = cells_read()
    print(f"corpus_cells_read: {r}/{k}")
    for line in bad[:20]:
        print("  " + line)
