-- Counters of requests by body, year of receipt, year of closing (0
-- while open), applicant type and outcome: how many (n), how many of
-- them were answered on time, and how many were received in each month
-- (m01 … m12). Table 三 and the roll-up count these, kept in the
-- transaction that writes the request (store/request_counts.go), so a
-- province's year reads counters instead of millions of requests. The
-- migration's Go step fills them from the requests.
CREATE TABLE request_counts (
    body_id        BIGINT NOT NULL REFERENCES bodies(id),
    received_year  INTEGER NOT NULL,
    closed_year    INTEGER NOT NULL,
    applicant_type TEXT NOT NULL,
    outcome        TEXT NOT NULL,
    n              BIGINT NOT NULL,
    on_time        BIGINT NOT NULL,
    m01            BIGINT NOT NULL,
    m02            BIGINT NOT NULL,
    m03            BIGINT NOT NULL,
    m04            BIGINT NOT NULL,
    m05            BIGINT NOT NULL,
    m06            BIGINT NOT NULL,
    m07            BIGINT NOT NULL,
    m08            BIGINT NOT NULL,
    m09            BIGINT NOT NULL,
    m10            BIGINT NOT NULL,
    m11            BIGINT NOT NULL,
    m12            BIGINT NOT NULL,
    PRIMARY KEY (body_id, received_year, closed_year, applicant_type, outcome)
);
