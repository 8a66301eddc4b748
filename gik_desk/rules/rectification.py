"""整改复核 (issue 30): judge each item of a sent letter against the body's new version.

Pure: a letter's record, the new version's report and findings in, judgements out. Which
report is "the new version" is the caller's choice (``services``); this module only compares
figures and finding identities, so the same judgement holds for the window, the command line
and the workbook.

- A cell item is 已整改 when the cell now holds the value asked for, or when none of its
  findings fires any more although the cell holds something else (the identity holds with
  another correction: the words say which cells changed). It is 未整改 when the cell is as it
  was and a finding still fires, 改错 when it changed and a finding still fires.
- An item without a cell is 已整改 when none of its findings fires, 未整改 when one fires with the
  message it had, 改错 when one fires with another message (its figures changed, still wrong).
- 新问题: the new version's findings whose identity the old version did not have.
- 其他改动: cells whose figure changed and that no item asked about.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from gik_desk.model import Finding, Number, Report, format_number
from gik_desk.model.finding import CellRef
from gik_desk.model.rectification import (
    CellChange,
    ItemJudgement,
    Outcome,
    SentItem,
    SentReport,
    identity,
)
from gik_desk.template.tables import cell_name


def report_figures(report: Report) -> dict[str, Number]:
    """Every figure of a report, by ``table/row/col`` (blank and unread cells left out)."""
    out: dict[str, Number] = {}
    for tkey, table in report.tables.items():
        for cell in table.cells.values():
            if cell.value is not None:
                out[f"{tkey}/{cell.row}/{cell.col}"] = cell.value
    return out


def _ref(key: str) -> CellRef:
    table, row, col = key.split("/", 2)
    return CellRef(table, row, col)


def judge_item(
    letter_id: int,
    item: SentItem,
    old: SentReport,
    new: Report,
    new_findings: Sequence[Finding],
) -> ItemJudgement:
    """One item against the new version ``new`` (its findings ``new_findings``)."""
    firing = {identity(f.key): f for f in new_findings}
    still = [firing[identity(k)] for k in item.finding_keys if identity(k) in firing]

    def verdict(outcome: Outcome, how: str, now: Number | None = None) -> ItemJudgement:
        return ItemJudgement(letter_id, item, outcome, how, new.id, old.report_key, now)

    if item.cell is not None:
        c = item.cell
        now = new.value(c.table, c.row, c.col)
        shown = format_number(now, "空白")
        if item.asked is not None and now == item.asked:
            how = f"{cell_name(c.table, c.row, c.col)}已更正为{shown}"
            return verdict(Outcome.FIXED, how, now)
        if not still:
            moved = _changed(old.figures, report_figures(new), exclude={c.key})
            others = "、".join(cell_name(x.table, x.row, x.col) for x in moved[:3]) or "其他单元格"
            how = (
                f"{cell_name(c.table, c.row, c.col)}为{shown}（未按建议值"
                f"{format_number(item.asked)}更正），但勾稽关系已成立：已改动{others}"
            )
            return verdict(Outcome.FIXED, how, now)
        if now == item.printed:
            how = f"{cell_name(c.table, c.row, c.col)}仍为{shown}"
            return verdict(Outcome.NOT_FIXED, how, now)
        was = format_number(item.printed, "空白")
        how = (
            f"{cell_name(c.table, c.row, c.col)}由{was}改为{shown}，"
            f"仍不符合（应为{format_number(item.asked)}）"
        )
        return verdict(Outcome.WRONG, how, now)
    if not still:
        how = "该问题在新版本中已不再出现"
        return verdict(Outcome.FIXED, how)
    before = dict(zip(item.finding_keys, item.messages, strict=False))
    same = any(
        before.get(k) == firing[identity(k)].message
        for k in item.finding_keys
        if identity(k) in firing
    )
    if same:
        how = "该问题在新版本中仍然存在，内容未变"
        return verdict(Outcome.NOT_FIXED, how)
    how = f"有关数字已改动，但问题仍然存在：{still[0].message}"
    return verdict(Outcome.WRONG, how)


def _changed(
    before: Mapping[str, Number], after: Mapping[str, Number], exclude: Iterable[str] = ()
) -> list[CellRef]:
    skip = set(exclude)
    keys = sorted((set(before) | set(after)) - skip)
    return [_ref(k) for k in keys if before.get(k) != after.get(k)]


def other_changes(old: SentReport, new: Report, asked: Iterable[CellRef]) -> list[CellChange]:
    """Cells whose figure differs between the letter's record and ``new``, no item asked for."""
    after = report_figures(new)
    skip = {c.key for c in asked}
    return [
        CellChange(old.report_key, ref, old.figures.get(ref.key), after.get(ref.key))
        for ref in _changed(old.figures, after, exclude=skip)
    ]


# Findings about the versions themselves, not about what the body printed: never a 新问题
_ABOUT_VERSIONS = frozenset({"DUP-VERSION"})


def new_problems(old: SentReport, new_findings: Sequence[Finding]) -> list[Finding]:
    """The new version's findings the old version did not have (by identity)."""
    had = set(old.identities)
    return [f for f in new_findings if f.rule not in _ABOUT_VERSIONS and identity(f.key) not in had]
