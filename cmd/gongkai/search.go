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
func openSearch(ctx context.Context, st *store.Store) (*search.Index, error) {
	d := search.SQLite
	if st.IsPostgres() {
		d = search.Postgres
	}
	ix, err := search.NewIndex(st.DB(), d, search.NewSegmenter(search.SegmenterOptions{}), search.Options{})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if err := st.UseSearchIndex(ctx, ix); err != nil {
		return nil, err
	}
	return ix, nil
}
