"""Crawled pages (one cell per line, runs collapsed, labels and figures cut) read honestly.

Each hand-keyed seed table (tests/data/expected/tables) is re-rendered by ``crawl_render`` in
every crawler layout, once as keyed and once with ONE changed cell, and parsed. The reader may
leave a cell unread, but never puts a figure in the wrong cell.

What the reader can know is decided by a small model of an honest reader (``_verdict``). It
tries every way to expand each row's printed lines into its cells (a line may stand for a run
of equal cells; in pages that cut a figure, two adjacent lines may be one figure, unless the
row prints one line per cell on a page with no collapsed run). In 表三 it
keeps, per row, the readings where APP-ROW holds (all of them if none does), then, across
rows, those breaking the fewest APP-RESULTS / APP-BALANCE identities; in 表四, the readings
where every APPEAL-SUM holds (all of them if none does). A cell on which all kept readings
agree is *determined*; only determined cells must be read, the others may be named unread.
The changed cells and values are chosen so that the true reading is always kept: a change
whose page is also the page of a table that fits better is *deceptive*, no reader can read it
right, and it is left out (``test_deceptive_changes_are_left_out``).

Checks: (a) the changed cell is read as its new value or named unread; (b) no figure ever lands
in a cell whose true value differs (every cell of 表二, 表三, 表四); (c) every determined cell of
表三 / 表四 outside the changed cell's row (and, in 表三, its column) is read exactly; (d) 表二
cells are read or named unread, and a row printed one figure per column, or one figure for the
whole row, is read; (e) body and year come from the title.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import pytest
from crawl_render import (
    CellKey,
    Crawl,
    Line,
    Number,
    Tables,
    collapse,
    per_char,
    printed,
    render,
    report_lines,
    table_lines,
    template_of,
)

from gik_desk.model import Document, Fill, Report, Table
from gik_desk.parse import parse_document
from gik_desk.template import APP_COLS, APP_RESULT_ROWS, APPEAL_COLS, app_rows

TABLES_DIR = Path(__file__).parents[2] / "data" / "expected" / "tables"
BODIES = (
    "莆田市水利局",
    "莆田市统计局",
    "莆田市审计局",
    "莆田市林业局",
    "莆田市文化和旅游局",
    "莆田市人民政府办公室",
    "莆田市民族与宗教事务局",
    "莆田市城市管理局",
    "莆田市交通运输局",
    "莆田市教育局",
    "莆田市荔城区人民政府",
)
ROW_LABEL = printed("(七)总计")  # split at every position: （ 七 ） 总 计
COL_LABEL = "社会公益组织"  # split at every position, 社 / 会公益组织 as in corpus 016
PER_CHAR = (
    "自然人",
    "四、结转下年度继续办理",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
)


# ---- seeds ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seed:
    short: str
    tables: Tables
    units: Mapping[str, str]
    body: str
    year: int

    @property
    def template(self) -> str:
        return template_of(self.tables)


@dataclass(frozen=True)
class Change:
    name: str  # run | total | appeal
    cell: CellKey
    value: int


def _load_seeds() -> tuple[Seed, ...]:
    """Every keyed seed with the template's three tables; ids like ``000``, ``001.2``,
    ``hongzequ2023``; a body of its own for each; the year from the file name, else 2021 for
    the 2021 table and 2020 for the 2019 table."""
    paths = sorted(TABLES_DIR.glob("*.json"))
    stems = Counter(p.stem.split("__")[0] for p in paths)
    out: list[Seed] = []
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        tables = data["tables"]
        if not {"active", "applications", "appeals"} <= tables.keys():
            continue  # only the t2021 / t2019 template tables
        stem, index = path.stem.split("__")
        short = stem.split("_")[0] if stem[0].isdigit() else stem.replace("_", "")
        short += f".{index}" if stems[stem] > 1 else ""
        found = re.search(r"_(20\d\d)", stem)
        year = int(found[1]) if found else (2021 if template_of(tables) == "t2021" else 2020)
        out.append(Seed(short, tables, data.get("units", {}), BODIES[len(out) % 11], year))
    return tuple(out)


SEEDS = _load_seeds()


def _seed(short: str) -> Seed:
    return next(s for s in SEEDS if s.short == short)


def _with(tables: Tables, change: Change | None) -> dict[str, dict[str, dict[str, Number]]]:
    """The keyed tables with the change applied (a deep copy)."""
    out = {t: {r: dict(cols) for r, cols in rows.items()} for t, rows in tables.items()}
    if change:
        t, r, c = change.cell
        out[t][r][c] = change.value
    return out


# ---- what an honest reader can know from the printed lines ----------------------------------


@dataclass(frozen=True)
class Verdict:
    """Per 表三 / 表四 cell, the values its plausible readings give. ``deceptive`` names the
    tables whose printed lines a reader would rather take for a different table (one breaking
    fewer identities than the true one): no honest reader can read those right."""

    options: Mapping[CellKey, frozenset[int]]
    deceptive: frozenset[str]

    def determined(self, cell: CellKey) -> bool:
        return len(self.options[cell]) == 1


def _tokens(lines: Iterable[Line], table: str) -> dict[str, tuple[str, ...]]:
    """Each row's printed figures, in order (a cut figure gives two)."""
    out: dict[str, list[str]] = {}
    for line in lines:
        if line.kind == "value" and line.cells[0][0] == table:
            out.setdefault(line.cells[0][1], []).append(line.text)
    return {r: tuple(t) for r, t in out.items()}


@cache
def _expansions(tokens: tuple[str, ...], n: int, joins: bool) -> tuple[tuple[int, ...], ...]:
    """Every way ``tokens`` can stand for ``n`` cells: each line a run of one or more cells;
    with ``joins``, two adjacent lines may also be one figure cut in two."""
    seqs = [tokens]
    if joins:
        seqs += [
            (*tokens[:i], tokens[i] + tokens[i + 1], *tokens[i + 2 :])
            for i in range(len(tokens) - 1)
            if tokens[i] != "0"
        ]
    out: set[tuple[int, ...]] = set()
    for seq in seqs:
        vals = [int(t) for t in seq]
        for cuts in itertools.combinations(range(1, n), len(seq) - 1):
            b = (0, *cuts, n)
            spans = itertools.pairwise(b)
            out.add(
                tuple(v for v, (lo, hi) in zip(vals, spans, strict=True) for _ in range(hi - lo))
            )
    return tuple(sorted(out))


def _row_holds(v: tuple[int, ...]) -> bool:
    return sum(v[:6]) == v[6]  # APP-ROW


def _group_holds(v: tuple[int, ...]) -> bool:
    return all(sum(v[5 * g : 5 * g + 4]) == v[5 * g + 4] for g in range(3))  # APPEAL-SUM


def _row_candidates(
    plain: Iterable[tuple[int, ...]],
    every: Iterable[tuple[int, ...]],
    holds: Callable[[tuple[int, ...]], bool],
) -> list[tuple[int, ...]]:
    """Where some reading without a cut holds, the holding readings (cut or not); else every
    reading without a cut, alike, and the cut ones that hold: a misprinted row must not be
    'explained' by a cut figure that the columns would refuse."""
    plain = list(plain)
    holding = [v for v in every if holds(v)]
    if any(holds(v) for v in plain):
        return holding
    return list(dict.fromkeys([*plain, *holding]))


def _app_options(
    tokens: Mapping[str, tuple[str, ...]],
    truth: Mapping[str, tuple[int, ...]],
    gen: str,
    joins: bool,
    collapsed: bool,
) -> tuple[dict[CellKey, frozenset[int]], bool]:
    """表三: each row by its own APP-ROW where some reading of it without a cut figure holds
    (then only holding readings, cut or not); else every reading without a cut alike, beside
    the cut readings that hold; then the fewest broken column identities (APP-RESULTS,
    APP-BALANCE) across rows. Returns the options per cell and whether the truth is not
    among them."""
    rows = [r.key for r in app_rows(gen)]
    cands: dict[str, list[tuple[int, ...]]] = {}
    for r in rows:
        cuts = joins and (collapsed or len(tokens[r]) != 7)
        cands[r] = _row_candidates(
            _expansions(tokens[r], 7, False), _expansions(tokens[r], 7, cuts), _row_holds
        )
    results = dict.fromkeys(APP_RESULT_ROWS[gen], 1) | {"total": -1}
    balance = {"new": 1, "carried_in": 1, "total": -1, "carried_out": -1}
    idents = [(coef, j) for coef in (results, balance) for j in range(7)]
    # a dynamic programme over rows whose state is every identity's running sum; rows with
    # one reading first, so the states only multiply at the end
    order = sorted(rows, key=lambda r: len(cands[r]))
    states = {(0,) * len(idents)}
    layers = []
    for r in order:
        terms = [(k, coef[r], j) for k, (coef, j) in enumerate(idents) if r in coef]
        step = []
        for s in states:
            for v in cands[r]:
                t = list(s)
                for k, c, j in terms:
                    t[k] += c * v[j]
                step.append((s, v, tuple(t)))
        layers.append(step)
        states = {t for _, _, t in step}
    broken = {s: sum(x != 0 for x in s) for s in states}
    low = min(broken.values())
    good = {s for s, n in broken.items() if n == low}
    chosen: dict[str, set[tuple[int, ...]]] = {}
    for r, step in zip(reversed(order), reversed(layers), strict=True):
        keep = [(s, v) for s, v, t in step if t in good]
        chosen[r] = {v for _, v in keep}
        good = {s for s, _ in keep}
    options = {
        ("applications", r, col.key): frozenset(v[j] for v in chosen[r])
        for r in rows
        for j, col in enumerate(APP_COLS)
    }
    return options, any(truth[r] not in chosen[r] for r in rows)


def _appeal_options(
    tokens: tuple[str, ...], truth: tuple[int, ...], joins: bool, collapsed: bool
) -> tuple[dict[CellKey, frozenset[int]], bool]:
    """表四: as a 表三 row (``_row_candidates``), its group sums for the row sum."""
    cuts = joins and (collapsed or len(tokens) != 15)
    fits = _row_candidates(
        _expansions(tokens, 15, False), _expansions(tokens, 15, cuts), _group_holds
    )
    options = {
        ("appeals", "count", c.key): frozenset(v[j] for v in fits)
        for j, c in enumerate(APPEAL_COLS)
    }
    return options, truth not in fits


def _verdict(seed: Seed, change: Change | None, crawl: Crawl) -> Verdict:
    """Only the figures matter: label cuts, ordinals, residue and headings are left out."""
    return _figures_verdict(seed.short, change, crawl.collapse, crawl.number_split)


@cache
def _figures_verdict(
    short: str, change: Change | None, collapsed: bool, split: tuple[CellKey, int] | None
) -> Verdict:
    seed = _seed(short)
    crawl = Crawl(collapse=collapsed, number_split=split)
    tables = _with(seed.tables, change)
    lines = report_lines(tables, body=seed.body, year=seed.year, crawl=crawl)
    app = tables["applications"]
    gen = template_of(tables)
    truth = {r.key: tuple(int(app[r.key][c.key]) for c in APP_COLS) for r in app_rows(gen)}
    rows = _tokens(lines, "applications")
    # a figure may have been cut anywhere; a row printed one line per cell is still read one
    # to one, unless runs were collapsed (a row printed fewer lines than cells shows it): a
    # cut and a collapsed run can then also give one line per cell
    collapsed = (
        any(len(t) < 7 for t in rows.values()) or len(_tokens(lines, "appeals")["count"]) < 15
    )
    joins = True  # a reader never knows whether a page cuts figures: it must weigh joins
    options, fooled = _app_options(rows, truth, gen, joins, collapsed)
    count = tuple(int(tables["appeals"]["count"][c.key]) for c in APPEAL_COLS)
    more, fooled4 = _appeal_options(_tokens(lines, "appeals")["count"], count, joins, collapsed)
    deceptive = {"applications"} if fooled else set()
    deceptive |= {"appeals"} if fooled4 else set()
    return Verdict({**options, **more}, frozenset(deceptive))


# ---- changes and layouts --------------------------------------------------------------------


def _neighbours(tables: Tables, cell: CellKey) -> tuple[str | None, str | None]:
    """The figures printed just before and after a 表三 / 表四 cell in its row (None: a label)."""
    t, r, c = cell
    cols = [x.key for x in (APP_COLS if t == "applications" else APPEAL_COLS)]
    j = cols.index(c)
    vals = tables[t][r]
    before = str(vals[cols[j - 1]]) if j else None
    after = str(vals[cols[j + 1]]) if j + 1 < len(cols) else None
    return before, after


def _number_split(tables: Tables, change: Change | None) -> tuple[CellKey, int] | None:
    """A figure of two digits or more to cut after its first digit, outside the changed row,
    whose pieces merge with nothing even when runs collapse."""
    cells: list[CellKey] = [
        ("applications", r.key, c.key) for r in app_rows(template_of(tables)) for c in APP_COLS
    ]
    cells += [("appeals", "count", c.key) for c in APPEAL_COLS]
    for cell in cells:
        if change and cell[:2] == change.cell[:2]:
            continue
        text = str(tables[cell[0]][cell[1]][cell[2]])
        before, after = _neighbours(tables, cell)
        if (
            len(text) >= 2
            and text[1] != "0"
            and text[0] != before
            and text[1:] not in (after, text[0])
        ):
            return cell, 1
    return None


def _figures_only(tables: Tables, change: Change | None) -> tuple[Crawl, ...]:
    """The crawls that change what the figures allow: collapsed, a figure cut, both."""
    split = _number_split(_with(tables, change), change)
    return (
        Crawl(collapse=True),
        Crawl(number_split=split),
        Crawl(collapse=True, number_split=split),
    )


def _runs(values: list[int]) -> list[tuple[int, int]]:
    """(start, length) of each run of equal values."""
    out, at = [], 0
    for _, grp in itertools.groupby(values):
        n = len(list(grp))
        out.append((at, n))
        at += n
    return out


def _candidates(seed: Seed) -> dict[str, list[CellKey]]:
    """Cells to change, best first: the middle of a collapsed 表三 run (rows printing other
    figures first), a total (the grand total first), a 表四 cell (the middle of its longest run
    first, then each group's total, then the rest)."""
    app, cols = seed.tables["applications"], [c.key for c in APP_COLS]
    rows = [r.key for r in app_rows(seed.template)]
    middles = []
    for i, r in enumerate(rows):
        vals = [int(app[r][c]) for c in cols]
        for at, n in _runs(vals):
            if n >= 3:
                middles.append((len(set(vals)) == 1, i, ("applications", r, cols[at + n // 2])))
    totals = [("applications", "total", "total")] + [("applications", r, "total") for r in rows]
    acols = [c.key for c in APPEAL_COLS]
    avals = [int(seed.tables["appeals"]["count"][c]) for c in acols]
    at, n = max(_runs(avals), key=lambda p: p[1])
    order = [at + n // 2, 4, 9, 14, *range(15)]
    return {
        "run": [cell for *_, cell in sorted(middles)],
        "total": totals,
        "appeal": [("appeals", "count", acols[j]) for j in dict.fromkeys(order)],
    }


def _changes(seed: Seed) -> tuple[Change, ...]:
    """One change of each kind: the first candidate cell and value (unlike its neighbours, so
    it is not merged into them) for which no crawl turns the page deceptive."""
    out = []
    for name, cells in _candidates(seed).items():
        for cell, step in itertools.product(cells, range(1, 12)):
            old = int(seed.tables[cell[0]][cell[1]][cell[2]])
            value = old + step + (4 if name == "run" else 0)
            if str(value) in _neighbours(seed.tables, cell):
                continue
            change = Change(name, cell, value)
            if all(
                not _verdict(seed, change, c).deceptive for c in _figures_only(seed.tables, change)
            ):
                out.append(change)
                break
    return tuple(out)


def _layouts(seed: Seed, change: Change | None) -> dict[str, Crawl]:
    """Every layout option alone, a label cut at every position, and all of them at once."""
    split = _number_split(_with(seed.tables, change), change)
    out = {"plain": Crawl(), "collapsed": Crawl(collapse=True)}
    for p in per_char(ROW_LABEL):
        out[f"row-split-{p}"] = Crawl(splits={ROW_LABEL: (p,)})
    for p in per_char(COL_LABEL):
        out[f"col-split-{p}"] = Crawl(splits={COL_LABEL: (p,)})
    chars = {label: per_char(label) for label in PER_CHAR}
    out["per-char"] = Crawl(splits=chars)
    if split:
        out["number-split"] = Crawl(number_split=split)
    out["ordinal"] = Crawl(ordinal_lines=True)
    out["residue"] = Crawl(residue=True)
    out["heading-twice"] = Crawl(twice=("problems",))
    out["combined"] = Crawl(
        collapse=True,
        splits={**chars, ROW_LABEL: (3,), COL_LABEL: (1,)},
        number_split=split,
        ordinal_lines=True,
        residue=True,
        twice=("problems",),
    )
    return out


# ---- one variant: render, parse, check -----------------------------------------------------


@dataclass(frozen=True)
class Variant:
    seed: Seed
    layout: str
    change: Change | None

    @property
    def id(self) -> str:
        return "-".join(
            [self.seed.short, self.layout, *([self.change.name] if self.change else [])]
        )

    @cached_property
    def crawl(self) -> Crawl:
        return _layouts(self.seed, self.change)[self.layout]

    @cached_property
    def truth(self) -> Tables:
        return _with(self.seed.tables, self.change)

    def lines(self) -> list[Line]:
        s = self.seed
        return report_lines(self.truth, body=s.body, year=s.year, crawl=self.crawl, units=s.units)

    def text(self) -> str:
        return "".join(f"{x.text}\n" for x in self.lines())  # what render() gives

    def verdict(self) -> Verdict:
        return _verdict(self.seed, self.change, self.crawl)


def _variants(changed: bool) -> list[Variant]:
    out = []
    for seed in SEEDS:
        for change in _changes(seed) if changed else (None,):
            out += [Variant(seed, name, change) for name in _layouts(seed, change)]
    return out


CHANGED = _variants(changed=True)
CLEAN = _variants(changed=False)


def _one_report(v: Variant) -> Report:
    text = v.text()
    digest = hashlib.sha256(text.encode()).hexdigest()
    reports = parse_document(Document(source="crawl.txt", kind="txt", text=text, sha256=digest))
    if len(reports) != 1:
        pytest.fail(f"one report rendered, {len(reports)} parsed", pytrace=False)
    return reports[0]


def _unread(t: Table, row: str, col: str) -> bool:
    """Named unread: absent and listed missing, or no value with MISSING or alternatives."""
    c = t.cell(row, col)
    if c is None:
        return (row, col) in t.missing
    return c.value is None and (c.fill is Fill.MISSING or bool(c.alternatives))


def _show(t: Table | None, row: str, col: str) -> str:
    c = t.cell(row, col) if t else None
    return "absent" if c is None else f"{c.value!r} fill={c.fill} alt={c.alternatives}"


def _wrong_figures(report: Report, truth: Tables) -> list[str]:
    """(b) Every figure the reader placed is the true figure of that very cell."""
    out = []
    for name in ("active", "applications", "appeals"):
        t = report.tables.get(name)
        if t is None:
            out.append(f"(b) {name}: table not read at all")
            continue
        for (row, col), c in t.cells.items():
            want = truth[name].get(row, {}).get(col)
            if c.value is not None and c.value != want:
                out.append(f"(b) wrong figure {name}/{row}/{col}: read {c.value!r}, true {want!r}")
    return out


def _printed_counts(lines: Iterable[Line]) -> Counter[str]:
    """How many value lines each 表二 row printed."""
    return Counter(x.cells[0][1] for x in lines if x.kind == "value" and x.cells[0][0] == "active")


def _active_problems(report: Report, truth: Tables, lines: list[Line]) -> list[str]:
    """(d) 表二 cells read or named unread; a row printed one figure per column, or one figure
    for the whole row (a collapsed all-equal row), is always read."""
    t = report.tables.get("active")
    if t is None:
        return []  # already reported by (b)
    counts = _printed_counts(lines)
    out = []
    for row, cols in truth["active"].items():
        must = counts[row] in (1, len(cols))
        for col, want in cols.items():
            c = t.cell(row, col)
            if c is not None and c.value == want:
                continue
            if must or not _unread(t, row, col):
                out.append(f"(d) active/{row}/{col}: true {want!r}, got {_show(t, row, col)}")
    return out


def _derived_problems(report: Report, lines: list[Line]) -> list[str]:
    """A cell read from a line that stands for several cells (a collapsed run) is ``derived``;
    a cell of a row printed one line per cell (nothing to infer) is not. A single-cell line in
    a row that also has runs is left alone: which of its lines are runs was itself inferred."""
    rows: dict[tuple[str, str], list[Line]] = {}
    for line in lines:
        if line.kind == "value":
            rows.setdefault((line.cells[0][0], line.cells[0][1]), []).append(line)
    out = []
    for row_lines in rows.values():
        cells = [c for x in row_lines for c in x.cells]
        # no run (a line for several cells) and no cut (several lines for one cell)
        plain = all(len(x.cells) == 1 for x in row_lines) and len(cells) == len(set(cells))
        for line in row_lines:
            if len(line.cells) == 1 and not plain:
                continue
            for name, row, col in line.cells:
                t = report.tables.get(name)
                got = t.cell(row, col) if t else None
                if (
                    got is not None
                    and got.value is not None
                    and got.derived != (len(line.cells) > 1)
                ):
                    out.append(
                        f"derived {name}/{row}/{col}: {got.derived}, its line stands for "
                        f"{len(line.cells)} cell(s)"
                    )
    return out


def _report(problems: list[str]) -> None:
    """Fail with the problems found, one a line (no traceback: the message says it all)."""
    if problems:
        shown = "\n".join(problems[:30])
        pytest.fail(f"{len(problems)} problem(s):\n{shown}", pytrace=False)


def _check_header(report: Report, seed: Seed) -> list[str]:
    """(e) Body and year come from the title."""
    if (report.agency, report.year) == (seed.body, seed.year):
        return []
    return [
        f"(e) header: read {report.agency!r} {report.year!r}, title says {seed.body} {seed.year}"
    ]


# ---- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("v", CHANGED, ids=lambda v: v.id)
def test_changed_cell(v: Variant) -> None:
    """One cell changed (identities now broken): it is read or named unread, no figure ever
    lands in a wrong cell, and every cell the change does not touch is still read."""
    assert v.change is not None
    report = _one_report(v)
    truth, verdict, lines = v.truth, v.verdict(), v.lines()
    problems = _wrong_figures(report, truth)
    t_name, c_row, c_col = v.change.cell
    t = report.tables.get(t_name)
    c = t.cell(c_row, c_col) if t else None
    if t is None or not ((c is not None and c.value == v.change.value) or _unread(t, c_row, c_col)):
        problems.append(
            f"(a) changed {v.change.cell} = {v.change.value}: got {_show(t, c_row, c_col)}"
        )
    for name in ("applications", "appeals"):
        t = report.tables.get(name)
        for row, cols in truth[name].items():
            for col, want in cols.items():
                cell = (name, row, col)
                touched = cell[:2] == v.change.cell[:2] or (
                    name == t_name == "applications" and col == c_col
                )
                if cell == v.change.cell or touched or not verdict.determined(cell):
                    continue
                got = t.cell(row, col) if t else None
                if got is None or got.value != want:
                    problems.append(
                        f"(c) {name}/{row}/{col}: true {want!r}, got {_show(t, row, col)}"
                    )
    problems += _active_problems(report, truth, lines) + _check_header(report, v.seed)
    _report(problems)


@pytest.mark.parametrize("v", CLEAN, ids=lambda v: v.id)
def test_keyed_tables_read_exactly(v: Variant) -> None:
    """As keyed: every determined 表三 / 表四 cell is read exactly (all of them, unless the
    printed figures fit several tables); a cell expanded from a collapsed run is ``derived``,
    a cell of a row printed one figure per line is not."""
    report = _one_report(v)
    truth, verdict, lines = v.truth, v.verdict(), v.lines()
    problems = _wrong_figures(report, truth)
    for name in ("applications", "appeals"):
        t = report.tables.get(name)
        for row, cols in truth[name].items():
            for col, want in cols.items():
                got = t.cell(row, col) if t else None
                if verdict.determined((name, row, col)) and (got is None or got.value != want):
                    problems.append(
                        f"(c) {name}/{row}/{col}: true {want!r}, got {_show(t, row, col)}"
                    )
    problems += _derived_problems(report, lines)
    problems += _active_problems(report, truth, lines) + _check_header(report, v.seed)
    _report(problems)


def test_no_variant_is_deceptive() -> None:
    """Every variant tested can be read right: its true reading is among the kept ones."""
    fooled = [v.id for v in CHANGED + CLEAN if v.verdict().deceptive]
    assert not fooled


def test_deceptive_changes_are_left_out() -> None:
    """What ``_changes`` skips, and why. A figure made non-zero in a collapsed zero run prints
    like a run of two, and a run of two can make a group add up: seed 000's 表四 with
    复议后起诉 结果维持 0 -> 1 prints 0/1/0/1/2/0/1/0, which also reads as a consistent table
    (未经复议直接起诉 尚未审结 = 总计 = 1). In the all-zero seed 004 every total made non-zero
    reads as 其他 = 总计 (APP-ROW holds), so 004 gets no changed total."""
    s000 = _seed("000")
    lone = Change("appeal", ("appeals", "count", "suit_after_review.upheld"), 1)
    assert _verdict(s000, lone, Crawl(collapse=True)).deceptive == {"appeals"}
    assert lone not in _changes(s000)
    s004 = _seed("004")
    total = Change("total", ("applications", "total", "total"), 1)
    assert _verdict(s004, total, Crawl(collapse=True)).deceptive == {"applications"}
    kinds = {s.short: [c.name for c in _changes(s)] for s in SEEDS}
    assert kinds.pop("004") == ["run", "appeal"]
    assert all(k == ["run", "total", "appeal"] for k in kinds.values()), kinds


# ---- the generator alone --------------------------------------------------------------------


def _row_values(lines: Iterable[Line], table: str, row: str) -> list[str]:
    return [x.text for x in lines if x.kind == "value" and x.cells[0][:2] == (table, row)]


def test_seeds_cover_both_templates() -> None:
    assert len(SEEDS) >= 10
    assert {s.template for s in SEEDS} == {"t2021", "t2019"}


def test_collapse_prints_a_run_once() -> None:
    lines = [
        Line(x, "value", (("applications", "new", c.key),))
        for x, c in zip("3000003", APP_COLS, strict=True)
    ]
    out = collapse(lines)
    assert [x.text for x in out] == ["3", "0", "3"]
    assert [len(x.cells) for x in out] == [1, 5, 1]


def test_collapsed_page_runs_and_lone_zero() -> None:
    tables = _with(_seed("000").tables, None)
    tables["applications"]["new"] = dict(
        zip([c.key for c in APP_COLS], [3, 0, 0, 0, 0, 0, 3], strict=True)
    )
    lines = report_lines(tables, body="莆田市某某局", year=2021, crawl=Crawl(collapse=True))
    assert _row_values(lines, "applications", "new") == ["3", "0", "3"]
    assert _row_values(lines, "applications", "withheld.secret") == ["0"]
    assert _row_values(lines, "active", "rules") == ["0"]  # 表二 0,0,0
    texts = [x.text for x in lines]
    assert all(a != b for a, b in itertools.pairwise(texts))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: s.short)
def test_plain_page_prints_every_cell_in_order(seed: Seed) -> None:
    lines = report_lines(seed.tables, body=seed.body, year=seed.year, units=seed.units)
    for r in app_rows(seed.template):
        want = [str(seed.tables["applications"][r.key][c.key]) for c in APP_COLS]
        assert _row_values(lines, "applications", r.key) == want
    want = [str(seed.tables["appeals"]["count"][c.key]) for c in APPEAL_COLS]
    assert _row_values(lines, "appeals", "count") == want
    cells = [c for x in lines for c in x.cells]
    every = [(t, r, c) for t, rows in seed.tables.items() for r, cols in rows.items() for c in cols]
    assert sorted(cells) == sorted(every)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: s.short)
def test_every_layout_keeps_every_cell_once(seed: Seed) -> None:
    every = sorted(
        (t, r, c) for t, rows in seed.tables.items() for r, cols in rows.items() for c in cols
    )
    for name, crawl in _layouts(seed, None).items():
        lines = report_lines(
            seed.tables, body=seed.body, year=seed.year, crawl=crawl, units=seed.units
        )
        cut = crawl.number_split[0] if crawl.number_split else None
        cells = sorted(c for x in lines for c in x.cells if c != cut)
        assert cells == [c for c in every if c != cut], name
        if cut:  # both pieces kept, each its own line, and they join back to the figure
            pieces = [x.text for x in lines if cut in x.cells]
            assert len(pieces) == 2, name
            assert "".join(pieces) == str(seed.tables[cut[0]][cut[1]][cut[2]]), name


def test_metadata_and_sections() -> None:
    text = render(_seed("000").tables, body="莆田市某某局", year=2021)
    head = text.splitlines()[:7]
    assert head[0] == "标题: 莆田市某某局2021年度政府信息公开工作年度报告"
    assert head[1] == "发布时间: 2022-01-15 17:43"
    assert head[2] == "文号: "
    assert head[3:5] == ["发布机构: 莆田市某某局", "栏目: 政府信息公开年报"]
    assert head[5].startswith("原始链接: https://")
    assert head[6] == "正文:"
    lines = text.splitlines()
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "六、其他需要报告的事项"):
        assert lines.count(heading) == 1
    at = lines.index("三、收到和处理政府信息公开申请情况")
    assert lines[at + 3 : at + 6] == ["自然人", "法人或其他组织", "总计"]
    assert "第二十条第（一）项" in lines
    assert "本年收费金额（单位：万元）" in lines


@pytest.mark.parametrize(
    "seed", [s for s in SEEDS if s.short in ("000", "001.2")], ids=lambda s: s.short
)
def test_label_cuts_join_back(seed: Seed) -> None:
    """Joining the lines of a cut page gives back exactly the uncut page: every label whole."""
    plain = "".join(x.text for x in report_lines(seed.tables, body=seed.body, year=seed.year))
    for crawl in _layouts(seed, None).values():
        if crawl.collapse or crawl.residue or crawl.twice:
            continue
        lines = report_lines(seed.tables, body=seed.body, year=seed.year, crawl=crawl)
        joined = "".join(x.text for x in lines)
        if crawl.ordinal_lines:  # 2.重复申请 is printed 2 / 、重复申请
            joined = re.sub(r"(\d)、", r"\1.", joined)
        assert joined == plain


def test_label_cut_at_a_position_and_per_character() -> None:
    tables = _seed("000").tables
    lines = [
        x.text
        for x in report_lines(tables, body="某局", year=2021, crawl=Crawl(splits={COL_LABEL: (1,)}))
    ]
    at = lines.index("社")
    assert lines[at + 1] == "会公益组织"
    crawl = Crawl(splits={"结果维持": per_char("结果维持"), ROW_LABEL: (3,)})
    lines = [x.text for x in report_lines(tables, body="某局", year=2021, crawl=crawl)]
    assert lines.count("维") == 3  # 表四 prints 结果维持 once per group
    at = lines.index("（七）")
    assert lines[at + 1] == "总计"


def test_number_cut_and_ordinal_lines() -> None:
    tables = _with(_seed("000").tables, None)
    tables["applications"]["granted"].update(natural=162, total=162)
    cell = ("applications", "granted", "natural")
    lines = report_lines(
        tables, body="某局", year=2021, crawl=Crawl(number_split=(cell, 1), collapse=True)
    )
    assert _row_values(lines, "applications", "granted") == ["1", "62", "0", "162"]
    page = report_lines(tables, body="某局", year=2021, crawl=Crawl(ordinal_lines=True))
    texts = [x.text for x in page]
    at = texts.index("、重复申请")
    assert texts[at - 1] == "2"
    assert "、属于国家秘密" in texts


def test_residue_and_heading_twice() -> None:
    crawl = Crawl(residue=True, twice=("problems",))
    lines = [x.text for x in report_lines(_seed("000").tables, body="某局", year=2021, crawl=crawl)]
    assert lines.count("五、存在的主要问题及改进情况") == 2
    early = lines.index("五、存在的主要问题及改进情况")
    assert lines[early - 1] == "四、政府信息公开行政复议、行政诉讼情况"  # as in corpus 016
    assert lines.count("翻译") >= 6
    assert lines[7:9] == ["首页", ">"]
    assert lines[-3:] == ["翻译", "搜索", "复制"]


def test_table_lines_follow_the_template() -> None:
    t19 = table_lines(_seed("001.2").tables)
    texts = [x.text for x in t19["active"]]
    assert "第二十条第（九）项" in texts
    assert "+163" in texts
    assert "-32" in texts
    assert "（六）其他处理" in [x.text for x in t19["applications"]]
    assert len([x for x in t19["appeals"] if x.kind == "value"]) == 15


# ---- the honest reader's model ---------------------------------------------------------------


def test_verdict_reads_a_run_by_its_row_identity() -> None:
    assert _expansions(("3", "0", "3"), 7, False)[0] == (3, 0, 0, 0, 0, 0, 3)
    ok = [v for v in _expansions(("3", "0", "3"), 7, False) if sum(v[:6]) == v[6]]
    assert ok == [(3, 0, 0, 0, 0, 0, 3)]
    assert (162, 0, 0, 0, 0, 0, 162) in _expansions(("1", "62", "0", "162"), 7, True)


def test_verdict_names_a_genuine_ambiguity() -> None:
    """Seed 001 report 1: 新收 340,17,0,0,1,0,358 collapses to 340/17/0/1/0/358, and 无法提供 1.
    and (七)总计 the same way: the 1 fits 社会公益组织 or 法律服务机构 in all three rows with every
    identity holding, so those cells are not determined; the rest are."""
    v = Variant(_seed("001.1"), "collapsed", None)
    verdict = v.verdict()
    assert not verdict.deceptive
    for row in ("new", "unable.not_held", "total"):
        assert not verdict.determined(("applications", row, "ngo"))
        assert not verdict.determined(("applications", row, "legal"))
        assert verdict.determined(("applications", row, "natural"))
    assert verdict.determined(("applications", "carried_in", "legal"))


def test_verdict_of_a_changed_run_middle() -> None:
    """A 0 in the middle of a run made 5: its row now breaks APP-ROW whichever cell the 5 is
    placed in, so only the cells it could move between are undetermined."""
    v = next(x for x in CHANGED if x.id == "000-collapsed-run")
    verdict = v.verdict()
    t, row, col = v.change.cell  # type: ignore[union-attr]
    assert not verdict.determined(v.change.cell)  # type: ignore[union-attr]
    assert verdict.determined((t, row, "natural"))
    assert verdict.determined((t, "carried_in", col))


@pytest.mark.parametrize("v", [v for v in CLEAN if v.seed.short == "001.1"], ids=lambda v: v.id)
def test_tianqiao_2021_misprint_is_found_in_every_crawled_layout(v: Variant) -> None:
    """The user's own example: Tianqiao 2021 (六)其他处理 1. prints 自然人 3 but 总计 1. However
    the crawler printed it, the audit names that 总计 cell with 1 against 3."""
    from gik_desk.rules import audit

    found = [f for f in audit([_one_report(v)]) if f.rule == "APP-ROW"]
    assert [(f.cells[0].row, f.cells[0].col, f.actual, f.expected) for f in found] == [
        ("other.no_supplement", "total", 1, 3)
    ]
