"""整改复核 (issue 30): letters recorded as sent, judged against the body's new versions.

- ``sent_record``: what a written letter becomes in the workspace (its items, and for each
  report it covered the figures and finding identities it had then).
- ``rectification``: for each body's latest letter, which report in the batch is its new
  version and what became of each item (``rules.rectification`` judges); the reviewer's
  confirmations and overrides from the workspace on top.
- ``write_follow_up``: the 复核意见 letters (only what is still open), as a cancellable job.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gik_desk.jobs import CancelToken, Job, Progress
from gik_desk.model import Finding, Report
from gik_desk.model.batch import Batch
from gik_desk.model.letter import LetterHead
from gik_desk.model.rectification import (
    BodyRectification,
    ItemJudgement,
    Outcome,
    SentItem,
    SentLetter,
    SentReport,
    identity,
)
from gik_desk.services.letters import file_sha256

if TYPE_CHECKING:
    from gik_desk.services.letters import LettersResult


def sent_record(
    letter: Any, path: Path, batch: Batch, reviewer: str, written: str, *, follow_up: bool = False
) -> SentLetter:
    """A letter as written (``export.letters.Letter``), ready to record in the workspace."""
    from gik_desk.workspace import report_key

    by_report = batch.findings_by_report()
    items: list[SentItem] = []
    n = 0
    for report, report_items in letter.items:
        for item in report_items:
            n += 1
            items.append(
                SentItem(
                    n=n,
                    report_key=report_key(report),
                    finding_keys=tuple(f.key for f in item.findings),
                    rules=item.rules,
                    text=item.text(),
                    cell=item.cell,
                    printed=item.printed,
                    asked=item.suggested,
                    outward="；".join(item.outward),
                    messages=tuple(f.message for f in item.findings),
                )
            )
    reports = tuple(sent_report(r, by_report.get(r.id, [])) for r in letter.reports)
    return SentLetter(
        id=0,
        body=letter.body,
        body_key=letter.body_key,
        written=written,
        path=str(Path(path).resolve()),
        sha256=file_sha256(path),
        reviewer=reviewer,
        items=tuple(items),
        reports=reports,
        follow_up=follow_up,
    )


def sent_report(report: Report, findings: Sequence[Finding]) -> SentReport:
    """A report as a letter covered it: its text hash, figures and finding identities."""
    from gik_desk.rules import rectification as judge
    from gik_desk.workspace import body_year_key, report_key
    from gik_desk.workspace.anchors import report_text_sha256

    return SentReport(
        report_key=report_key(report),
        body_year=body_year_key(report),
        year=report.year,
        source=report.source,
        text_sha256=report_text_sha256(report),
        figures=judge.report_figures(report),
        identities=tuple(identity(f.key) for f in findings),
    )


def latest_letters(letters: Iterable[SentLetter]) -> list[SentLetter]:
    """Each body's most recent letter (a follow-up letter replaces the one before)."""
    latest: dict[str, SentLetter] = {}
    for letter in letters:
        if letter.items:
            latest[letter.body_key] = letter  # ids grow: later rows win
    return sorted(latest.values(), key=lambda x: x.id)


def _versions(batch: Batch, body_years: Iterable[str]) -> dict[str, list[tuple[Report, str, str]]]:
    """For each body + year a letter covered, the batch's reports of it in batch order, each
    with its report key and text hash: one hash per report, however many letters name it."""
    from gik_desk.workspace import body_year_key, report_key
    from gik_desk.workspace.anchors import report_text_sha256

    wanted = set(body_years)
    out: dict[str, list[tuple[Report, str, str]]] = {}
    for r in batch.reports:
        key = body_year_key(r)
        if r.is_report and key in wanted:
            out.setdefault(key, []).append((r, report_key(r), report_text_sha256(r)))
    return out


def new_version(
    old: SentReport, candidates: Sequence[tuple[Report, str, str]], seen: Iterable[str] = ()
) -> Report | None:
    """The report that republishes ``old`` among its body and year's ``candidates`` (report,
    key, text hash): a text no letter to this body has covered (``seen``: those texts).
    Several: the 现行版本 among them, else the last one opened."""
    known = {old.text_sha256, *seen}
    found = [r for r, _key, sha in candidates if sha not in known]
    if not found:
        return None
    current = [r for r in found if r.current]
    return (current or found)[-1]


def rectification(
    batch: Batch,
    letters: Iterable[SentLetter],
    decisions: Mapping[str, tuple[Outcome, str]] | None = None,
) -> list[BodyRectification]:
    """What became of every body's latest letter, judged against ``batch``."""
    from gik_desk.rules import rectification as judge

    every = list(letters)
    if not every:
        return []  # the common case: no letter sent yet, nothing to hash
    decisions = decisions or {}
    by_report = batch.findings_by_report()
    covered: dict[str, set[str]] = {}  # body + year -> every text a letter covered
    texts: dict[str, str] = {}  # report key -> the text a letter covered
    for sent in every:
        for rep in sent.reports:
            covered.setdefault(rep.body_year, set()).add(rep.text_sha256)
            texts[rep.report_key] = rep.text_sha256
    versions = _versions(batch, covered)
    # each covered version still in the batch with the text the letter saw (the desk shows
    # the cell as it was printed there)
    old_ids = {
        key: r.id for group in versions.values() for r, key, sha in group if texts.get(key) == sha
    }
    out: list[BodyRectification] = []
    for letter in latest_letters(every):
        judged: list[ItemJudgement] = []
        problems: list[tuple[str, str, str]] = []
        changes = []
        new_ids: list[str] = []
        for old in letter.reports:
            mine = [i for i in letter.items if i.report_key == old.report_key]
            new = new_version(old, versions.get(old.body_year, []), covered.get(old.body_year, ()))
            if new is None:
                judged += [
                    ItemJudgement(
                        letter.id,
                        i,
                        Outcome.PENDING,
                        "尚未收到该报告的新版本",
                        old_report_key=old.report_key,
                    )
                    for i in mine
                ]
                continue
            new_ids.append(new.id)
            found: list[Finding] = by_report.get(new.id, [])
            judged += [judge.judge_item(letter.id, i, old, new, found) for i in mine]
            asked = [i.cell for i in mine if i.cell is not None]
            changes += judge.other_changes(old, new, asked)
            problems += [(new.id, f.key, f.message) for f in judge.new_problems(old, found)]
        items = []
        for j in sorted(judged, key=lambda j: j.item.n):
            said = decisions.get(j.key)
            items.append(
                replace(
                    j,
                    override=said[0] if said else None,
                    note=said[1] if said else "",
                    old_report_id=old_ids.get(j.old_report_key),
                )
            )
        out.append(
            BodyRectification(letter, tuple(items), tuple(problems), tuple(changes), tuple(new_ids))
        )
    return out


def rectification_json(bodies: Sequence[BodyRectification]) -> list[dict[str, Any]]:
    """The outcomes as ``audit --workspace --json`` publishes them (docs/OUTPUT.md)."""
    out = []
    for b in bodies:
        out.append(
            {
                "body": b.letter.body,
                "letter": {"id": b.letter.id, "written": b.letter.written, "path": b.letter.path},
                "new_reports": list(b.new_reports),
                "items": [
                    {
                        "n": j.item.n,
                        "text": j.item.text,
                        "rules": list(j.item.rules),
                        "cell": j.item.cell.to_json() if j.item.cell else None,
                        "printed": j.item.printed,
                        "asked": j.item.asked,
                        "now": j.now,
                        "outcome": j.outcome.value,
                        "judged": j.judged.value,
                        "confirmed": j.confirmed,
                        "how": j.how,
                        "note": j.note,
                    }
                    for j in b.items
                ],
                "new_problems": [
                    {"report": rid, "key": key, "message": msg} for rid, key, msg in b.new_problems
                ],
                "other_changes": [
                    {**c.cell.to_json(), "before": c.before, "after": c.after}
                    for c in b.other_changes
                ],
            }
        )
    return out


def write_follow_up(
    bodies: Sequence[BodyRectification],
    batch: Batch,
    out_dir: str | os.PathLike[str],
    head: LetterHead | None = None,
    cancel: CancelToken | None = None,
    *,
    reviewer: str = "",
    record_in: str | os.PathLike[str] | None = None,
) -> Job[LettersResult]:
    """One 复核意见 per body with items still open; yields a step per letter. Each is recorded
    as sent in the workspace at ``record_in`` as soon as it is written."""
    from gik_desk.export.follow_up import follow_up_filename, write_follow_up_letter
    from gik_desk.services.letters import LettersResult, recorded
    from gik_desk.workspace.anchors import now_iso

    head = head or LetterHead()
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"「{folder}」不是文件夹，复核意见无法写入。")
    folder.mkdir(parents=True, exist_ok=True)
    todo: list[BodyRectification] = []
    skipped: list[tuple[str, str]] = []
    for b in bodies:
        if not b.new_reports:
            skipped.append((b.letter.body, "尚未收到重新发布的报告，不生成复核意见"))
        elif not b.open_items:
            skipped.append((b.letter.body, "审核意见所列问题均已整改，不生成复核意见"))
        else:
            todo.append(b)
    taken: set[str] = set()
    written: list[tuple[str, Path, int]] = []
    sent: list[SentLetter] = []
    unrecorded: list[str] = []
    yield Progress(0, len(todo), "生成复核意见")
    for i, b in enumerate(todo, 1):
        if cancel is not None:
            cancel.check()
        path = write_follow_up_letter(b, head, folder / follow_up_filename(b.letter.body, taken))
        record = follow_up_record(b, path, batch, reviewer, now_iso())
        if record_in is not None:
            recorded(record_in, record, reviewer, unrecorded)
        written.append((b.letter.body, path, len(b.open_items)))
        sent.append(record)
        yield Progress(i, len(todo), b.letter.body)
    return LettersResult(tuple(written), tuple(skipped), tuple(unrecorded), sent=tuple(sent))


def follow_up_record(
    body: BodyRectification, path: Path, batch: Batch, reviewer: str, written: str
) -> SentLetter:
    """A follow-up letter as sent: its open items renumbered, each now about the version it
    was judged against (its printed value the one found there), so the next republication
    is compared with what this letter saw."""
    from gik_desk.workspace import report_key

    by_report = batch.findings_by_report()
    new_reports = {i: r for i in body.new_reports if (r := batch.report(i)) is not None}
    olds = {o.report_key: o for o in body.letter.reports}
    items: list[SentItem] = []
    reports: dict[str, SentReport] = {}
    for k, j in enumerate(body.open_items, 1):
        new = new_reports.get(j.new_report_id or "")
        if new is None:
            key, printed = j.item.report_key, j.item.printed
            if j.old_report_key in olds:
                reports[j.old_report_key] = olds[j.old_report_key]
        else:
            key, printed = report_key(new), j.now if j.item.cell is not None else None
            reports[key] = sent_report(new, by_report.get(new.id, []))
        items.append(
            SentItem(
                n=k,
                report_key=key,
                finding_keys=j.item.finding_keys,
                rules=j.item.rules,
                text=j.item.text,
                cell=j.item.cell,
                printed=printed,
                asked=j.item.asked,
                outward=j.item.outward,
                messages=j.item.messages,
            )
        )
    return SentLetter(
        id=0,
        body=body.letter.body,
        body_key=body.letter.body_key,
        written=written,
        path=str(Path(path).resolve()),
        sha256=file_sha256(path),
        reviewer=reviewer,
        items=tuple(items),
        reports=tuple(reports.values()),
        follow_up=True,
    )
