"""Random consistent 表三/表四 tables printed in the layouts of docs/LAYOUTS.md (issue 25), and the
test's own brute-force reading of what was printed.

A table is drawn from a ``random.Random`` (so the bench draws 10,000 without Hypothesis and the
property draws a seed): 表三's results per column, its 总计 and balance, each row's 总计; 表四's
three groups. Each row is then printed in one *layout class*:

- ``run``      the row's figures as one digit run glued to its label (``…数量583000061``);
- ``spaced``   the same run after a space (``…数量 583000061``);
- ``partial``  separators at a random subset of the boundaries (``…数量450 000045``);
- ``full``     every boundary separated; figures of four digits and more printed with thousands
  separators (a comma, a space, a no-break space or a thin space: ``1 234``);
- ``markdown`` (the whole report) a converter's markdown: one table per 表三 row group under
  ``| 数据1 | … | 总计 |``, the last under a header naming other columns, a blank table of ``-``,
  表四 in three five-column tables; thousands separators inside cells.

:func:`brute_readings` lists every way the printed text of one row can be its cells, by
enumerating every set of cut positions in its digits, and :func:`determined` keeps the tables
whose rows are such readings and whose column and balance identities hold: a cell is
*determined* where all of them agree. Nothing here calls the reader.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from itertools import product

APP_LABELS = (
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried_in", "二、上年结转政府信息公开申请数量"),
    ("granted", "三、本年度办理结果(一)予以公开"),
    ("partial", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"),
    ("withheld.secret", "(三)不予公开1.属于国家秘密"),
    ("withheld.law", "2.其他法律行政法规禁止公开"),
    ("withheld.safety", "3.危及“三安全一稳定”"),
    ("withheld.third_party", "4.保护第三方合法权益"),
    ("withheld.internal", "5.属于三类内部事务信息"),
    ("withheld.process", "6.属于四类过程性信息"),
    ("withheld.enforcement", "7.属于行政执法案卷"),
    ("withheld.query", "8.属于行政查询事项"),
    ("unable.not_held", "(四)无法提供1.本机关不掌握相关政府信息"),
    ("unable.needs_making", "2.没有现成信息需要另行制作"),
    ("unable.unclear", "3.补正后申请内容仍不明确"),
    ("rejected.petition", "(五)不予处理1.信访举报投诉类申请"),
    ("rejected.repeat", "2.重复申请"),
    ("rejected.publication", "3.要求提供公开出版物"),
    ("rejected.mass", "4.无正当理由大量反复申请"),
    ("rejected.confirm", "5.要求行政机关确认或重新出具已获取信息"),
    (
        "other.no_supplement",
        "(六)其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    ("other.no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", "3.其他"),
    ("total", "(七)总计"),
    ("carried_out", "四、结转下年度继续办理"),
)
APP_COLS = ("natural", "business", "research", "ngo", "legal", "other", "total")
RESULTS = tuple(k for k, _ in APP_LABELS[2:-2])
APPEAL_COLS = tuple(
    f"{g}.{p}"
    for g in ("review", "suit_direct", "suit_after_review")
    for p in ("upheld", "corrected", "other", "pending", "total")
)
CLASSES = ("run", "spaced", "partial", "full")
REPORT_CLASSES = (*CLASSES, "markdown")  # markdown is a whole report's layout
_HEAD = "某某区人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年,某某区坚持公开。\n"
_APP_HEAD = (
    "三、收到和处理政府信息公开申请情况\n"
    "申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他\n"
)
_APPEAL_HEAD = (
    "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n"
    "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉 "
    "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n"
)
_TAIL = "五、存在的主要问题及改进情况\n无。\n"
THOUSANDS = (",", " ", "\u00a0", "\u2009")

Pos = tuple[str, str, str]  # (table, row, col)


@dataclass
class Rendered:
    """A printed report: its text, the figures it prints, and each row's printed figures."""

    text: str
    truth: dict[Pos, int]
    printed: dict[tuple[str, str], str] = field(default_factory=dict)  # (table, row) -> figures
    classes: dict[tuple[str, str], str] = field(default_factory=dict)
    changed: Pos | None = None


def _count(rng: random.Random, busy: float) -> int:
    """Mostly 0, then small counts, now and then one of four digits."""
    x = rng.random()
    if x > busy:
        return 0
    y = rng.random()
    if y < 0.7:
        return rng.randint(1, 9)
    if y < 0.98:
        return rng.randint(10, 99)
    return rng.randint(100, 2500)


def draw_applications(rng: random.Random) -> dict[tuple[str, str], int]:
    """A consistent 表三: every row, column and balance identity holds."""
    v: dict[tuple[str, str], int] = {}
    zero_table = rng.random() < 0.05
    for col in APP_COLS[:-1]:
        busy = 0.0 if zero_table else (0.5 if col == "natural" else 0.12)
        for r in RESULTS:
            v[r, col] = _count(rng, busy * (1.5 if r in ("granted", "unable.not_held") else 0.6))
        v["total", col] = sum(v[r, col] for r in RESULTS)
        v["carried_out", col] = _count(rng, busy * 0.4)
        v["carried_in", col] = (
            rng.randint(0, v["total", col] + v["carried_out", col]) if (rng.random() < busy) else 0
        )
        v["new", col] = v["total", col] + v["carried_out", col] - v["carried_in", col]
    for row, _ in APP_LABELS:
        v[row, "total"] = sum(v[row, c] for c in APP_COLS[:-1])
    return v


def draw_appeals(rng: random.Random) -> dict[str, int]:
    v: dict[str, int] = {}
    busy = rng.choice((0.0, 0.2, 0.5))
    for g in ("review", "suit_direct", "suit_after_review"):
        parts = [_count(rng, busy) for _ in range(4)]
        for p, x in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            v[f"{g}.{p}"] = x
        v[f"{g}.total"] = sum(parts)
    return v


def print_row(values: list[int], cls: str, rng: random.Random) -> str:
    """One row's figures in layout ``cls`` (the label and its separator are the caller's)."""
    texts = [str(x) for x in values]
    if cls in ("run", "spaced"):
        return "".join(texts)
    if cls == "full":
        out = []
        for t in texts:
            if len(t) >= 4 and rng.random() < 0.7:
                sep = rng.choice(THOUSANDS)
                t = f"{int(t):,}".replace(",", sep)
            out.append(t)
        return " ".join(out)
    # partial: a random subset of the boundaries
    out = texts[0]
    for t in texts[1:]:
        out += (" " if rng.random() < 0.5 else "") + t
    return out


def render(
    rng: random.Random,
    cls: str | None = None,
    change: bool = False,
) -> Rendered:
    """A report with a consistent 表三 and 表四, each row in ``cls`` (or a random class per row);
    ``change``: one printed cell then differs from its consistent value."""
    app = draw_applications(rng)
    appeals = draw_appeals(rng)
    truth: dict[Pos, int] = {("applications", r, c): x for (r, c), x in app.items()}
    truth.update({("appeals", "count", c): x for c, x in appeals.items()})
    changed: Pos | None = None
    if change:
        changed = rng.choice(sorted(truth))
        old = truth[changed]
        truth[changed] = (
            old + rng.choice((1, 2, 10)) if old == 0 or rng.random() < 0.5 else (old - 1)
        )
    out = Rendered("", truth, changed=changed)
    if cls == "markdown":
        return _markdown(out, rng)
    lines = [_HEAD, _APP_HEAD]
    for row, label in APP_LABELS:
        c = cls or rng.choice(CLASSES)
        figures = print_row([truth["applications", row, col] for col in APP_COLS], c, rng)
        out.printed["applications", row] = figures
        out.classes["applications", row] = c
        lines.append(label + ("" if c == "run" else " ") + figures + "\n")
    c = cls or rng.choice(CLASSES)
    figures = print_row([truth["appeals", "count", col] for col in APPEAL_COLS], c, rng)
    out.printed["appeals", "count"] = figures
    out.classes["appeals", "count"] = c
    lines.append(_APPEAL_HEAD + figures + "\n" + _TAIL)
    out.text = "".join(lines)
    return out


_MD_RULE = "|---|---|---|---|---|---|---|---|\n"
_MD_DATA = "| 申请人情况 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n" + _MD_RULE
_MD_OTHER = "| 项目 | 自然人 | 总计 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n"
_MD_BLANK = (
    "| 申请人情况 | 自然人 | 法人或其他组织 | - | - | - | - | 总计 |\n"
    "| - | - | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | - |\n\n"
)
_MD_CUTS = (0, 2, 4, 12, 15, 20, 23, len(APP_LABELS))  # 表三's row groups, one table each
_MD_GROUPS = ("行政复议", "行政诉讼 未经复议直接起诉", "行政诉讼 复议后起诉")


def _md_cells(values: list[int], rng: random.Random) -> str:
    """Figures one per markdown cell; four digits and more perhaps with thousands separators."""
    out = []
    for x in values:
        t = str(x)
        if len(t) >= 4 and rng.random() < 0.7:
            t = f"{x:,}".replace(",", rng.choice(THOUSANDS))
        out.append(t)
    return " | ".join(out)


def _markdown(out: Rendered, rng: random.Random) -> Rendered:
    """The report as a converter writes markdown: 表三 one small table per row group under
    invented headers (the last naming other columns than it holds), a blank 申请人情况 table
    of ``-``, 表四 one five-column table per group."""
    body = [_HEAD.replace("一、", "## 一、"), "## " + _APP_HEAD, _MD_BLANK]
    for k in range(len(_MD_CUTS) - 1):
        body.append(_MD_OTHER + _MD_RULE if k == len(_MD_CUTS) - 2 else _MD_DATA)
        for row, label in APP_LABELS[_MD_CUTS[k] : _MD_CUTS[k + 1]]:
            figures = _md_cells([out.truth["applications", row, c] for c in APP_COLS], rng)
            out.printed["applications", row] = figures
            out.classes["applications", row] = "markdown"
            body.append(f"| {label} | {figures} |\n")
        body.append("\n")
    body.append("## 四、政府信息公开行政复议、行政诉讼情况\n\n")
    pieces = []
    for g, name in enumerate(_MD_GROUPS):
        cols = APPEAL_COLS[g * 5 : g * 5 + 5]
        figures = _md_cells([out.truth["appeals", "count", c] for c in cols], rng)
        pieces.append(figures)
        body.append(f"| {name} | | | | |\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n")
        body.append("|---|---|---|---|---|\n| " + figures + " |\n\n")
    out.printed["appeals", "count"] = " | ".join(pieces)
    out.classes["appeals", "count"] = "markdown"
    body.append("## " + _TAIL)
    out.text = "".join(body)
    return out


# ---- the test's own reading: brute force over cut positions ----------------------------------


def _tokens(figures: str) -> list[str]:
    for sep in THOUSANDS[2:]:
        figures = figures.replace(sep, " ")
    return figures.split()


def brute_readings(figures: str, groups: tuple[int, ...]) -> set[tuple[int, ...]]:
    """Every reading of a row's printed figures as ``sum(groups)`` cells, each group's last
    the sum of the others: cut the digits anywhere, each printed space a boundary unless it
    is a thousands separator (a lead of one to three digits, then groups of three, as one
    cell); a figure printed with commas is one cell; no part has a leading zero."""
    tokens = _tokens(figures)
    n = sum(groups)
    digits = ""
    bounds: list[int] = []  # positions in ``digits`` where a space was printed
    bars: set[int] = set()  # where a bar was: always a boundary
    for k, tok in enumerate(tokens):
        if tok == "|":
            bars.add(len(digits))
            continue
        if k:
            bounds.append(len(digits))
        digits += tok.replace(",", "")
    tokens = [t for t in tokens if t != "|"]
    # a token printed with a comma is one number: no cut inside it
    atomic: set[int] = set()
    at = 0
    for tok in tokens:
        plain = tok.replace(",", "")
        if "," in tok:
            atomic.update(range(at + 1, at + len(plain)))
        at += len(plain)
    out: set[tuple[int, ...]] = set()
    starts = [0]  # index of each group's first cell
    for size in groups[:-1]:
        starts.append(starts[-1] + size)
    spaces = sorted(set(bounds))
    width = len(digits)

    def part_ok(a: int, b: int) -> bool:
        if b < width and b in atomic:
            return False
        if b - a > 1 and digits[a] == "0":
            return False
        if any(a < p < b for p in bars):
            return False
        inside = [p for p in spaces if a < p < b]
        if inside:  # spaces inside one cell: thousands separators only, whole tokens
            segs = [digits[x:y] for x, y in zip((a, *inside), (*inside, b), strict=True)]
            if not (1 <= len(segs[0]) <= 3 and all(len(s) == 3 for s in segs[1:])):
                return False
            if (a and a not in spaces) or (b < width and b not in spaces):
                return False
        return True

    # the row's last cell (the last group's total) is a suffix: try each, then the rest
    for s in range(width - 1, n - 2, -1):
        if not part_ok(s, width):
            continue
        last = int(digits[s:])

        def walk(pos: int, vals: list[int], acc: int, s: int = s, last: int = last) -> None:
            k = len(vals)
            if k == n - 1:
                if pos == s and acc == last:
                    out.add((*vals, last))
                return
            if s - pos < n - 1 - k:
                return
            in_last = k >= starts[-1]
            for b in range(pos + 1, s + 1):
                if not part_ok(pos, b):
                    continue
                value = int(digits[pos:b])
                if in_last and acc + value > last:
                    break
                g = max(i for i, st in enumerate(starts) if st <= k)
                end = starts[g] + groups[g] - 1  # index of this group's total
                if k == end:  # a total in the middle of the row
                    if value == acc:
                        vals.append(value)
                        walk(b, vals, 0)
                        vals.pop()
                    continue
                vals.append(value)
                walk(b, vals, acc + value)
                vals.pop()

        walk(0, [], 0)
    return out


def _group_sum(vals: list[int], groups: tuple[int, ...], k: int) -> int:
    """The sum of the parts already read in the group whose last cell is ``vals[k]``."""
    at = 0
    for size in groups:
        if at + size - 1 == k:
            return sum(vals[at:k])
        at += size
    return -1


Readings = dict[tuple[str, str], tuple[int, ...]]  # (table, row) -> the row's cells


def consistent_tables(r: Rendered, limit: int = 20000) -> dict[str, list[Readings]] | None:
    """Per table, every reading of the printed report in which each row is one of its
    :func:`brute_readings` and every identity across rows holds (empty: none does); None when
    there are more than ``limit`` combinations to try."""
    options: dict[tuple[str, str], list[tuple[int, ...]]] = {}
    for (table, row), figures in r.printed.items():
        groups = (7,) if table == "applications" else (5, 5, 5)
        options[table, row] = sorted(brute_readings(figures, groups))
    out: dict[str, list[Readings]] = {}
    appeal = options["appeals", "count"]
    out["appeals"] = [{("appeals", "count"): o} for o in appeal]
    app_rows = [k for k in options if k[0] == "applications"]
    if any(not options[k] for k in app_rows):
        out["applications"] = []
        return out
    ambiguous = [k for k in app_rows if len(options[k]) > 1]
    size = 1
    for k in ambiguous:
        size *= len(options[k])
    if size > limit:
        return None
    tables: list[Readings] = []
    for combo in product(*(options[k] for k in ambiguous)):
        chosen = {k: options[k][0] for k in app_rows}
        chosen.update(dict(zip(ambiguous, combo, strict=True)))
        if _columns_hold(chosen):
            tables.append(chosen)
    out["applications"] = tables
    return out


def determined(r: Rendered, limit: int = 20000) -> dict[Pos, int] | None:
    """The cells every consistent reading of the printed report agrees on, with their value;
    None when there are more than ``limit`` tables to try."""
    found = consistent_tables(r, limit)
    if found is None:
        return None
    out: dict[Pos, int] = {}
    for tables in found.values():
        if not tables:
            continue
        for (table, row), cells in tables[0].items():
            cols = APP_COLS if table == "applications" else APPEAL_COLS
            for j, col in enumerate(cols):
                if all(t[table, row][j] == cells[j] for t in tables[1:]):
                    out[table, row, col] = cells[j]
    return out


def _columns_hold(t: dict[tuple[str, str], tuple[int, ...]]) -> bool:
    for j in range(len(APP_COLS)):
        if sum(t["applications", r][j] for r in RESULTS) != t["applications", "total"][j]:
            return False
        if (
            t["applications", "new"][j] + t["applications", "carried_in"][j]
            != t["applications", "total"][j] + t["applications", "carried_out"][j]
        ):
            return False
    return True
