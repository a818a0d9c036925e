-- Bytes of attachments accepted per client address, for the daily
-- upload budget of the public forms. Rows older than a day
-- are pruned as new ones are written.
CREATE TABLE upload_bytes (
    id    INTEGER PRIMARY KEY,
    key   TEXT NOT NULL,
    at    TEXT NOT NULL,
    bytes INTEGER NOT NULL
);
CREATE INDEX upload_bytes_key_at ON upload_bytes(key, at);
