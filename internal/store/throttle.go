package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// The throttle counts events per key in a window: failed logins, status
// lookups, supplements, filings and public-form submissions each use
// keys of their own (web/apply_throttle.go, web/consult_challenge.go).

// throttleKeep is how long event rows are kept: far longer than any
// throttling window, short enough that the table stays small.
const throttleKeep = 24 * time.Hour

// RecordThrottleEvent notes an event for key (a failed login, a status
// lookup, a form submitted: the key says which and whose). Rows older than a day are pruned on the way, so no
// separate job is needed.
func (s *Store) RecordThrottleEvent(ctx context.Context, key string, at time.Time) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO throttle_events (key, at) VALUES ($1, $2)", key, s.ts(at)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM throttle_events WHERE key = $1 AND at < $2", key, s.ts(at.Add(-throttleKeep)))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: record throttle event: %w", err)
	}
	return nil
}

// ThrottleEvents counts key's events at or after since.
func (s *Store) ThrottleEvents(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT count(*) FROM throttle_events WHERE key = $1 AND at >= $2", key, s.ts(since)).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("store: count throttle events: %w", err)
	}
	return n, nil
}

// ClearThrottleEvents forgets key's events (a login's, once it succeeds).
func (s *Store) ClearThrottleEvents(ctx context.Context, key string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM throttle_events WHERE key = $1", key)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: clear throttle events: %w", err)
	}
	return nil
}
