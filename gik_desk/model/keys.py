"""What a report is stored and exported under: its normalised body + year [+ version slot].

Below the workspace (which stores under it) and the export (whose journal names it), so
neither imports the other for a key (issue 22).
"""

from __future__ import annotations

import re
import unicodedata

from gik_desk.model.report import Report

_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """NFKC without whitespace: what stays equal when a file is re-saved or re-wrapped."""
    return _WS.sub("", unicodedata.normalize("NFKC", text))


def body_year_key(report: Report) -> str:
    """Normalised body + year; a report without a known body falls back to its place in a file."""
    body = report.agency_key or (normalise_text(report.agency) if report.agency else "")
    if not body:
        body = f"{report.source}#{report.index}"
    year = "" if report.year is None else str(report.year)
    return f"{body}|{year}"


def report_key(report: Report) -> str:
    """Body + year + the version slot (``|@slot``, only for a further version of one body and
    year): what findings, reports and annotations are stored under, so an annotation stays on
    the version it was made on. The only (or first) version's key is the body + year alone."""
    key = body_year_key(report)
    return f"{key}|@{report.version}" if report.version else key
