-- Disclosure on request (依申请公开): requests, their append-only event
-- history, attachments and the reconsideration / litigation cases
-- (行政复议 / 行政诉讼) against them. Civil dates are 'YYYY-MM-DD' text,
-- so they order and compare as text on both databases.

CREATE TABLE requests (
    id             INTEGER PRIMARY KEY,
    body_id        INTEGER NOT NULL REFERENCES bodies(id),
    code           TEXT NOT NULL UNIQUE,
    secret_hash    TEXT NOT NULL,
    applicant_type TEXT NOT NULL,
    applicant_name TEXT NOT NULL,
    id_type        TEXT NOT NULL DEFAULT '',
    id_number      TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL DEFAULT '',
    sought         TEXT NOT NULL,
    delivery       TEXT NOT NULL DEFAULT '',
    fee_waiver     INTEGER NOT NULL DEFAULT 0,
    channel        TEXT NOT NULL,
    received       TEXT NOT NULL,
    state          TEXT NOT NULL,
    outcome        TEXT NOT NULL DEFAULT '',
    closed         TEXT,
    due            TEXT NOT NULL DEFAULT '',
    created        TEXT NOT NULL
);
-- Covering indexes for the annual statistics (RequestRecords) and the
-- per-body lists.
CREATE INDEX requests_body_received ON requests(body_id, received, closed, applicant_type, outcome, state);
CREATE INDEX requests_body_closed ON requests(body_id, closed, received, applicant_type, outcome, state);

CREATE TABLE request_events (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id),
    kind       TEXT NOT NULL,
    day        TEXT NOT NULL,
    payload    TEXT NOT NULL,
    user_id    INTEGER NOT NULL DEFAULT 0,
    why        TEXT NOT NULL DEFAULT '',
    -- details: what the step produced beyond the event, as JSON the web
    -- layer owns (the answer letter's reasons and basis).
    details    TEXT NOT NULL DEFAULT '',
    created    TEXT NOT NULL
);
CREATE INDEX request_events_request ON request_events(request_id, id);

-- Records of Art. 45 are kept whole: a correction is a new event.
CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
BEGIN
    SELECT RAISE(ABORT, 'request_events is append-only');
END;
CREATE TRIGGER request_events_no_delete BEFORE DELETE ON request_events
BEGIN
    SELECT RAISE(ABORT, 'request_events is append-only');
END;

CREATE TABLE request_attachments (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES requests(id),
    hash         TEXT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    size         INTEGER NOT NULL DEFAULT 0,
    content_type TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_attachments_request ON request_attachments(request_id);

CREATE TABLE request_cases (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id),
    body_id    INTEGER NOT NULL REFERENCES bodies(id),
    kind       TEXT NOT NULL,
    filed      TEXT NOT NULL,
    decided    TEXT,
    result     TEXT NOT NULL DEFAULT '',
    created    TEXT NOT NULL
);
CREATE INDEX request_cases_request ON request_cases(request_id);
CREATE INDEX request_cases_body ON request_cases(body_id, filed, decided, kind, result);
