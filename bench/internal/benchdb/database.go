package benchdb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// Database returns the URL to benchmark and what removes it afterwards:
// a fresh database on the PostgreSQL server serverURL when given, else
// SQLite in dir (a temporary directory named after name when empty).
// With keep nothing is removed.
func Database(ctx context.Context, serverURL, dir, name string, keep bool) (string, func(), error) {
	if serverURL != "" {
		return FreshPostgres(ctx, serverURL, keep)
	}
	cleanup := func() {}
	if dir == "" {
		tmp, err := os.MkdirTemp("", "gongkai-bench-"+name+"-")
		if err != nil {
			return "", nil, err
		}
		dir = tmp
		if !keep {
			cleanup = func() { os.RemoveAll(tmp) }
		} else {
			fmt.Printf("database kept in %s\n", tmp)
		}
	} else if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", nil, err
	}
	return filepath.Join(dir, "gongkai.db"), cleanup, nil
}
