"""What every concern of the store shares (issue 22: ``store.py`` split by concern): the
connection, its path, who writes, one write transaction, and the log's row codecs."""

from __future__ import annotations

import json
import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from gik_desk.model.review import Event
from gik_desk.workspace import records


class StorePart:
    """A concern of ``Workspace`` (reviews, annotations, desk memory, sync, keyed cells);
    ``store.py`` opens the file and provides the transaction."""

    _conn: sqlite3.Connection
    path: Path
    reviewer: str

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError


def decode_event(row: tuple[Any, ...]) -> Event:
    """THE event decoder (issue 22): one log row as an ``Event`` (its words: ``Event.label``).
    An unknown action or a payload that does not decode (bounded in size and depth) is kept
    with ``damaged`` saying why (issue 27, ``records.event_from_row``)."""
    return records.event_from_row(row)


def dump_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
