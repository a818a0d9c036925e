package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/alexedwards/scs/v2"
)

// Sessions returns an scs session store backed by this database, shared
// by every instance on the same database.
func (s *Store) Sessions() scs.Store { return sessionStore{s} }

// sessionStore implements scs.Store and scs.CtxStore.
type sessionStore struct{ s *Store }

var _ scs.CtxStore = sessionStore{}

func (ss sessionStore) Find(token string) ([]byte, bool, error) {
	return ss.FindCtx(context.Background(), token)
}

func (ss sessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return ss.CommitCtx(context.Background(), token, b, expiry)
}

func (ss sessionStore) Delete(token string) error {
	return ss.DeleteCtx(context.Background(), token)
}

// FindCtx returns a live session's data; expired or unknown is not found.
func (ss sessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	s := ss.s
	var data []byte
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT data FROM sessions WHERE token = $1 AND expiry > $2",
			token, s.ts(s.now())).Scan(&data)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("store: find session: %w", err)
	}
	return data, true, nil
}

// CommitCtx writes or replaces a session.
func (ss sessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	s := ss.s
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
			ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`,
			token, b, s.ts(expiry))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: commit session: %w", err)
	}
	return nil
}

// DeleteCtx removes a session; an unknown token is not an error.
func (ss sessionStore) DeleteCtx(ctx context.Context, token string) error {
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE token = $1", token)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// DeleteExpiredSessions removes expired sessions and reports how many.
// Run it from one instance at a time (see TryLease).
func (s *Store) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE expiry <= $1", s.ts(s.now()))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: delete expired sessions: %w", err)
	}
	return n, nil
}
