"""Splitting a run of digits back into cells (RULES.md PARSE).

Text copied from web pages runs a row's cells together: ``4120000043`` = 41·2·0·0·0·0·43.
The printed parts have no leading zeros (except "0" itself) and each group's last part is
the sum of the others (a 表三 row: six applicant columns and 总计; 表四: four results and 总计).
Every split that fits is returned; the caller decides nothing when there are several.
"""

from __future__ import annotations

from collections.abc import Sequence

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
