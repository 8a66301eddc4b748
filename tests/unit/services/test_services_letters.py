"""Issue 17: ``workspace_letters`` re-reads the workspace's files and keys them by the version
slots and 现行版本 marks the workspace stored (seed 001 and a copy whose 2022 表三 (一)予以公开
自然人 reads 70 where the published table says 69)."""

from __future__ import annotations

from pathlib import Path

import docx

from gik_desk.jobs import run_to_end
from gik_desk.model.review import ReviewStatus
from gik_desk.services import audit_paths, workspace_letters
from gik_desk.workspace import Workspace
from tests.unit.export import letter_batches as lb


def test_the_workspace_mark_decides_which_version_a_letter_lists(
    tmp_path: Path, ws_target: str
) -> None:
    folder = tmp_path / "reports"
    original = lb.copy_seed(folder)
    copy = folder / "001_copy.txt"
    copy.write_text(
        original.read_text(encoding="utf-8").replace(lb.PUBLISHED_2022, lb.CHANGED_2022),
        encoding="utf-8",
    )
    batch = audit_paths([str(original), str(copy)], workers=1)
    ws_path = ws_target  # a .gikdb, then a team workspace (issue 28)
    with Workspace.open(ws_path) as ws:
        ws.sync_batch(batch)
        copy_2022 = [f for f in lb.findings_of(batch, 2022, copy) if f.rule.startswith("APP-")]
        ws.apply(ws.status_action([f.key for f in copy_2022], ReviewStatus.CONFIRMED))
        ws.apply(ws.outward_action(copy_2022[0].key, "请按原表更正。"))
    # not marked: the original (first seen) is current, the copy's errors are not sent
    result = run_to_end(workspace_letters(ws_path, tmp_path / "a", workers=1))
    assert result.written == ()
    assert [b for b, _why in result.skipped] == [lb.BODY]

    report = next(r for r in batch.reports if r.year == 2022 and Path(r.source) == copy)
    with Workspace.open(ws_path) as ws:
        ws.apply(ws.current_action(report))
        events = len(ws.events())
    result = run_to_end(workspace_letters(ws_path, tmp_path / "b", workers=1))
    ((body, path, n),) = result.written
    assert (body, n) == (lb.BODY, 1)
    text = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "2022年度报告（共1份，文件：001_copy.txt）" in text
    assert any(p.startswith("1. " + lb.ITEM_2022_COPY) for p in text)
    assert "审核意见：请按原表更正。" in text
    with Workspace.open(ws_path) as ws:  # the letter is recorded as sent (issue 30), nothing else
        assert [e.action for e in ws.events()[events:]] == ["send_letter"]
