"""Issue 11: a workspace written before versions keeps every status; a second version of a
report gets keys of its own and never takes the first version's statuses or annotations.

The workspace ``before_versions_seed001.gikdb`` was written by the code of commit d214b35 over
seed 001 (Tianqiao); its reviews are listed in ``tests/data/workspaces/README.md``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gik_desk.model.batch import Batch
from gik_desk.model.review import ReviewStatus
from gik_desk.services import audit_paths
from gik_desk.workspace import SetStatus, Workspace

# the .gikdb file itself (WAL, file modes, corruption, old files): no team workspace
pytestmark = pytest.mark.sqlite_only

DATA = Path(__file__).resolve().parents[2] / "data"
BEFORE = DATA / "workspaces" / "before_versions_seed001.gikdb"
SEED_001 = DATA / "seeds" / "001_711b86d480afee15.txt"
PUBLISHED = "三、本年度办理结果 | (一)予以公开 | 69 |"
CHANGED = "三、本年度办理结果 | (一)予以公开 | 70 |"

BODY = "济南市天桥区人民政府"
# keyed by hand from the README's script and the seed's tables
STOCK_2022 = (
    f"YOY-STOCK|{BODY}|2022|active/normative/in_force,active/normative/issued,"
    "active/normative/repealed"
)
ROW_2021 = f"APP-ROW|{BODY}|2021|" + ",".join(
    f"applications/other.no_supplement/{c}"
    for c in ("business", "legal", "natural", "ngo", "other", "research", "total")
)
REVIEWED = {
    STOCK_2022: (ReviewStatus.CONFIRMED, "已去函"),
    ROW_2021: (ReviewStatus.DISMISSED, ""),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "批次"
    d.mkdir()
    shutil.copy(SEED_001, d / "001.txt")
    shutil.copy(BEFORE, tmp_path / "审核.gikdb")
    return d


def _reviewed(ws: Workspace) -> dict[str, tuple[ReviewStatus, str]]:
    now = ws.reviews()
    return {k: (now[k].status, now[k].note) for k in REVIEWED if k in now}


def _add_copy(folder: Path, name: str = "001_更正.txt") -> Path:
    text = SEED_001.read_text(encoding="utf-8").replace(PUBLISHED, CHANGED)
    copy = folder / name
    copy.write_text(text, encoding="utf-8")
    return copy


def _report_of(batch: Batch, path: Path, year: int) -> str:
    return next(r.id for r in batch.reports if Path(r.source) == path and r.year == year)


def test_workspace_from_before_versions_opens_with_every_status(folder: Path) -> None:
    ws_path = folder.parent / "审核.gikdb"
    with Workspace.open(ws_path, network=False) as ws:
        before = {k: (v.status, v.note) for k, v in ws.reviews().items()}
        assert _reviewed(ws) == REVIEWED
        ws.sync_batch(audit_paths([folder], workers=1))
        after = {k: (v.status, v.note) for k, v in ws.reviews().items()}
        assert {k: after[k] for k in before} == before
        assert not any(ws.reviews()[k].resolved for k in REVIEWED)
        (note,) = ws.annotations()
        assert (note.report_key, note.note, note.orphan_reason) == (f"{BODY}|2022", "核对原件", "")


def test_second_version_leaves_the_first_versions_statuses_and_annotations(
    folder: Path,
) -> None:
    ws_path = folder.parent / "审核.gikdb"
    original = folder / "001.txt"
    with Workspace.open(ws_path, network=False) as ws:
        ws.sync_batch(audit_paths([folder], workers=1))
        copy = _add_copy(folder)
        batch = audit_paths([folder], workers=1)
        ws.sync_batch(batch)
        assert _reviewed(ws) == REVIEWED
        # the copy's own 2022 YOY-STOCK: same identity plus a slot, pending, not the original's
        copy_2022 = _report_of(batch, copy, 2022)
        (stock,) = [f for f in batch.findings if f.report_id == copy_2022 and f.rule == "YOY-STOCK"]
        assert stock.key.startswith(STOCK_2022 + "|@")
        assert ws.review(stock.key).status is ReviewStatus.PENDING
        # the original keeps the empty slot: its keys are the ones the workspace had
        orig_2022 = _report_of(batch, original, 2022)
        keys = {f.key for f in batch.findings if f.report_id == orig_2022}
        assert STOCK_2022 in keys
        (note,) = ws.annotations()
        assert (note.report_key, Path(note.source), note.orphan_reason) == (
            f"{BODY}|2022",
            original,
            "",
        )
        copy_key = next(r for r in batch.reports if r.id == copy_2022)
        assert ws.annotations(f"{BODY}|2022|@{copy_key.version}") == []


def test_a_moved_second_version_keeps_its_slot_and_statuses(folder: Path) -> None:
    ws_path = folder.parent / "审核.gikdb"
    with Workspace.open(ws_path, network=False) as ws:
        copy = _add_copy(folder)
        batch = audit_paths([folder], workers=1)
        ws.sync_batch(batch)
        copy_2022 = _report_of(batch, copy, 2022)
        (stock,) = [f for f in batch.findings if f.report_id == copy_2022 and f.rule == "YOY-STOCK"]
        ws.apply(SetStatus((stock.key,), (ReviewStatus.PENDING,), ReviewStatus.NEEDS_FIX))
        moved = copy.rename(folder / "天桥区2022更正版.txt")
        again = audit_paths([folder], workers=1)
        ws.sync_batch(again)
        moved_2022 = _report_of(again, moved, 2022)
        keys = {f.key for f in again.findings if f.report_id == moved_2022}
        assert stock.key in keys  # re-linked by the file's raw sha256: the same slot
        assert ws.review(stock.key).status is ReviewStatus.NEEDS_FIX
        assert _reviewed(ws) == REVIEWED


def test_reviewer_marks_a_current_version_and_undo_restores_the_default(folder: Path) -> None:
    ws_path = folder.parent / "审核.gikdb"
    with Workspace.open(ws_path, network=False) as ws:
        copy = _add_copy(folder)
        batch = audit_paths([folder], workers=1)
        ws.sync_batch(batch)
        current = {(Path(r.source).name, r.year) for r in batch.reports if r.current}
        assert ("001.txt", 2022) in current  # the first version seen is current by default
        assert ("001_更正.txt", 2022) not in current
        copy_2022 = next(r for r in batch.reports if Path(r.source) == copy and r.year == 2022)
        action = ws.current_action(copy_2022)
        ws.apply(action)
        assert ws.current_versions() == {f"{BODY}|2022": copy_2022.version}
        again = audit_paths([folder], workers=1)
        ws.sync_batch(again)
        now = {(Path(r.source).name, r.year) for r in again.reports if r.current}
        assert ("001_更正.txt", 2022) in now
        assert ("001.txt", 2022) not in now
        assert ("001.txt", 2021) in now  # other years keep their default
        ws.apply(action.inverse())
        assert ws.current_versions() == {}
