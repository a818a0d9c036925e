-- Public interaction (互动交流): consultations (咨询) with their published
-- answers, and comment periods on drafts (征求意见) with the comments
-- received. Civil dates are 'YYYY-MM-DD' text (China Standard Time), so
-- they order and compare as text on both databases. Contact data is
-- kept for the reply only and never published.

CREATE TABLE consultations (
    id              INTEGER PRIMARY KEY,
    body_id         INTEGER NOT NULL REFERENCES bodies(id),
    name            TEXT NOT NULL DEFAULT '',
    contact         TEXT NOT NULL DEFAULT '',
    subject         TEXT NOT NULL,
    question        TEXT NOT NULL,
    asked           TEXT NOT NULL,
    asked_day       TEXT NOT NULL,
    answer          TEXT NOT NULL DEFAULT '',
    answered        TEXT,
    answered_by     INTEGER NOT NULL DEFAULT 0,
    publish         INTEGER NOT NULL DEFAULT 0,
    withhold_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consultations_body ON consultations(body_id, answered, asked_day);
CREATE INDEX consultations_published ON consultations(body_id, publish, answered);

CREATE TABLE comment_periods (
    id        INTEGER PRIMARY KEY,
    body_id   INTEGER NOT NULL REFERENCES bodies(id),
    title     TEXT NOT NULL,
    draft     TEXT NOT NULL,
    kind      TEXT NOT NULL,
    start_day TEXT NOT NULL,
    end_day   TEXT NOT NULL,
    opened    TEXT NOT NULL,
    opened_by INTEGER NOT NULL DEFAULT 0,
    closed    TEXT,
    closed_by INTEGER NOT NULL DEFAULT 0,
    adoption  TEXT NOT NULL DEFAULT '',
    adopted   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX comment_periods_body ON comment_periods(body_id, start_day);

CREATE TABLE comments (
    id        INTEGER PRIMARY KEY,
    period_id INTEGER NOT NULL REFERENCES comment_periods(id),
    name      TEXT NOT NULL DEFAULT '',
    contact   TEXT NOT NULL DEFAULT '',
    text      TEXT NOT NULL,
    created   TEXT NOT NULL
);
CREATE INDEX comments_period ON comments(period_id, id);
