"""What the faces show or write from a batch: the workbook, JSON, the dashboard's frames and
figures, and the rule catalogue's words. Thin on purpose: the faces call here, never ``export``
or ``rules`` directly (issue 12), so a new face finds every output in one place."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def rule_title(rule: str) -> str:
    """A rule's Chinese title (the catalogue's), for lists, filters and axes."""
    from gik_desk.export.catalogue import rule_title as title

    return title(rule)


def describe_rule(rule: str) -> str:
    """What a rule checks, in the catalogue's words (the detail pane's explanation)."""
    from gik_desk.rules import describe

    return str(describe(rule))
