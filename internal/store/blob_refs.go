package store

import (
	"context"
	"database/sql"
	"fmt"
)

// blobReferences are the columns that name a blob by its hash. A table
// that starts keeping blob hashes must be added here, or the blob
// collector (cmd/gongkai's blob-gc job) removes its files a day after
// they were stored.
var blobReferences = []struct{ table, column string }{
	{"request_attachments", "hash"},
	{"document_attachments", "hash"},
	{"annual_report_versions", "original_hash"},
}

// ReferencedBlobs is the set of blob hashes some row names.
func (s *Store) ReferencedBlobs(ctx context.Context) (map[string]bool, error) {
	refs := map[string]bool{}
	err := s.read(ctx, func(tx *sql.Tx) error {
		for _, r := range blobReferences {
			rows, err := tx.QueryContext(ctx, "SELECT DISTINCT "+r.column+" FROM "+r.table+" WHERE "+r.column+" <> ''")
			if err != nil {
				return err
			}
			for rows.Next() {
				var h string
				if err := rows.Scan(&h); err != nil {
					rows.Close()
					return err
				}
				refs[h] = true
			}
			if err := rows.Close(); err != nil {
				return err
			}
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: referenced blobs: %w", err)
	}
	return refs, nil
}
