"""A real ``gik-desk`` process ended by SIGTERM or SIGINT in the middle of a load leaves no
child process behind: no parse worker, no resource tracker (issue 13).

Every process the desk starts inherits its environment, so a marker variable finds them all in
/proc, whatever became of their parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.ui.conftest import TIANQIAO

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/environ").exists(), reason="needs /proc (Linux)"
)

COPIES = 120  # 15 reports each: the load is still running when the signal comes


def _marked(marker: str) -> list[int]:
    """Live (non-zombie) processes whose environment carries ``marker``."""
    out = []
    needle = f"GIK_TEST_MARK={marker}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if stat.rsplit(")", 1)[1].split()[0] != "Z":
            out.append(int(entry.name))
    return out


def _wait(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_mid_load_leaves_no_child_process(tmp_path: Path, signum: int) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    text = TIANQIAO.read_text(encoding="utf-8")
    for i in range(COPIES):
        (folder / f"copy_{i:03d}.txt").write_text(text.replace("字号:", f"字号:副本{i}\n"))
    marker = uuid.uuid4().hex
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "cfg"),
        GIK_DESK_DATA_DIR=str(tmp_path / "data"),
        GIK_TEST_MARK=marker,
    )
    exe = Path(sys.executable).with_name("gik-desk")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "gik_desk"]
    log = tmp_path / "stderr.txt"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [*cmd, "--workspace", str(tmp_path / "w.gikdb"), str(folder)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        # the load is under way once parse workers run beside the desk
        assert _wait(lambda: len(_marked(marker)) >= 3, 60), "no parse worker ever started"
        proc.send_signal(signum)
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert code == 128 + signum, log.read_text(errors="replace")[-2000:]
    assert _wait(lambda: not _marked(marker), 30), f"left running: {_marked(marker)}"
