-- Counters of requests by body, year of receipt, year of closing (0
-- while open), applicant type and outcome: how many (n), how many of
-- them were answered on time, and how many were received in each month
-- (m01 … m12). Table 三 and the roll-up count these, kept in the
-- transaction that writes the request (store/request_counts.go), so a
-- province's year reads counters instead of millions of requests. The
-- migration's Go step fills them from the requests.
CREATE TABLE request_counts (
    body_id        INTEGER NOT NULL REFERENCES bodies(id),
    received_year  INTEGER NOT NULL,
    closed_year    INTEGER NOT NULL,
    applicant_type TEXT NOT NULL,
    outcome        TEXT NOT NULL,
    n              INTEGER NOT NULL,
    on_time        INTEGER NOT NULL,
    m01            INTEGER NOT NULL,
    m02            INTEGER NOT NULL,
    m03            INTEGER NOT NULL,
    m04            INTEGER NOT NULL,
    m05            INTEGER NOT NULL,
    m06            INTEGER NOT NULL,
    m07            INTEGER NOT NULL,
    m08            INTEGER NOT NULL,
    m09            INTEGER NOT NULL,
    m10            INTEGER NOT NULL,
    m11            INTEGER NOT NULL,
    m12            INTEGER NOT NULL,
    PRIMARY KEY (body_id, received_year, closed_year, applicant_type, outcome)
) WITHOUT ROWID;
