"""Issue 10: odd paths and stuck converters are messages, never tracebacks or leftovers.

A GBK-bytes file name crashed every export; a symlink loop named *.txt killed the batch; an
unlistable sub-folder was skipped without a word; a timed-out .doc conversion left
``soffice.bin`` running and writing into a temp folder nobody removed.
"""

from __future__ import annotations

import io
import json
import os
import stat
import sys
import time
from pathlib import Path

import pytest

from gik_desk import services
from gik_desk.cli.main import main
from gik_desk.ingest import Limits, read_document
from gik_desk.ingest.doc import soffice_convert
from gik_desk.model import IngestError
from gik_desk.model.names import display_name
from tests.unit.hostile import hostile_files as hf

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file names and process groups")


@posix_only
def test_a_gbk_bytes_file_name_goes_through_every_output(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/" + "年报2023.txt".encode("gbk")
    with open(raw, "wb") as fh:
        fh.write(hf.SHORT_SEED.read_bytes())
    out_json, out_xlsx, ws = tmp_path / "o.json", tmp_path / "o.xlsx", tmp_path / "w.gikdb"
    err = io.StringIO()
    code = main(["audit", str(folder), "--json", str(out_json), "--xlsx", str(out_xlsx),
                 "--workspace", str(ws), "-q"], out=io.StringIO(), err=err)  # fmt: skip
    assert code == 0, err.getvalue()
    doc = json.loads(out_json.read_text(encoding="utf-8"))
    assert [Path(r["source"]).name for r in doc["reports"]] == ["年报2023.txt"]
    assert out_xlsx.stat().st_size > 0


def test_display_name_keeps_unicode_and_decodes_gbk_bytes() -> None:
    assert display_name("年报.txt") == "年报.txt"
    gbk = "年报.txt".encode("gbk").decode("utf-8", "surrogateescape")
    assert display_name(gbk) == "年报.txt"
    junk = b"\xff\xfe\xfa.txt".decode("utf-8", "surrogateescape")
    assert display_name(junk).encode("utf-8")  # never unencodable


@posix_only
def test_a_symlink_loop_named_txt_is_a_problem_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    good = hf.copy_good(tmp_path, hf.SHORT_SEED)
    batch = services.audit_paths([tmp_path, tmp_path / "a.txt"], workers=1)
    assert sorted(Path(p.source).name for p in batch.problems) == ["a.txt", "b.txt"]
    assert [Path(r.source).name for r in batch.reports] == [good.name]


def test_an_unlistable_sub_folder_is_listed_as_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "无权限"
    locked.mkdir()
    hf.copy_good(locked, hf.TIANQIAO)
    good = hf.copy_good(tmp_path, hf.SHORT_SEED)
    if os.name == "posix" and os.geteuid() != 0:
        locked.chmod(0)
    else:  # an administrator lists anything: refuse this one folder as the OS would
        real = os.scandir

        def scandir(path: object = ".") -> object:
            if Path(os.fsdecode(path)) == locked:  # type: ignore[arg-type]
                raise PermissionError(13, "Permission denied", str(locked))
            return real(path)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        batch = services.audit_paths([tmp_path], workers=1)
    finally:
        locked.chmod(stat.S_IRWXU)
    assert [(Path(p.source).name, p.code) for p in batch.problems] == [
        ("无权限", "unreadable-folder")
    ]
    assert "文件夹" in batch.problems[0].message
    assert [Path(r.source).name for r in batch.reports] == [good.name]


_FAKE_SOFFICE = """#!/bin/sh
# A converter that hangs: its "soffice.bin" child keeps writing into the output folder.
outdir=""
while [ $# -gt 0 ]; do
  if [ "$1" = "--outdir" ]; then outdir="$2"; fi
  shift
done
( while true; do echo x >> "$outdir/late.txt"; sleep 0.05; done ) &
echo $! > "$GIK_TEST_PID"
echo "$outdir" > "$GIK_TEST_DIR"
sleep 60
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            return not any(line.startswith("State:\tZ") for line in fh)
    except OSError:
        return False


@posix_only
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_timed_out_doc_conversion_kills_its_process_group_and_removes_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text(_FAKE_SOFFICE, encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("GIK_TEST_PID", str(tmp_path / "pid"))
    monkeypatch.setenv("GIK_TEST_DIR", str(tmp_path / "dir"))
    doc = hf.junk_doc(tmp_path)
    t = time.perf_counter()
    with pytest.raises(IngestError) as info:
        read_document(doc, Limits(doc_convert_timeout=1.0), doc_converters=[soffice_convert])
    assert time.perf_counter() - t < 15
    assert info.value.code == "unsupported-doc"
    assert "TimeoutExpired" in info.value.detail
    child = int((tmp_path / "pid").read_text().strip())
    out_dir = Path((tmp_path / "dir").read_text().strip())
    time.sleep(0.3)
    assert not _alive(child)  # the grandchild died with its group
    assert not out_dir.exists()  # the temp folder is gone, and nothing recreates it
    time.sleep(0.3)
    assert not out_dir.exists()
