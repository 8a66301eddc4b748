"""The facade both ``cli/`` and ``ui/`` call: open a batch of files, parse, audit.

Parsing is CPU-bound Python, so a batch runs on a spawn ``ProcessPoolExecutor`` (ECOSYSTEM #19).
The job is a generator (``jobs.Job``): it yields ``Progress`` as each file finishes (payload =
that file's reports and problems, so the GUI tree fills live) and returns the ``Batch``. A file
that fails becomes a ``Problem`` and the batch goes on; a worker that crashes breaks the whole
pool, so the pool is rebuilt, the files then in flight are re-run one at a time to find the
culprit, and the culprit is quarantined as ``worker-crash``. A per-file watchdog turns a hang
into ``timeout``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from gik_desk.jobs import Cancelled, CancelToken, Job, Progress, run_to_end
from gik_desk.model import Problem, Report
from gik_desk.model.batch import Batch

FileResult = tuple[list[Report], list[Problem]]
ParseFile = Callable[[str, Any], FileResult]

FILE_TIMEOUT_S = 180.0  # generous: a 40-page PDF takes ~30 s on a slow laptop
MAX_WORKERS = 8
_POLL_S = 0.2  # how often a waiting job looks at its cancel token and the watchdog


def parse_file(path: str, limits: Any = None) -> FileResult:
    """Parse one file; never raises (runs in a worker process, so it must be module-level)."""
    try:
        from gik_desk.parse import parse_path

        reports, problems = parse_path(Path(path), limits)
        return list(reports), list(problems)
    except Exception as exc:  # one bad file must never stop a batch
        return [], [_problem(path, "parse-error", exc)]


def _problem(path: str, code: str, exc: BaseException | None = None) -> Problem:
    messages = {
        "parse-error": "解析此文件时程序出错，已跳过；请人工审阅该文件，并将文件反馈给开发者。",
        "worker-crash": "解析此文件时工作进程崩溃，已隔离跳过；请人工审阅该文件，并反馈给开发者。",
        "timeout": "解析此文件超时，已跳过；文件可能过大或结构异常，请人工审阅。",
        "not-found": "找不到该文件或文件夹，请检查路径。",
        "audit-error": "规则审核时程序出错，本批问题清单可能不完整；请将文件反馈给开发者。",
    }
    detail = f"{type(exc).__name__}: {exc}" if exc is not None else ""
    return Problem(path, code, messages[code], detail)


def _discover(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Problem]]:
    """Files to parse (folders recursively, via ingest), and a problem per path that is gone."""
    from gik_desk.ingest import discover

    given = [Path(p) for p in paths]
    missing = [_problem(str(p), "not-found") for p in given if not p.exists()]
    found = discover([p for p in given if p.exists()])
    return list(found), missing


def default_workers(n_files: int) -> int:
    return max(1, min(os.cpu_count() or 1, n_files, MAX_WORKERS))


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


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


def _run_pool(
    files: Sequence[Path],
    cancel: CancelToken | None,
    parse: ParseFile,
    limits: Any,
    workers: int,
    timeout_s: float,
    results: dict[int, FileResult],
) -> Generator[Progress, None, None]:
    """Keep ``workers`` files in flight (so submit time ≈ start time for the watchdog)."""
    total = len(files)
    pending: deque[int] = deque(range(total))
    suspects: deque[int] = deque()  # in flight when the pool broke: re-run one by one
    in_flight: dict[Future[FileResult], tuple[int, float]] = {}
    pool = _new_pool(workers)

    def finish(idx: int, res: FileResult) -> Progress:
        results[idx] = res
        return Progress(len(results), total, files[idx].name, res)

    try:
        while pending or suspects or in_flight:
            if cancel is not None and cancel.cancelled:
                raise Cancelled
            if suspects:
                if not in_flight:
                    idx = suspects.popleft()
                    fut = pool.submit(parse, str(files[idx]), limits)
                    in_flight[fut] = (idx, time.monotonic())
            else:
                while pending and len(in_flight) < workers:
                    idx = pending.popleft()
                    fut = pool.submit(parse, str(files[idx]), limits)
                    in_flight[fut] = (idx, time.monotonic())
            finished, _ = wait(list(in_flight), timeout=_POLL_S, return_when=FIRST_COMPLETED)
            broken: list[int] = []
            for fut in finished:
                idx, _start = in_flight.pop(fut)
                try:
                    res = fut.result()
                except BrokenProcessPool:
                    broken.append(idx)
                    continue
                except Exception as exc:  # e.g. a result that would not pickle
                    res = ([], [_problem(str(files[idx]), "parse-error", exc)])
                yield finish(idx, res)
            if broken:
                for fut, (idx, _start) in list(in_flight.items()):
                    if fut.done() and not fut.cancelled() and fut.exception() is None:
                        yield finish(idx, fut.result())
                    else:
                        broken.append(idx)
                in_flight.clear()
                _kill_pool(pool)
                pool = _new_pool(workers)
                if len(broken) == 1:
                    idx = broken[0]
                    yield finish(idx, ([], [_problem(str(files[idx]), "worker-crash")]))
                else:
                    suspects.extend(sorted(broken))
                continue
            now = time.monotonic()
            late = [(f, i) for f, (i, start) in in_flight.items() if now - start > timeout_s]
            if late:
                late_ids = {i for _, i in late}
                innocent = sorted(i for i, _ in in_flight.values() if i not in late_ids)
                in_flight.clear()
                _kill_pool(pool)
                pool = _new_pool(workers)
                pending.extendleft(reversed(innocent))
                for _, idx in late:
                    yield finish(idx, ([], [_problem(str(files[idx]), "timeout")]))
    finally:
        if cancel is not None and cancel.cancelled:
            _kill_pool(pool)
        else:
            pool.shutdown(wait=False, cancel_futures=True)


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
    parser (tests, benchmarks); in a pool it must be a module-level function. Raises
    ``jobs.Cancelled`` when ``cancel`` is set; pending files are dropped.
    """
    parse = parse or parse_file
    files, missing = _discover(paths)
    results: dict[int, FileResult] = {}
    n_workers = workers if workers is not None else default_workers(len(files))
    if len(files) >= 2 and n_workers != 1:
        yield from _run_pool(files, cancel, parse, limits, n_workers, timeout_s, results)
    else:
        yield from _run_inline(files, cancel, parse, limits, results)
    batch = Batch(sources=[str(f) for f in files], problems=list(missing))
    for i in range(len(files)):
        reports, problems = results[i]
        batch.reports.extend(reports)
        batch.problems.extend(problems)
    batch.reports = _unify_bodies(batch.reports)
    if audit and batch.reports:
        if cancel is not None:
            cancel.check()
        yield Progress(len(files), len(files), "规则审核")
        batch.findings = run_audit(batch.reports, batch.problems)
    return batch


def _unify_bodies(reports: list[Report]) -> list[Report]:
    """One body, one name across files (天桥区人民政府 / 济南市天桥区人民政府), so years pair."""
    try:
        from gik_desk.parse import unify_agencies
    except ImportError:
        return reports
    return list(unify_agencies(reports))


def run_audit(reports: list[Report], problems: list[Problem]) -> list[Any]:
    """All rules over all reports (year pairs form across files); a rules bug is a problem."""
    from gik_desk.rules import audit

    try:
        return list(audit(reports))
    except Exception as exc:  # the parsed tables are still worth showing
        problems.append(_problem("", "audit-error", exc))
        return []


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
