-- The annual report's way from draft to publication: the
-- workflow of a body's report for a year, its steps with the comments of
-- a return, the published versions (immutable, append-only), and the
-- report settings a body holds (who supervises its report, the deadline
-- it sets for the 乡镇（街道） below it, whether it publishes elsewhere).

-- One row per body and year once anything was written. state: draft,
-- submitted, returned, approved, published. version is the version being
-- worked on (the last published one while published). snapshot is the
-- report's JSON (annualreport.Schema) as submitted: what the supervisor reviews and
-- what is published. errors and warnings are the checks' counts at
-- checked, for the supervisors' overview.
CREATE TABLE annual_reports (
    body_id       INTEGER NOT NULL REFERENCES bodies(id),
    year          INTEGER NOT NULL,
    state         TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    supervisor_id INTEGER REFERENCES bodies(id),
    snapshot      TEXT NOT NULL DEFAULT '',
    change_note   TEXT NOT NULL DEFAULT '',
    errors        INTEGER NOT NULL DEFAULT 0,
    warnings      INTEGER NOT NULL DEFAULT 0,
    checked       TEXT,
    updated       TEXT NOT NULL,
    PRIMARY KEY (body_id, year)
);
CREATE INDEX annual_reports_year ON annual_reports(year, body_id);

-- Reports written before the workflow existed are drafts.
INSERT INTO annual_reports (body_id, year, state, updated)
    SELECT body_id, year, 'draft', max(updated) FROM report_sections GROUP BY body_id, year;

-- Every step: submit, return, approve (override set when approved with
-- blocking problems, with the reason), publish, correct, upload, import.
CREATE TABLE annual_report_events (
    id       INTEGER PRIMARY KEY,
    body_id  INTEGER NOT NULL REFERENCES bodies(id),
    year     INTEGER NOT NULL,
    version  INTEGER NOT NULL,
    action   TEXT NOT NULL,
    note     TEXT NOT NULL DEFAULT '',
    override TEXT NOT NULL DEFAULT '',
    errors   INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    user_id  INTEGER NOT NULL DEFAULT 0,
    username TEXT NOT NULL DEFAULT '',
    at       TEXT NOT NULL
);
CREATE INDEX annual_report_events_report ON annual_report_events(body_id, year, id);

-- The comments of a return: on a section (table_id '') or on a table
-- cell (table_id 二/三/四, row_id, col).
CREATE TABLE annual_report_comments (
    id       INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES annual_report_events(id),
    section  TEXT NOT NULL,
    table_id TEXT NOT NULL DEFAULT '',
    row_id   TEXT NOT NULL DEFAULT '',
    col      TEXT NOT NULL DEFAULT '',
    text     TEXT NOT NULL
);
CREATE INDEX annual_report_comments_event ON annual_report_comments(event_id, id);

-- Published versions. canonical is the report's JSON as published, the
-- bytes sha256 is taken of. source: platform (through the workflow),
-- upload (a supervisor's upload for an off-platform body), import (a
-- report published before the body used the platform). The original
-- file of an upload or import is a blob.
CREATE TABLE annual_report_versions (
    id            INTEGER PRIMARY KEY,
    body_id       INTEGER NOT NULL REFERENCES bodies(id),
    year          INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    source        TEXT NOT NULL,
    document_id   INTEGER REFERENCES documents(id),
    sha256        TEXT NOT NULL,
    canonical     TEXT NOT NULL,
    published     TEXT NOT NULL,
    change_note   TEXT NOT NULL DEFAULT '',
    errors        INTEGER NOT NULL DEFAULT 0,
    warnings      INTEGER NOT NULL DEFAULT 0,
    original_hash TEXT NOT NULL DEFAULT '',
    original_name TEXT NOT NULL DEFAULT '',
    original_type TEXT NOT NULL DEFAULT '',
    original_size INTEGER NOT NULL DEFAULT 0,
    created       TEXT NOT NULL,
    UNIQUE (body_id, year, version)
);
CREATE INDEX annual_report_versions_year ON annual_report_versions(year, body_id, version);
CREATE INDEX annual_report_versions_document ON annual_report_versions(document_id);
CREATE TRIGGER annual_report_versions_no_update BEFORE UPDATE ON annual_report_versions
BEGIN
    SELECT RAISE(ABORT, 'annual_report_versions is append-only');
END;
CREATE TRIGGER annual_report_versions_no_delete BEFORE DELETE ON annual_report_versions
BEGIN
    SELECT RAISE(ABORT, 'annual_report_versions is append-only');
END;

-- A body's report settings. supervisor_id: the body its report is
-- submitted to instead of its parent. deadline_month/day: the deadline
-- this body sets for the bodies below it that Art. 49 does not name
-- (0: none set). off_platform: the body publishes its report elsewhere
-- and a supervisor uploads it.
CREATE TABLE body_report_settings (
    body_id        INTEGER PRIMARY KEY REFERENCES bodies(id),
    supervisor_id  INTEGER REFERENCES bodies(id),
    deadline_month INTEGER NOT NULL DEFAULT 0,
    deadline_day   INTEGER NOT NULL DEFAULT 0,
    off_platform   INTEGER NOT NULL DEFAULT 0
);
