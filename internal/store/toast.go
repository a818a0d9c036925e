package store

import (
	"context"
	"database/sql"
)

// A bulk import's search rows hold tsvectors of a few kilobytes that
// hardly compress. PostgreSQL's default TOAST compression, pglz, reads
// each one whole before giving up, and was the largest single cost of
// the server in an import (15% of its CPU time, perf on bench/import);
// lz4 gives up on them cheaply and compresses text about as well, so a
// bulk write's transaction uses it when the server was built with it.
// Values keep their method, and every server that has lz4 reads both.

// hasLZ4 reports whether the server can compress TOAST with lz4.
func hasLZ4(ctx context.Context, db *sql.DB) (bool, error) {
	var ok bool
	err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_settings
		WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals))`).Scan(&ok)
	return ok, err
}

// bulkCompression sets the bulk write tx's TOAST compression.
func (s *Store) bulkCompression(ctx context.Context, tx *sql.Tx) error {
	if !s.toastLZ4 {
		return nil
	}
	_, err := tx.ExecContext(ctx, "SET LOCAL default_toast_compression = 'lz4'")
	return err
}
