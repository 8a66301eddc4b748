"""Storing one audit (files, reports, findings, version slots), keeping reviews, resolving
the vanished and re-anchoring annotations, all in one transaction (a concern of
``Workspace``); the 现行版本 marks it honours."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from gik_desk import __version__
from gik_desk.model import Finding, Report, keys, versions
from gik_desk.model.batch import Batch
from gik_desk.model.review import ReportState, ReviewStatus
from gik_desk.workspace import anchors, records, rowversions
from gik_desk.workspace.actions import (
    SetCurrentVersion,
)
from gik_desk.workspace.base import StorePart, dump_json


@dataclass(frozen=True, slots=True)
class SyncResult:
    """What one audit changed in the workspace, for the status bar and tests."""

    audit_id: int
    new: tuple[str, ...] = ()  # finding keys never seen before (待核实)
    kept: tuple[str, ...] = ()  # seen before and still there: review kept
    reopened: tuple[str, ...] = ()  # had been resolved, occur again
    resolved: tuple[str, ...] = ()  # no longer occur: shown as resolved
    reanchored: tuple[str, ...] = ()  # annotation ids whose position moved
    orphaned: tuple[str, ...] = ()  # annotation ids newly orphaned (see Workspace.orphans())
    changed: tuple[str, ...] = ()  # decided findings whose figures changed: 已变化 (issue 23)
    reopened_reports: tuple[str, ...] = ()  # signed-off report keys back to 审核中 (issue 23)


class Sync(StorePart):
    def version_slots(self) -> dict[tuple[str, str], str]:
        """The stored version slot of each (body+year key, source): read-only, for callers
        that re-read files without recording a new audit (letters from the command line)."""
        rows = self._conn.execute("SELECT report_key, source, slot FROM versions")
        return {(str(k), str(src)): str(slot) for k, src, slot in rows}

    def current_versions(self) -> dict[str, str]:
        """The reviewer's 现行版本 marks: body+year key → version slot."""
        return dict(self._conn.execute("SELECT report_key, slot FROM current_versions"))

    def current_action(self, report: Report) -> SetCurrentVersion:
        """Mark ``report``'s version as the current one of its body and year."""
        key = keys.body_year_key(report)
        base = rowversions.version(self._conn, "current_versions", (key,))
        return SetCurrentVersion(key, self.current_versions().get(key), report.version, base)

    def sync_batch(
        self,
        batch: Batch,
        *,
        rule_versions: Mapping[str, str] | None = None,
        before_commit: Callable[[], None] | None = None,
    ) -> SyncResult:
        """Store one audit: files, reports, findings; keep reviews, resolve the vanished,
        re-anchor annotations on the new text. All in one transaction.

        Versions (CONTRIBUTING.md "Finding identity"): each report takes the version slot the
        workspace stored for its file (re-linked by raw sha256 when the file moved), a new
        version of a known body+year a slot of its own; ``batch.reports`` and
        ``batch.findings`` are then re-keyed in place, so every view uses the stored keys.
        ``before_commit`` may raise (a cancelled job) to roll the whole audit back.
        """

        now = anchors.now_iso()
        scope_sources = set(batch.sources) | {r.source for r in batch.reports}
        with self._transaction() as conn:
            reports = self._assign_versions(conn, list(batch.reports), scope_sources)
            old_slots = {r.id: r.version for r in batch.reports}
            findings = versions.rekey(batch.findings, old_slots, {r.id: r.version for r in reports})
            by_id = {r.id: r for r in reports}
            rkeys = {r.id: keys.report_key(r) for r in reports}
            scope_sources |= {r.source for r in reports}
            scope_keys = set(rkeys.values())
            audit_id = int(
                conn.execute(
                    "INSERT INTO audits (time, tool_version, rule_versions) VALUES (?, ?, ?)",
                    (now, __version__, dump_json(dict(rule_versions or {}))),
                ).lastrowid
                or 0
            )
            self._store_files(conn, batch, audit_id)
            old_starts = {
                (k, s): st
                for k, s, st in conn.execute("SELECT report_key, source, span_start FROM reports")
            }
            outside = self._reports_outside(conn, scope_sources)
            earlier = self._stored_findings(conn, _DECIDED)  # only what a reload may carry
            self._store_reports(conn, reports, rkeys, scope_sources, audit_id)
            new, kept, reopened = self._store_findings(conn, findings, by_id, rkeys, audit_id)
            resolved = self._resolve_missing(conn, audit_id, scope_keys, scope_sources, outside)
            changed, back = self._carry_decisions(conn, earlier, new, kept, resolved, now)
            moved, orphaned = self._reanchor(
                conn, reports, rkeys, scope_keys, scope_sources, old_starts
            )
            counts = {
                "new": len(new),
                "kept": len(kept),
                "reopened": len(reopened),
                "resolved": len(resolved),
                "orphaned": len(orphaned),
            }
            conn.execute(
                "INSERT INTO events (time, who, action, target, before, after) "
                "VALUES (?, ?, 'sync', ?, '', ?)",
                (now, self.reviewer, f"audit:{audit_id}", dump_json(counts)),
            )
            if before_commit is not None:
                before_commit()
        batch.reports, batch.findings = reports, findings
        return SyncResult(
            audit_id,
            tuple(new),
            tuple(kept),
            tuple(reopened),
            tuple(resolved),
            tuple(moved),
            tuple(orphaned),
            tuple(changed),
            tuple(back),
        )

    def _assign_versions(
        self, conn: sqlite3.Connection, reports: list[Report], batch_sources: set[str]
    ) -> list[Report]:
        """Each report with its stored version slot and the reviewer's current mark.

        A file seen before keeps its slot; a file not seen before whose raw sha256 matches a
        stored version whose file is not in this batch is that version moved or renamed
        (re-linked: it keeps the slot); any other file is a new version: the empty slot when its
        body+year has no version yet, else a slot from its file. Stored in ``versions``.
        """

        rows = conn.execute(
            "SELECT report_key, source, idx, slot, raw_sha256 FROM versions"
        ).fetchall()
        known = {(k, src): slot for k, src, _i, slot, _sha in rows}
        taken: dict[str, set[str]] = {}
        movable: dict[tuple[str, str], tuple[str, str]] = {}
        for k, src, _i, slot, sha in rows:
            taken.setdefault(k, set()).add(slot)
            if sha and src not in batch_sources:
                movable.setdefault((k, sha), (src, slot))
        chosen: dict[str, str] = {}
        current: dict[tuple[str, int], str] = {}
        marks = self.current_versions()
        for r in reports:
            group = versions.group_key(r)
            if group is None:
                continue
            key = keys.body_year_key(r)
            slots = taken.setdefault(key, set())
            slot = known.get((key, r.source))
            if slot is None:
                moved = movable.pop((key, r.file_sha256), None)
                if moved is not None:  # the same bytes under a new name: the same version
                    slot = moved[1]
                    conn.execute(
                        "DELETE FROM versions WHERE report_key = ? AND source = ?",
                        (key, moved[0]),
                    )
                else:
                    slot = "" if not slots else versions.file_slot(r)
                    base, n = slot, 1
                    while slot in slots:
                        n += 1
                        slot = f"{base}~{n}"
                slots.add(slot)
            chosen[r.id] = slot
            if key in marks:
                current[group] = marks[key]
            conn.execute(
                "INSERT INTO versions (report_key, source, idx, slot, raw_sha256) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (report_key, source) DO UPDATE SET "
                "idx = excluded.idx, slot = excluded.slot, raw_sha256 = excluded.raw_sha256",
                (key, r.source, r.index, slot, r.file_sha256),
            )
        return versions.assign(reports, chosen, current)

    def _store_files(self, conn: sqlite3.Connection, batch: Batch, audit_id: int) -> None:
        shas = {r.source: r.file_sha256 for r in batch.reports if r.file_sha256}
        for source in dict.fromkeys([*batch.sources, *shas]):
            try:
                st = os.stat(source)
                size: int | None = st.st_size
                mtime: float | None = st.st_mtime
            except OSError:
                size = mtime = None
            conn.execute(
                "INSERT INTO files (path, sha256, size, mtime, last_audit) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, "
                "mtime = excluded.mtime, last_audit = excluded.last_audit",
                (source, shas.get(source, ""), size, mtime, audit_id),
            )

    def _store_reports(
        self,
        conn: sqlite3.Connection,
        reports: list[Report],
        rkeys: Mapping[str, str],
        scope_sources: set[str],
        audit_id: int,
    ) -> None:
        # a report stored with the same id and span has the same text (the id hashes it): its
        # text hash is kept, not recomputed (a restore re-stores every report, issue 26)
        hashed = {
            (rid, start, end): str(sha)
            for rid, start, end, sha in conn.execute(
                "SELECT id, span_start, span_end, text_sha256 FROM reports"
            )
            if sha and isinstance(rid, str) and isinstance(start, int) and isinstance(end, int)
        }
        for source in scope_sources:  # a re-read file holds exactly the reports found now
            conn.execute("DELETE FROM reports WHERE source = ?", (source,))
        for r in reports:
            conn.execute(
                "INSERT OR REPLACE INTO reports (report_key, source, id, idx, agency, agency_key, "
                "year, template, text_sha256, raw_sha256, span_start, span_end, last_audit) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rkeys[r.id],
                    r.source,
                    r.id,
                    r.index,
                    r.agency,
                    r.agency_key,
                    r.year,
                    r.template,
                    hashed.get((r.id, r.span.start, r.span.end)) or anchors.report_text_sha256(r),
                    r.file_sha256,
                    r.span.start,
                    r.span.end,
                    audit_id,
                ),
            )

    def _store_findings(
        self,
        conn: sqlite3.Connection,
        findings: Iterable[Finding],
        by_id: Mapping[str, Report],
        rkeys: Mapping[str, str],
        audit_id: int,
    ) -> tuple[list[str], list[str], list[str]]:
        known = {k: bool(res) for k, res in conn.execute("SELECT key, resolved FROM findings")}
        new: list[str] = []
        kept: list[str] = []
        reopened: list[str] = []
        seen: set[str] = set()
        for f in findings:
            if f.key in seen:  # the same finding twice (a report in two files): first one wins
                continue
            seen.add(f.key)
            report = by_id.get(f.report_id)
            rkey = rkeys.get(f.report_id, f.report_id)
            source = report.source if report is not None else ""
            blob = {**f.to_json(), "report_id": f.report_id}
            row = (
                f.rule,
                f.severity.value,
                f.message,
                rkey,
                source,
                dump_json([c.key for c in f.cells]),
                audit_id,
                dump_json(blob),
                f.key,
            )
            if f.key in known:
                (reopened if known[f.key] else kept).append(f.key)
                conn.execute(
                    "UPDATE findings SET rule = ?, severity = ?, message = ?, report_key = ?, "
                    "source = ?, cells = ?, last_audit = ?, finding = ?, resolved = 0 "
                    "WHERE key = ?",
                    row,
                )
            else:
                new.append(f.key)
                conn.execute(
                    "INSERT INTO findings (rule, severity, message, report_key, source, cells, "
                    "last_audit, finding, key, first_audit, resolved) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                    (*row, audit_id),
                )
        return new, kept, reopened

    def _resolve_missing(
        self,
        conn: sqlite3.Connection,
        audit_id: int,
        scope_keys: set[str],
        scope_sources: set[str],
        outside: set[str] | None = None,
    ) -> list[str]:
        """Findings of the reports and files this audit covered that it did not find again.

        A finding that pairs its report with one of ``outside`` (a report id stored from a
        file this audit did not read: last year's, another version) is left alone: without
        that report the audit could not have found it (issue 23)."""
        gone = [
            key
            for key, rkey, source, blob in conn.execute(
                "SELECT key, report_key, source, finding FROM findings "
                "WHERE resolved = 0 AND (last_audit IS NULL OR last_audit != ?)",
                (audit_id,),
            ).fetchall()
            if (rkey in scope_keys or source in scope_sources)
            and not (outside and _pairs_with(blob, outside))
        ]
        conn.executemany("UPDATE findings SET resolved = 1 WHERE key = ?", [(k,) for k in gone])
        return gone

    # ---- issue 23: an audit of some files leaves the others' findings alone ----------------
    @staticmethod
    def _reports_outside(conn: sqlite3.Connection, scope_sources: set[str]) -> set[str]:
        """Ids of the stored reports read from files this audit does not cover."""
        rows = conn.execute("SELECT id, source FROM reports").fetchall()
        return {str(rid) for rid, source in rows if source not in scope_sources}

    # ---- issue 23: a decision survives a reload that changes the figures ------------------
    CHANGED_ITEM = "changed_findings"  # desk item: finding key → the key it was decided under

    def changed_findings(self) -> dict[str, str]:
        """Findings marked 已变化: decided, then changed by a reload; cleared when shown."""
        row = self._conn.execute(
            "SELECT value FROM desk WHERE name = ?", (self.CHANGED_ITEM,)
        ).fetchone()
        item = _loads(row[0]) if row is not None else None
        return {str(k): str(v) for k, v in item.items()} if isinstance(item, dict) else {}

    def clear_changed(self, key: str) -> bool:
        """The reviewer looked at ``key`` again: no longer 已变化. True when it was."""
        marks = self.changed_findings()
        if marks.pop(key, None) is None:
            return False
        with self._transaction() as conn:
            _write_marks(conn, self.CHANGED_ITEM, marks)
        return True

    @staticmethod
    def _stored_findings(
        conn: sqlite3.Connection, where: str = ""
    ) -> dict[str, tuple[str, str, str, str]]:
        """Each stored finding: (rule, report key, cells, its JSON: ``_figures`` reads it)."""
        rows = conn.execute(f"SELECT key, rule, report_key, cells, finding FROM findings {where}")
        return {str(k): (str(r), str(rk), str(c), str(b or "")) for k, r, rk, c, b in rows}

    def _carry_decisions(
        self,
        conn: sqlite3.Connection,
        earlier: Mapping[str, tuple[str, str, str, str]],
        new: list[str],
        kept: list[str],
        resolved: list[str],
        now: str,
    ) -> tuple[list[str], list[str]]:
        """Keep the reviewer's decisions through a reload that changed a finding's figures.

        A new finding whose rule, report and cells are those of exactly one finding this audit
        resolved (its quoted figure changed, so its key did) takes that one's status, note and
        outward text; a kept finding whose figures changed keeps them anyway. Both are marked
        已变化 when the reviewer had decided something, and a signed-off report holding one
        returns to 审核中 (an event row says so)."""
        if not earlier:
            return [], []  # no decision or outward text stored: nothing a reload could carry
        decided = {
            str(k): (str(st), str(n))
            for k, st, n in conn.execute("SELECT finding_key, status, note FROM reviews")
            if str(st) != ReviewStatus.PENDING.value or str(n)
        }
        outward = {
            str(k): str(t)
            for k, t in conn.execute("SELECT finding_key, text FROM outward_texts WHERE text != ''")
        }
        now_rows = self._stored_findings(conn, "WHERE resolved = 0")
        gone: dict[tuple[str, str, str], list[str]] = {}
        for key in resolved:
            if key in earlier and (key in decided or key in outward):
                gone.setdefault(earlier[key][:3], []).append(key)
        marks = self.changed_findings()
        changed: list[str] = []
        for key in new:
            row = now_rows.get(key)
            olds = gone.get(row[:3], []) if row is not None else []
            if len(olds) != 1:
                continue
            old = olds[0]
            if old in decided:
                conn.execute(
                    "INSERT INTO reviews (finding_key, status, note, reviewer, updated) "
                    "SELECT ?, status, note, reviewer, updated FROM reviews WHERE finding_key = ? "
                    "ON CONFLICT (finding_key) DO UPDATE SET status = excluded.status, "
                    "note = excluded.note, reviewer = excluded.reviewer, "
                    "updated = excluded.updated",
                    (key, old),
                )
            if old in outward:
                conn.execute(
                    "INSERT OR REPLACE INTO outward_texts (finding_key, text, reviewer, updated) "
                    "SELECT ?, text, reviewer, updated FROM outward_texts WHERE finding_key = ?",
                    (key, old),
                )
            marks[key] = marks.pop(old, old)
            changed.append(key)
        for key in kept:
            if key not in decided or key not in earlier or key not in now_rows:
                continue
            if _figures(earlier[key][3]) != _figures(now_rows[key][3]):
                marks.setdefault(key, key)
                changed.append(key)
        if not changed:
            return [], []
        _write_marks(conn, self.CHANGED_ITEM, marks)
        states = dict(conn.execute("SELECT report_key, state FROM report_states").fetchall())
        back = sorted(
            {now_rows[k][1] for k in changed if states.get(now_rows[k][1]) == ReportState.DONE}
        )
        for rkey in back:
            conn.execute(
                "UPDATE report_states SET state = ? WHERE report_key = ?",
                (ReportState.IN_PROGRESS.value, rkey),
            )
            conn.execute(
                "INSERT INTO events (time, who, action, target, before, after) "
                "VALUES (?, ?, 'set_report_state', ?, ?, ?)",
                (now, self.reviewer, rkey, ReportState.DONE.value, ReportState.IN_PROGRESS.value),
            )
        return changed, back

    def _reanchor(
        self,
        conn: sqlite3.Connection,
        reports: list[Report],
        rkeys: Mapping[str, str],
        scope_keys: set[str],
        scope_sources: set[str],
        old_starts: Mapping[tuple[str, str], int],
    ) -> tuple[list[str], list[str]]:
        moved: list[str] = []
        orphaned: list[str] = []
        rows = conn.execute(f"SELECT {records.ANNOTATION_COLS} FROM annotations").fetchall()
        for row in rows:
            a = records.annotation_from_row(row)
            if a.report_key not in scope_keys and a.source not in scope_sources:
                continue
            report = anchors.find_report(reports, rkeys, a)
            start, end, source = a.start, a.end, a.source
            text_sha = raw_sha = None
            if report is None:
                reason = f"重新读取后找不到该批注所在的报告({anchors.describe_key(a.report_key)})"
            else:
                old_start = old_starts.get((a.report_key, a.source))
                expected = None if old_start is None else report.span.start + a.start - old_start
                found = anchors.reanchor(
                    a,
                    report.text,
                    region=report.span,
                    expected_start=expected,
                    cell_span=anchors.cell_span(report, a.cell),
                )
                if isinstance(found, str):
                    reason = found
                else:
                    reason = ""
                    start, end = found
                    source = report.source
                    text_sha, raw_sha = anchors.report_text_sha256(report), report.file_sha256
            if reason and not a.orphan_reason:
                orphaned.append(a.id)
            if not reason and (start, end, source) != (a.start, a.end, a.source):
                moved.append(a.id)
            conn.execute(
                'UPDATE annotations SET start = ?, "end" = ?, source = ?, orphan_reason = ?, '
                "text_sha256 = coalesce(?, text_sha256), raw_sha256 = coalesce(?, raw_sha256) "
                "WHERE id = ?",
                (start, end, source, reason, text_sha, raw_sha, a.id),
            )
        return moved, orphaned


# the findings a reviewer decided (a status other than 待核实, or a note) or wrote an outward
# text for: the only ones whose decisions a reload must carry (issue 23)
_DECIDED = (
    "WHERE key IN (SELECT finding_key FROM reviews WHERE status != 'pending' OR note != '') "
    "OR key IN (SELECT finding_key FROM outward_texts WHERE text != '')"
)


def _loads(text: object) -> object:
    try:
        return json.loads(str(text or "null"))
    except (ValueError, RecursionError):
        return None


def _write_marks(conn: sqlite3.Connection, name: str, marks: Mapping[str, str]) -> None:
    conn.execute(
        "INSERT INTO desk (name, value) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (name, dump_json(dict(marks))),
    )


def _figures(blob: object) -> str:
    """The figures a stored finding states (found, expected, cells two versions differ on):
    what a reload may change under a reviewer's decision (issue 23)."""
    data = _loads(blob or "{}")
    if not isinstance(data, dict):
        return ""
    diffs = [v.get("differences") for v in data.get("versions") or () if isinstance(v, dict)]
    return dump_json([data.get("actual"), data.get("expected"), diffs])


def _pairs_with(blob: object, report_ids: set[str]) -> bool:
    """Whether a stored finding names one of ``report_ids`` as its pair or other version."""
    data = _loads(blob or "{}")
    if not isinstance(data, dict):
        return False
    named = [data.get("related_report")]
    named += [v.get("report") for v in data.get("versions") or () if isinstance(v, dict)]
    return any(isinstance(r, str) and r in report_ids for r in named)
