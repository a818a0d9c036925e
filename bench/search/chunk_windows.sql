-- Adds the window tokens to the chunks of benchmark tables kept by an
-- earlier build (what migration 0280 does for the application's
-- search_chunk), so -reuse measures them without a rebuild:
--   psql "$URL" -v p=searchbench_PID -f bench/search/chunk_windows.sql
-- Run it once: the tokens are lexemes, adding them twice changes nothing.
\set t :p '_chunk'
UPDATE :"t" SET tsv = tsv || array_to_tsvector(ARRAY[
	'w20x' || (doc_id >> 20), 'w16x' || (doc_id >> 16),
	'w12x' || (doc_id >> 12), 'w8x' || (doc_id >> 8)]);
ANALYZE :"t";
