"""Times as the reviewer reads them: the one ``local_time`` of the window, the CLI and the
workbook (the workspace stores ISO 8601 times with their offset)."""

from __future__ import annotations

from datetime import datetime


def local_time(iso: str) -> str:
    """An ISO time as ``2026-12-02 18:30`` in the machine's time zone (TZ), not the writer's;
    other text unchanged."""
    try:
        when = datetime.fromisoformat(iso.strip())
    except (ValueError, AttributeError):
        return iso
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")
