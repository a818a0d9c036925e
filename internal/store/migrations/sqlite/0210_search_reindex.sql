-- The full-text index changed on PostgreSQL: ID window tokens in the meta
-- column, two-column GIN indexes, long documents indexed in overlapping
-- chunks. Forgetting that published documents were indexed makes the
-- next start index them all again (Store.UseSearchIndex); an upsert
-- replaces each document's entry, so SQLite only re-does the same work.
DELETE FROM meta WHERE key = 'search.backfilled';
