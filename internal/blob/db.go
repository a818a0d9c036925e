package blob

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
)

// DBStore keeps blobs in the PostgreSQL table "blobs" (created by the
// store's migrations), so every instance serves every file. Each blob is
// one bytea row: attachments are bounded by maxSize (a few tens of MB),
// which PostgreSQL and memory handle comfortably.
type DBStore struct {
	db     *sql.DB
	tmpDir string
}

// NewDBStore uses db; uploads are spooled in tmpDir ("" for the system
// temporary directory) while they are hashed and checked.
func NewDBStore(db *sql.DB, tmpDir string) *DBStore {
	return &DBStore{db: db, tmpDir: tmpDir}
}

// Put stores r's content and returns its description. Content already
// kept has its time refreshed, so the collector (Sweep) leaves it for a
// day more: the record about to name it is still being written.
func (s *DBStore) Put(ctx context.Context, r io.Reader, maxSize int64) (Info, error) {
	f, info, err := spool(ctx, r, maxSize, s.tmpDir)
	if err != nil {
		return Info{}, err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	data := make([]byte, info.Size)
	if _, err := f.ReadAt(data, 0); err != nil && !errors.Is(err, io.EOF) {
		return Info{}, fmt.Errorf("blob: read spool: %w", err)
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO blobs (hash, size, content_type, data) VALUES ($1, $2, $3, $4)
		ON CONFLICT (hash) DO UPDATE SET created = now()`, info.Hash, info.Size, info.ContentType, data)
	if err != nil {
		return Info{}, fmt.Errorf("blob: store %s: %w", info.Hash, err)
	}
	return info, nil
}

// Open returns the blob's content; the caller closes it.
func (s *DBStore) Open(ctx context.Context, hash string) (io.ReadCloser, Info, error) {
	if !validHash(hash) {
		return nil, Info{}, fmt.Errorf("blob %q: %w", hash, ErrNotFound)
	}
	info := Info{Hash: hash}
	var data []byte
	err := s.db.QueryRowContext(ctx, "SELECT size, content_type, data FROM blobs WHERE hash = $1", hash).
		Scan(&info.Size, &info.ContentType, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Info{}, fmt.Errorf("blob %s: %w", hash, ErrNotFound)
	}
	if err != nil {
		return nil, Info{}, fmt.Errorf("blob: open %s: %w", hash, err)
	}
	return io.NopCloser(bytes.NewReader(data)), info, nil
}
