package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
)

const tokenColumns = "id, user_id, name, hash, created, last_used, revoked"

func scanToken(row interface{ Scan(...any) error }) (auth.Token, error) {
	var t auth.Token
	err := row.Scan(&t.ID, &t.UserID, &t.Name, &t.Hash, timeScan{&t.Created}, nullTimeScan{&t.LastUsed}, &t.Revoked)
	return t, err
}

// CreateToken stores an API token by the hash of its secret.
func (s *Store) CreateToken(ctx context.Context, t auth.Token) (int64, error) {
	if t.Created.IsZero() {
		t.Created = s.now()
	}
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, name, hash, created, revoked)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, t.UserID, t.Name, t.Hash, s.ts(t.Created), false).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("store: create token %q: %w", t.Name, classify(err))
	}
	return id, nil
}

// TokenByHash finds a token by the hash of its secret. A revoked token
// is returned with Revoked set: callers must refuse it.
func (s *Store) TokenByHash(ctx context.Context, hash string) (auth.Token, error) {
	var t auth.Token
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		t, err = scanToken(tx.QueryRowContext(ctx, "SELECT "+tokenColumns+" FROM api_tokens WHERE hash = $1", hash))
		return err
	})
	if err != nil {
		return auth.Token{}, notFound(err, "token", "by hash")
	}
	return t, nil
}

// Tokens lists an account's tokens, newest first.
func (s *Store) Tokens(ctx context.Context, userID int64) ([]auth.Token, error) {
	var ts []auth.Token
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		ts, err = queryTokens(ctx, tx, "SELECT "+tokenColumns+" FROM api_tokens WHERE user_id = $1 ORDER BY id DESC", userID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: tokens of user %d: %w", userID, err)
	}
	return ts, nil
}

// RevokeToken marks a token revoked; the row stays for the record.
func (s *Store) RevokeToken(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE api_tokens SET revoked = $1 WHERE id = $2", true, id)
		if err != nil {
			return fmt.Errorf("store: revoke token %d: %w", id, err)
		}
		return mustAffect(res, "token", id)
	})
}

// TouchToken records when a token was last used.
func (s *Store) TouchToken(ctx context.Context, id int64, at time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE api_tokens SET last_used = $1 WHERE id = $2", s.ts(at), id)
		if err != nil {
			return fmt.Errorf("store: touch token %d: %w", id, err)
		}
		return mustAffect(res, "token", id)
	})
}

// queryTokens reads the tokens a query selects (tokenColumns).
func queryTokens(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]auth.Token, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ts []auth.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	}
	return ts, rows.Err()
}
