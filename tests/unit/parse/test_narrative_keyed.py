"""Narrative figures against ``tests/data/expected/narrative.json`` (keyed by hand from the seeds).

Precision over recall (RULES.md): every figure the parser reads must be one a person keyed; the
statements it deliberately leaves alone are listed here with the reason, so a lost read fails too.
"""

from __future__ import annotations

import json
from pathlib import Path

from gik_desk.parse import parse_path
from tests.conftest import DATA, SEEDS

KEYS = {
    "applications.received",
    "applications.answered",
    "applications.carried_out",
    "appeals.review.total",
    "appeals.suit.total",
}
# (file prefix, index, key): why the parser does not read it
NOT_READ = {
    ("001", 0, "applications.answered"): "办理…N件 is not 办结/答复 (handling, not answered)",
    ("001", 0, "applications.carried_out"): "结转至下年办理 with the figure after 办理",
    (
        "001",
        2,
        "applications.answered",
    ): "164件全部受理并按时答复完毕: the number precedes the verb",
    (
        "001",
        3,
        "applications.carried_out",
    ): "a quoted table label “结转下年度继续办理”10件 in a list",
    ("002", 0, "appeals.review.total"): "均未产生行政复议和诉讼: words, not a figure",
    ("002", 0, "appeals.suit.total"): "均未产生行政复议和诉讼: words, not a figure",
    ("004", 0, "applications.received"): "没有收到…: words, not a figure",
}


def _keyed() -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads(
        (DATA / "expected" / "narrative.json").read_text("utf-8")
    )
    return data


def _parsed() -> dict[tuple[str, int], set[tuple[str, object]]]:
    out: dict[tuple[str, int], set[tuple[str, object]]] = {}
    for path in sorted(Path(SEEDS).glob("*.txt")):
        reports, problems = parse_path(path)
        assert problems == []
        for r in reports:
            out[path.name[:3], r.index] = {(n.key, n.value) for n in r.narrative if n.key in KEYS}
    return out


def test_every_figure_read_was_keyed_by_hand() -> None:
    keyed = {(str(e["file"])[:3], e["index"], e["key"], e["value"]) for e in _keyed()}
    reports = {(f, i) for f, i, _, _ in keyed}
    for (f, i), figures in _parsed().items():
        if (f, i) not in reports:
            continue
        for key, value in figures:
            assert (f, i, key, value) in keyed, (f, i, key, value)


def test_every_keyed_figure_is_read_or_listed_as_left_alone() -> None:
    parsed = _parsed()
    missing = set()
    for e in _keyed():
        f, i = str(e["file"])[:3], int(str(e["index"]))
        if (e["key"], e["value"]) not in parsed[f, i]:
            missing.add((f, i, e["key"]))
    assert missing == set(NOT_READ)
