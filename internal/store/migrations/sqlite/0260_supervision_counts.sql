-- A province's roll-up and compliance overview within a second
-- (5,000 bodies, 10 million requests, 1 million documents):
--
-- documents_late also holds the day a candidate was made, so the
-- overview counts late publications from the index alone (its
-- predicate is unchanged: store.Store.lateGap);
DROP INDEX documents_late;
CREATE INDEX documents_late ON documents(body_id, published, written)
    WHERE state = 'published' AND written IS NOT NULL AND julianday(published) - julianday(written) > 25;
-- the requests a year carries in (received before it, closed in it or
-- later or still open) are found by year of closing, not by reading
-- every earlier year's counters;
CREATE INDEX request_counts_closed ON request_counts(body_id, closed_year, received_year);
-- and the trend reads, by body and year, the requests received and
-- closed: sums of request_counts kept with them in the transaction
-- that writes the request (store/request_counts.go), filled here from
-- the counters.
CREATE TABLE request_year_counts (
    body_id  INTEGER NOT NULL REFERENCES bodies(id),
    year     INTEGER NOT NULL,
    received INTEGER NOT NULL,
    closed   INTEGER NOT NULL,
    PRIMARY KEY (body_id, year)
) WITHOUT ROWID;
INSERT INTO request_year_counts (body_id, year, received, closed)
    SELECT body_id, y, sum(r), sum(c) FROM (
        SELECT body_id, received_year AS y, n AS r, 0 AS c FROM request_counts
        UNION ALL
        SELECT body_id, closed_year, 0, n FROM request_counts WHERE closed_year <> 0) t
    GROUP BY body_id, y;
-- The planner's figures for the new table.
ANALYZE request_year_counts;
