package store

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// Backup writes a consistent copy of an SQLite database to path while the
// server keeps serving: VACUUM INTO reads one snapshot and writes a
// compact new file. To restore: stop the server, replace gongkai.db with
// the backup (removing gongkai.db-wal and gongkai.db-shm), start again.
// PostgreSQL databases are backed up with pg_dump instead.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.dialect == postgres {
		return errors.New("store: backup of PostgreSQL is done with pg_dump (e.g. pg_dump -Fc -f gongkai.dump \"$GONGKAI_DATABASE_URL\"), not by gongkai")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("store: backup: %s already exists", path)
	}
	// The writer runs it: VACUUM INTO is refused on a query_only reader,
	// and holding the writer only delays writes, which wait in Go.
	if _, err := s.w.ExecContext(ctx, "VACUUM INTO $1", path); err != nil {
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	return nil
}
