"""Issue 27 (``make fuzz``'s hostile list): a workspace tampered with, column by column.

Random bytes, text, numbers and deeply nested JSON go into each column of each table of a
workspace the CLI wrote; then ``audit --workspace --xlsx``, ``letters`` and ``import-review``
run on it. A value this program never wrote may be refused (exit 2) or shown as damaged, but
never crashes a command (exit 3 is an internal error). Tables are read from the file itself,
so a table a later schema adds is tampered with too.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_desk.cli.main import EXIT_INTERNAL, main

SEED = Path(__file__).parents[2] / "data" / "seeds" / "003_c95b75059979c460.txt"
EXAMPLES = int(os.environ.get("GIK_FUZZ_EXAMPLES", 60))

pytestmark = pytest.mark.timeout(1800)


def run(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, err.getvalue()


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A workspace with reviews, notes and events, and the workbook exported from it."""
    folder = tmp_path_factory.mktemp("ws_fuzz")
    ws, book = folder / "审核.gikdb", folder / "审核表.xlsx"
    code, err = run("audit", str(SEED), "--workspace", str(ws), "-q", "--workers", "1")
    assert code == 0, err
    con = sqlite3.connect(ws)
    keys = [k for (k,) in con.execute("SELECT key FROM findings")]
    con.close()
    from gik_desk.model.review import ReportState, ReviewStatus
    from gik_desk.workspace import SetNote, Workspace

    with Workspace.open(ws, network=False) as w:
        w.apply(w.status_action(keys[:2], ReviewStatus.CONFIRMED))
        w.apply(SetNote(keys[0], "", "已核实"))
        w.apply(w.report_state_action("某|2021", ReportState.IN_PROGRESS))
    code, err = run(
        "audit", str(SEED), "--workspace", str(ws), "--xlsx", str(book), "-q", "--workers", "1"
    )
    assert code == 0, err
    return ws, book


def _columns(path: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(path)
    tables = [
        t
        for (t,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    out = [(t, c[1]) for t in tables for c in con.execute(f'PRAGMA table_info("{t}")')]
    con.close()
    return sorted(out)


def _char(rng: random.Random) -> str:
    code = rng.randint(1, 0x2FFFF)
    return "\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code)  # SQLite stores no surrogate


def _values(rng: random.Random) -> list[object]:
    return [
        rng.randbytes(rng.randint(1, 64)),
        "".join(_char(rng) for _ in range(rng.randint(1, 32))),
        rng.randint(-(2**63), 2**63 - 1),
        "[" * 5000 + "]" * 5000,
        None,
        "",
        -1.5,
    ]


def _tamper(path: Path, table: str, column: str, value: object) -> bool:
    """Set ``column`` of every row of ``table`` to ``value``; False when SQLite refuses it
    (a NOT NULL or a rowid column): that workspace cannot exist."""
    con = sqlite3.connect(path)
    try:
        with con:
            con.execute(f'UPDATE "{table}" SET "{column}" = ?', (value,))
    except sqlite3.Error:
        return False
    finally:
        con.close()
    return True


def _commands(ws: Path, book: Path, folder: Path) -> list[tuple[str, int, str]]:
    runs = [
        ("audit", str(SEED), "--workspace", str(ws), "--xlsx", str(folder / "再审.xlsx"), "-q"),
        ("letters", "--workspace", str(ws), "--out", str(folder / "函"), "--workers", "1"),
        ("import-review", str(book), "--workspace", str(ws)),
    ]
    out = []
    for argv in runs:
        code, err = run(*argv, *(["--workers", "1"] if argv[0] == "audit" else []))
        out.append((argv[0], code, err))
    return out


def test_every_column_of_every_table_tampered_never_crashes(
    written: tuple[Path, Path], tmp_path: Path
) -> None:
    """Each (table, column) with random bytes: the commands answer, none exits 3."""
    rng = random.Random(27)  # fixed: the same bytes every run
    crashes = []
    for table, column in _columns(written[0]):
        folder = tmp_path / f"{table}.{column}"
        folder.mkdir()
        ws = folder / "审核.gikdb"
        shutil.copyfile(written[0], ws)
        if not _tamper(ws, table, column, rng.randbytes(rng.randint(1, 64))):
            continue
        for name, code, err in _commands(ws, written[1], folder)[:1]:
            if code == EXIT_INTERNAL:
                crashes.append(f"{table}.{column} {name}: {err[-300:]}")
    assert crashes == []


@settings(
    derandomize=True,
    max_examples=max(5, EXAMPLES // 50),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_random_values_in_random_columns_never_crash(
    written: tuple[Path, Path],
    tmp_path_factory: pytest.TempPathFactory,
    fuzz_tally: dict[str, int],
    data: st.DataObject,
) -> None:
    fuzz_tally["tried"] += 1
    folder = tmp_path_factory.mktemp("case")
    ws = folder / "审核.gikdb"
    shutil.copyfile(written[0], ws)
    columns = _columns(ws)
    picks = data.draw(st.lists(st.sampled_from(columns), min_size=1, max_size=3))
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    for table, column in picks:
        _tamper(ws, table, column, rng.choice(_values(rng)))
    for name, code, err in _commands(ws, written[1], folder):
        assert code != EXIT_INTERNAL, f"{picks} {name}: {err[-500:]}"
