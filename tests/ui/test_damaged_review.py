"""Issue 27: a review whose stored status this program does not know is marked 已损坏 in the
findings list (with its id in the tooltip), shown as 待核实, never rewritten."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gik_desk.model.review import FindingReview, ReviewStatus
from gik_desk.ui.models.findings_model import FindingsModel

pytestmark = pytest.mark.timeout(120)


def test_a_damaged_review_is_marked_in_the_findings_list(seed_batch) -> None:  # type: ignore[no-untyped-def]
    model = FindingsModel()
    reports = {r.id: r for r in seed_batch.reports}
    model.set_findings(seed_batch.findings, reports)
    f = seed_batch.findings[0]
    why = "未知的审核状态「approved_by_mars」"
    model.set_reviews({f.key: FindingReview(f.key, ReviewStatus.PENDING, damaged=why)})

    row = next(i for i in range(model.rowCount()) if seed_batch.findings[i].key == f.key)
    assert model.index(row, 5).data() == "已损坏(待核实)"
    tip = model.index(row, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert why in tip
    assert f.key in tip
