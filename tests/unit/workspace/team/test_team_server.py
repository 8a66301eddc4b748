"""The test server's binaries (tests/pgserver.py): the newest Debian folder, else PATH, else
none — and then every PostgreSQL test skips with the package to install."""

from __future__ import annotations

from pathlib import Path

import pgserver


def _tools(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in ("initdb", "pg_ctl"):
        (folder / name).write_text("#!/bin/sh\n")
        (folder / name).chmod(0o755)
    return folder


def test_the_newest_debian_version_wins(tmp_path: Path) -> None:
    _tools(tmp_path / "lib" / "13" / "bin")
    newest = _tools(tmp_path / "lib" / "15" / "bin")
    (tmp_path / "lib" / "16" / "bin").mkdir(parents=True)  # a client-only install: no server
    assert pgserver.find_bin_dir(tmp_path / "lib", path="") == newest


def test_path_is_the_fallback(tmp_path: Path) -> None:
    on_path = _tools(tmp_path / "bin")
    assert pgserver.find_bin_dir(tmp_path / "none", path=str(on_path)) == on_path


def test_no_server_means_the_skip_reason_names_the_package(tmp_path: Path) -> None:
    assert pgserver.find_bin_dir(tmp_path / "none", path=str(tmp_path)) is None
    assert pgserver.SKIP_REASON == "PostgreSQL server not installed (apt-get install postgresql)"
