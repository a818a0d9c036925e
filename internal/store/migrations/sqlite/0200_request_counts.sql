-- Counters of requests by body, year and month of receipt, year of
-- closing (0 while open), applicant type, outcome and whether answered
-- on time: what tables 三 and the roll-up count, kept in the transaction
-- that writes the request (store/request_counts.go), so a province's
-- year reads thousands of counters instead of millions of requests.
-- The migration's Go step fills them from the requests.
CREATE TABLE request_counts (
    body_id        INTEGER NOT NULL REFERENCES bodies(id),
    received_year  INTEGER NOT NULL,
    received_month INTEGER NOT NULL,
    closed_year    INTEGER NOT NULL,
    applicant_type TEXT NOT NULL,
    outcome        TEXT NOT NULL,
    on_time        INTEGER NOT NULL,
    n              INTEGER NOT NULL,
    PRIMARY KEY (body_id, received_year, closed_year, received_month, applicant_type, outcome, on_time)
) WITHOUT ROWID;
