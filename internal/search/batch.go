package search

import (
	"context"
	"errors"
	"fmt"
)

// batchDialect is a dialect that indexes many documents in a few
// statements. A dialect without it gets one upsert per document.
type batchDialect interface {
	upsertBatch(ctx context.Context, ex Execer, docs []preparedDoc) error
}

// UpsertBatch indexes docs exactly as Upsert would one by one, in as few
// statements as the dialect allows, so a bulk import maintains the index
// per batch rather than per document. Run it in the transaction that
// writes the documents. An ID must not appear twice in docs.
func (ix *Index) UpsertBatch(ctx context.Context, ex Execer, docs []Doc) error {
	if len(docs) == 0 {
		return nil
	}
	prepared := make([]preparedDoc, len(docs))
	seen := make(map[int64]bool, len(docs))
	for i, d := range docs {
		if d.ID <= 0 {
			return errors.New("search: upsert batch: document ID must be positive")
		}
		if seen[d.ID] {
			return fmt.Errorf("search: upsert batch: document %d twice", d.ID)
		}
		seen[d.ID] = true
		prepared[i] = ix.prepare(d)
	}
	return ix.upsertPrepared(ctx, ex, prepared)
}

// upsertPrepared indexes documents already tokenised, in a batch when
// the dialect can.
func (ix *Index) upsertPrepared(ctx context.Context, ex Execer, prepared []preparedDoc) error {
	b, ok := ix.d.(batchDialect)
	if !ok {
		for _, d := range prepared {
			if err := ix.d.upsert(ctx, ex, d); err != nil {
				return fmt.Errorf("search: upsert document %d: %w", d.ID, err)
			}
		}
		return nil
	}
	if err := b.upsertBatch(ctx, ex, prepared); err != nil {
		return fmt.Errorf("search: upsert batch of %d from document %d: %w", len(prepared), prepared[0].ID, err)
	}
	return nil
}

// batchRows is how many documents one multi-row statement carries: few
// enough that SQLite's limit of bound variables (32,766) holds for the
// widest table here (8 columns).
const batchRows = 1000
