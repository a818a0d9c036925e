-- A bulk import of 存量政府信息 from one file (gongkai import documents):
-- the file is known by its sha256, and rows_done (data rows from the
-- top of the file, blank ones included) moves in the transaction that
-- commits each batch, so a run interrupted at any point resumes after
-- the last committed batch and no row is written twice.
CREATE TABLE import_jobs (
    id        INTEGER PRIMARY KEY,
    sha256    TEXT NOT NULL,
    body_id   INTEGER NOT NULL REFERENCES bodies(id),
    file_name TEXT NOT NULL DEFAULT '',
    total     INTEGER NOT NULL,
    rows_done INTEGER NOT NULL DEFAULT 0,
    imported  INTEGER NOT NULL DEFAULT 0,
    skipped   INTEGER NOT NULL DEFAULT 0,
    batches   INTEGER NOT NULL DEFAULT 0,
    started   TEXT NOT NULL,
    updated   TEXT NOT NULL,
    finished  TEXT,
    UNIQUE (sha256, body_id)
);
