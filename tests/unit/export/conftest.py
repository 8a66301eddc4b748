"""Batches built by hand (no parser): what the export layer must write, cell by cell."""

from __future__ import annotations

import pytest
from export_factory import INJECTIONS, make_finding, make_report

from gik_desk.model import CellRef, Finding, Problem, Severity
from gik_desk.model.batch import Batch


@pytest.fixture
def batch() -> Batch:
    r1 = make_report()
    r2 = make_report("r2", "济南市天桥区人民政府", 2020, index=1)
    warn = Finding(
        rule="TEXT-TABLE",
        severity=Severity.WARNING,
        message="正文称收到申请358件，表三为340件",
        report_id="r2",
        key="TEXT-TABLE|r2",
        cells=(CellRef("applications", "new", "natural"),),
    )
    return Batch(
        reports=[r1, r2],
        findings=[make_finding(), warn],
        problems=[
            Problem("batch/broken.doc", "unsupported-doc", "旧版 Word(.doc)无法直接读取表格")
        ],
        sources=["batch/001.txt", "batch/broken.doc"],
    )


@pytest.fixture
def hostile_batch() -> Batch:
    """Every text a spreadsheet could execute, in the places report text reaches."""
    reports = []
    findings = []
    for i, evil in enumerate(INJECTIONS):
        rid = f"evil{i}"
        reports.append(make_report(rid, evil, 2021, source=f"{evil}.txt", index=i))
        findings.append(make_finding(rid, evil))
    return Batch(
        reports=reports,
        findings=findings,
        problems=[Problem('=HYPERLINK("http://x")', "not-text", "@SUM(1)")],
        sources=[],
    )
