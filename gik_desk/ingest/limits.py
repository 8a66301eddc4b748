"""Caps on what ingest will read: a core setting, so the CLI and the GUI refuse the same files."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Every bound a hostile or broken file could otherwise push past (ECOSYSTEM.md rows 3, 22).

    The defaults fit real annual reports (a few MB, a few tables) with a wide margin.
    """

    max_bytes: int = 50 * 1024 * 1024  # checked with stat() before a byte is read
    max_zip_members: int = 2000  # DOCX/XLSX packages
    max_zip_total: int = 200 * 1024 * 1024  # sum of declared uncompressed sizes (XML, media)
    max_zip_ratio: float = 200.0  # uncompressed / compressed, per member ...
    zip_ratio_min_size: int = 1024 * 1024  # ... once the member is at least this large
    max_html_depth: int = 5000  # deeper pages are refused (lxml alone stops at 256)
    max_colspan: int = 1000  # WHATWG clamps
    max_rowspan: int = 65534
    max_table_slots: int = 200_000  # rows x columns of one native table (or spreadsheet)
    max_merges: int = 5_000  # merged ranges of one spreadsheet sheet (a report has < 100)
    max_zip_xml: int = 20 * 1024 * 1024  # one XML part of a DOCX/XLSX (reports: < 2 MB)
    max_pdf_pages: int = 500
    doc_convert_timeout: float = 120.0  # seconds for one .doc -> .docx conversion
