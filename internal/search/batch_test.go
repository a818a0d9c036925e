package search

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// TestUpsertBatchSameAsUpsert: an index loaded in batches (with a
// document replaced by a later batch) answers every recall case as the
// one loaded document by document does, on every database.
func TestUpsertBatchSameAsUpsert(t *testing.T) {
	ctx := context.Background()
	stale := corpus[2]
	stale.Title, stale.Text = "旧标题", "旧正文 预算"
	for _, db := range databases(t, nil, Options{}) {
		t.Run(db.name, func(t *testing.T) {
			ix := db.ix
			tx, err := ix.db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			batches := [][]Doc{{corpus[0], stale}, corpus[1:]}
			for _, b := range batches {
				if err := ix.UpsertBatch(ctx, tx, b); err != nil {
					t.Fatal(err)
				}
			}
			if err := ix.UpsertBatch(ctx, tx, []Doc{corpus[0], corpus[0]}); err == nil {
				t.Error("a batch naming one document twice was accepted")
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			for _, tc := range recallCases {
				r, err := ix.Search(ctx, Query{Text: tc.query, Filter: tc.filter, Sort: SortNewest, Limit: 100})
				if err != nil {
					t.Fatalf("%q: %v", tc.query, err)
				}
				if got := hitIDs(r); !slices.Equal(got, tc.want) {
					t.Errorf("%q %+v = %v, want %v", tc.query, tc.filter, got, tc.want)
				}
			}
		})
	}
}

// TestUpsertBatchLarge crosses the multi-row statement size.
func TestUpsertBatchLarge(t *testing.T) {
	ctx := context.Background()
	var docs []Doc
	for i := 1; i <= batchRows+5; i++ {
		docs = append(docs, Doc{ID: int64(i), BodyID: 1, Year: 2020, Title: fmt.Sprintf("第%d号文件", i), Text: "关于批量导入的说明"})
	}
	for _, db := range databases(t, nil, Options{CountCap: 5000}) {
		if err := db.ix.UpsertBatch(ctx, db.ix.db, docs); err != nil {
			t.Fatalf("%s: %v", db.name, err)
		}
		r, err := db.ix.Search(ctx, Query{Text: "批量导入", Sort: SortNewest, Limit: 1})
		if err != nil || r.Total != len(docs) || !r.TotalExact || len(r.Hits) != 1 || r.Hits[0].ID != int64(len(docs)) {
			t.Errorf("%s: %d found (exact %v), first %v, %v; want %d, the last first", db.name, r.Total, r.TotalExact, hitIDs(r), err, len(docs))
		}
	}
}

// TestUpsertBatchLongDocument: a document too long for one tsvector,
// loaded in a batch, is chunked as Upsert chunks it, so its phrases are
// found anywhere in it; replacing it with a short one drops its chunks.
func TestUpsertBatchLongDocument(t *testing.T) {
	ctx := context.Background()
	long := longDoc()
	for _, db := range databases(t, nil, Options{}) {
		t.Run(db.name, func(t *testing.T) {
			if err := db.ix.UpsertBatch(ctx, db.ix.db, append(slices.Clone(corpus), long)); err != nil {
				t.Fatal(err)
			}
			for _, tc := range longCases {
				r, err := db.ix.Search(ctx, Query{Text: tc.query, Filter: tc.filter, Sort: SortNewest, Limit: 100})
				if err != nil {
					t.Fatalf("%q: %v", tc.query, err)
				}
				if got := hitIDs(r); !slices.Equal(got, tc.want) {
					t.Errorf("%q %+v = %v, want %v", tc.query, tc.filter, got, tc.want)
				}
			}
			short := long
			short.Text = "短正文"
			if err := db.ix.UpsertBatch(ctx, db.ix.db, []Doc{short}); err != nil {
				t.Fatal(err)
			}
			for _, tc := range longCases {
				r, err := db.ix.Search(ctx, Query{Text: tc.query, Filter: tc.filter, Sort: SortNewest, Limit: 100})
				if err != nil {
					t.Fatalf("%q: %v", tc.query, err)
				}
				if slices.Contains(hitIDs(r), long.ID) {
					t.Errorf("%q still finds the replaced long document %d", tc.query, long.ID)
				}
			}
		})
	}
}
