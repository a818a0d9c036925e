package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
)

// ReserveLoginAttempt counts a login attempt before its password is
// checked: in one transaction it counts each key's rows within its
// window, asks allow, and when allowed inserts one row per key under a
// fresh attempt id. Counting and inserting together is what makes the
// limit hold under concurrency: 40 simultaneous attempts each see the
// ones reserved before them. On PostgreSQL the transaction first takes
// an advisory lock per key, so the instances behind a load balancer
// queue on the same keys; on SQLite the single writer serialises.
//
// A failed attempt leaves its rows as failures; a successful one gives
// them back with ReleaseLoginAttempt.
func (s *Store) ReserveLoginAttempt(ctx context.Context, k auth.LoginKeys, at time.Time) (attempt string, ok bool, err error) {
	raw := make([]byte, 16)
	if _, err := rand.Read(raw); err != nil {
		return "", false, fmt.Errorf("store: login attempt id: %w", err)
	}
	attempt = hex.EncodeToString(raw)
	keys := []string{k.Pair, k.Account, k.Address}
	err = s.write(ctx, func(tx *sql.Tx) error {
		if s.dialect == postgres {
			sorted := slices.Sorted(slices.Values(keys)) // one order everywhere: no deadlock
			for _, key := range sorted {
				if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", key); err != nil {
					return fmt.Errorf("lock %s: %w", key, err)
				}
			}
		}
		count := func(key string, window time.Duration) (int, error) {
			var n int
			err := tx.QueryRowContext(ctx, "SELECT count(*) FROM throttle_events WHERE key = $1 AND at >= $2",
				key, s.ts(at.Add(-window))).Scan(&n)
			return n, err
		}
		var c auth.LoginCounts
		var cerr error
		if c.Pair, cerr = count(k.Pair, auth.LoginPairWindow); cerr != nil {
			return cerr
		}
		if c.Account, cerr = count(k.Account, auth.LoginAccountWindow); cerr != nil {
			return cerr
		}
		if c.Address, cerr = count(k.Address, auth.LoginAddressWindow); cerr != nil {
			return cerr
		}
		if ok = auth.LoginAllowed(c); !ok {
			return nil
		}
		for _, key := range keys {
			if _, err := tx.ExecContext(ctx, "INSERT INTO throttle_events (key, at, attempt) VALUES ($1, $2, $3)",
				key, s.ts(at), attempt); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM throttle_events WHERE key = $1 AND at < $2",
				key, s.ts(at.Add(-throttleKeep))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return "", false, fmt.Errorf("store: reserve login attempt: %w", err)
	}
	if !ok {
		return "", false, nil
	}
	return attempt, true, nil
}

// ReleaseLoginAttempt takes back a successful attempt's reservation and
// forgets the earlier failures of its account-address pair: the person
// at that address has shown they know the password. Failures counted
// against the account from elsewhere stay.
func (s *Store) ReleaseLoginAttempt(ctx context.Context, attempt string, k auth.LoginKeys) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM throttle_events WHERE attempt = $1", attempt); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM throttle_events WHERE key = $1", k.Pair)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: release login attempt: %w", err)
	}
	return nil
}
