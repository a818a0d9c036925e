-- A subtree's year of request counters summed in the order of its
-- groups (store.countedRequests): the year, then what the groups are
-- made of, then the body, with the two sums, so the index alone
-- answers (an index-only scan).
CREATE INDEX request_counts_year ON request_counts(received_year, closed_year, applicant_type, outcome, body_id)
    INCLUDE (n, on_time);
