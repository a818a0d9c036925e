package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// TryLease takes or renews the lease name for holder for ttl, so a
// periodic job runs on one instance only. It succeeds when the lease is
// free, expired or already holder's. One statement decides, so two
// instances racing cannot both win.
func (s *Store) TryLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	now := s.now()
	var got string
	err := s.write(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO leases (name, holder, expires) VALUES ($1, $2, $3)
			ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
			WHERE leases.expires <= $4 OR leases.holder = excluded.holder
			RETURNING holder`, name, holder, s.ts(now.Add(ttl)), s.ts(now)).Scan(&got)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: lease %s: %w", name, err)
	}
	return got == holder, nil
}

// ReleaseLease gives up a lease early (on shutdown), if holder has it.
func (s *Store) ReleaseLease(ctx context.Context, name, holder string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM leases WHERE name = $1 AND holder = $2", name, holder)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: release lease %s: %w", name, err)
	}
	return nil
}
