"""The ``*.gikdb`` file: one SQLite database marked as ours by ``PRAGMA application_id``.

Each schema version is a migration in ``migrations.py``; this module holds the fixed
identity and the first version's tables (ECOSYSTEM.md row 14).

A file is opened only when its schema equals what these scripts create for its version
(``workspace/guard.py``): never change a released script's statements (comments and layout
may change); a new table or trigger is a new migration.
"""

from __future__ import annotations

from gik_desk.model.formats import WORKSPACE_SUFFIX

# "GIKD" as a big-endian 32-bit integer: how a .gikdb tells itself apart from any SQLite file.
APPLICATION_ID = 0x47494B44

SUFFIX = WORKSPACE_SUFFIX

SCHEMA_V1 = """
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL DEFAULT '',
    size INTEGER,
    mtime REAL,
    last_audit INTEGER
);
CREATE TABLE reports (
    report_key TEXT NOT NULL,      -- normalised body + year: survives re-parsing and reordering
    source TEXT NOT NULL,
    id TEXT NOT NULL,              -- the report's id in the batch it was last seen in
    idx INTEGER NOT NULL,
    agency TEXT,
    agency_key TEXT,
    year INTEGER,
    template TEXT NOT NULL DEFAULT '',
    text_sha256 TEXT NOT NULL DEFAULT '',   -- of the normalised body text
    raw_sha256 TEXT NOT NULL DEFAULT '',    -- of the file's bytes
    span_start INTEGER NOT NULL DEFAULT 0,
    span_end INTEGER NOT NULL DEFAULT 0,
    last_audit INTEGER,
    PRIMARY KEY (report_key, source)
);
CREATE TABLE findings (
    key TEXT PRIMARY KEY,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    report_key TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    cells TEXT NOT NULL DEFAULT '[]',       -- JSON list of "table/row/col"
    first_audit INTEGER,
    last_audit INTEGER,
    resolved INTEGER NOT NULL DEFAULT 0,    -- 1: no longer occurs; shown, never deleted
    finding TEXT NOT NULL DEFAULT '{}'      -- JSON of the finding as OUTPUT.md publishes it
);
CREATE INDEX findings_report ON findings (report_key);
CREATE INDEX findings_source ON findings (source);
CREATE TABLE reviews (
    finding_key TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL DEFAULT ''
);
CREATE TABLE annotations (
    id TEXT PRIMARY KEY,
    report_key TEXT NOT NULL,
    source TEXT NOT NULL,
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    cell TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL DEFAULT '',
    orphan_reason TEXT NOT NULL DEFAULT '',
    text_sha256 TEXT NOT NULL DEFAULT '',   -- hints: the report text it was anchored in
    raw_sha256 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX annotations_report ON annotations (report_key);
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    before TEXT NOT NULL DEFAULT '',
    after TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TABLE audits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    rule_versions TEXT NOT NULL DEFAULT '{}'
);
"""

# Version 2 (issue 10): the session epoch that ties a -wal to this file (workspace/guard.py).
SCHEMA_V2 = """
CREATE TABLE wal_guard (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    epoch TEXT NOT NULL DEFAULT '',
    writes INTEGER NOT NULL DEFAULT 0   -- every transaction rewrites this row (and its page)
);
INSERT INTO wal_guard (id) VALUES (1);
"""

# Version 3 (issue 11): versions of one report. A body+year's first version has the empty slot
# (its finding keys as before: no key is rewritten); each further file gets a slot of its own,
# re-linked by the file's raw sha256 when it moves. ``current_versions``: the reviewer's 现行版本.
SCHEMA_V3 = """
CREATE TABLE versions (
    report_key TEXT NOT NULL,      -- normalised body + year, without a slot
    source TEXT NOT NULL,
    idx INTEGER NOT NULL,          -- where it was last seen in its file (a hint)
    slot TEXT NOT NULL,            -- '' for the first version the workspace saw
    raw_sha256 TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (report_key, source)
);
CREATE TABLE current_versions (
    report_key TEXT PRIMARY KEY,   -- normalised body + year
    slot TEXT NOT NULL
);
"""

# Outward texts (issue 17): what the office tells the reporting body about a finding (对外意见),
# kept apart from the reviewer's internal note; letters print it.
SCHEMA_OUTWARD = """
CREATE TABLE outward_texts (
    finding_key TEXT PRIMARY KEY,
    text TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL DEFAULT ''
);
"""

# Issue 13 (the desk remembers): what the reviewer had open, so a restart resumes there. One
# row per item: ``files`` (JSON list of paths, in the order opened) and ``selection`` (JSON:
# the chosen report and finding, scroll positions). Not reviewer work: no event is logged.
SCHEMA_DESK = """
CREATE TABLE desk (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL DEFAULT ''   -- JSON
);
"""

# Issue 14: the reviewer's sign-off of each report (未开始 / 审核中 / 已完成, stored as stable
# codes), and which findings the reviewer has looked at (the 未查看 filter).
SCHEMA_REVIEW_STATE = """
CREATE TABLE report_states (
    report_key TEXT PRIMARY KEY,   -- workspace.report_key: body + year (+ version slot)
    state TEXT NOT NULL            -- ReportState code
);
CREATE TABLE seen (
    finding_key TEXT PRIMARY KEY,
    time TEXT NOT NULL DEFAULT ''  -- first shown in the detail pane (ISO 8601)
);
"""

# Issue 30 (整改复核): every letter written, as sent — its items and the figures of the reports
# it covered — never rewritten (a regenerated letter is a new row); and the reviewer's word on
# what became of each item (``item_key`` = ``letter:<id>#<n>``, an ``Outcome`` code).
SCHEMA_SENT_LETTERS = """
CREATE TABLE sent_letters (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    body TEXT NOT NULL,
    body_key TEXT NOT NULL,
    written TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    follow_up INTEGER NOT NULL DEFAULT 0,
    items TEXT NOT NULL DEFAULT '[]',      -- JSON: the numbered items as sent
    reports TEXT NOT NULL DEFAULT '[]'     -- JSON: each report's figures and finding identities
);
CREATE INDEX sent_letters_body ON sent_letters (body_key);
CREATE TRIGGER sent_letters_no_update BEFORE UPDATE ON sent_letters
    BEGIN SELECT RAISE(ABORT, 'a sent letter is never rewritten'); END;
CREATE TRIGGER sent_letters_no_delete BEFORE DELETE ON sent_letters
    BEGIN SELECT RAISE(ABORT, 'a sent letter is never rewritten'); END;
CREATE TABLE rectification (
    item_key TEXT PRIMARY KEY,
    outcome TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL DEFAULT ''
);
"""

# Issue 29: figures reviewers keyed into cells no reader could read, tied to the file's bytes.
SCHEMA_KEYED = """
CREATE TABLE keyed_cells (
    report_key TEXT NOT NULL,      -- workspace.report_key: body + year (+ version slot)
    cell TEXT NOT NULL,            -- table/row/col
    source TEXT NOT NULL,          -- the file the value was keyed against
    file_sha256 TEXT NOT NULL,     -- its bytes then: another file marks the value 已变化
    text TEXT NOT NULL,            -- what the reviewer typed (read like a printed cell)
    reviewer TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (report_key, cell)
);
"""

# Issue 28 (a team on one workspace, nothing overwritten): every row a reviewer action changes
# has a version, kept beside it (no released table changes): ``row_versions`` holds the version
# of each row written since; a row without an entry is at 1 (it existed before versions), an
# absent row at 0. An action made on an older version is refused as a conflict
# (workspace/rowversions.py). ``applied_actions``: the id of each journaled action with its
# event, so a journal replayed twice never applies an action twice.
# The versioned tables and the columns that key one row: the one list.
ROW_KEYS: dict[str, tuple[str, ...]] = {
    "reviews": ("finding_key",),
    "outward_texts": ("finding_key",),
    "annotations": ("id",),
    "current_versions": ("report_key",),
    "report_states": ("report_key",),
    "rectification": ("item_key",),
    "keyed_cells": ("report_key", "cell"),
}

SCHEMA_ROW_VERSIONS = """
CREATE TABLE row_versions (
    tbl TEXT NOT NULL,             -- one of ROW_KEYS
    row_key TEXT NOT NULL,         -- its key columns, tab-joined
    version INTEGER NOT NULL,      -- counts every write, deletions included
    PRIMARY KEY (tbl, row_key)
);
CREATE TABLE applied_actions (
    action_id TEXT PRIMARY KEY,    -- a journaled action's id (issue 28)
    event_id INTEGER NOT NULL      -- the event it was logged as
);
"""

# Issue 28 (a team reviews one batch): who holds what. A lead assigns a whole body
# (``body:<agency_key>``) or one report (``report:<report_key>``) to a reviewer; a report's
# holder is its own assignment, else its body's. Plain SQL: the PostgreSQL store runs it too.
SCHEMA_ASSIGNMENTS = """
CREATE TABLE assignments (
    target TEXT PRIMARY KEY,       -- body:<agency_key> | report:<report_key>
    reviewer TEXT NOT NULL,        -- who holds it
    assigned_by TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL DEFAULT ''
);
"""

# Issue 28 (the team workspace; step 12):
# the bytes of every report file, once per sha256, so a colleague opening the batch from a team
# workspace reads the same file (``Blobs.local_file``). A .gikdb gets the table too (one schema).
SCHEMA_BLOBS = """
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,       -- of the bytes
    size INTEGER NOT NULL,
    name TEXT NOT NULL DEFAULT '', -- the file name it was first stored under (a hint)
    data BLOB NOT NULL
);
"""
