"""Issue 28: ``--workspace postgresql://…`` reaches the one door for team targets; in a build
without the PostgreSQL store it says so, naming the server, and writes nothing."""

from __future__ import annotations

import io
from pathlib import Path

from gik_desk.cli.main import main

SEED = Path(__file__).parents[1] / "data" / "seeds" / "001_711b86d480afee15.txt"


def test_audit_with_a_team_workspace_names_the_server(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    xlsx = tmp_path / "审核表.xlsx"
    url = "postgresql://li_shen@db.office.lan:5433/gik_2024"
    code = main(["audit", str(SEED), "--workspace", url, "--xlsx", str(xlsx)], out=out, err=err)
    said = err.getvalue()
    assert code == 2
    assert "db.office.lan:5433/gik_2024" in said
    assert "无法连接团队工作区" in said  # unreachable: the host and libpq's cause
    assert not xlsx.exists()
