"""A throwaway PostgreSQL server for the team-workspace tests (issue 28), started by the tests.

Debian's ``postgresql`` keeps ``initdb``/``pg_ctl`` in ``/usr/lib/postgresql/<v>/bin`` (not on
PATH) and both refuse to run as root, which CI is: as root they run as the ``postgres`` account
the package creates (``runuser``/``setpriv``), in a temp folder it can read. The server listens
on a unix socket only (no TCP port to collide with another session), with ``trust`` for local
connections, and ``fsync`` off: it holds throwaway data (a server *restart* still keeps every
commit; only a machine crash would not).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

SKIP_REASON = "PostgreSQL server not installed (apt-get install postgresql)"
SUPERUSER = "postgres"  # the bootstrap superuser initdb makes (-U), whoever runs the server


def find_bin_dir(root: Path = Path("/usr/lib/postgresql"), path: str | None = None) -> Path | None:
    """The newest ``<root>/<v>/bin`` holding initdb and pg_ctl, else the folder on ``path``
    (PATH) holding both; None where the server is not installed."""
    found: list[tuple[int, Path]] = []
    if root.is_dir():
        for d in root.iterdir():
            tools = [d / "bin" / "pg_ctl", d / "bin" / "initdb"]
            if re.fullmatch(r"\d+", d.name) and all(t.is_file() for t in tools):
                found.append((int(d.name), d / "bin"))
    if found:
        return max(found)[1]
    initdb, pg_ctl = shutil.which("initdb", path=path), shutil.which("pg_ctl", path=path)
    if initdb and pg_ctl and Path(initdb).parent == Path(pg_ctl).parent:
        return Path(initdb).parent
    return None


def _as_server_user() -> list[str]:
    """The prefix that runs a command as a user the server accepts (not root)."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError as exc:
        raise RuntimeError("running as root and no 'postgres' account to run the server") from exc
    if shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--"]
    return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"]


class PgServer:
    """One server in its own temp folder: ``start()``, ``url(db)``, ``restart()``, ``pause()``,
    ``resume()``, ``stop()``."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        # as root the server runs as `postgres`, which must reach the folder: /tmp, never a
        # TMPDIR under root's home; a short path keeps the socket's name within its limit
        base = "/tmp" if os.geteuid() == 0 and Path("/tmp").is_dir() else None
        self.root = Path(tempfile.mkdtemp(prefix="gik-pg-", dir=base))
        self.data = self.root / "data"
        self.socket_dir = self.root / "sock"
        self.log = self.root / "server.log"
        self.running = False
        self.owner = os.getpid()  # a forked child inherits atexit: only this process stops it

    def _run(self, *args: str, timeout: float = 120) -> None:
        cmd = [*_as_server_user(), *args]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode != 0:
            tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(args[:2])} failed: {done.stderr or done.stdout}\n{tail}")

    def start(self) -> PgServer:
        self.socket_dir.mkdir()
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            self.root.chmod(0o755)
            for p in (self.root, self.socket_dir):
                os.chown(p, user.pw_uid, user.pw_gid)
        self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        self._pg_ctl_start()
        atexit.register(self.stop)
        return self

    def _pg_ctl_start(self) -> None:
        options = (
            f"-k {self.socket_dir} -c listen_addresses='' -c fsync=off "
            "-c full_page_writes=off -c max_connections=60 -c shared_buffers=32MB"
        )
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "start",
            "-w",
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            options,
        )
        self.running = True

    def restart(self) -> None:
        """``pg_ctl restart``: every open connection is cut; committed work stays."""
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "restart",
            "-w",
            "-m",
            "fast",
            "-D",
            str(self.data),
            "-l",  # never the server's output on our pipe: run() would wait for it to close
            str(self.log),
        )

    def pause(self) -> None:
        """``pg_ctl stop -m fast``: the server is gone (every connection cut), its data kept
        for ``resume``."""
        self._run(str(self.bin_dir / "pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(self.data))
        self.running = False

    def resume(self) -> None:
        """Start the paused server again on the same data and socket."""
        self._pg_ctl_start()

    def url(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@/{dbname}?host={self.socket_dir}"

    def stop(self) -> None:
        if os.getpid() != self.owner:
            return
        if self.running:
            self.running = False
            with contextlib.suppress(Exception):
                self._run(
                    str(self.bin_dir / "pg_ctl"), "stop", "-m", "immediate", "-D", str(self.data)
                )
        shutil.rmtree(self.root, ignore_errors=True)


def wait_ready(url: str, timeout: float = 30.0) -> None:
    """Until the server answers (after a restart)."""
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        try:
            psycopg.connect(url, connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
