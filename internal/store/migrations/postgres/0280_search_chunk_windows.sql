-- Long documents' chunks carry their document's ID window tokens (as the
-- meta column does), so the chunks' GIN index answers "chunks in this
-- window holding these tokens" in one scan. Chunks written before lack
-- them and would be missed inside a window: add them in place. Only the
-- few long documents have chunks, so this is quick at any size. A fresh
-- database has no chunk table yet; the index creates it.
DO $$
BEGIN
	IF to_regclass('search_chunk') IS NOT NULL THEN
		UPDATE search_chunk SET tsv = tsv || array_to_tsvector(ARRAY[
			'w20x' || (doc_id >> 20), 'w16x' || (doc_id >> 16),
			'w12x' || (doc_id >> 12), 'w8x' || (doc_id >> 8)]);
	END IF;
END $$;
