"""Issue 27: a full disk, a busy or damaged workspace and a file in disguise say what they are.

Disk full is injected at the write call (``OSError(ENOSPC)``): CI runs as root, where chmod
protects nothing. On ``main``: a disk-full export exited 2 and then printed a stray
``ZipFile.__del__ … seek of closed file`` traceback; a disk-full letters run did not say one
letter was already written; ``user_version=-1`` was "objects this program doesn't create"; an
``.xls`` that is a web page was "corrupt-xlsx"; an XXE .docx was "empty-file"; a busy workspace
was "无法打开审核工作区".
"""

from __future__ import annotations

import contextlib
import errno
import io
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from gik_desk import services
from gik_desk.cli.main import main
from gik_desk.model.review import ReviewStatus
from gik_desk.workspace import Workspace, WorkspaceError
from tests.conftest import SEED_FILES
from tests.unit.hostile import hostile_files as hf

pytestmark = pytest.mark.timeout(240)
ROOT = Path(__file__).resolve().parents[3]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


# what tests/unit/hostile/... runs in a fresh interpreter: every atomic output's write raises
# ENOSPC once ``budget`` bytes went through, then the CLI runs (its stderr is all we read)
_DISK_FULL = """
import contextlib, errno, sys
from gik_desk import atomic
import gik_desk.export.xlsx as xlsx

real = atomic.atomic_open

class Full:
    def __init__(self, fh, budget):
        self.fh, self.budget = fh, budget
    def write(self, b):
        if len(b) > self.budget:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.budget -= len(b)
        return self.fh.write(b)
    def __getattr__(self, name):
        return getattr(self.fh, name)

@contextlib.contextmanager
def full_open(path, mode="wb", *, sniff=None):
    with real(path, mode, sniff=sniff) as fh:
        yield Full(fh, 20_000)

atomic.atomic_open = xlsx.atomic_open = full_open
from gik_desk.cli.main import main
if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
"""


def test_a_full_disk_during_export_is_one_message_and_no_traceback(tmp_path: Path) -> None:
    script = tmp_path / "disk_full.py"
    script.write_text(_DISK_FULL, encoding="utf-8")
    out = tmp_path / "审核表.xlsx"

    proc = subprocess.run(
        [sys.executable, str(script), "audit", str(hf.SHORT_SEED), "--xlsx", str(out), "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=200,
        check=False,
    )

    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "无法写出结果文件(cannot write output)：磁盘已满(No space left on device)"
    ]
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["disk_full.py"]  # no temp file left


@pytest.fixture(scope="module")
def confirmed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace of all seeds with every finding 已确认: one letter per body."""
    folder = tmp_path_factory.mktemp("letters_full")
    ws = folder / "审核.gikdb"
    code, _, err = run("audit", *map(str, SEED_FILES), "--workspace", str(ws), "-q")
    assert code == 0, err
    with Workspace.open(ws, network=False) as w:
        w.apply(w.status_action(list(w.reviews()), ReviewStatus.CONFIRMED))
    return ws


def test_a_full_disk_during_letters_says_which_were_written(
    confirmed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gik_desk.export.letters as letters

    real = letters.atomic_open
    opened: list[Path] = []

    @contextlib.contextmanager
    def second_fails(path: Any, mode: str = "wb", *, sniff: Any = None) -> Iterator[IO[bytes]]:
        opened.append(Path(path))
        with real(path, mode, sniff=sniff) as fh:
            if len(opened) == 2:
                raise OSError(errno.ENOSPC, "No space left on device")
            yield fh

    monkeypatch.setattr(letters, "atomic_open", second_fails)
    out = tmp_path / "意见"

    code, _, err = run(
        "letters", "--workspace", str(confirmed), "--out", str(out), "--workers", "1"
    )

    assert code == 2
    line = err.strip().splitlines()[-1]
    assert line == (
        f"无法写出审核意见(cannot write letters)：未能写出「{opened[1]}」："
        f"磁盘已满(No space left on device)。此前已写出 1 封：{opened[0]}。"
    )
    assert sorted(out.iterdir()) == [opened[0]]  # the one written is whole, nothing else


def test_a_negative_schema_version_is_called_damaged(tmp_path: Path) -> None:
    path = tmp_path / "审核.gikdb"
    with Workspace.open(path, network=False):
        pass
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = -1")
    con.close()
    before = path.read_bytes()

    with pytest.raises(WorkspaceError) as info:
        Workspace.open(path, network=False)

    assert info.value.code == "corrupt"
    assert "user_version = -1" in info.value.message
    assert path.read_bytes() == before


def test_a_busy_workspace_is_called_busy(tmp_path: Path) -> None:
    book = tmp_path / "审核表.xlsx"
    ws = tmp_path / "审核.gikdb"
    code, _, err = run("audit", str(hf.SHORT_SEED), "--workspace", str(ws), "--xlsx", str(book))
    assert code == 0, err
    holder = sqlite3.connect(ws, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # the other import, mid-write
    try:
        code, out, err = run("import-review", str(book), "--workspace", str(ws))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2
    assert out == ""
    assert err.startswith("审核工作区正忙(workspace busy)：")
    assert "正被其他程序占用" in err


def test_an_xls_that_is_a_web_page_is_read_as_one(tmp_path: Path) -> None:
    page = tmp_path / "年报.xls"
    page.write_text(
        "<html><body><p>" + hf.SHORT_SEED.read_text(encoding="utf-8") + "</p></body></html>",
        encoding="utf-8",
    )
    batch = services.audit_paths([page], workers=1)
    assert not [p for p in batch.problems if p.code == "corrupt-xlsx"]
    assert batch.reports


def test_a_returned_xls_that_is_a_web_page_is_refused_as_one(tmp_path: Path) -> None:
    page = tmp_path / "审核表.xls"
    page.write_text("<html><body><table><tr><td>问题键</td></tr></table></body></html>")
    ws = tmp_path / "审核.gikdb"
    with Workspace.open(ws, network=False):
        pass
    code, _, err = run("import-review", str(page), "--workspace", str(ws))
    assert code == 2
    assert "文件内容实为网页(HTML)，不是 Excel 工作簿(.xlsx)" in err


def _xxe_docx(folder: Path) -> Path:
    path = folder / "实体.docx"
    body = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="r1" Type="http://schemas.'
            "openxmlformats.org/officeDocument/2006/relationships/officeDocument"
            '" Target="word/document.xml"/></Relationships>',
        )
        z.writestr("word/document.xml", body)
    return path


def test_an_xxe_docx_is_refused_as_unsafe(tmp_path: Path) -> None:
    batch = services.audit_paths([_xxe_docx(tmp_path)], workers=1)
    assert [p.code for p in batch.problems] == ["unsafe-docx"]
    assert "外部实体" in batch.problems[0].message


def test_letters_read_a_workspace_on_a_read_only_drive(
    confirmed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read-only injected at the write call: any write to a workspace fails as SQLite says
    on a read-only drive; letters only read, so they are written all the same."""
    import gik_desk.workspace.store as store

    def refuse(*_args: object, **_kw: object) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(store, "_new_epoch", refuse)
    monkeypatch.setattr(store, "migrate", refuse)
    before = confirmed.read_bytes()
    out = tmp_path / "意见"

    code, _, err = run(
        "letters", "--workspace", str(confirmed), "--out", str(out), "--workers", "1"
    )

    assert code == 0, err
    assert "已生成：" in err
    assert len(list(out.iterdir())) == err.count("已生成：")
    assert confirmed.read_bytes() == before
    with pytest.raises(WorkspaceError) as info:  # writing is what is refused, and says why
        Workspace.open(confirmed, network=False)
    assert info.value.code == "read-only"
