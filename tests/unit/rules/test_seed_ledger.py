"""The engine against the seed ledger: every finding on the 19 seed reports, keyed by hand.

``tests/data/seed_findings.json`` was written by reading each seed and doing the arithmetic by
hand (its ``reason`` quotes the source). Parse + audit must give exactly those findings on
(file, index, rule, cells); a mismatch is a rule bug or a parser bug, never a ledger edit.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from gik_desk.rules import audit

DATA = Path(__file__).resolve().parents[2] / "data"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))
LEDGER = json.loads((DATA / "seed_findings.json").read_text(encoding="utf-8"))

Row = tuple[str, int, str, tuple[str, ...]]


def _parse_all():  # type: ignore[no-untyped-def]
    from gik_desk.parse import parse_path

    reports = []
    for path in SEEDS:
        found, _problems = parse_path(path)
        reports.extend(found)
    return reports


def _row(entry: dict) -> Row:  # type: ignore[type-arg]
    return entry["file"], entry["index"], entry["rule"], tuple(entry["cells"])


def test_ledger_is_well_formed() -> None:
    assert len({(e["file"], e["index"]) for e in LEDGER}) >= 8
    for e in LEDGER:
        assert (DATA / "seeds" / e["file"]).exists()
        assert e["reason"]
        assert isinstance(e["year"], int)
        assert len(set(e["cells"])) == len(e["cells"])


def test_engine_findings_equal_the_seed_ledger() -> None:
    reports = _parse_all()
    where = {r.id: (Path(r.source).name, r.index, r.year) for r in reports}
    years = {(f, i): y for f, i, y in where.values()}
    for e in LEDGER:
        assert years.get((e["file"], e["index"])) == e["year"], e
    got = Counter(
        (where[f.report_id][0], where[f.report_id][1], f.rule, tuple(c.key for c in f.cells))
        for f in audit(reports)
    )
    want = Counter(_row(e) for e in LEDGER)
    missing = sorted(want - got)
    extra = sorted(got - want)
    assert (missing, extra) == ([], []), (
        "missing:\n" + "\n".join(map(str, missing)) + "\nunexpected:\n" + "\n".join(map(str, extra))
    )
