"""Batches: open files (through the pool), extend an open batch, reload or remove files, audit.

Every path that changes a batch's reports goes through ``prepare_reports`` (one name per body,
a version slot per file of one body+year) and ``run_audit``, so the window's "add files" and
the command line's batch form the same year pairs (issue 12).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from gik_desk import pool
from gik_desk.jobs import CancelToken, Job, Progress, run_to_end
from gik_desk.model import Problem, Report
from gik_desk.model.batch import Batch
from gik_desk.model.formats import body_name
from gik_desk.model.names import display_name
from gik_desk.pool import FILE_TIMEOUT_S, FileResult, ParseFile
from gik_desk.services.parsing import PARSER_MODULES, discover, parse_file


def open_batch(
    paths: Iterable[str | os.PathLike[str]],
    cancel: CancelToken | None = None,
    *,
    workers: int | None = None,
    audit: bool = True,
    limits: Any = None,
    timeout_s: float = FILE_TIMEOUT_S,
    parse: ParseFile | None = None,
    parse_beside: bool = False,
) -> Job[Batch]:
    """Discover, parse (a process pool for ≥ 2 files) and audit; yields per-file progress.

    ``audit=False`` stops after parsing (``gik-desk parse``). ``parse`` replaces the per-file
    parser (tests, benchmarks); in a pool it must be a module-level function. With neither
    ``workers`` nor ``parse`` given, a few small .txt files parse in this process (starting
    workers would cost more). With the default parser this process parses the batch's last
    small .txt files beside its workers (``pool.parse_here``) when ``parse_beside`` is True: a
    caller with nothing else to do (``audit_paths``: the CLI) asks for it; a window's process
    keeps the GIL for its UI thread (a parse beside the workers stalled a restore 189 ms).
    Raises ``jobs.Cancelled`` when ``cancel`` is set; pending files are dropped.
    """
    auto = workers is None and parse is None
    here = pool.parse_here if parse is None and parse_beside else None
    parse = parse or parse_file
    given = [Path(p) for p in paths]
    files, missing = discover(given)
    files = in_given_order(files, given)
    results: dict[int, FileResult] = {}
    n_workers = workers if workers is not None else pool.default_workers(len(files))
    inline = pool.small_text_batch(files) if auto else (len(files) < 2 or n_workers == 1)
    if files and not inline:
        n_workers = max(1, min(n_workers, len(files)))  # one file: a one-worker pool
        yield from pool.run_pool(
            files, cancel, parse, limits, n_workers, timeout_s, results, PARSER_MODULES, here
        )
    else:
        yield from pool.run_inline(files, cancel, parse, limits, results)
    batch = Batch(sources=[display_name(str(f)) for f in files], problems=list(missing))
    for i in range(len(files)):
        reports, problems = results[i]
        batch.reports.extend(_displayable(reports))
        batch.problems.extend(_displayable(problems))
    batch.reports = skip_identical(batch.reports, batch.problems)
    batch.reports = prepare_reports(batch.reports)
    if audit and batch.reports:
        if cancel is not None:
            cancel.check()
        yield Progress(len(files), len(files), "规则审核")
        batch.findings = run_audit(batch.reports, batch.problems)
    return batch


def in_given_order(files: list[Path], given: Sequence[Path]) -> list[Path]:
    """``files`` in the order the paths were given (a folder's files sorted in its place), so
    the first file given is the first version of its body+year, its 现行版本 until the reviewer
    marks another (issue 23). ``discover`` sorts the whole list."""

    index: dict[Path, int] = {}
    for i, p in enumerate(given):
        index.setdefault(p, i)

    def rank(f: Path) -> int:
        for p in (f, *f.parents):
            if p in index:
                return index[p]
        return len(given)

    return sorted(files, key=rank)  # stable: within one given path, discover's order


_Sourced = Any  # Report | Problem: both frozen dataclasses with a ``source``


def _displayable(items: list[_Sourced]) -> list[_Sourced]:
    """Sources every output can hold: a GBK-bytes file name (Linux) decoded, not a crash."""
    out = []
    for x in items:
        shown = display_name(x.source)
        out.append(x if shown == x.source else dataclasses.replace(x, source=shown))
    return out


def skip_identical(
    reports: list[Report], problems: list[Problem], known: Iterable[Report] = ()
) -> list[Report]:
    """``reports`` without those of a file whose bytes equal a file read before it (in
    ``known`` or earlier in ``reports``): the same report, never a second version (issue 23).
    Each skipped file gets a ``same-file`` problem naming the file it repeats."""
    first: dict[str, str] = {}
    for r in known:
        if r.file_sha256:
            first.setdefault(r.file_sha256, r.source)
    kept: list[Report] = []
    told: set[str] = set()
    for r in reports:
        earlier = first.setdefault(r.file_sha256, r.source) if r.file_sha256 else r.source
        if earlier == r.source:
            kept.append(r)
            continue
        if r.source not in told:
            told.add(r.source)
            name = Path(earlier).name
            message = f"与「{name}」内容完全相同，是同一份报告，已跳过(不作为另一个版本)。"
            problems.append(Problem(r.source, "same-file", message, earlier))
    return kept


def _unify_bodies(reports: list[Report]) -> list[Report]:
    """One body, one name across files (天桥区人民政府 / 济南市天桥区人民政府), so years pair."""
    try:
        from gik_desk.parse import unify_agencies
    except ImportError:
        return reports
    return list(unify_agencies(reports))


def prepare_reports(reports: list[Report]) -> list[Report]:
    """One name per body across files, and a version slot per file of one body and year
    (``rules.versions.assign``: the first in batch order keeps the empty slot)."""
    unified = _unify_bodies(reports)
    try:
        from gik_desk.rules.versions import assign
    except ImportError:
        return unified
    return assign(unified)


def run_audit(reports: list[Report], problems: list[Problem]) -> list[Any]:
    """All rules over all reports (year pairs form across files). A check that raises on one
    report becomes a problem naming that report; every other report is still audited."""
    from gik_desk.rules import audit_each

    try:
        findings, failures = audit_each(reports)
    except Exception as exc:  # the parsed tables are still worth showing
        problems.append(pool.problem("", "audit-error", exc))
        return []
    for fail in failures:
        r = fail.report
        source = r.source if r is not None else ""
        problem = pool.problem(source, "audit-error", fail.error)
        if r is not None:
            who = f"第 {r.index + 1} 份报告({body_name(r.agency)} {r.year or '年度未识别'})"
            message = (
                f"规则审核{who}时程序出错(检查 {fail.check})，该报告的问题清单可能不完整；"
                "其余报告已正常审核。请将文件反馈给开发者。"
            )
            problem = dataclasses.replace(problem, message=message)
        problems.append(problem)
    return findings


def reaudit_versions(batch: Batch, marked: Iterable[tuple[str, int]] | None = None) -> bool:
    """Audit again where the reviewer's 现行版本 marks change year-over-year pairs across files
    (issue 11): for each body+year in ``marked`` (by default those whose current version is not
    the default, empty-slot one), its own reports and next year's, with last year's beside them
    for their own pairs. A mark costs the few reports of those years, never the batch, so the
    window does not stall. True when any finding changed."""
    from gik_desk.rules.versions import groups

    by_group = groups(batch.reports)
    if marked is None:
        marked = [
            g for g, rs in by_group.items()
            if len({r.source for r in rs}) > 1 and any(r.current and r.version for r in rs)
        ]  # fmt: skip
    targets: set[tuple[str, int]] = set()
    context: set[tuple[str, int]] = set()
    for body, year in marked:
        targets |= {(body, year), (body, year + 1)}
        context |= {(body, year - 1), (body, year), (body, year + 1)}
    if not targets:
        return False
    subset = [r for r in batch.reports if (r.agency_key, r.year) in context]
    ids = {r.id for r in subset if (r.agency_key, r.year) in targets}
    problems: list[Problem] = []
    fresh = [f for f in run_audit(subset, problems) if f.report_id in ids]
    old = [f for f in batch.findings if f.report_id in ids]
    if {(f.key, f.message) for f in old} == {(f.key, f.message) for f in fresh} and not problems:
        return False  # (the message too: DUP-VERSION names the current version, issue 23)
    rank = {r.id: i for i, r in enumerate(batch.reports)}
    kept = [f for f in batch.findings if f.report_id not in ids]
    batch.findings = sorted([*kept, *fresh], key=lambda f: rank.get(f.report_id, 0))
    batch.problems.extend(problems)
    return True


def audit_paths(
    paths: Iterable[str | os.PathLike[str]],
    cancel: CancelToken | None = None,
    *,
    workers: int | None = None,
    audit: bool = True,
    limits: Any = None,
    parse: ParseFile | None = None,
) -> Batch:
    """Run ``open_batch`` to the end (CLI, tests, scripts): this process parses too."""
    job = open_batch(
        paths, cancel, workers=workers, audit=audit, limits=limits, parse=parse, parse_beside=True
    )
    return run_to_end(job)


def list_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files a batch of ``paths`` would read (folders walked for supported formats)."""
    from gik_desk.ingest import discover

    return discover(Path(p) for p in paths)


def extend_batch(
    paths: Sequence[str | os.PathLike[str]],
    old: Batch | None,
    cancel: CancelToken | None = None,
    **options: Any,
) -> Job[Batch]:
    """Read ``paths`` and audit them together with ``old``'s reports, so year pairs form across
    the files opened before and now (body names unified over both, issue 12)."""
    batch = yield from open_batch(paths, cancel, audit=old is None or not old.reports, **options)
    if old is None or not old.reports:
        return batch
    fresh = skip_identical(batch.reports, batch.problems, old.reports)
    merged = Batch(
        reports=prepare_reports(old.reports + fresh),
        problems=old.problems + batch.problems,
        sources=old.sources + [s for s in batch.sources if s not in old.sources],
    )
    if cancel is not None:
        cancel.check()
    yield Progress(len(batch.sources), len(batch.sources), "规则审核")
    merged.findings = run_audit(merged.reports, merged.problems)
    return merged


def reload_files(old: Batch, paths: Sequence[str], cancel: CancelToken) -> Job[Batch]:
    """Read ``paths`` again: their reports and problems replace what ``old`` held for them, in
    the same place of the batch; then the whole batch is audited again (issue 13)."""
    names = {display_name(str(p)) for p in paths}
    fresh = yield from open_batch([str(p) for p in paths], cancel, audit=False)
    order = {s: i for i, s in enumerate(old.sources)}
    end = len(order)
    reports = [r for r in old.reports if r.source not in names] + fresh.reports
    reports.sort(key=lambda r: order.get(r.source, end))  # stable: a file keeps its order
    problems = [p for p in old.problems if p.source not in names] + fresh.problems
    sources = list(old.sources) + [s for s in fresh.sources if s not in order]
    merged = Batch(reports=reports, problems=problems, sources=sources)
    return (yield from _audit(merged, cancel))


def remove_files(old: Batch, paths: Iterable[str], cancel: CancelToken) -> Job[Batch]:
    """``old`` without the files ``paths``, audited again (a year's pair may be gone)."""
    gone = set(paths)
    merged = Batch(
        reports=[r for r in old.reports if r.source not in gone],
        problems=[p for p in old.problems if p.source not in gone],
        sources=[s for s in old.sources if s not in gone],
    )
    return (yield from _audit(merged, cancel))


def _audit(batch: Batch, cancel: CancelToken) -> Job[Batch]:
    cancel.check()
    n = len(batch.sources)
    yield Progress(n, n, "规则审核")
    batch.reports = prepare_reports(batch.reports)
    batch.findings = run_audit(batch.reports, batch.problems) if batch.reports else []
    cancel.check()
    return batch


def follow_version_marks(batch: Batch, marks: Mapping[str, str], key: str) -> bool:
    """After the 现行版本 mark of body+year ``key`` changed: every report takes its mark from
    ``marks`` (the workspace's), and that body's years are audited again where pairs follow
    the mark (``reaudit_versions``). True when findings changed."""
    from gik_desk.rules.versions import assign, group_key
    from gik_desk.workspace import body_year_key

    current = {}
    for r in batch.reports:
        g = group_key(r)
        if g is not None and body_year_key(r) in marks:
            current[g] = marks[body_year_key(r)]
    batch.reports = assign(batch.reports, {r.id: r.version for r in batch.reports}, current)
    changed = {g for r in batch.reports if body_year_key(r) == key and (g := group_key(r))}
    return reaudit_versions(batch, changed)
