"""The facade both ``cli/`` and ``ui/`` call: open a batch of files, parse, audit.

Parsing is CPU-bound Python, so a batch runs on a spawn ``ProcessPoolExecutor`` (ECOSYSTEM #19).
The job is a generator (``jobs.Job``): it yields ``Progress`` as each file finishes (payload =
that file's reports and problems, so the GUI tree fills live) and returns the ``Batch``. A file
that fails becomes a ``Problem`` and the batch goes on; a worker that crashes breaks the whole
pool, so the pool is rebuilt, the files then in flight are re-run one at a time to find the
culprit, and the culprit is quarantined as ``worker-crash``. A per-file watchdog turns a hang
into ``timeout``.

Speed (``make bench``): small text files travel several to a task, workers import the parser
once and stay warm between batches, results pickle as plain constructor calls, and a few small
.txt files skip the pool altogether.

Watchdog (issue 10): every file is parsed under the same time and memory bounds. In the pool a
file past ``FILE_TIMEOUT_S`` is a ``timeout`` and a worker is capped at ``WORKER_MEMORY_MB``
(``RLIMIT_DATA``: a file needing more is ``out-of-memory``). In automatic mode only small plain
text is parsed in this process, and only because its reading is linear and bounded (≤ 256 kB,
well under a second); a single file of any other kind or size goes to a one-worker pool, so the
watchdog covers it too. An explicit ``workers=1`` (tests, scripts) parses here, unguarded.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from gik_desk.jobs import Cancelled, CancelToken, Job, Progress, run_to_end
from gik_desk.model import Problem, Report
from gik_desk.model.batch import Batch
from gik_desk.model.formats import body_name
from gik_desk.model.names import display_name
from gik_desk.services.lifecycle import HistoryEntry as HistoryEntry
from gik_desk.services.lifecycle import ReviewProgress as ReviewProgress
from gik_desk.services.lifecycle import finding_history as finding_history
from gik_desk.services.lifecycle import local_time as local_time
from gik_desk.services.lifecycle import reason_problem as reason_problem
from gik_desk.services.lifecycle import review_progress as review_progress
from gik_desk.services.lifecycle import rule_title as rule_title

FileResult = tuple[list[Report], list[Problem]]
ParseFile = Callable[[str, Any], FileResult]

FILE_TIMEOUT_S = 180.0  # generous: a 40-page PDF takes ~30 s on a slow laptop
MAX_WORKERS = 8
_POLL_S = 0.2  # how often a waiting job looks at its cancel token and the watchdog
# Formats cheap per byte (~2 ms a report): several files travel in one task. A PDF, Word or
# Excel file costs far more per byte and goes alone.
_LIGHT_EXTS = frozenset({".txt", ".htm", ".html"})
CHUNKS_PER_WORKER = 4  # tasks per worker: enough for the last ones to balance
MAX_CHUNK_BYTES = 1 << 20  # ~0.2 s of parsing: tiny against the watchdog, cheap to re-run
INLINE_MAX_BYTES = 256 * 1024  # auto mode: .txt files this small parse here (< spawning)
WORKER_MEMORY_MB = 2048  # per worker (RLIMIT_DATA): hostile files peak well under 1 GB


def parse_file(path: str, limits: Any = None) -> FileResult:
    """Parse one file; never raises (runs in a worker process, so it must be module-level)."""
    try:
        from gik_desk.parse import parse_path

        reports, problems = parse_path(Path(path), limits)
        return list(reports), list(problems)
    except MemoryError as exc:  # the worker's memory cap: this file, not the batch
        return [], [_problem(path, "out-of-memory", exc)]
    except Exception as exc:  # one bad file must never stop a batch
        return [], [_problem(path, "parse-error", exc)]


def _problem(path: str, code: str, exc: BaseException | None = None) -> Problem:
    messages = {
        "parse-error": "解析此文件时程序出错，已跳过；请人工审阅该文件，并将文件反馈给开发者。",
        "worker-crash": "解析此文件时工作进程崩溃，已隔离跳过；请人工审阅该文件，并反馈给开发者。",
        "timeout": "解析此文件超时，已跳过；文件可能过大或结构异常，请人工审阅。",
        "out-of-memory": "解析此文件所需内存超过上限，已跳过；文件可能过大或结构异常，请人工审阅。",
        "not-found": "找不到该文件或文件夹，请检查路径。",
        "unreadable-folder": "无法列出此文件夹的内容(没有权限或已损坏)，其中的文件未能审核；"
        "请检查权限后重试。",
        "audit-error": "规则审核时程序出错，本批问题清单可能不完整；请将文件反馈给开发者。",
    }
    detail = f"{type(exc).__name__}: {exc}" if exc is not None else ""
    return Problem(path, code, messages[code], detail)


def _discover(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Problem]]:
    """Files to parse (folders recursively, via ingest), and a problem per path that is gone."""
    from gik_desk.ingest import discover

    given = [Path(p) for p in paths]
    there = [p for p in given if os.path.lexists(p)]  # a dangling or looping link: read it
    missing = [_problem(display_name(str(p)), "not-found") for p in given if p not in there]

    def unlistable(folder: Path, exc: OSError) -> None:
        missing.append(_problem(display_name(str(folder)), "unreadable-folder", exc))

    found = discover(there, on_error=unlistable)
    return list(found), missing


def default_workers(n_files: int) -> int:
    return max(1, min(os.cpu_count() or 1, n_files, MAX_WORKERS))


# ---- worker side -------------------------------------------------------------------------


def _cap_memory(megabytes: int = WORKER_MEMORY_MB) -> None:
    """Bound this worker's heap (POSIX ``RLIMIT_DATA``): a file that would need more raises
    ``MemoryError`` here instead of swapping the reviewer's machine to a halt."""
    try:
        import resource
    except ImportError:  # Windows: the time watchdog still applies
        return
    limit = megabytes * 1024 * 1024
    with contextlib.suppress(ValueError, OSError, AttributeError):
        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


def _init_worker() -> None:
    """Import what parsing needs once per worker (not per file), and pickle results cheaply."""
    _cap_memory()
    with contextlib.suppress(ImportError):  # a layer not landed yet: parse_file reports it
        import gik_desk.ingest
        import gik_desk.parse  # noqa: F401
    _register_reducers()
    # The imported modules never die: keep them out of every collection, and collect less
    # often (parsing makes many short-lived objects, few cycles): ~10 % of a worker's time.
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def _register_reducers() -> None:
    """Pickle the model's frozen slot dataclasses as ``cls(*fields)``.

    Their default pickling runs ``dataclasses.fields()`` in Python for every object on both
    sides (a batch holds ~100 cells per report); this cuts the worker's dumps ~2.5x and the
    parent's loads ~1.4x. Only the worker registers: the parent just calls the constructors.
    """
    from multiprocessing.reduction import ForkingPickler

    from gik_desk import model

    classes = (
        model.Span,
        model.Cell,
        model.Table,
        model.LabelSeen,
        model.Unread,
        model.Derivation,
        model.NarrativeFigure,
        model.Section,
        model.Report,
        model.Problem,
    )
    for cls in classes:
        fields = dataclasses.fields(cls)
        if not all(f.init for f in fields):
            continue  # cls(*values) would not rebuild it: keep the default
        ForkingPickler.register(cls, functools.partial(_reduce, cls, tuple(f.name for f in fields)))


def _reduce(cls: type, names: tuple[str, ...], obj: Any) -> tuple[type, tuple[Any, ...]]:
    return cls, tuple([getattr(obj, n) for n in names])


def _parse_chunk(paths: Sequence[str], limits: Any, parse: ParseFile) -> list[FileResult]:
    """Several files per task, so a batch of small files does not pay a round trip each.

    One pickle per chunk: a file's text, shared by its reports, crosses once.
    """
    out: list[FileResult] = []
    for path in paths:
        try:
            out.append(parse(path, limits))
        except MemoryError as exc:  # past the worker's memory cap
            out.append(([], [_problem(path, "out-of-memory", exc)]))
        except Exception as exc:  # a custom parser may raise; parse_file never does
            out.append(([], [_problem(path, "parse-error", exc)]))
    return out


# ---- the pool ----------------------------------------------------------------------------


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
    )


def _kill_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now, including a worker stuck in a file (the executor has no task timeout)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        with contextlib.suppress(Exception):
            p.terminate()
    for p in processes:
        with contextlib.suppress(Exception):
            p.join(timeout=5)


class _WarmPool:
    """One idle pool kept between batches, so reopening a folder does not spawn again.

    A job checks it out (a concurrent job gets a pool of its own), and hands it back only
    when it ended cleanly with nothing in flight; a pool that was killed is never kept.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._workers = 0

    def take(self, workers: int) -> ProcessPoolExecutor:
        with self._lock:
            pool, self._pool = self._pool, None
            same = self._workers == workers
        if pool is not None and same and not _is_broken(pool):
            return pool
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        return _new_pool(workers)

    def give_back(self, pool: ProcessPoolExecutor, workers: int) -> None:
        with self._lock:
            if self._pool is None and not _is_broken(pool):
                self._pool, self._workers = pool, workers
                return
        pool.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _is_broken(pool: ProcessPoolExecutor) -> bool:
    return bool(getattr(pool, "_broken", False)) or bool(getattr(pool, "_shutdown_thread", False))


_WARM = _WarmPool()


def shutdown_workers() -> None:
    """Stop the idle worker processes kept between batches (they also stop at exit)."""
    _WARM.shutdown()


def _plan_chunks(files: Sequence[Path], workers: int) -> list[list[int]]:
    """File indices grouped into tasks: plain text by bytes (several files a task, about
    ``CHUNKS_PER_WORKER`` tasks per worker so the last ones balance), every other format one
    file a task (a PDF or Word file costs far more per byte). Heavy tasks go first."""
    heavy: list[list[int]] = []
    light: list[tuple[int, int]] = []
    for i, f in enumerate(files):
        if f.suffix.lower() in _LIGHT_EXTS:
            light.append((i, _size(f)))
        else:
            heavy.append([i])
    if not light:
        return heavy
    total = sum(size for _, size in light)
    n_chunks = min(len(light), max(workers * CHUNKS_PER_WORKER, -(-total // MAX_CHUNK_BYTES)))
    target = total / n_chunks
    chunks: list[list[int]] = []
    current: list[int] = []
    weight = 0
    for i, size in light:
        current.append(i)
        weight += size
        if weight >= target * (len(chunks) + 1) - 1e-9:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return heavy + chunks


def _size(path: Path) -> int:
    try:
        return max(1, path.stat().st_size)
    except OSError:
        return 1


def _run_inline(
    files: Sequence[Path],
    cancel: CancelToken | None,
    parse: ParseFile,
    limits: Any,
    results: dict[int, FileResult],
) -> Generator[Progress, None, None]:
    for i, path in enumerate(files):
        if cancel is not None:
            cancel.check()
        try:
            res = parse(str(path), limits)
        except Exception as exc:  # a custom parser may raise; parse_file never does
            res = ([], [_problem(str(path), "parse-error", exc)])
        results[i] = res
        yield Progress(i + 1, len(files), path.name, res)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic collection while results arrive: unpickling ~100 objects a report would
    otherwise trigger full collections over an ever larger heap (~half the parent's time).
    Only around a wait, never across a ``yield``: an abandoned job cannot leave it off."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _run_pool(
    files: Sequence[Path],
    cancel: CancelToken | None,
    parse: ParseFile,
    limits: Any,
    workers: int,
    timeout_s: float,
    results: dict[int, FileResult],
) -> Generator[Progress, None, None]:
    """Keep ``workers`` tasks in flight (so submit time ≈ start time for the watchdog).

    A task is a chunk of files. When the pool breaks, every file then in flight is re-run
    alone, one at a time, to find the culprit. A chunk past the deadline is re-run file by
    file, so the watchdog still names the one file that hangs.
    """
    total = len(files)
    pending: deque[list[int]] = deque(_plan_chunks(files, workers))
    suspects: deque[int] = deque()  # in flight when the pool broke: re-run one by one
    in_flight: dict[Future[list[FileResult]], tuple[list[int], float]] = {}
    pool = _WARM.take(workers)
    clean = False

    def submit(chunk: list[int]) -> bool:
        try:
            fut = pool.submit(_parse_chunk, [str(files[i]) for i in chunk], limits, parse)
        except (BrokenProcessPool, RuntimeError):  # the kept pool died or shut down idle
            return False
        in_flight[fut] = (chunk, time.monotonic())
        return True

    def finish(idx: int, res: FileResult) -> Progress:
        results[idx] = res
        return Progress(len(results), total, files[idx].name, res)

    def fresh_pool() -> ProcessPoolExecutor:
        in_flight.clear()
        _kill_pool(pool)
        return _new_pool(workers)

    try:
        while pending or suspects or in_flight:
            if cancel is not None and cancel.cancelled:
                raise Cancelled
            if suspects:
                if not in_flight:
                    idx = suspects.popleft()
                    if not submit([idx]):
                        suspects.appendleft(idx)
                        pool = fresh_pool()
                        continue
            else:
                while pending and len(in_flight) < workers:
                    if not submit(pending[0]):
                        if not in_flight:  # else the wait below meets the broken futures
                            pool = fresh_pool()
                        break
                    pending.popleft()
            with _gc_paused():  # the executor's thread unpickles results meanwhile
                finished, _ = wait(list(in_flight), timeout=_POLL_S, return_when=FIRST_COMPLETED)
            broken: list[int] = []
            for fut in finished:
                chunk, _start = in_flight.pop(fut)
                try:
                    chunk_res = fut.result()
                except BrokenProcessPool:
                    broken.extend(chunk)
                    continue
                except Exception as exc:  # e.g. a result that would not pickle
                    if len(chunk) > 1:
                        pending.extendleft([i] for i in reversed(chunk))
                        continue
                    chunk_res = [([], [_problem(str(files[chunk[0]]), "parse-error", exc)])]
                for idx, res in zip(chunk, chunk_res, strict=True):
                    yield finish(idx, res)
            if broken:
                for fut, (chunk, _start) in list(in_flight.items()):
                    if fut.done() and not fut.cancelled() and fut.exception() is None:
                        for idx, res in zip(chunk, fut.result(), strict=True):
                            yield finish(idx, res)
                    else:
                        broken.extend(chunk)
                pool = fresh_pool()
                if len(broken) == 1:
                    idx = broken[0]
                    yield finish(idx, ([], [_problem(str(files[idx]), "worker-crash")]))
                else:
                    suspects.extend(sorted(broken))
                continue
            now = time.monotonic()
            late = [c for c, start in in_flight.values() if now - start > timeout_s]
            if late:
                innocent = [c for c, start in in_flight.values() if now - start <= timeout_s]
                pool = fresh_pool()
                for chunk in late:
                    if len(chunk) == 1:
                        yield finish(chunk[0], ([], [_problem(str(files[chunk[0]]), "timeout")]))
                    else:  # which file hangs? each alone, with its own deadline
                        pending.extendleft([i] for i in reversed(chunk))
                pending.extendleft(reversed(innocent))
        clean = True
    finally:
        if cancel is not None and cancel.cancelled:
            _kill_pool(pool)
        elif clean:
            _WARM.give_back(pool, workers)
        else:
            pool.shutdown(wait=False, cancel_futures=True)


def _small_text_batch(files: Sequence[Path]) -> bool:
    """Plain text small enough that parsing it here beats starting workers."""
    if any(f.suffix.lower() != ".txt" for f in files):
        return False
    return sum(_size(f) for f in files) <= INLINE_MAX_BYTES


def open_batch(
    paths: Iterable[str | os.PathLike[str]],
    cancel: CancelToken | None = None,
    *,
    workers: int | None = None,
    audit: bool = True,
    limits: Any = None,
    timeout_s: float = FILE_TIMEOUT_S,
    parse: ParseFile | None = None,
) -> Job[Batch]:
    """Discover, parse (a process pool for ≥ 2 files) and audit; yields per-file progress.

    ``audit=False`` stops after parsing (``gik-desk parse``). ``parse`` replaces the per-file
    parser (tests, benchmarks); in a pool it must be a module-level function. With neither
    ``workers`` nor ``parse`` given, a few small .txt files parse in this process (starting
    workers would cost more). Raises ``jobs.Cancelled`` when ``cancel`` is set; pending files
    are dropped.
    """
    auto = workers is None and parse is None
    parse = parse or parse_file
    files, missing = _discover(paths)
    results: dict[int, FileResult] = {}
    n_workers = workers if workers is not None else default_workers(len(files))
    inline = _small_text_batch(files) if auto else (len(files) < 2 or n_workers == 1)
    if files and not inline:
        n_workers = max(1, min(n_workers, len(files)))  # one file: a one-worker pool
        yield from _run_pool(files, cancel, parse, limits, n_workers, timeout_s, results)
    else:
        yield from _run_inline(files, cancel, parse, limits, results)
    batch = Batch(sources=[display_name(str(f)) for f in files], problems=list(missing))
    for i in range(len(files)):
        reports, problems = results[i]
        batch.reports.extend(_displayable(reports))
        batch.problems.extend(_displayable(problems))
    batch.reports = prepare_reports(batch.reports)
    if audit and batch.reports:
        if cancel is not None:
            cancel.check()
        yield Progress(len(files), len(files), "规则审核")
        batch.findings = run_audit(batch.reports, batch.problems)
    return batch


_Sourced = Any  # Report | Problem: both frozen dataclasses with a ``source``


def _displayable(items: list[_Sourced]) -> list[_Sourced]:
    """Sources every output can hold: a GBK-bytes file name (Linux) decoded, not a crash."""
    out = []
    for x in items:
        shown = display_name(x.source)
        out.append(x if shown == x.source else dataclasses.replace(x, source=shown))
    return out


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
        problems.append(_problem("", "audit-error", exc))
        return []
    for fail in failures:
        r = fail.report
        source = r.source if r is not None else ""
        problem = _problem(source, "audit-error", fail.error)
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
    if {f.key for f in old} == {f.key for f in fresh} and not problems:
        return False
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
    """Run ``open_batch`` to the end (CLI, tests, scripts)."""
    job = open_batch(paths, cancel, workers=workers, audit=audit, limits=limits, parse=parse)
    return run_to_end(job)
