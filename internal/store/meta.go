package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Meta returns a platform-wide setting recorded in the database, such as
// whether it holds the demo; a missing key is ErrNotFound.
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = $1", key).Scan(&v)
	})
	if err != nil {
		return "", notFound(err, "meta", key)
	}
	return v, nil
}

// SetMeta records a platform-wide setting.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	err := s.writePublic(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ($1, $2)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: set meta %s: %w", key, err)
	}
	return nil
}

// IsEmpty reports whether the database holds no bodies and no accounts,
// that is, it was just created.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM bodies) + (SELECT count(*) FROM users)").Scan(&n)
	})
	if err != nil {
		return false, fmt.Errorf("store: count rows: %w", err)
	}
	return n == 0, nil
}
