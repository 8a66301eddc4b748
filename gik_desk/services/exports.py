"""What the faces show or write from a batch: the workbook (at once, or as a cancellable job
that leaves no partial file, issue 13), JSON, the dashboard's frames and figures, and the rule
catalogue's words. Thin on purpose: the faces call here (through ``gik_desk.services``), never
``export`` or ``rules`` directly (issue 12), so a new face finds every output in one place."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gik_desk.jobs import CancelToken, Job, Progress
from gik_desk.model.batch import Batch
from gik_desk.model.rectification import BodyRectification
from gik_desk.model.review import ReviewSnapshot

if TYPE_CHECKING:
    import pandas as pd

    from gik_desk.export.catalogue import RuleInfo
    from gik_desk.export.frames import DashboardFigures as DashboardFigures
    from gik_desk.export.series import KeySeries


def write_workbook(
    batch: Batch,
    path: str | Path,
    *,
    review: ReviewSnapshot | None = None,
    report_ids: list[str] | None = None,
    rectification: Sequence[BodyRectification] = (),
) -> Path:
    """The xlsx audit workbook (atomic: a partial file is never left at ``path``); with sent
    letters' outcomes, a 整改情况 sheet (issue 30)."""
    from gik_desk.export.xlsx import write_workbook as write

    return write(batch, path, review=review, report_ids=report_ids, rectification=rectification)


def write_json(batch: Batch, path: str | Path, extra: Mapping[str, Any] | None = None) -> Path:
    from gik_desk.export.json import write_json as write

    return write(batch, path, extra)


def json_text(batch: Batch, extra: Mapping[str, Any] | None = None) -> str:
    """The ``--json`` document (OUTPUT.md) as one string."""
    from gik_desk.export.json import dumps

    return dumps(batch, extra)


def json_pieces(batch: Batch, extra: Mapping[str, Any] | None = None) -> Iterator[str]:
    """``json_text`` a report at a time (issue 27: ``--json -`` of thousands of reports)."""
    from gik_desk.export.json import iter_dumps

    return iter_dumps(batch, extra)


def looks_like_json(head: bytes) -> bool:
    from gik_desk.export.json import looks_like_json as check

    return check(head)


def looks_like_xlsx(head: bytes) -> bool:
    from gik_desk.export.xlsx import looks_like_xlsx as check

    return check(head)


def batch_frames(
    batch: Batch, review: ReviewSnapshot | None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The batch-level frames (one row per report, per finding, per table cell)."""
    from gik_desk.export import frames

    return (
        frames.reports_frame(batch, review),
        frames.findings_frame(batch, review),
        frames.cells_frame(batch),
    )


def cells_frame(batch: Batch) -> pd.DataFrame:
    from gik_desk.export import frames

    return frames.cells_frame(batch)


def reports_frame(batch: Batch, review: ReviewSnapshot | None) -> pd.DataFrame:
    from gik_desk.export import frames

    return frames.reports_frame(batch, review)


def findings_frame(batch: Batch, review: ReviewSnapshot | None) -> pd.DataFrame:
    from gik_desk.export import frames

    return frames.findings_frame(batch, review)


def dashboard_figures(
    reports_df: pd.DataFrame | None,
    findings_df: pd.DataFrame | None,
    cells_df: pd.DataFrame | None,
) -> DashboardFigures:
    """The dashboard's numbers: the same computation the workbook's 统计 sheet prints."""
    from gik_desk.export.frames import dashboard_figures as figures

    return figures(reports_df, findings_df, cells_df)


def key_series() -> tuple[KeySeries, ...]:
    """The key figures the dashboard's trend plot and the workbook's 趋势 sheet follow."""
    from gik_desk.export.series import KEY_SERIES

    return tuple(KEY_SERIES)


def rule_catalogue() -> dict[str, RuleInfo]:
    from gik_desk.export.catalogue import rule_catalogue as catalogue

    return dict(catalogue())


def describe_rule(rule: str) -> str:
    """What a rule checks, in the catalogue's words (the detail pane's explanation)."""
    from gik_desk.rules import describe

    return str(describe(rule))


def export_workbook(
    batch: Batch,
    path: str | os.PathLike[str],
    cancel: CancelToken,
    *,
    review: ReviewSnapshot | None = None,
    report_ids: Iterable[str] | None = None,
    rectification: Sequence[BodyRectification] = (),
) -> Job[Path]:
    """Write the workbook at ``path``; yields ``Progress`` per sheet and per body's detail
    sheet, stops at the next step once ``cancel`` is set (raising ``jobs.Cancelled``); the temp
    file goes and an existing workbook at the target stays as it was."""
    from gik_desk.export.xlsx import write_workbook_steps

    steps = write_workbook_steps(
        batch, path, review=review, report_ids=report_ids, rectification=rectification
    )
    try:
        while True:
            cancel.check()
            try:
                done, total, label = next(steps)
            except StopIteration as stop:
                return Path(stop.value)
            yield Progress(done, total, label)
    finally:
        steps.close()  # cancelled or failed: the temp file goes, the target is untouched
