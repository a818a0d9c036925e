-- Proactive disclosure documents: catalogue metadata, the review
-- workflow, versions, attachments, 有效性 history, 索引号 counters and
-- the yearly table 二 figures that come from other systems.

ALTER TABLE documents ADD COLUMN theme TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN genre TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN keywords TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN public_mode TEXT NOT NULL DEFAULT '主动公开';
ALTER TABLE documents ADD COLUMN kind TEXT NOT NULL DEFAULT 'other';
ALTER TABLE documents ADD COLUMN body_format TEXT NOT NULL DEFAULT 'html';
ALTER TABLE documents ADD COLUMN body_source TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN state TEXT NOT NULL DEFAULT 'draft';
ALTER TABLE documents ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE documents ADD COLUMN updated TEXT;
ALTER TABLE documents ADD COLUMN withdrawn TEXT;
ALTER TABLE documents ADD COLUMN withdraw_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN return_reason TEXT NOT NULL DEFAULT '';
UPDATE documents SET state = 'published' WHERE published IS NOT NULL;
UPDATE documents SET body_source = body_html, updated = created;
CREATE INDEX documents_body_state ON documents(body_id, state, id);

-- Every save of a draft is a new row: the document's history.
CREATE TABLE document_versions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    version     INTEGER NOT NULL,
    user_id     INTEGER NOT NULL DEFAULT 0,
    username    TEXT NOT NULL DEFAULT '',
    data        TEXT NOT NULL,
    created     TEXT NOT NULL,
    UNIQUE (document_id, version)
);

CREATE TABLE document_attachments (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    hash         TEXT NOT NULL,
    name         TEXT NOT NULL,
    size         INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    created      TEXT NOT NULL
);
CREATE INDEX document_attachments_doc ON document_attachments(document_id, id);

-- 保密审查 decisions: approvals with their checklist, returns with a reason.
CREATE TABLE document_reviews (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    decision    TEXT NOT NULL,
    checklist   TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    user_id     INTEGER NOT NULL DEFAULT 0,
    username    TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL
);
CREATE INDEX document_reviews_doc ON document_reviews(document_id, id);

-- 有效性 history of 规章 and 规范性文件: append-only.
CREATE TABLE document_validity (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    status      TEXT NOT NULL,
    effective   TEXT NOT NULL,
    replaced_by INTEGER REFERENCES documents(id),
    note        TEXT NOT NULL DEFAULT '',
    recorded    TEXT NOT NULL
);
CREATE INDEX document_validity_doc ON document_validity(document_id, id);
CREATE TRIGGER document_validity_no_update BEFORE UPDATE ON document_validity
BEGIN
    SELECT RAISE(ABORT, 'document_validity is append-only');
END;
CREATE TRIGGER document_validity_no_delete BEFORE DELETE ON document_validity
BEGIN
    SELECT RAISE(ABORT, 'document_validity is append-only');
END;

-- The last 索引号 serial given per body and year. Publishing increments
-- the row inside its transaction, which serialises concurrent publishers.
CREATE TABLE index_counters (
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    year    INTEGER NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (body_id, year)
);

-- Table 二 cells from other systems (行政许可, 行政处罚 … counts, fees),
-- keyed by the format's own row and column labels. state: 0 blank,
-- 1 value, 2 not applicable ("/").
CREATE TABLE report_figures (
    body_id   INTEGER NOT NULL REFERENCES bodies(id),
    year      INTEGER NOT NULL,
    row_label TEXT NOT NULL,
    col_label TEXT NOT NULL,
    state     INTEGER NOT NULL,
    num       REAL NOT NULL DEFAULT 0,
    updated   TEXT NOT NULL,
    PRIMARY KEY (body_id, year, row_label, col_label)
);
