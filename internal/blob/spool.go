package blob

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// spool copies r into a new temporary file in dir, hashing on the way
// and stopping one byte past maxSize. The caller owns the returned file
// (open, positioned anywhere) and must close and remove it.
func spool(ctx context.Context, r io.Reader, maxSize int64, dir string) (*os.File, Info, error) {
	f, err := os.CreateTemp(dir, "upload-*")
	if err != nil {
		return nil, Info{}, fmt.Errorf("blob: temp file: %w", err)
	}
	fail := func(err error) (*os.File, Info, error) {
		f.Close()
		os.Remove(f.Name())
		return nil, Info{}, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(ctxReader{ctx, r}, maxSize+1))
	if err != nil {
		return fail(fmt.Errorf("blob: read upload: %w", err))
	}
	if n > maxSize {
		return fail(fmt.Errorf("%w (%d bytes)", ErrTooLarge, maxSize))
	}
	ct, err := sniff(f, n)
	if err != nil {
		return fail(err)
	}
	return f, Info{Hash: hex.EncodeToString(h.Sum(nil)), Size: n, ContentType: ct}, nil
}

// ctxReader stops a long upload when the request is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
