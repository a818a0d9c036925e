package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// FileStore keeps blobs as files under dir: dir/ab/cdef… for hash
// abcdef…. A file appears under its name only when complete (written to
// a temporary file, synced, renamed), so a crash never leaves a torn
// blob behind a valid hash.
type FileStore struct {
	dir string
}

// NewFileStore uses dir (created if needed), e.g. <data-dir>/blobs.
// Uploads a crash left half-written in dir/tmp are removed once they
// are an hour old, long past any upload still running.
func NewFileStore(dir string) (*FileStore, error) {
	tmp := filepath.Join(dir, "tmp")
	if err := os.MkdirAll(tmp, 0o750); err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	for _, e := range entries {
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > time.Hour {
			_ = os.Remove(filepath.Join(tmp, e.Name()))
		}
	}
	return &FileStore{dir: dir}, nil
}

func (s *FileStore) path(hash string) string {
	return filepath.Join(s.dir, hash[:2], hash[2:])
}

// Put stores r's content and returns its description.
func (s *FileStore) Put(ctx context.Context, r io.Reader, maxSize int64) (Info, error) {
	f, info, err := spool(ctx, r, maxSize, filepath.Join(s.dir, "tmp"))
	if err != nil {
		return Info{}, err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after a successful rename
	if err := f.Sync(); err != nil {
		f.Close()
		return Info{}, fmt.Errorf("blob: sync: %w", err)
	}
	if err := f.Close(); err != nil {
		return Info{}, fmt.Errorf("blob: close: %w", err)
	}
	// Content already kept is replaced by the same bytes: the rename
	// refreshes its time, so the collector (Sweep) leaves it for a day
	// more while the record about to name it is written.
	dst := s.path(info.Hash)
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		return Info{}, fmt.Errorf("blob: %w", err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return Info{}, fmt.Errorf("blob: store %s: %w", info.Hash, err)
	}
	if d, err := os.Open(filepath.Dir(dst)); err == nil {
		_ = d.Sync() // make the rename durable; best effort where unsupported
		d.Close()
	}
	return info, nil
}

// Open returns the blob's content; the caller closes it.
func (s *FileStore) Open(ctx context.Context, hash string) (io.ReadCloser, Info, error) {
	if !validHash(hash) {
		return nil, Info{}, fmt.Errorf("blob %q: %w", hash, ErrNotFound)
	}
	f, err := os.Open(s.path(hash))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, Info{}, fmt.Errorf("blob %s: %w", hash, ErrNotFound)
	}
	if err != nil {
		return nil, Info{}, fmt.Errorf("blob: open %s: %w", hash, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, Info{}, fmt.Errorf("blob: stat %s: %w", hash, err)
	}
	// Content-addressed files never change, so sniffing again gives what
	// Put saw; no side record is needed.
	ct, err := sniff(f, st.Size())
	if err != nil {
		f.Close()
		return nil, Info{}, err
	}
	return f, Info{Hash: hash, Size: st.Size(), ContentType: ct}, nil
}
