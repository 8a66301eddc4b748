"""The reviewer's workbook as a cancellable job (issue 13): progress per sheet and per body's
detail sheet; a cancelled export leaves no partial workbook (the temp file is removed, an
existing workbook at the target stays as it was)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gik_desk.jobs import CancelToken, Job, Progress
from gik_desk.model.batch import Batch
from gik_desk.model.rectification import BodyRectification

if TYPE_CHECKING:
    from gik_desk.model.review import ReviewSnapshot


def export_workbook(
    batch: Batch,
    path: str | os.PathLike[str],
    cancel: CancelToken,
    *,
    review: ReviewSnapshot | None = None,
    report_ids: Iterable[str] | None = None,
    rectification: Sequence[BodyRectification] = (),
) -> Job[Path]:
    """Write the workbook at ``path``; yields ``Progress`` per step, stops at the next step
    once ``cancel`` is set (raising ``jobs.Cancelled``)."""
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
