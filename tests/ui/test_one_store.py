"""Issue 22: ``ReviewSession`` is the one way an audit is stored, so ``gik-desk audit
--workspace`` stores the same findings as the window once a 现行版本 mark exists.

Seed 001 (Tianqiao) cut into its 2022 report, its 2021 report and a corrected resubmission of
2021 whose 四、结转下年度继续办理 reads 21 for 22. Marked 现行版本, the resubmission is the 2021
that 2022's 上年结转 (22) is checked against: the window re-audits that pair, and so must the CLI.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from gik_desk.cli.main import main as cli_main
from gik_desk.services import audit_paths

SEED_001 = Path(__file__).resolve().parents[1] / "data" / "seeds" / "001_711b86d480afee15.txt"
CARRIED = "四、结转下年度继续办理 | 22 | 0 | 0 | 0 | 0 | 0 | 22 |"
CHANGED = "四、结转下年度继续办理 | 21 | 0 | 0 | 0 | 0 | 0 | 21 |"
REPORT_2022 = slice(0, 97)  # lines 1-97 of the seed; 2021 is lines 98-194
REPORT_2021 = slice(97, 194)


def _files(tmp_path: Path) -> Path:
    d = tmp_path / "批次"
    d.mkdir()
    lines = SEED_001.read_text(encoding="utf-8").splitlines(keepends=True)
    y2022, y2021 = "".join(lines[REPORT_2022]), "".join(lines[REPORT_2021])
    assert CARRIED in y2021
    (d / "001_2022.txt").write_text(y2022, encoding="utf-8")
    (d / "001_2021.txt").write_text(y2021, encoding="utf-8")
    (d / "001_2021_更正.txt").write_text(y2021.replace(CARRIED, CHANGED), encoding="utf-8")
    return d


def _stored(ws: Path) -> set[tuple[str, str]]:
    """The findings a workspace holds as occurring (key, report key), read with sqlite3."""
    with sqlite3.connect(ws) as conn:
        rows = conn.execute("SELECT key, report_key FROM findings WHERE resolved = 0").fetchall()
    conn.close()
    return {(k, r) for k, r in rows}


def test_cli_and_window_store_the_same_findings_after_a_current_version_mark(
    window, tmp_path: Path
) -> None:
    d = _files(tmp_path)
    window.set_batch(audit_paths([d], workers=1))
    copy = next(r for r in window.batch.reports if Path(r.source).name == "001_2021_更正.txt")
    assert copy.year == 2021
    window.selection.choose_report(copy.id)
    window.action("report.current_version").trigger()
    marks = window.session.current_versions()
    assert list(marks.values()) == [copy.version]
    assert next(iter(marks)).endswith("|2021")
    cli_ws = tmp_path / "cli.gikdb"
    window.session.close()
    shutil.copyfile(tmp_path / "review.gikdb", cli_ws)  # both start from the marked workspace
    assert window.open_workspace_path(tmp_path / "review.gikdb")

    window.set_batch(audit_paths([d], workers=1))  # the window stores the audit again
    code = cli_main(["audit", str(d), "--workspace", str(cli_ws), "--workers", "1", "-q"])

    assert code == 0
    by_window, by_cli = _stored(tmp_path / "review.gikdb"), _stored(cli_ws)
    assert by_cli == by_window
    carry = {k for k, _ in by_cli if k.startswith("YOY-") and "|2022|" in k}
    assert carry  # 2022's 上年结转 22 against the marked 2021's 结转下年 21
