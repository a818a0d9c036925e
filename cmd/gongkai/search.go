package main

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/store"
)

// openSearch builds the portal's full-text index in the store's own
// database and has the store keep it in step with publication. Searches
// read through the reader pool; index changes ride in the store's
// publishing transactions. The word dictionary loads in the background.
// A command that only writes to the index (import) opens it
// writeOnly: on the writer pool, so that it can Optimize, and without
// the dictionary, which only ranking uses.
func openSearch(ctx context.Context, st *store.Store, writeOnly bool) (*search.Index, error) {
	d := search.SQLite
	if st.IsPostgres() {
		d = search.Postgres
	}
	db, seg := st.DB(), (*search.Segmenter)(nil)
	if writeOnly {
		db = st.WriterDB()
	} else {
		seg = search.NewSegmenter(search.SegmenterOptions{})
	}
	ix, err := search.NewIndex(db, d, seg, search.Options{})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if err := st.UseSearchIndex(ctx, ix); err != nil {
		return nil, err
	}
	return ix, nil
}
