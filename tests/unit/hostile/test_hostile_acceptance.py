"""Issue 10 acceptance: the seeds plus one file of each hostile kind, in one batch.

Every seed report is audited exactly as when the seeds are audited alone, each unreadable
hostile file is one problem (the readable hostile ones, formulas in labels, are reports and no
problem), and a workspace holding reviews of the seeds' findings keeps every one of them.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from gik_desk import services
from gik_desk.cli.main import main
from gik_desk.model import Report
from gik_desk.model.review import ReviewStatus
from gik_desk.workspace import SetNote, SetStatus, Workspace
from tests.unit.hostile import hostile_files as hf

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"


def _unreadable(folder: Path) -> dict[str, str]:
    """file name → the one problem code it must give."""
    made = {
        hf.empty_txt(folder): "empty-file",
        hf.junk_txt(folder): "not-text",
        hf.junk_doc(folder): "unsupported-doc",
        hf.zip_bomb_docx(folder): "zip-bomb",
        hf.near_bomb_docx(folder): "zip-bomb",
        hf.deep_html(folder): "html-too-deep",
        hf.colspan_html(folder, rows=300): "table-too-large",
        hf.image_only_pdf(folder): "scanned-pdf",
        hf.far_cell_xlsx(folder, "XFD1048576"): "table-too-large",
        hf.far_cell_xlsx(folder, "CV1048576"): "table-too-large",
        hf.merged_xlsx(folder, 1_000): "table-too-large",
    }
    huge = folder / "超大.txt"
    with huge.open("wb") as fh:
        fh.truncate(60 * 1024 * 1024)
    made[huge] = "too-large"
    if os.name == "posix":
        loop = folder / "自环.txt"
        loop.symlink_to(loop)
        made[loop] = "unreadable"
    return {p.name: code for p, code in made.items()}


def _review_seeds(ws_path: Path) -> dict[str, tuple[ReviewStatus, str]]:
    """Audit the seeds into a workspace and review ten findings; return those reviews."""
    assert main(["audit", str(SEEDS), "--workspace", str(ws_path), "-q"], out=io.StringIO(),
                err=io.StringIO()) == 0  # fmt: skip
    with Workspace.open(ws_path, network=False) as ws:
        keys = list(ws.reviews())[:10]
        for i, key in enumerate(keys):
            ws.apply(SetStatus((key,), (ReviewStatus.PENDING,), ReviewStatus.CONFIRMED))
            ws.apply(SetNote(key, "", f"已核实 {i}"))
        return {k: (r.status, r.note) for k, r in ws.reviews().items() if k in keys}


@pytest.mark.slow
def test_seeds_and_every_hostile_kind_in_one_batch(tmp_path: Path) -> None:
    alone = services.audit_paths([SEEDS], workers=1)
    assert alone.problems == []
    folder = tmp_path / "批次"
    shutil.copytree(SEEDS, folder)
    unreadable = _unreadable(folder)
    readable = {
        hf.formula_legacy_report(folder).name,
        hf.formula_not_report(folder).name,
        hf.formula_xlsx(folder).name,
    }
    ws_path = tmp_path / "审核.gikdb"
    reviewed = _review_seeds(ws_path)

    batch = services.audit_paths([folder], workers=2)  # the GUI's path: the pool

    got: dict[str, list[str]] = {}
    for p in batch.problems:
        got.setdefault(Path(p.source).name, []).append(p.code)
    assert got == {name: [code] for name, code in unreadable.items()}
    seed_names = {p.name for p in SEEDS.iterdir()}
    seed_reports = [r for r in batch.reports if Path(r.source).name in seed_names]

    # ids are unique per file and position (issue 11): the copies' ids differ, their places not
    def place(r: Report) -> tuple[str, int, str]:
        return (Path(r.source).name, r.index, r.body_text)

    assert sorted(map(place, seed_reports)) == sorted(map(place, alone.reports))
    seed_ids = {r.id for r in seed_reports}
    assert {f.key for f in batch.findings if f.report_id in seed_ids} == {
        f.key for f in alone.findings
    }
    assert {Path(r.source).name for r in batch.reports} == seed_names | readable

    err = io.StringIO()
    code = main(["audit", str(folder), "--workspace", str(ws_path), "--workers", "2", "-q"],
                out=io.StringIO(), err=err)  # fmt: skip
    assert code == 0, err.getvalue()
    with Workspace.open(ws_path, network=False) as ws:
        now = ws.reviews()
    assert {k: (now[k].status, now[k].note) for k in reviewed} == reviewed
    assert not any(now[k].resolved for k in reviewed)
