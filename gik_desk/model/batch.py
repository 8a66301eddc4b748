"""A batch: every report read from the files a reviewer opened, their findings and problems."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from gik_desk.model.finding import Finding
from gik_desk.model.problem import Problem
from gik_desk.model.report import Report


@dataclass(slots=True)
class Batch:
    reports: list[Report] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # every file tried, read or not
    # reports as read, before keyed values (issue 29) were applied: undoing a keyed value
    # restores the cell from here
    unkeyed: dict[str, Report] = field(default_factory=dict)

    def report(self, report_id: str) -> Report | None:
        for r in self.reports:
            if r.id == report_id:
                return r
        return None

    def findings_for(self, report_id: str) -> list[Finding]:
        return [f for f in self.findings if f.report_id == report_id]

    def findings_by_report(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = defaultdict(list)
        for f in self.findings:
            out[f.report_id].append(f)
        return dict(out)

    def current(self) -> Batch:
        """Only the current version of each body+year (现行版本, ``Report.current``): what
        progress counts, the workbook's statistics and letters count (issue 11)."""
        if all(r.current for r in self.reports):
            return self
        keep = {r.id for r in self.reports if r.current}
        return Batch(
            reports=[r for r in self.reports if r.id in keep],
            findings=[f for f in self.findings if f.report_id in keep],
            problems=list(self.problems),
            sources=list(self.sources),
        )
