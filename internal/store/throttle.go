package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// throttleKeep is how long failure rows are kept: far longer than any
// throttling window, short enough that the table stays small.
const throttleKeep = 24 * time.Hour

// RecordLoginFailure notes a failed login for key (a username or a
// client address). Rows older than a day are pruned on the way, so no
// separate job is needed.
func (s *Store) RecordLoginFailure(ctx context.Context, key string, at time.Time) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO login_failures (key, at) VALUES ($1, $2)", key, s.ts(at)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM login_failures WHERE key = $1 AND at < $2", key, s.ts(at.Add(-throttleKeep)))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: record login failure: %w", err)
	}
	return nil
}

// LoginFailures counts key's failures at or after since.
func (s *Store) LoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT count(*) FROM login_failures WHERE key = $1 AND at >= $2", key, s.ts(since)).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("store: count login failures: %w", err)
	}
	return n, nil
}

// ClearLoginFailures forgets key's failures, after a successful login.
func (s *Store) ClearLoginFailures(ctx context.Context, key string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM login_failures WHERE key = $1", key)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: clear login failures: %w", err)
	}
	return nil
}
