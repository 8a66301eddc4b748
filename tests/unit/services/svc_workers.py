"""Per-file parsers for the pool tests: module-level so a spawned worker can import them.

Each reads the file's first line as an instruction: ``ok <agency> <year>``, ``raise``,
``crash`` (the worker dies natively, as a C extension crash would), ``hang`` or ``hog``;
``many <n>``: n reports sharing the file's text (a crawl in one file, issue 27).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from gik_desk.model import Problem, Report, Span


def scripted(path: str, limits: Any = None) -> tuple[list[Report], list[Problem]]:
    text = Path(path).read_text(encoding="utf-8")
    word, *rest = text.split()
    if word == "raise":
        raise ValueError("scripted failure")
    if word == "crash":
        os._exit(3)
    if word == "hang":
        time.sleep(600)
    if word == "hog":  # more memory than a worker may have (services.WORKER_MEMORY_MB)
        _ = b"x" * (3 * 1024 * 1024 * 1024)
    if word == "slow":
        time.sleep(float(rest[0]))
        rest = rest[1:]
    if word == "problem":
        return [], [Problem(path, "empty-file", "文件是空的")]
    if word == "many":
        return [
            Report(
                id=f"{Path(path).stem}#{i}",
                source=path,
                index=i,
                text=text,
                span=Span(i, i + 1),
                agency=f"局{i}",
                agency_key=f"局{i}",
                year=2021,
                template="t2021",
            )
            for i in range(int(rest[0]))
        ], [Problem(path, "empty-file", "第二个问题")]
    agency, year = ([*rest, "机关", "2021"])[:2]
    report = Report(
        id=f"{Path(path).stem}#0",
        source=path,
        index=0,
        text=text,
        span=Span(0, len(text)),
        agency=agency,
        agency_key=agency,
        year=int(year),
        template="t2021",
    )
    return [report], []


def never_reads(path: str, limits: Any = None) -> tuple[list[Any], list[Any]]:
    """A workbook reader that never ends: what the watchdog of a returned workbook stops."""
    time.sleep(600)
    return [], []
