-- A body's own columns: type and expected update period for the website
-- checks (国办秘函〔2019〕19号), and retirement instead of deletion.
-- The 政务公开事项标准目录 (国办发〔2019〕54号) per body, with documents
-- attached to its lines.
ALTER TABLE site_columns ADD COLUMN column_type TEXT NOT NULL DEFAULT 'other';
ALTER TABLE site_columns ADD COLUMN update_period TEXT NOT NULL DEFAULT '';
ALTER TABLE site_columns ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;

CREATE TABLE catalogue_items (
    id        INTEGER PRIMARY KEY,
    body_id   INTEGER NOT NULL REFERENCES bodies(id),
    domain    TEXT NOT NULL,
    level1    TEXT NOT NULL,
    level2    TEXT NOT NULL,
    content   TEXT NOT NULL DEFAULT '',
    basis     TEXT NOT NULL DEFAULT '',
    timing    TEXT NOT NULL DEFAULT '',
    subject   TEXT NOT NULL DEFAULT '',
    channels  TEXT NOT NULL DEFAULT '',
    audience  TEXT NOT NULL DEFAULT '',
    mode      TEXT NOT NULL DEFAULT '',
    tier      TEXT NOT NULL DEFAULT '',
    position  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (body_id, domain, level1, level2)
);

ALTER TABLE documents ADD COLUMN catalogue_item_id INTEGER REFERENCES catalogue_items(id);
CREATE INDEX documents_catalogue_item ON documents(catalogue_item_id);
