"""The process-pool engine (issue 22: beside ``jobs``, knowing no parser): run a work function
over a batch of files — ``services`` passes the parse task (``services/parsing.py``).

Parsing is CPU-bound Python, so a batch runs on a spawn ``ProcessPoolExecutor`` (ECOSYSTEM #19).
The job is a generator (``jobs.Job``): it yields ``Progress`` as each file finishes (payload =
that file's reports and problems, so the GUI tree fills live) and returns the ``Batch``. A file
that fails becomes a ``Problem`` and the batch goes on; a worker that crashes breaks the whole
pool, so the pool is rebuilt, the files then in flight are re-run one at a time to find the
culprit, and the culprit is quarantined as ``worker-crash``. A per-file watchdog turns a hang
into ``timeout``.

Speed (``make bench``, issue 26): one pool per session, sized for the machine, serves every
batch it can (its workers import the parser once); the costliest files go first, one a task,
then small text files several to a task in chunks that shrink towards the tail; results pickle
as plain constructor calls and come back through a file, not the pipe; and this process parses
too, the batch's last small .txt files, whose reports are then never pickled at all (pickling
out and in costs a worker's reports ~a fifth of their parse time). A few small .txt files skip
the pool altogether.

Memory (issue 27): a file of thousands of reports (a crawl dumped into one .txt) comes back
through a spill file written a slice at a time, the file's text once, so the worker lets go of
each slice as it writes it and the parent never holds one pickle of the whole file beside its
reports: a 50 MB file's audit stays bounded by that file's reports, not twice or three times.

Watchdog (issue 10): every file is parsed under the same time and memory bounds. In the pool a
file past ``FILE_TIMEOUT_S`` is a ``timeout`` and a worker is capped at ``WORKER_MEMORY_MB``
(``RLIMIT_DATA``: a file needing more is ``out-of-memory``). In automatic mode only small plain
text is parsed in this process, and only because its reading is linear and bounded (≤ 256 kB,
well under a second): a small batch of it, or such files beside the workers (``parse_here``;
never with a custom work function); a single file of any other kind or size goes to a
one-worker pool, so the watchdog covers it too. An explicit ``workers=1`` (tests, scripts)
parses here, unguarded.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import gc
import importlib
import multiprocessing
import operator
import os
import pickle
import tempfile
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, NamedTuple

from gik_desk.jobs import Cancelled, CancelToken, Progress
from gik_desk.model import Problem, Report

FileResult = tuple[list[Report], list[Problem]]
ParseFile = Callable[[str, Any], FileResult]

FILE_TIMEOUT_S = 180.0  # generous: a 40-page PDF takes ~30 s on a slow laptop
MAX_WORKERS = 8
_POLL_S = 0.2  # how often a waiting job looks at its cancel token and the watchdog
# Formats cheap per byte (~2 ms a report): several files travel in one task. A PDF, Word or
# Excel file costs far more per byte and goes alone.
_LIGHT_EXTS = frozenset({".txt", ".htm", ".html"})
CHUNKS_PER_WORKER = 4  # tasks per worker at least: enough for the last ones to balance
MAX_CHUNK_BYTES = 512 * 1024  # ~0.1 s of parsing: tiny against the watchdog, cheap to re-run
TAIL_SHARE = 0.5  # the last chunk's share of the first's: sizes fall so the batch ends evenly
INLINE_MAX_BYTES = 256 * 1024  # auto mode: .txt files this small parse here (< spawning)
WORKER_MEMORY_MB = 2048  # per worker (RLIMIT_DATA): hostile files peak well under 1 GB
# issue 27: a file of more reports than this comes back through a spill file, a slice at a time
SPILL_REPORTS = 256
SPILL_SLICE = 128  # reports a pickle in the spill file


def problem(path: str, code: str, exc: BaseException | None = None) -> Problem:
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


def _init_worker(parent: int | None = None, warm: Sequence[str] = ()) -> None:
    """Import what the work needs (``warm``: module names) once per worker, not per file, and
    pickle results cheaply.

    A worker never outlives the desk (issue 13): Ctrl+C in a terminal reaches the whole
    process group, so workers ignore SIGINT and let the parent stop them; and a watcher ends
    the worker once its parent is gone, however it went (SIGKILL, a crash)."""
    _ignore_sigint()
    if parent is not None:
        _watch_parent(parent)
    _cap_memory()
    for name in warm:
        with contextlib.suppress(ImportError):  # the work function reports it, per file
            importlib.import_module(name)
    _register_reducers()
    # The imported modules never die: keep them out of every collection, and collect less
    # often (parsing makes many short-lived objects, few cycles): ~10 % of a worker's time.
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def _ignore_sigint() -> None:
    import signal

    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)


PARENT_POLL_S = 1.0


def _watch_parent(parent: int) -> None:
    """A daemon thread that ends this worker when ``parent`` is no longer its parent."""

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_S)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="gik-parent-watch", daemon=True).start()


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
        model.TextBox,
    )
    for cls in classes:
        fields = dataclasses.fields(cls)
        if not all(f.init for f in fields):
            continue  # cls(*values) would not rebuild it: keep the default
        ForkingPickler.register(cls, _reducer(cls, tuple(f.name for f in fields)))


def _reducer(cls: type, names: tuple[str, ...]) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    """``obj -> (cls, its field values)``, the values read by one C call (``attrgetter``):
    half the worker's pickling time of a Python loop over the names."""
    get = operator.attrgetter(*names)
    if len(names) == 1:  # attrgetter of one name returns the value, not a tuple
        return lambda obj: (cls, (get(obj),))
    return lambda obj: (cls, get(obj))


ChunkResult = list[tuple[Any, list[Problem]]]


def _parse_chunk(
    paths: Sequence[str],
    limits: Any,
    parse: ParseFile,
    spill: str | None = None,
    through_file: bool = False,
) -> ChunkResult | _Written:
    """Several files per task, so a batch of small files does not pay a round trip each.

    One pickle per chunk: a file's text, shared by its reports, crosses once. A file of more
    than ``SPILL_REPORTS`` reports (a crawl in one .txt, issue 27) is written to a file in
    ``spill`` instead, a slice at a time, each slice let go once written: one pickle of
    thousands of reports held the worker's reports twice, and the parent's bytes beside them.
    With ``through_file`` the chunk's pickle goes to a file in ``spill`` too (``_write``).
    """
    out: list[tuple[Any, list[Problem]]] = []
    for path in paths:
        try:
            reports, problems = parse(path, limits)
            if spill is not None and len(reports) > SPILL_REPORTS:
                out.append((_spill(reports, spill), problems))
            else:
                out.append((reports, problems))
        except MemoryError as exc:  # past the worker's memory cap
            out.append(([], [problem(path, "out-of-memory", exc)]))
        except Exception as exc:  # a custom parser may raise; parse_file never does
            out.append(([], [problem(path, "parse-error", exc)]))
    if through_file and spill is not None:
        return _write(out, spill)
    return out


class _Written(NamedTuple):
    """Where a worker wrote a chunk's results: one pickle, read back by ``_read``."""

    path: str


def _write(out: ChunkResult, folder: str) -> ChunkResult | _Written:
    """``out`` pickled to a new file in ``folder``; ``out`` itself when that fails (the pipe
    still carries it).

    Why not the pipe: it holds 64 kB, and the parent's thread reading it needs the GIL back
    for every 64 kB while another thread of the parent runs Python (its own parsing,
    ``run_pool``'s ``here``; the window): up to 5 ms each (the interpreter's switch interval),
    so a worker sending 1 MB could stand ~80 ms blocked in ``write``. A file is written at
    once, and read back in one call.
    """
    from multiprocessing.reduction import ForkingPickler  # with the model's reducers

    try:
        fd, name = tempfile.mkstemp(prefix="chunk-", suffix=".pickle", dir=folder)
    except OSError:
        return out
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(ForkingPickler.dumps(out, pickle.HIGHEST_PROTOCOL))
    except OSError:  # disk full
        with contextlib.suppress(OSError):
            os.unlink(name)
        return out
    return _Written(name)


def _read(paths: Sequence[str], res: ChunkResult | _Written) -> ChunkResult:
    """A chunk's results, read back from the file a worker wrote them to (the file removed);
    a file that cannot be read is a ``parse-error`` for each of ``paths``, never silence."""
    if not isinstance(res, _Written):
        return res
    try:
        with open(res.path, "rb") as fh:
            data = fh.read()
        with _gc_paused():
            out: ChunkResult = pickle.loads(data)
    except (OSError, EOFError, pickle.UnpicklingError, IndexError, ValueError) as exc:
        return [([], [problem(path, "parse-error", exc)]) for path in paths]
    finally:
        with contextlib.suppress(OSError):
            os.unlink(res.path)
    return out


class _Spilled(NamedTuple):
    """Where a worker wrote a file's reports: a list of the values its reports share (the
    file's text, a PDF's boxes), then ``slices`` pickles of ``(text, boxes, report)`` rows,
    each report without those two."""

    path: str
    slices: int


def _spill(reports: list[Report], folder: str) -> _Spilled | list[Report]:
    """``reports`` written to a new file in ``folder`` (the list is emptied as it goes); the
    list itself when the file cannot be written (the pipe still carries it)."""
    from multiprocessing.reduction import ForkingPickler  # with the model's reducers

    shared: list[Any] = []
    index: dict[int, int] = {}
    for r in reports:
        for v in (r.text, r.boxes):
            if id(v) not in index:
                index[id(v)] = len(shared)
                shared.append(v)
    try:
        fd, name = tempfile.mkstemp(prefix="reports-", suffix=".pickle", dir=folder)
    except OSError:
        return reports
    try:
        with os.fdopen(fd, "wb") as fh:
            ForkingPickler(fh, pickle.HIGHEST_PROTOCOL).dump(shared)
            slices = 0
            for start in range(0, len(reports), SPILL_SLICE):
                rows = [
                    (
                        index[id(r.text)],
                        index[id(r.boxes)],
                        dataclasses.replace(r, text="", boxes=()),
                    )
                    for r in reports[start : start + SPILL_SLICE]
                ]
                ForkingPickler(fh, pickle.HIGHEST_PROTOCOL).dump(rows)
                slices += 1
                del rows
                for j in range(start, min(start + SPILL_SLICE, len(reports))):
                    reports[j] = None  # type: ignore[call-overload]  # let go of it here
    except OSError:  # disk full: nothing was let go that the pipe cannot still carry
        with contextlib.suppress(OSError):
            os.unlink(name)
        if any(r is None for r in reports):
            raise
        return reports
    reports.clear()
    del shared, index
    # the reports hold cycles, and a worker collects seldom (``_init_worker``): hand their
    # memory back now, not while the parent holds the same reports read back
    gc.collect()
    return _Spilled(name, slices)


def _unspill(path: str, res: tuple[Any, list[Problem]]) -> FileResult:
    """A worker's result for the file ``path`` with its reports read back from a spill file
    (the file removed); a spill file that cannot be read is a ``parse-error``, never silence."""
    reports, problems = res
    if not isinstance(reports, _Spilled):
        return reports, problems
    out: list[Report] = []
    try:
        with _gc_paused(), open(reports.path, "rb") as fh:
            shared = pickle.load(fh)
            for _ in range(reports.slices):
                for text, boxes, r in pickle.load(fh):
                    out.append(dataclasses.replace(r, text=shared[text], boxes=shared[boxes]))
    except (OSError, EOFError, pickle.UnpicklingError, IndexError, ValueError) as exc:
        return [], [*problems, problem(path, "parse-error", exc)]
    finally:
        with contextlib.suppress(OSError):
            os.unlink(reports.path)
    return out, problems


# ---- the pool ----------------------------------------------------------------------------


_LIVE: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()  # every pool not yet killed


_CLOSING = threading.Event()  # set by ``kill_workers``: the process is ending


class _Pool(ProcessPoolExecutor):
    """A spawn pool that knows its size and the modules its workers import (``_WarmPool``)."""

    def __init__(self, workers: int, warm: Sequence[str] = ()) -> None:
        super().__init__(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(os.getpid(), tuple(warm)),
        )
        self.size = workers
        self.warm = frozenset(warm)


def _new_pool(workers: int, warm: Sequence[str] = ()) -> _Pool:
    if _CLOSING.is_set():  # a job meeting its killed pool must not spawn another
        raise Cancelled
    pool = _Pool(workers, warm)
    _LIVE.add(pool)
    return pool


def _session_pool(workers: int, warm: Sequence[str] = ()) -> _Pool:
    """A new pool the next batches can reuse: as many workers as the machine has cores (or
    ``workers``, if more); the executor starts each only when a task finds none idle."""
    return _new_pool(max(workers, default_workers(MAX_WORKERS)), warm)


def _kill_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now, including a worker stuck in a file (the executor has no task timeout)."""
    _LIVE.discard(pool)
    processes = list((getattr(pool, "_processes", None) or {}).values())
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)  # shutdown drops it
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        with contextlib.suppress(Exception):
            p.terminate()
    for p in processes:
        with contextlib.suppress(Exception):
            p.join(timeout=5)
    # A worker killed while writing its result leaves half a message in the result pipe; the
    # executor's manager thread would wait for the rest forever (and the interpreter's exit
    # joins that thread: a hang at exit). This process holds the pipe's only other write end:
    # closing it turns the wait into EOF, which the manager thread reports as a broken pool.
    if writer is not None:
        with contextlib.suppress(Exception):
            writer.close()


class _WarmPool:
    """One idle pool kept between batches, so reopening a folder does not spawn again.

    A job checks it out (a concurrent job gets a pool of its own), and hands it back only
    when it ended cleanly with nothing in flight; a pool that was killed is never kept. A pool
    serves any job needing no more workers than it has and no module its workers did not
    import (a one-file batch, a workbook import): the session starts its workers once. A new
    pool is sized for the machine (``default_workers``), not for the batch that asked first;
    the executor starts a worker only when a task finds none idle.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: _Pool | None = None

    def take(self, workers: int, warm: Sequence[str] = ()) -> _Pool:
        with self._lock:
            pool, self._pool = self._pool, None
        fits = pool is not None and pool.size >= workers and pool.warm >= frozenset(warm)
        if pool is not None and fits and not _is_broken(pool):
            return pool
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        return _session_pool(workers, warm)

    def give_back(self, pool: _Pool) -> None:
        with self._lock:
            if self._pool is None and not _is_broken(pool):
                self._pool = pool
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


def kill_workers() -> None:
    """Stop every worker process now, busy or idle (the app quits, SIGTERM, exit): a job
    still running then finds its pool broken and ends, and no new pool starts (the process
    is ending). Safe to call more than once."""
    _CLOSING.set()
    with _WARM._lock:
        _WARM._pool = None
    for pool in list(_LIVE):
        _kill_pool(pool)


atexit.register(kill_workers)


def _plan_chunks(files: Sequence[Path], workers: int) -> list[list[int]]:
    """File indices grouped into tasks, the costliest first so the batch ends evenly.

    Every format but plain text goes one file a task (a PDF or Word file costs far more per
    byte), largest first; then each text file bigger than an average chunk, alone, largest
    first; then the other text files in their order, several a task (at least
    ``CHUNKS_PER_WORKER`` tasks per worker, at most ~``MAX_CHUNK_BYTES`` each), the tasks
    shrinking to ``TAIL_SHARE`` of the first so the last ones leave little to wait for.
    """
    heavy: list[tuple[int, int]] = []
    light: list[tuple[int, int]] = []
    for i, f in enumerate(files):
        (light if f.suffix.lower() in _LIGHT_EXTS else heavy).append((i, _size(f)))
    by_size = sorted(heavy, key=lambda item: -item[1])  # stable: equal sizes keep their order
    if light:
        mean = sum(size for _, size in light) / _n_chunks(light, workers)
        big = sorted([x for x in light if x[1] > mean], key=lambda item: -item[1])
        by_size += big
        light = [x for x in light if x[1] <= mean]
    alone = [[i] for i, _ in by_size]
    if not light:
        return alone
    n = _n_chunks(light, workers)
    # chunk k's share falls linearly from 1 to TAIL_SHARE; ``ends`` are the cumulative bounds
    shares = [1 - (1 - TAIL_SHARE) * k / max(1, n - 1) for k in range(n)]
    total = sum(size for _, size in light)
    scale = total / sum(shares)
    ends: list[float] = []
    for share in shares:
        ends.append((ends[-1] if ends else 0.0) + share * scale)
    chunks: list[list[int]] = []
    current: list[int] = []
    weight = 0
    for i, size in light:
        current.append(i)
        weight += size
        if weight >= ends[min(len(chunks), n - 1)] - 1e-6:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return alone + chunks


def _n_chunks(light: Sequence[tuple[int, int]], workers: int) -> int:
    total = sum(size for _, size in light)
    return min(len(light), max(workers * CHUNKS_PER_WORKER, -(-total // MAX_CHUNK_BYTES)))


def _size(path: Path) -> int:
    try:
        return max(1, path.stat().st_size)
    except OSError:
        return 1


def parse_here(path: Path) -> bool:
    """A file this process may parse beside its workers (``run_pool``'s ``here``): plain text
    this small reads in bounded time (see the module's note on the watchdog)."""
    return path.suffix.lower() == ".txt" and _size(path) <= INLINE_MAX_BYTES


def _parse_here(path: Path, parse: ParseFile, limits: Any) -> FileResult:
    try:
        return parse(str(path), limits)
    except Exception as exc:  # a custom parser may raise; parse_file never does
        return [], [problem(str(path), "parse-error", exc)]


def run_inline(
    files: Sequence[Path],
    cancel: CancelToken | None,
    parse: ParseFile,
    limits: Any,
    results: dict[int, FileResult],
) -> Generator[Progress, None, None]:
    for i, path in enumerate(files):
        if cancel is not None:
            cancel.check()
        results[i] = res = _parse_here(path, parse, limits)
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


def run_pool(
    files: Sequence[Path],
    cancel: CancelToken | None,
    parse: ParseFile,
    limits: Any,
    workers: int,
    timeout_s: float,
    results: dict[int, FileResult],
    warm: Sequence[str] = (),
    here: Callable[[Path], bool] | None = None,
) -> Generator[Progress, None, None]:
    """Keep ``workers`` tasks in flight (so submit time ≈ start time for the watchdog);
    ``parse`` is the work function, ``warm`` the modules each worker imports before its first
    task.

    A task is a chunk of files. When the pool breaks, every file then in flight is re-run
    alone, one at a time, to find the culprit. A chunk past the deadline is re-run file by
    file, so the watchdog still names the one file that hangs.

    This process parses too, where ``here`` (e.g. ``parse_here``) allows it: on a thread of
    its own (so the loop hands a worker its next task at once), the last pending file, one at
    a time, from the end of the batch while the workers take tasks from its start. What it
    parses is never pickled (a worker's reports cost ~a fifth of their parse time to pickle
    and unpickle), and the batch's tail has one more hand, all of it while a cold pool's
    workers are still starting.
    """
    total = len(files)
    pending: deque[list[int]] = deque(_plan_chunks(files, workers))
    suspects: deque[int] = deque()  # in flight when the pool broke: re-run one by one
    in_flight: dict[Future[ChunkResult | _Written], tuple[list[int], float]] = {}
    pool = _WARM.take(workers, warm)
    clean = False
    # a file of thousands of reports comes back through here (issue 27); gone with the job
    spill_dir = tempfile.TemporaryDirectory(prefix="gik-spill-", ignore_cleanup_errors=True)
    spill = spill_dir.name
    helper = ThreadPoolExecutor(1, thread_name_prefix="gik-parse-here") if here else None
    mine: tuple[Future[FileResult], int] | None = None  # the file the helper is parsing

    def submit(chunk: list[int]) -> bool:
        try:
            fut = pool.submit(_parse_chunk, names(chunk), limits, parse, spill, True)
        except (BrokenProcessPool, RuntimeError):  # the kept pool died or shut down idle
            return False
        in_flight[fut] = (chunk, time.monotonic())
        return True

    def names(chunk: list[int]) -> list[str]:
        return [str(files[i]) for i in chunk]

    def finish(idx: int, res: tuple[Any, list[Problem]]) -> Progress:
        results[idx] = _unspill(str(files[idx]), res)
        return Progress(len(results), total, files[idx].name, results[idx])

    def fresh_pool() -> _Pool:
        in_flight.clear()
        _kill_pool(pool)
        return _session_pool(workers, warm)

    def steal() -> int | None:
        """The batch's last pending file, taken for this process if ``here`` allows it."""
        if here is None or not pending or not here(files[pending[-1][-1]]):
            return None
        idx = pending[-1].pop()
        if not pending[-1]:
            pending.pop()
        return idx

    try:
        while pending or suspects or in_flight or mine:
            if cancel is not None and cancel.cancelled:
                raise Cancelled
            if helper is not None and mine is None and (last := steal()) is not None:
                mine = (helper.submit(_parse_here, files[last], parse, limits), last)
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
            waiting: list[Future[Any]] = [*in_flight, *([mine[0]] if mine else [])]
            with _gc_paused():  # the helper parses meanwhile: its garbage waits for the loop
                finished, _ = wait(waiting, timeout=_POLL_S, return_when=FIRST_COMPLETED)
            if mine is not None and mine[0] in finished:
                finished.discard(mine[0])
                (done_here, last), mine = mine, None
                results[last] = done_here.result()  # _parse_here never raises
                yield Progress(len(results), total, files[last].name, results[last])
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
                    chunk_res = [([], [problem(str(files[chunk[0]]), "parse-error", exc)])]
                for idx, res in zip(chunk, _read(names(chunk), chunk_res), strict=True):
                    yield finish(idx, res)
            if broken:
                for fut, (chunk, _start) in list(in_flight.items()):
                    if fut.done() and not fut.cancelled() and fut.exception() is None:
                        for idx, res in zip(chunk, _read(names(chunk), fut.result()), strict=True):
                            yield finish(idx, res)
                    else:
                        broken.extend(chunk)
                pool = fresh_pool()
                if len(broken) == 1:
                    idx = broken[0]
                    yield finish(idx, ([], [problem(str(files[idx]), "worker-crash")]))
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
                        yield finish(chunk[0], ([], [problem(str(files[chunk[0]]), "timeout")]))
                    else:  # which file hangs? each alone, with its own deadline
                        pending.extendleft([i] for i in reversed(chunk))
                pending.extendleft(reversed(innocent))
        clean = True
    finally:
        if cancel is not None and cancel.cancelled:
            _kill_pool(pool)
        elif clean:
            _WARM.give_back(pool)
        else:
            pool.shutdown(wait=False, cancel_futures=True)
        if helper is not None:  # a file it is parsing is bounded (``parse_here``): let it end
            helper.shutdown(wait=False, cancel_futures=True)
        spill_dir.cleanup()


def small_text_batch(files: Sequence[Path]) -> bool:
    """Plain text small enough that parsing it here beats starting workers."""
    if any(f.suffix.lower() != ".txt" for f in files):
        return False
    return sum(_size(f) for f in files) <= INLINE_MAX_BYTES
