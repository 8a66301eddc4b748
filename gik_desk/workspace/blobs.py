"""Report files travel with the batch (issue 28): each file's bytes stored once by sha256, so a
colleague opening the batch from a team workspace reads the very bytes that were audited, even
where the path the audit read does not exist on their machine (a concern of ``Workspace``).

Storing is idempotent (``INSERT OR IGNORE`` on the sha256): two desks storing the same file at
once leave one row. A stored file is written back into a cache folder only when the path it was
read from is absent or holds other bytes; the cache copy is checked against its sha256.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from gik_desk import atomic
from gik_desk.workspace.base import StorePart

MAX_BLOB = 512 * 1024 * 1024  # a report file is megabytes; anything near this is not one


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Blobs(StorePart):
    def stored_shas(self, shas: Iterable[str]) -> set[str]:
        """Which of ``shas`` the workspace holds the bytes of."""
        wanted = sorted({s for s in shas if s})
        have: set[str] = set()
        for i in range(0, len(wanted), 500):
            part = wanted[i : i + 500]
            marks = ",".join("?" * len(part))
            rows = self._conn.execute(f"SELECT sha256 FROM blobs WHERE sha256 IN ({marks})", part)
            have.update(str(r[0]) for r in rows)
        return have

    def store_files(self, sources: Iterable[str]) -> list[str]:
        """Store the bytes of each file the workspace knows (``files``) and does not hold yet,
        one transaction per file; a file whose bytes changed since its audit is left out (its
        stored sha256 would not name them). Returns the sha256s stored now."""
        known = {
            str(p): str(sha) for p, sha in self._conn.execute("SELECT path, sha256 FROM files")
        }
        wanted = {src: known[src] for src in dict.fromkeys(sources) if known.get(src)}
        have = self.stored_shas(wanted.values())
        stored: list[str] = []
        for src, sha in wanted.items():
            if sha in have:
                continue
            path = Path(src)
            try:
                if path.stat().st_size > MAX_BLOB:
                    continue
                data = path.read_bytes()
            except OSError:
                continue
            if hashlib.sha256(data).hexdigest() != sha:
                continue
            with self._transaction() as conn:
                conn.execute(
                    "INSERT OR IGNORE INTO blobs (sha256, size, name, data) VALUES (?, ?, ?, ?)",
                    (sha, len(data), path.name, data),
                )
            have.add(sha)
            stored.append(sha)
        return stored

    def blob(self, sha: str) -> bytes | None:
        row = self._conn.execute("SELECT data FROM blobs WHERE sha256 = ?", (sha,)).fetchone()
        return None if row is None else bytes(row[0])

    def local_file(self, source: str, cache: Path) -> Path | None:
        """A path on this machine holding ``source``'s audited bytes: ``source`` itself when it
        holds them, else a copy made from the stored bytes under ``cache`` (None when the
        workspace holds neither)."""
        row = self._conn.execute("SELECT sha256 FROM files WHERE path = ?", (source,)).fetchone()
        sha = str(row[0]) if row else ""
        here = Path(source)
        if not sha:
            return here if here.is_file() else None
        try:
            if here.is_file() and file_sha256(here) == sha:
                return here
        except OSError:
            pass
        copy = cache / sha[:2] / sha / (here.name or "report")
        try:
            if copy.is_file() and file_sha256(copy) == sha:
                return copy
        except OSError:
            pass
        data = self.blob(sha)
        if data is None or hashlib.sha256(data).hexdigest() != sha:
            return None
        copy.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(copy, data)  # whole or not at all: a reader never sees half a file
        return copy
