-- The full-text index changed on PostgreSQL only (ID window tokens in the
-- meta column, two-column GIN indexes, long documents indexed in
-- overlapping chunks), so only PostgreSQL re-indexes its published
-- documents on the next start. SQLite's FTS5 tables are as they were:
-- re-indexing them would redo the same work, which on a large site is
-- minutes of start-up for nothing.
SELECT 1;
