"""What the CLI prints: progress on a terminal, problems on stderr, a readable summary."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from gik_desk.model import Severity
from gik_desk.model.batch import Batch
from gik_desk.model.formats import body_name
from gik_desk.services import Progress, shown
from gik_desk.template import cell_label


class ProgressLine:
    """One rewritten stderr line while a batch runs, only when stderr is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self._width = 0

    def update(self, p: Progress) -> None:
        if not self.enabled:
            return
        text = f"[{p.done}/{p.total}] {p.label}"
        pad = max(0, self._width - len(text))
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self._width = len(text)

    def close(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()


def print_problems(batch: Batch, stream: TextIO) -> None:
    """Unreadable files: listed and skipped, never fatal."""
    if not batch.problems:
        return
    stream.write(f"以下 {len(batch.problems)} 个文件(或部分)无法读取，已跳过:\n")
    for p in batch.problems:
        source = shown(p.source, 400) if p.source else "(批次)"
        stream.write(f"  {source}  [{shown(p.code, 40)}] {shown(p.message, 400)}\n")


def severity_counts(batch: Batch) -> Counter[Severity]:
    return Counter(f.severity for f in batch.findings)


def print_summary(batch: Batch, stream: TextIO, *, findings: bool = True) -> None:
    """Each report with its counts, then its findings (the cell by its official label)."""
    by_report = batch.findings_by_report()
    for r in batch.reports:
        fs = sorted(by_report.get(r.id, []), key=lambda f: f.severity.rank)
        sev = Counter(f.severity for f in fs)
        year = f"{r.year}年" if r.year else "年度未识别"
        counts = "，".join(f"{s.zh} {sev[s]}" for s in Severity)
        body = body_name(r.agency, parenthesised=True)
        stream.write(f"{shown(r.source, 400)} #{r.index + 1}  {shown(body)} {year}  {counts}\n")
        if not findings:
            continue
        for f in fs:
            where = cell_label(f.cells[0].table, f.cells[0].row, f.cells[0].col) if f.cells else ""
            where = f" {where}" if where else ""
            # a message may quote the file: escaped, so its bytes never drive the terminal
            stream.write(f"  [{f.severity.zh}] {f.rule}{where}：{shown(f.message, 2000)}\n")
    total = severity_counts(batch)
    stream.write(
        f"共 {len(batch.reports)} 份报告，{len(batch.sources)} 个文件；"
        + "，".join(f"{s.zh} {total[s]}" for s in Severity)
        + f"；无法读取 {len(batch.problems)}\n"
    )
