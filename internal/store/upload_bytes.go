package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// RecordUploadBytes notes n bytes of attachments accepted for key (a
// client address) at at; rows older than a day are pruned on the way.
func (s *Store) RecordUploadBytes(ctx context.Context, key string, at time.Time, n int64) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO upload_bytes (key, at, bytes) VALUES ($1, $2, $3)", key, s.ts(at), n); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM upload_bytes WHERE key = $1 AND at < $2", key, s.ts(at.Add(-throttleKeep)))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: record upload bytes: %w", err)
	}
	return nil
}

// UploadBytes sums key's accepted bytes at or after since.
func (s *Store) UploadBytes(ctx context.Context, key string, since time.Time) (int64, error) {
	var n int64
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT COALESCE(SUM(bytes), 0) FROM upload_bytes WHERE key = $1 AND at >= $2", key, s.ts(since)).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("store: sum upload bytes: %w", err)
	}
	return n, nil
}
