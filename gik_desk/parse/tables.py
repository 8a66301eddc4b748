"""Token stream → canonical tables: 表二 ``active``, 表三 ``applications``, 表四 ``appeals``.

Label tokens accumulate; when values arrive, the shortest tail of the accumulated labels that
the template recognises names the row (so a group label ``(三)不予公开`` before
``1.属于国家秘密`` does no harm, and a wrapped label still matches). The generation of each
table is read from what is printed, not assumed from the year.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from gik_desk.model import Span, Table
from gik_desk.parse.builder import TableBuilder
from gik_desk.parse.numbers import read_cell
from gik_desk.parse.tokens import Token
from gik_desk.template import (
    APP_COLS,
    APP_ROWS,
    APPEAL_COLS,
    active_rows,
    match_active_row,
    match_app_row,
    normalise_label,
)
from gik_desk.template.identities import app_identities, appeal_identities
from gik_desk.template.tables import APPEAL_GROUP_WORDS, expected_cells

_APP_ORDER = {r.key: i for i, r in enumerate(APP_ROWS)}
_APP_COL_KEYS = tuple(c.key for c in APP_COLS)
_T2021_OTHER = frozenset({"other.no_supplement", "other.no_fee", "other.other"})
_T2019_ACTIVE_MARKS = (
    "本年新制作",
    "本年新作",
    "本年新公开",
    "对外公开总数",
    "上一年项目",
    "第二十条第(九)项",
    "集中采购",
    "本年增/减",
    "采购项目",
)
_ACTIVE_HEADER_WORDS = ("第二十条", "信息内容", "处理决定", "本年制发", "本年新制作", "现行有效")
_T2021_ACTIVE_MARKS = ("本年制发", "本年废止", "现行有效", "本年收费金额", "行政规范性文件")


def _runs(tokens: Sequence[Token]) -> list[tuple[list[Token], list[Token]]]:
    """(labels, values) pairs: each maximal run of values with the labels before it."""
    out: list[tuple[list[Token], list[Token]]] = []
    labels: list[Token] = []
    values: list[Token] = []
    for t in tokens:
        if t.is_label:
            if values and all(v.is_layout_blank for v in values):
                values = []  # empty cells between labels are layout (``行政复议 |  | 行政诉讼``)
            if values:
                out.append((labels, values))
                labels, values = [], []
            labels.append(t)
        else:
            values.append(t)
    if labels or values:
        out.append((labels, values))
    return out


def _resolve(
    labels: Sequence[Token], match: Callable[[str], str | None], lines: bool = False
) -> tuple[str | None, list[Token]]:
    """The row key of the shortest recognised tail of ``labels`` and the tokens it used.

    ``lines``: a label printed over several lines (``3.`` / ``危及`` / ``“`` / ``三安全一稳定``)
    takes back the short pieces before its recognised tail, so TPL-LABEL sees all of it.
    """
    joined = ""
    for k in range(1, len(labels) + 1):
        joined = labels[-k].text + joined  # the tail's text, one label longer each time
        key = match(joined)
        if key is not None:
            tail = labels[-k:]
            if lines:
                while (
                    k < len(labels)
                    and not _ORDINAL_START.match(normalise_label(tail[0].text))
                    and _fragment(labels[-k - 1].text)
                ):
                    longer = labels[-k - 1 :]
                    if match("".join(t.text for t in longer)) != key:
                        break
                    k += 1
                    tail = longer
            return key, list(tail)
    return None, []


_ORDINAL_START = re.compile(r"^(?:[一二三四五六七八九十]+、|\(\w{1,2}\)|\d+\.)")


def _fragment(text: str) -> bool:
    """A piece of a label split over lines: at most three characters, not a group heading."""
    s = normalise_label(text)
    return 0 < len(s) <= 3 and not s.startswith("(")


def join_fragments(tokens: Sequence[Token], words: Sequence[str]) -> list[tuple[str, list[Token]]]:
    """Header labels printed over several lines (``结`` / ``果`` / ``维`` / ``持``, ``社`` /
    ``会公益组织``) joined back into the official ``words`` they spell; a piece that spells
    none stays as printed (a truncated header is TPL-LABEL's, not ours to complete)."""
    official = [normalise_label(w) for w in words]
    out: list[tuple[str, list[Token]]] = []
    i = 0
    while i < len(tokens):
        best = 0
        acc = ""
        for j in range(i, len(tokens)):
            acc += normalise_label(tokens[j].text)
            if not any(w.startswith(acc) for w in official):
                break
            if acc in official:
                best = j - i + 1
        take = max(best, 1)
        parts = list(tokens[i : i + take])
        out.append(("".join(t.text for t in parts), parts))
        i += take
    return out


# ---- 表三 --------------------------------------------------------------------------------


def read_applications(
    tokens: Sequence[Token], year_template: str, lines: bool = False
) -> Table | None:
    """表三 from its region's tokens; None when no row of it is found. ``lines``: the region
    prints one cell per line, so a row may show fewer values than cells (``readings``)."""
    b = TableBuilder("applications", year_template)
    found: list[str] = []
    header: list[Token] = []
    carry: list[Token] = []  # numbers printed before their row's label (PDF wrapping)
    last_end = 0
    runs = _runs(tokens)
    for n, (labels, values) in enumerate(runs):
        previous = found[-1] if found else None
        key, used = _resolve(labels, _app_matcher(previous), lines)
        if key == "total" and not found:
            key = None  # the 总计 column header, not the (七)总计 row
        if not found:
            header.extend(labels[: len(labels) - len(used)] if key else labels)
        if carry:
            carry = _place_carry(b, carry, labels[: len(labels) - len(used)], found, key)
        if key is None or (found and _APP_ORDER[key] <= _APP_ORDER[found[-1]]):
            if values and found:
                b.skip(values, "未能对应到表三的行")
            elif values and not all(v.cell and v.cell.fill.is_blank for v in values):
                b.skip(values, "表头前的数值")
            continue
        if not values:
            continue  # a label without figures (narrative words) is not a row
        b.label(key, used)
        if lines:
            nxt = runs[n + 1][0][0] if n + 1 < len(runs) and runs[n + 1][0] else None
            b.place_lines(key, _APP_COL_KEYS, values, merged=_ordinal_figure(nxt))
        else:
            carry = b.place_row(key, _APP_COL_KEYS, values, groups=(7,), keep_extra=True)
        found.append(key)
        last_end = values[-1].span.end if values else used[-1].span.end
        if key == "carried_out":
            break
    if carry:
        b.skip(carry, f"{found[-1]} 行多出的数值")
    if not found:
        return None
    _col_labels(b, header, lines)
    if _T2021_OTHER & set(found):
        b.template = "t2021"
    elif "other" in found:
        b.template = "t2019"
    else:
        b.template = "t2019" if year_template == "t2019" else "t2021"
    b.settle(app_identities(b.template))
    start = tokens[0].span.start
    return b.build(expected_cells("applications", b.template), Span(start, max(last_end, start)))


def _ordinal_figure(label: Token | None) -> Token | None:
    """The ordinal digit of the next row's label, as a figure this row may have ended with:
    a crawler that collapses identical lines prints ``2`` / ``0`` / ``2`` + ``2`` /
    ``、重复申请`` as ``2`` / ``0`` / ``2`` / ``、重复申请``, so the last ``2`` is both."""
    if label is None or label.ordinal is None:
        return None
    start, end = label.ordinal.start, label.ordinal.end
    digits = label.text[: end - start]
    return Token(digits, Span(start, end), read_cell(digits))


def _app_matcher(previous: str | None) -> Callable[[str], str | None]:
    def match(label: str) -> str | None:
        return match_app_row(label, previous)

    return match


def _place_carry(
    b: TableBuilder, carry: list[Token], labels: Sequence[Token], found: list[str], nxt: str | None
) -> list[Token]:
    """Numbers left over from the row above belong to a row whose label follows them, when
    that label names a row between the one above and the next one (PDF: ``3 0 0 0 0 0 3`` then
    ``2.没有现成信息需要另行制作``). Anything else is unread."""
    previous = found[-1] if found else None
    key, used = _resolve(labels, _app_matcher(previous))
    lo = _APP_ORDER[previous] if previous else -1
    hi = _APP_ORDER[nxt] if nxt else len(_APP_ORDER)
    if key is not None and lo < _APP_ORDER[key] < hi and len(carry) == len(_APP_COL_KEYS):
        b.label(key, used)
        b.place_row(key, _APP_COL_KEYS, carry)
        b.notes.append(f"{key}: 数值印在行名之前(PDF 换行),按行名归位")
        found.append(key)
        return []
    b.skip(carry, f"{previous} 行多出的数值")
    return []


def _col_labels(b: TableBuilder, header: Sequence[Token], lines: bool = False) -> None:
    """Column headers of 表三 (商业 企业, 科研\\n机构 …) tied to their keys (TPL-LABEL)."""
    targets = [(c.key, normalise_label(c.label)) for c in APP_COLS]
    if lines:
        pieces = join_fragments(header, [c.label for c in APP_COLS])
    else:
        pieces = [(t.text, [t]) for t in header]
    for text, toks in pieces:
        s = normalise_label(text)
        for key, official in targets:
            if s == official or (
                key not in ("other", "total")
                and len(s) >= 2
                and (official.startswith(s) or s.startswith(official))
            ):
                b.label(key, toks, axis="col", text=text)
                break


# ---- 表四 --------------------------------------------------------------------------------


def read_appeals(tokens: Sequence[Token], year_template: str, lines: bool = False) -> Table | None:
    """表四: its fifteen header labels and the one row of fifteen values."""
    runs = _runs(tokens)
    best = max(range(len(runs)), key=lambda i: (len(runs[i][1]), -i), default=None)
    if best is None or not runs[best][1]:
        return None
    pieces_read = None
    if len(runs[best][1]) < len(APPEAL_COLS):
        # 表四 in three tables: the first run that starts three pieces, not the longest piece
        first = next((i for i in range(best + 1) if _appeal_pieces(runs, i)), None)
        if first is not None:
            best = first
            pieces_read = _appeal_pieces(runs, first)
    header = [t for labels, _ in runs[: best + 1] for t in labels]
    words = "".join(normalise_label(t.text) for t in header)
    if "维持" not in words or not ("纠正" in words or "尚未" in words):
        return None  # no 表四 header: a pre-2019 section's figures are narrative, not 表四
    b = TableBuilder("appeals", "t2019" if year_template == "t2019" else "t2021")
    if lines:
        official = [*APPEAL_GROUP_WORDS, *dict.fromkeys(c.display for c in APPEAL_COLS)]
        pieces = join_fragments(header, official)
    else:
        pieces = [(t.text, [t]) for t in header]
    parts = [p for p in pieces if normalise_label(p[0]) not in APPEAL_GROUP_WORDS]
    if len(parts) == len(APPEAL_COLS):
        for col, (text, toks) in zip(APPEAL_COLS, parts, strict=True):
            b.label(col.key, toks, axis="col", text=text)
    values = runs[best][1]
    last = best
    if pieces_read:
        values, last = pieces_read
        b.notes.append("表四分三段印出(每组一个表),按模板顺序合并为一行")
    if lines:
        b.place_lines("count", [c.key for c in APPEAL_COLS], values)
    else:
        b.place_row("count", [c.key for c in APPEAL_COLS], values, groups=(5, 5, 5))
    b.settle(appeal_identities())
    for labels, vals in runs[last + 1 :]:
        b.skip(vals, "表四之后的数值")
        del labels
    for _, vals in runs[:best]:
        b.skip(vals, "表四表头中的数值")
    span = Span(tokens[0].span.start, values[-1].span.end)
    return b.build(expected_cells("appeals", b.template), span)


_APPEAL_PIECE_WORDS = (*APPEAL_GROUP_WORDS, "结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def _appeal_pieces(
    runs: Sequence[tuple[list[Token], list[Token]]], best: int
) -> tuple[list[Token], int] | None:
    """表四 printed as three five-column tables, one per group (a converter's markdown): the
    three runs of five figures (a few more where a space separates thousands) with only 表四's
    header words between them, joined in the template's order for ``place_row`` to split by
    the group identities. None when the runs are not that."""
    picked: list[Token] = []
    k = best
    for n in range(3):
        if k >= len(runs):
            return None
        labels, vals = runs[k]
        figures = [v for v in vals if not v.is_layout_blank]
        if not 5 <= len(figures) <= 10:  # five cells; more where ``1 234`` prints two tokens
            return None
        words = [normalise_label(t.text) for t in labels]
        if n and not all(
            not w.strip("-:|") or any(p in w for p in _APPEAL_PIECE_WORDS) for w in words
        ):
            return None
        picked.extend(figures)
        k += 1
    return picked, k - 1


# ---- 表二 --------------------------------------------------------------------------------


def active_generation(tokens: Sequence[Token], year_template: str) -> str:
    """The generation whose own header words the table prints more of (本年新制作数量,
    上一年项目数量, 第二十条第(九)项 … against 本年制发件数, 现行有效件数 …): one stray
    2019 header in a 2021 table (莆田市水利局 2021: 上一年项目) does not make it 2019."""
    text = "".join(normalise_label(t.text) for t in tokens if t.is_label)
    old = sum(m in text for m in _T2019_ACTIVE_MARKS)
    new = sum(m in text for m in _T2021_ACTIVE_MARKS)
    if old != new:
        return "t2019" if old > new else "t2021"
    return "t2019" if year_template == "t2019" else "t2021"


def read_active(tokens: Sequence[Token], year_template: str, lines: bool = False) -> Table | None:
    """表二, block by block; each row takes as many values as its block has columns."""
    words = "".join(normalise_label(t.text) for t in tokens if t.is_label)
    if year_template == "pre2019" and not any(w in words for w in _ACTIVE_HEADER_WORDS):
        return None  # an old report's 主动公开 section without 表二's header is narrative
    gen = active_generation(tokens, year_template)
    spec = {r.key: tuple(c.key for c in cols) for r, cols in active_rows(gen)}
    b = TableBuilder("active", gen)
    found: set[str] = set()
    last_end = 0
    # prose before the first block header is narrative ("主动公开…文件277件"), not 表二
    started = not any(w in words for w in _ACTIVE_HEADER_WORDS)
    for labels, values in _runs(tokens):
        if not started:
            seen = "".join(normalise_label(t.text) for t in labels)
            if not any(w in seen for w in _ACTIVE_HEADER_WORDS):
                continue
            started = True
        key, used = _resolve(labels, match_active_row, lines)
        if key is not None and key in spec and key not in found and values:
            cols = spec[key]
            header = _block_header(labels[: len(labels) - len(used)])
            for col, t in zip(cols, header, strict=False):
                b.label(col, [t], axis="col")
            b.label(key, used)
            if lines:
                b.place_lines(key, cols, values, checked=False)
            else:
                b.place_row(key, cols, values)
            found.add(key)
            last_end = values[-1].span.end if values else used[-1].span.end
        elif values:
            b.skip(values, "未能对应到表二的行")
    if not found:
        return None
    b.settle(())
    start = tokens[0].span.start
    return b.build(expected_cells("active", gen), Span(start, max(start, last_end)))


def _block_header(labels: Sequence[Token]) -> list[Token]:
    """The column headers after 信息内容 in the labels before a block's first row."""
    for i in range(len(labels) - 1, -1, -1):
        if normalise_label(labels[i].text) == "信息内容":
            return list(labels[i + 1 :])
    return []
