"""Issue 12: the open dialog offers exactly the formats ingest reads (no ``*.zip``)."""

from __future__ import annotations

import re

from gik_desk.ingest.detect import SUPPORTED_EXTS
from gik_desk.ui.dialogs.open_dialog import REPORT_FILTER


def test_the_dialog_offers_what_ingest_reads_and_nothing_else() -> None:
    first = REPORT_FILTER.split(";;")[0]
    offered = set(re.findall(r"\*(\.\w+)", first))
    assert offered == set(SUPPORTED_EXTS)
    assert ".zip" not in offered
