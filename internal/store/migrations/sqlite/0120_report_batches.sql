-- A batch of annual reports checked together (年度报告检查) is
-- a job: the upload stores the files, a worker in serve reads them one by
-- one under a lease (so with several instances each batch is worked by
-- one at a time, and taken over when that instance dies), then checks the
-- batch as a whole and keeps the result for a day.

-- status: uploading (the form is still being read; no worker takes it),
-- queued, running, done. file_count counts the files of the batch, read_count those
-- read so far. result is the checked batch as JSON, set when done.
-- expires is when the worker deletes the batch: a day after it is done.
CREATE TABLE report_batches (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id),
    year          INTEGER NOT NULL DEFAULT 0,
    status        TEXT NOT NULL,
    file_count    INTEGER NOT NULL DEFAULT 0,
    read_count    INTEGER NOT NULL DEFAULT 0,
    lease_holder  TEXT NOT NULL DEFAULT '',
    lease_expires TEXT,
    result        TEXT NOT NULL DEFAULT '',
    created       TEXT NOT NULL,
    finished      TEXT,
    expires       TEXT NOT NULL
);
CREATE INDEX report_batches_status ON report_batches(status, id);
CREATE INDEX report_batches_user ON report_batches(user_id, id);
CREATE INDEX report_batches_expires ON report_batches(expires);

-- One file of a batch, in upload order. data is the file until it is
-- read, then emptied. report is the report read (JSON, annualreport.Schema), or
-- unreadable says why it could not be. attempts counts the reads begun,
-- so a file that brings its reader down is given up, not retried forever.
CREATE TABLE report_batch_files (
    batch_id   INTEGER NOT NULL REFERENCES report_batches(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    name       TEXT NOT NULL,
    data       BLOB,
    done       INTEGER NOT NULL DEFAULT 0,
    attempts   INTEGER NOT NULL DEFAULT 0,
    report     TEXT NOT NULL DEFAULT '',
    unreadable TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (batch_id, seq)
);
