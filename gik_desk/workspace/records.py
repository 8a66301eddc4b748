"""SQLite rows <-> the review dataclasses, in one place so reads and writes name columns alike."""

from __future__ import annotations

from typing import Any

from gik_desk.model import decode
from gik_desk.model.review import Annotation, Event, FindingReview, ReviewStatus

ANNOTATION_COLS = (
    'id, report_key, source, exact, prefix, suffix, start, "end", cell, note, author, created, '
    "orphan_reason"
)


def review_from_row(row: tuple[Any, ...]) -> FindingReview:
    """A finding's review; a status this program does not know reads as 待核实 with
    ``damaged`` saying why (the row itself stays as it is until the reviewer changes it)."""
    key, status, note, reviewer, updated, resolved = row
    damaged = ""
    try:
        verdict = decode.status(status)
    except decode.DamagedValueError as exc:
        verdict, damaged = ReviewStatus.PENDING, exc.reason
    return FindingReview(
        finding_key=decode.text(key),
        status=verdict,
        note=decode.text(note),
        reviewer=decode.text(reviewer),
        updated=decode.text(updated),
        resolved=bool(resolved) if isinstance(resolved, int) else False,
        damaged=damaged,
    )


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def annotation_from_row(row: tuple[Any, ...]) -> Annotation:
    """An annotation; one whose position is not a number is kept as an orphan saying it is
    damaged (its quote and note are still shown), never a crash."""
    (aid, rkey, source, exact, prefix, suffix, start, end, cell, note, author, created, orphan) = (
        row
    )
    first, last = _int(start), _int(end)
    reason = decode.text(orphan)
    if first is None or last is None:
        reason = f"{decode.DAMAGED_WORD}：位置不是数字({decode.shown(start, 20)})"
    return Annotation(
        id=decode.text(aid),
        report_key=decode.text(rkey),
        source=decode.text(source),
        exact=decode.text(exact),
        prefix=decode.text(prefix),
        suffix=decode.text(suffix),
        start=first or 0,
        end=last or 0,
        cell=decode.text(cell),
        note=decode.text(note),
        author=decode.text(author),
        created=decode.text(created),
        orphan_reason=reason,
    )


def event_from_row(row: tuple[Any, ...]) -> Event:
    """A logged event; an unknown action or a payload that does not decode (bounded in size
    and depth) is kept with ``damaged`` saying why."""
    eid, time, who, action, target, before, after = row
    return Event(
        _int(eid) or 0,
        decode.text(time),
        decode.text(who),
        decode.text(action),
        decode.text(target),
        decode.text(before),
        decode.text(after),
        damaged=decode.event_damage(action, target, before, after),
    )


def damage_lines(reviews: dict[str, FindingReview], events: list[Event]) -> tuple[str, ...]:
    """One line per damaged row, naming it by its id: what every command prints on stderr."""
    lines = [
        f"{decode.DAMAGED_WORD}：问题 {decode.shown(k)} 的审核记录({r.damaged})，"
        "按待核实显示，未改动"
        for k, r in reviews.items()
        if r.damaged
    ]
    lines += [
        f"{decode.DAMAGED_WORD}：操作记录 #{e.id}({e.damaged})，未改动" for e in events if e.damaged
    ]
    return tuple(lines)


def annotation_json(a: Annotation) -> dict[str, object]:
    return {
        "id": a.id,
        "report_key": a.report_key,
        "source": a.source,
        "exact": a.exact,
        "prefix": a.prefix,
        "suffix": a.suffix,
        "start": a.start,
        "end": a.end,
        "cell": a.cell,
        "note": a.note,
        "author": a.author,
        "created": a.created,
    }
