"""SQLite rows <-> the review dataclasses, in one place so reads and writes name columns alike."""

from __future__ import annotations

from typing import Any

from gik_desk.model.review import Annotation, FindingReview, ReviewStatus

ANNOTATION_COLS = (
    'id, report_key, source, exact, prefix, suffix, start, "end", cell, note, author, created, '
    "orphan_reason"
)


def review_from_row(row: tuple[Any, ...]) -> FindingReview:
    key, status, note, reviewer, updated, resolved = row
    return FindingReview(
        finding_key=str(key),
        status=ReviewStatus.parse(status) if status else ReviewStatus.PENDING,
        note=str(note or ""),
        reviewer=str(reviewer or ""),
        updated=str(updated or ""),
        resolved=bool(resolved),
    )


def annotation_from_row(row: tuple[Any, ...]) -> Annotation:
    (aid, rkey, source, exact, prefix, suffix, start, end, cell, note, author, created, orphan) = (
        row
    )
    return Annotation(
        id=str(aid),
        report_key=str(rkey),
        source=str(source),
        exact=str(exact),
        prefix=str(prefix),
        suffix=str(suffix),
        start=int(start),
        end=int(end),
        cell=str(cell),
        note=str(note),
        author=str(author),
        created=str(created),
        orphan_reason=str(orphan),
    )


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
