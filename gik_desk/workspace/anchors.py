"""Annotation anchors that survive a re-parsed or edited file (ECOSYSTEM.md row 16).

A report is identified by its normalised body + year (hashes of raw bytes and normalised text
are hints). A target is a W3C TextQuoteSelector (exact, ~32 chars of prefix and suffix), a
TextPositionSelector hint and, on a cell, the cell key. Re-anchoring looks for the exact quote in
the report, scores each hit by how much of the old context still surrounds it and prefers the
one nearest the old place. When the quote itself is gone, the annotation becomes an orphan with
a Chinese reason: it never silently jumps to other text.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Mapping
from datetime import datetime

from gik_desk.model import Report, Span
from gik_desk.model.keys import normalise_text, report_key
from gik_desk.model.review import Annotation

CONTEXT = 32  # characters of prefix and suffix kept with a quote
MIN_CONTEXT_SCORE = 0.5  # share of the old context that must still surround a hit
UNIQUE_QUOTE_LEN = 12  # a quote this long found exactly once needs no context
_WS = re.compile(r"\s+")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def report_text_sha256(report: Report) -> str:
    return sha256_text(normalise_text(report.body_text))


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def make_annotation(
    report: Report,
    start: int,
    end: int,
    *,
    note: str = "",
    cell: str = "",
    author: str = "",
    created: str = "",
    annotation_id: str = "",
) -> Annotation:
    """An annotation on ``report.text[start:end]`` with its quote and context captured now."""
    if not (report.span.start <= start <= end <= report.span.end):
        raise ValueError(f"selection {start}..{end} is outside report {report.id}")
    lo, hi = report.span.start, report.span.end
    return Annotation(
        id=annotation_id or uuid.uuid4().hex,
        report_key=report_key(report),
        source=report.source,
        exact=report.text[start:end],
        prefix=report.text[max(lo, start - CONTEXT) : start],
        suffix=report.text[end : min(hi, end + CONTEXT)],
        start=start,
        end=end,
        cell=cell,
        note=note,
        author=author,
        created=created or now_iso(),
    )


def changed_reason(exact: str, detail: str = "") -> str:
    shown = exact if len(exact) <= 24 else exact[:24] + "…"
    shown = _WS.sub(" ", shown).strip()
    return f"原文已更改,引用的文字「{shown}」不再出现{detail}"


def reanchor(
    annotation: Annotation,
    new_text: str,
    *,
    region: Span | None = None,
    expected_start: int | None = None,
    cell_span: Span | None = None,
) -> tuple[int, int] | str:
    """Where ``annotation`` sits in ``new_text``: ``(start, end)``, or an orphan reason (a str).

    ``region`` is the report's span in the new text (hits outside it never count),
    ``expected_start`` where the old position lands now, ``cell_span`` the span of the
    annotated cell in the new parse (structural target, checked first).
    """
    exact = annotation.exact
    if not exact:
        return "批注没有引用任何文字，无法重新定位"
    lo, hi = (0, len(new_text)) if region is None else (region.start, region.end)
    if annotation.cell and cell_span is not None:
        now = new_text[cell_span.start : cell_span.end]
        if now == exact:
            return (cell_span.start, cell_span.end)
        return changed_reason(exact, f"(该单元格现为「{now}」)")
    hint = annotation.start if expected_start is None else expected_start
    hits: list[tuple[float, int, int]] = []
    pos = new_text.find(exact, lo, hi)
    while pos != -1:
        score = _context_score(annotation, new_text, pos, lo, hi)
        hits.append((score, abs(pos - hint), pos))
        pos = new_text.find(exact, pos + 1, hi)
    if not hits:
        return changed_reason(exact)
    score, _, best = max(hits, key=lambda h: (h[0], -h[1]))
    if score >= MIN_CONTEXT_SCORE or (len(hits) == 1 and len(exact) >= UNIQUE_QUOTE_LEN):
        return (best, best + len(exact))
    return changed_reason(exact, ",原来的上下文也已改变")


def _context_score(annotation: Annotation, text: str, pos: int, lo: int, hi: int) -> float:
    """Share of the old prefix and suffix that still borders the hit, character by character."""
    prefix, suffix = annotation.prefix, annotation.suffix
    total = len(prefix) + len(suffix)
    if total == 0:
        return 1.0
    before = text[max(lo, pos - len(prefix)) : pos]
    after_start = pos + len(annotation.exact)
    after = text[after_start : min(hi, after_start + len(suffix))]
    matched = _common_suffix(prefix, before) + _common_prefix(suffix, after)
    return matched / total


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def find_report(reports: list[Report], rkeys: Mapping[str, str], a: Annotation) -> Report | None:
    """The annotated report in a new batch: same report key, the same file preferred."""
    same_key = [r for r in reports if rkeys[r.id] == a.report_key]
    for r in same_key:
        if r.source == a.source:
            return r
    return same_key[0] if same_key else None


def cell_span(report: Report, cell: str) -> Span | None:
    """Where a cell annotation's cell (``table/row/col``) is now: a hint for re-anchoring."""
    if not cell:
        return None
    parts = cell.split("/")
    if len(parts) != 3:
        return None
    table = report.tables.get(parts[0])
    found = None if table is None else table.cell(parts[1], parts[2])
    return None if found is None else found.span


def describe_key(report_key: str) -> str:
    """A report key as an orphan reason names it: ``body 2022年`` (+ 另一版本)."""
    key, _, slot = report_key.partition("|@")
    body, _, year = key.rpartition("|")
    named = f"{body} {year}年" if year else body
    return f"{named}(另一版本)" if slot else named
