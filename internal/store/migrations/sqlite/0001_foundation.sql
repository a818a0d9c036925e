-- Foundation schema: bodies, columns, documents, staff, tokens,
-- sessions, throttling, leases, the audit log.
-- Instants are fixed-width UTC text (see dialect.go); booleans are 0/1.

CREATE TABLE bodies (
    id         INTEGER PRIMARY KEY,
    parent_id  INTEGER REFERENCES bodies(id),
    name       TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL,
    code       TEXT NOT NULL DEFAULT '',
    slug       TEXT NOT NULL UNIQUE,
    office     TEXT NOT NULL DEFAULT '',
    address    TEXT NOT NULL DEFAULT '',
    hours      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    fax        TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    postcode   TEXT NOT NULL DEFAULT '',
    created    TEXT NOT NULL
);
CREATE INDEX bodies_parent ON bodies(parent_id);

CREATE TABLE site_columns (
    id        INTEGER PRIMARY KEY,
    body_id   INTEGER NOT NULL REFERENCES bodies(id),
    parent_id INTEGER REFERENCES site_columns(id),
    slug      TEXT NOT NULL,
    name      TEXT NOT NULL,
    fixed     INTEGER NOT NULL DEFAULT 0,
    position  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (body_id, slug)
);

CREATE TABLE documents (
    id        INTEGER PRIMARY KEY,
    body_id   INTEGER NOT NULL REFERENCES bodies(id),
    column_id INTEGER NOT NULL REFERENCES site_columns(id),
    index_no  TEXT NOT NULL DEFAULT '',
    title     TEXT NOT NULL,
    doc_no    TEXT NOT NULL DEFAULT '',
    publisher TEXT NOT NULL DEFAULT '',
    summary   TEXT NOT NULL DEFAULT '',
    body_html TEXT NOT NULL DEFAULT '',
    written   TEXT,
    published TEXT,
    created   TEXT NOT NULL
);
CREATE INDEX documents_column ON documents(column_id, published);
CREATE UNIQUE INDEX documents_index_no ON documents(index_no) WHERE index_no <> '';

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL DEFAULT '',
    disabled      INTEGER NOT NULL DEFAULT 0,
    created       TEXT NOT NULL
);

CREATE TABLE grants (
    id      INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    role    TEXT NOT NULL,
    body_id INTEGER REFERENCES bodies(id),
    subtree INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX grants_user ON grants(user_id);

CREATE TABLE api_tokens (
    id        INTEGER PRIMARY KEY,
    user_id   INTEGER NOT NULL REFERENCES users(id),
    name      TEXT NOT NULL,
    hash      TEXT NOT NULL UNIQUE,
    created   TEXT NOT NULL,
    last_used TEXT,
    revoked   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BLOB NOT NULL,
    expiry TEXT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expiry);

CREATE TABLE login_failures (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    at  TEXT NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures(key, at);

CREATE TABLE leases (
    name    TEXT PRIMARY KEY,
    holder  TEXT NOT NULL,
    expires TEXT NOT NULL
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The audit log keeps no foreign keys: entries outlive what they name.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    user_id  INTEGER NOT NULL DEFAULT 0,
    username TEXT NOT NULL DEFAULT '',
    action   TEXT NOT NULL,
    body_id  INTEGER NOT NULL DEFAULT 0,
    target   TEXT NOT NULL DEFAULT '',
    detail   TEXT NOT NULL DEFAULT '',
    remote   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_body ON audit_log(body_id, id);
CREATE INDEX audit_log_user ON audit_log(user_id, id);

-- Append-only: the store has no method to change or remove entries, and
-- these triggers stop anyone else with a database handle.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
