package blob

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Sweeper removes blobs no record references. Only blobs stored (or
// stored again: Put refreshes the time of content already kept) before
// `before` go, so a file uploaded a moment ago whose record is still
// being written is never taken; the caller passes a day ago.
type Sweeper interface {
	Sweep(ctx context.Context, referenced func(hash string) bool, before time.Time) (removed int, bytes int64, err error)
}

// Sweep removes unreferenced blob files last stored before before. A
// candidate is first renamed aside and its time read again: a Put that
// refreshed it meanwhile puts it back (same content, by its hash), so a
// blob being stored again is never lost.
func (s *FileStore) Sweep(ctx context.Context, referenced func(string) bool, before time.Time) (int, int64, error) {
	var n int
	var size int64
	err := filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() {
			if p != s.dir && (d.Name() == "tmp" || len(d.Name()) != 2) {
				return filepath.SkipDir
			}
			return nil
		}
		hash := filepath.Base(filepath.Dir(p)) + d.Name()
		if !validHash(hash) || referenced(hash) {
			return nil
		}
		if fi, err := d.Info(); err != nil || !fi.ModTime().Before(before) {
			return nil
		}
		aside := filepath.Join(s.dir, "tmp", "gc-"+hash)
		if err := os.Rename(p, aside); err != nil {
			return nil // gone already, or being replaced: leave it
		}
		fi, err := os.Stat(aside)
		if err != nil {
			return nil
		}
		if !fi.ModTime().Before(before) {
			return os.Rename(aside, p)
		}
		if err := os.Remove(aside); err != nil {
			return fmt.Errorf("blob: remove %s: %w", hash, err)
		}
		n++
		size += fi.Size()
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return n, size, fmt.Errorf("blob: sweep: %w", err)
	}
	return n, size, nil
}

// Sweep deletes unreferenced rows last stored before before; the
// condition is checked again in the DELETE, so a Put refreshing a row
// meanwhile keeps it.
func (s *DBStore) Sweep(ctx context.Context, referenced func(string) bool, before time.Time) (int, int64, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT hash, size FROM blobs WHERE created < $1", before)
	if err != nil {
		return 0, 0, fmt.Errorf("blob: sweep: %w", err)
	}
	type cand struct {
		hash string
		size int64
	}
	var cands []cand
	for rows.Next() {
		var c cand
		if err := rows.Scan(&c.hash, &c.size); err != nil {
			rows.Close()
			return 0, 0, fmt.Errorf("blob: sweep: %w", err)
		}
		if !referenced(c.hash) {
			cands = append(cands, c)
		}
	}
	if err := rows.Close(); err != nil {
		return 0, 0, fmt.Errorf("blob: sweep: %w", err)
	}
	var n int
	var size int64
	for _, c := range cands {
		res, err := s.db.ExecContext(ctx, "DELETE FROM blobs WHERE hash = $1 AND created < $2", c.hash, before)
		if err != nil {
			return n, size, fmt.Errorf("blob: sweep %s: %w", c.hash, err)
		}
		if k, _ := res.RowsAffected(); k > 0 {
			n++
			size += c.size
		}
	}
	return n, size, nil
}
