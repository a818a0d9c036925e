// Package blob stores attachments by the sha256 of their content, so a
// file uploaded twice is kept once and a hash names it forever. Content
// types are sniffed from the bytes, never taken from the client.
package blob

import (
	"context"
	"errors"
	"io"
)

// Info describes a stored blob.
type Info struct {
	Hash        string // lower-case hex sha256
	Size        int64
	ContentType string
}

// Store keeps blobs. Put streams r in, refusing more than maxSize bytes;
// Open streams a blob out. Implementations are safe for concurrent use.
type Store interface {
	Put(ctx context.Context, r io.Reader, maxSize int64) (Info, error)
	Open(ctx context.Context, hash string) (io.ReadCloser, Info, error)
}

var (
	// ErrTooLarge is returned (wrapped) when the content exceeds maxSize.
	ErrTooLarge = errors.New("blob: content exceeds the size limit")
	// ErrNotFound is returned (wrapped) for an unknown or malformed hash.
	ErrNotFound = errors.New("blob: not found")
)

// validHash reports whether h is 64 lower-case hex digits; anything else
// never reaches a path or a query.
func validHash(h string) bool {
	if len(h) != 64 {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
