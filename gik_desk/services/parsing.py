"""The parse task the pool engine runs (``gik_desk/pool.py`` knows no parser, issue 22): one
file through ``gik_desk.parse``, never raising, and the files a batch's paths name."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from gik_desk.model import Problem
from gik_desk.model.names import display_name
from gik_desk.pool import FileResult, problem

# what a worker imports before its first file (the pool's ``warm``), so no file pays for it
PARSER_MODULES = ("gik_desk.ingest", "gik_desk.parse")


def parse_file(path: str, limits: Any = None) -> FileResult:
    """Parse one file; never raises (runs in a worker process, so it must be module-level)."""
    try:
        from gik_desk.parse import parse_path

        reports, problems = parse_path(Path(path), limits)
        return list(reports), list(problems)
    except MemoryError as exc:  # the worker's memory cap: this file, not the batch
        return [], [problem(path, "out-of-memory", exc)]
    except Exception as exc:  # one bad file must never stop a batch
        return [], [problem(path, "parse-error", exc)]


def discover(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Problem]]:
    """Files to parse (folders recursively, via ingest), and a problem per path that is gone."""
    from gik_desk.ingest import discover

    given = [Path(p) for p in paths]
    there = [p for p in given if os.path.lexists(p)]  # a dangling or looping link: read it
    missing = [problem(display_name(str(p)), "not-found") for p in given if p not in there]

    def unlistable(folder: Path, exc: OSError) -> None:
        missing.append(problem(display_name(str(folder)), "unreadable-folder", exc))

    found = discover(there, on_error=unlistable)
    return list(found), missing
