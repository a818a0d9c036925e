-- A province's roll-up and compliance overview within a second
-- (5,000 bodies, 10 million requests, 1 million documents):
--
-- documents_late also holds the day a candidate was made (and its
-- state), so the overview counts late publications from the index
-- alone (its predicate is unchanged: store.Store.lateGap);
DROP INDEX documents_late;
CREATE INDEX documents_late ON documents(body_id, published, written, state)
    WHERE state = 'published' AND written IS NOT NULL AND published - written > interval '25 days';
-- the requests a year carries in (received before it, closed in it or
-- later or still open) are found among the counters closed in a later
-- year than received, or open, by year of closing: not by reading
-- every earlier year's counters;
CREATE INDEX request_counts_carried ON request_counts(body_id, closed_year)
    WHERE closed_year <> received_year;
-- and the trend and the months of receipt read, by body and year, the
-- requests received (in all and by month) and closed: sums of
-- request_counts kept with them in the transaction that writes the
-- request (store/request_counts.go), filled here from the counters.
CREATE TABLE request_year_counts (
    body_id  BIGINT NOT NULL REFERENCES bodies(id),
    year     INTEGER NOT NULL,
    received BIGINT NOT NULL,
    closed   BIGINT NOT NULL,
    m01      BIGINT NOT NULL,
    m02      BIGINT NOT NULL,
    m03      BIGINT NOT NULL,
    m04      BIGINT NOT NULL,
    m05      BIGINT NOT NULL,
    m06      BIGINT NOT NULL,
    m07      BIGINT NOT NULL,
    m08      BIGINT NOT NULL,
    m09      BIGINT NOT NULL,
    m10      BIGINT NOT NULL,
    m11      BIGINT NOT NULL,
    m12      BIGINT NOT NULL,
    PRIMARY KEY (body_id, year)
);
INSERT INTO request_year_counts (body_id, year, received, closed, m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12)
    SELECT body_id, y, sum(r), sum(c), sum(m01), sum(m02), sum(m03), sum(m04), sum(m05), sum(m06), sum(m07), sum(m08), sum(m09), sum(m10), sum(m11), sum(m12) FROM (
        SELECT body_id, received_year AS y, n AS r, 0 AS c, m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12 FROM request_counts
        UNION ALL
        SELECT body_id, closed_year, 0, n, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM request_counts WHERE closed_year <> 0) t
    GROUP BY body_id, y;
-- The planner's figures for the new table.
ANALYZE request_year_counts;
