"""Text that looks like a formula stays text in the reviewer's workbook (OWASP CSV injection).

A real seed (003) is parsed and audited, then its body name, source path, a finding's message
and the reviewer's note and name are replaced by formula-looking text. The written .xlsx is
unzipped: no sheet may hold a ``<f>`` element, and every injected text must be there as a string.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from gik_desk import services
from gik_desk.export import write_workbook
from gik_desk.model.review import FindingReview, ReviewSnapshot, ReviewStatus
from tests.unit.hostile import hostile_files as hf

DDE = "=cmd|' /C calc'!A0"
INJECTIONS = {
    "agency": DDE,
    "message": "+1+cmd|' /C calc'!A0",
    "note": "-2+3+cmd|' /C notepad'!A0",
    "reviewer": "@SUM(1+1)*cmd|' /C calc'!A0",
}
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _hostile_batch() -> tuple[object, ReviewSnapshot]:
    batch = services.audit_paths([hf.SHORT_SEED, hf.TIANQIAO], workers=1)
    assert batch.reports, batch.problems
    assert batch.findings
    batch.reports = [dataclasses.replace(r, agency=INJECTIONS["agency"]) for r in batch.reports]
    first = batch.findings[0]
    batch.findings = [
        dataclasses.replace(first, message=INJECTIONS["message"]),
        *list(batch.findings[1:]),
    ]
    review = ReviewSnapshot(
        reviews={
            first.key: FindingReview(
                first.key,
                ReviewStatus.CONFIRMED,
                note=INJECTIONS["note"],
                reviewer=INJECTIONS["reviewer"],
                updated="2026-11-23T10:00:00+00:00",
            )
        }
    )
    return batch, review


def _cell_texts(z: zipfile.ZipFile) -> set[str]:
    """Every string a cell shows: shared strings and inline strings."""
    texts: set[str] = set()
    names = z.namelist()
    if "xl/sharedStrings.xml" in names:
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
        for si in root.iter(f"{NS}si"):
            texts.add("".join(t.text or "" for t in si.iter(f"{NS}t")))
    for name in names:
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            for is_ in ET.fromstring(z.read(name)).iter(f"{NS}is"):
                texts.add("".join(t.text or "" for t in is_.iter(f"{NS}t")))
    return texts


def test_formula_looking_text_is_written_as_text(tmp_path: Path) -> None:
    batch, review = _hostile_batch()
    out = write_workbook(batch, tmp_path / "审核结果.xlsx", review=review)
    with zipfile.ZipFile(out) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        assert sheets
        for name in sheets:
            xml = z.read(name).decode("utf-8")
            assert not re.search(r"<(\w+:)?f[ >/]", xml), f"formula element in {name}"
        texts = _cell_texts(z)
        styles = z.read("xl/styles.xml").decode("utf-8")
    for field, text in INJECTIONS.items():
        assert any(text in t for t in texts), f"{field} text missing from the workbook"
    assert 'quotePrefix="1"' in styles  # Excel keeps such a cell text when it is edited
