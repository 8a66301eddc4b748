"""Issue 23: without a workspace, the 现行版本 of a body+year is the first file given, not the
first in sorted order (Tianqiao 2021 as .txt given before its .docx)."""

from __future__ import annotations

from pathlib import Path

from gik_desk.services import audit_paths
from tests.unit.ingest import builders as bld
from tests.unit.ingest import tianqiao as tq


def test_the_first_file_given_is_the_current_version(tmp_path: Path) -> None:
    blocks = bld.template_report(tq.TITLE, tq.ACTIVE, tq.APPLICATIONS, tq.APPEALS, tq.INTRO)
    txt = tmp_path / "z_天桥2021.txt"
    txt.write_text(bld.make_text(blocks), encoding="utf-8")
    docx = bld.make_docx(blocks, tmp_path / "a_天桥2021.docx")
    for given in ([txt, docx], [docx, txt]):
        batch = audit_paths(given, workers=1)
        current = [Path(r.source) for r in batch.reports if r.current]
        assert current == [given[0]]
        assert [Path(r.source) for r in batch.reports] == given
