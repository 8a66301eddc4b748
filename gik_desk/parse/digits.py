"""Splitting a run of digits back into cells (RULES.md PARSE).

Text copied from web pages runs a row's cells together: ``4120000043`` = 41·2·0·0·0·0·43.
The printed parts have no leading zeros (except "0" itself) and each group's last part is
the sum of the others (a 表三 row: six applicant columns and 总计; 表四: four results and 总计).
Every split that fits is returned; the caller decides nothing when there are several.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_RUN = 60  # longer runs are not split: the search would not be small and the answer not sure
MAX_NODES = 200_000


class _Budget:
    __slots__ = ("left",)

    def __init__(self, n: int) -> None:
        self.left = n


def split_run(run: str, groups: Sequence[int]) -> list[tuple[int, ...]]:
    """Every way to cut ``run`` into ``sum(groups)`` integers, each group's last = sum of the rest.

    ``groups`` = (7,) for a 表三 row, (5, 5, 5) for 表四. Returns [] when nothing fits or the
    run is too long to search; the parts in each option are in printed order.
    """
    # ASCII decimal digits only: ``isdigit`` also accepts ① and ², which ``int`` refuses
    if not (run.isascii() and run.isdigit()) or len(run) > MAX_RUN or sum(groups) > len(run):
        return []
    out: list[tuple[int, ...]] = []
    budget = _Budget(MAX_NODES)
    _search(run, 0, tuple(groups), 0, [], [], out, budget)
    return out if budget.left > 0 else []


def _parts_at(run: str, pos: int, remaining_parts: int) -> list[str]:
    """Candidate next parts starting at ``pos`` leaving at least one digit per later part."""
    room = len(run) - pos - (remaining_parts - 1)
    if room <= 0:
        return []
    if run[pos] == "0":
        return ["0"]
    return [run[pos : pos + n] for n in range(1, room + 1)]


def _search(
    run: str,
    pos: int,
    groups: tuple[int, ...],
    gi: int,
    current: list[int],
    done: list[int],
    out: list[tuple[int, ...]],
    budget: _Budget,
) -> None:
    budget.left -= 1
    if budget.left <= 0:
        return
    if gi == len(groups):
        if pos == len(run):
            out.append(tuple(done))
        return
    size = groups[gi]
    remaining = sum(groups[gi:]) - len(current)
    if len(current) == size - 1:
        # the group's total is determined: it must be printed next
        total = str(sum(current))
        if run.startswith(total, pos) and (len(run) - pos - len(total) >= sum(groups[gi + 1 :])):
            _search(
                run,
                pos + len(total),
                groups,
                gi + 1,
                [],
                [*done, *current, int(total)],
                out,
                budget,
            )
        return
    for part in _parts_at(run, pos, remaining):
        current.append(int(part))
        _search(run, pos + len(part), groups, gi, current, done, out, budget)
        current.pop()
        if budget.left <= 0:
            return


def split_tokens(runs: Sequence[str], groups: Sequence[int]) -> list[list[tuple[int, ...]]]:
    """Like :func:`split_run` for several separate runs that together hold the row.

    Token boundaries are real cell boundaries, so each run is cut on its own; returns, per
    option, the parts of each run. Used when a row arrived as e.g. ``41 20000043``.
    """
    if len(runs) == 1:
        return [[o] for o in split_run(runs[0], groups)]
    joined = "".join(runs)
    bounds = []
    pos = 0
    for r in runs[:-1]:
        pos += len(r)
        bounds.append(pos)
    out: list[list[tuple[int, ...]]] = []
    for option in split_run(joined, groups):
        # keep only splits that cut at every token boundary
        cuts = []
        p = 0
        for v in option:
            p += len(str(v))
            cuts.append(p)
        if all(b in cuts for b in bounds):
            per_run: list[tuple[int, ...]] = []
            start = 0
            for b in [*bounds, len(joined)]:
                k = cuts.index(b) + 1
                per_run.append(option[start:k])
                start = k
            out.append(per_run)
    return out


# ---- runs with separators as hints (issue 25) ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Part:
    """One cell of a hinted split: its value and where its digits stand in the printed runs
    (``runs[token][start:]`` … ``runs[last][:end]``; a thousands group spans tokens)."""

    value: int
    token: int
    start: int
    last: int
    end: int

    def whole(self, runs: Sequence[str]) -> bool:
        """Printed alone: one token, all of it (so not derived)."""
        return self.token == self.last and self.start == 0 and self.end == len(runs[self.token])


def thousands_group(run: str) -> bool:
    """A token that may continue a number whose thousands were separated by a space."""
    return len(run) == 3 and run.isascii() and run.isdigit()


def split_hinted(
    runs: Sequence[str],
    groups: Sequence[int],
    joinable: Sequence[bool],
    atomic: Sequence[bool] = (),
) -> list[tuple[Part, ...]] | None:
    """Every reading of a row printed as ``runs`` (digit tokens) as ``sum(groups)`` cells in
    which each group's last cell is the sum of the others.

    Every printed separator is a hint, not a law: it is a cell boundary, except where
    ``joinable[i]`` says the space between ``runs[i]`` and ``runs[i + 1]`` may be a thousands
    separator (``1 234``: a lead of one to three digits, then groups of three); a run may hold
    boundaries nobody printed (``450 000045`` = 45|0 0|0|0|0|45). Parts never have leading
    zeros; an ``atomic`` run (printed with thousands commas, ``1,234``) is one cell whole.
    Returns None when the search is too large to be sure (the caller reads nothing).
    """
    atomic = list(atomic) or [False] * len(runs)
    if not runs or not all(r.isascii() and r.isdigit() for r in runs):
        return []
    if sum(len(r) for r in runs) > MAX_RUN * 2:
        return None
    n = sum(groups)
    ends = [0] * len(groups)
    acc = 0
    for g, size in enumerate(groups):
        acc += size
        ends[g] = acc
    out: list[tuple[Part, ...]] = []
    budget = _Budget(MAX_NODES)
    digits_after = [0] * (len(runs) + 1)
    for i in range(len(runs) - 1, -1, -1):
        digits_after[i] = digits_after[i + 1] + len(runs[i])
    parts: list[Part] = []

    def nexts(i: int, p: int, cap: int) -> list[Part]:
        """The parts that may start at ``runs[i][p]``, of value at most ``cap``."""
        run = runs[i]
        if atomic[i]:
            v = int(run)
            return [Part(v, i, 0, i, len(run))] if p == 0 and v <= cap else []
        if run[p] == "0":
            return [Part(0, i, p, i, p + 1)]
        cands: list[Part] = []
        for q in range(p + 1, len(run) + 1):
            v = int(run[p:q])
            if v > cap:
                return cands  # longer parts are larger still
            cands.append(Part(v, i, p, i, q))
        if p == 0 and len(run) <= 3:
            text = run
            j = i
            while (
                j + 1 < len(runs)
                and joinable[j]
                and not atomic[j + 1]
                and thousands_group(runs[j + 1])
            ):
                j += 1
                text += runs[j]
                v = int(text)
                if v > cap:
                    break
                cands.append(Part(v, i, 0, j, 3))
        return cands

    dead: set[tuple[int, int, int, int]] = set()  # (token, offset, parts, sum): no way on
    # the last group's total is the row's last part: the largest it can be from each offset on
    total = digits_after[0]
    best_tail = [-1] * (total + 2)
    last_run = runs[-1]
    base = total - len(last_run)
    if atomic[-1]:
        best_tail[base] = int(last_run)
    else:
        for p in range(len(last_run)):
            if last_run[p] != "0" or p == len(last_run) - 1:
                best_tail[base + p] = int(last_run[p:])
        j = len(runs) - 1
        while j > 0 and thousands_group(runs[j]) and joinable[j - 1] and not atomic[j - 1]:
            lead = runs[j - 1]
            if 1 <= len(lead) <= 3 and lead[0] != "0":
                at = total - digits_after[j - 1]
                best_tail[at] = max(best_tail[at], int("".join(runs[j - 1 :])))
            j -= 1
    for q in range(total - 1, -1, -1):
        best_tail[q] = max(best_tail[q], best_tail[q + 1])
    last_group = len(groups) - 1

    def search(i: int, p: int, g: int, group_sum: int) -> bool:
        budget.left -= 1
        if budget.left <= 0:
            return False
        k = len(parts)
        if k == n:
            if i == len(runs):
                out.append(tuple(parts))
                return True
            return False
        if i == len(runs):
            return False
        state = (i, p, k, group_sum)
        if state in dead:
            return False
        left = digits_after[i] - p
        # the group's total is printed after its other parts, each at least one digit long
        room = 10 ** max(0, left - (n - ends[g]) - (ends[g] - 1 - k)) - 1
        if g == last_group:
            room = min(room, best_tail[total - left])
        # the group's total is printed after its other parts, each at least one digit long
        if left < n - k or group_sum > room:
            dead.add(state)
            return False
        last_of_group = k == ends[g] - 1
        found = False
        for part in nexts(i, p, group_sum if last_of_group else room - group_sum):
            if last_of_group and part.value != group_sum:
                continue
            ni, np_ = (
                (part.last + 1, 0) if part.end == len(runs[part.last]) else (part.last, part.end)
            )
            parts.append(part)
            if last_of_group:
                found = search(ni, np_, g + 1, 0) or found
            else:
                found = search(ni, np_, g, group_sum + part.value) or found
            parts.pop()
            if budget.left <= 0:
                return found
        if not found:
            dead.add(state)
        return found

    search(0, 0, 0, 0)
    return out if budget.left > 0 else None
