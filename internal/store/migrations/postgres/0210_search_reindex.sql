-- The full-text index changed on PostgreSQL: ID window tokens in the meta
-- column, two-column GIN indexes, long documents indexed in overlapping
-- chunks. Forgetting that published documents were indexed makes the
-- next start index them all again (Store.UseSearchIndex); an upsert
-- replaces each document's entry. SQLite's index did not change: its
-- 0210 does nothing.
DELETE FROM meta WHERE key = 'search.backfilled';
