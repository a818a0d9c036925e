package store

import (
	"context"
	"database/sql"
	"fmt"
)

// ContentGeneration returns the site's content generation: a number that
// grows with every committed change to what the public portal shows
// (publication, withdrawal, validity, columns, bodies, the catalogue,
// platform settings). A rendered page is current only for the generation
// it was rendered under. It is one indexed row, cheap to poll.
func (s *Store) ContentGeneration(ctx context.Context) (int64, error) {
	var g int64
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT gen FROM content_generation WHERE id = 1").Scan(&g)
	})
	if err != nil {
		return 0, fmt.Errorf("store: content generation: %w", err)
	}
	return g, nil
}

// writePublic is write for changes visible on the public portal: the
// generation is bumped in the same transaction, so it can never be seen
// without the change nor the change without it.
func (s *Store) writePublic(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE content_generation SET gen = gen + 1 WHERE id = 1"); err != nil {
			return fmt.Errorf("store: bump content generation: %w", err)
		}
		return nil
	})
}
