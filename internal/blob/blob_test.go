package blob_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

func zipWith(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, "<x/>")
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// stores returns a FileStore always and a DBStore on a fresh PostgreSQL
// database when GONGKAI_TEST_POSTGRES is set.
func stores(t *testing.T) map[string]blob.Store {
	fs, err := blob.NewFileStore(filepath.Join(t.TempDir(), "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]blob.Store{"file": fs}
	if server := storetest.PostgresServer(t, os.Getenv); server != "" {
		st, err := store.Open(context.Background(), storetest.FreshPostgres(t, server), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		out["postgres"] = blob.NewDBStore(st.WriterDB(), t.TempDir())
	}
	return out
}

func TestPutOpen(t *testing.T) {
	tests := []struct {
		name    string
		content []byte
		wantCT  string
	}{
		{"text", []byte("吴城镇政府信息公开指南"), "text/plain; charset=utf-8"},
		{"pdf", []byte("%PDF-1.7\n1 0 obj\n"), "application/pdf"},
		{"png", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 20)...), "image/png"},
		{"docx", zipWith(t, "[Content_Types].xml", "word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"xlsx", zipWith(t, "[Content_Types].xml", "xl/workbook.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"ofd", zipWith(t, "OFD.xml", "Doc_0/Document.xml"), "application/ofd"},
		{"plain zip", zipWith(t, "a.txt"), "application/zip"},
		{"ole", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...), "application/x-ole-storage"},
		{"html is not trusted as html", []byte("<html><script>alert(1)</script>"), "text/html; charset=utf-8"},
		{"empty", nil, "text/plain; charset=utf-8"},
	}
	for name, bs := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			for _, tt := range tests {
				info, err := bs.Put(ctx, bytes.NewReader(tt.content), 1<<20)
				if err != nil {
					t.Fatalf("%s: Put: %v", tt.name, err)
				}
				sum := sha256.Sum256(tt.content)
				if info.Hash != hex.EncodeToString(sum[:]) || info.Size != int64(len(tt.content)) || info.ContentType != tt.wantCT {
					t.Errorf("%s: Put = %+v, want type %s", tt.name, info, tt.wantCT)
				}
				rc, got, err := bs.Open(ctx, info.Hash)
				if err != nil {
					t.Fatalf("%s: Open: %v", tt.name, err)
				}
				data, _ := io.ReadAll(rc)
				rc.Close()
				if !bytes.Equal(data, tt.content) || got != info {
					t.Errorf("%s: Open = %+v (%d bytes), want %+v", tt.name, got, len(data), info)
				}
				// Storing the same content again is harmless.
				if again, err := bs.Put(ctx, bytes.NewReader(tt.content), 1<<20); err != nil || again != info {
					t.Errorf("%s: second Put = %+v, %v", tt.name, again, err)
				}
			}
		})
	}
}

func TestLimitsAndMissing(t *testing.T) {
	for name, bs := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			if _, err := bs.Put(ctx, strings.NewReader(strings.Repeat("x", 101)), 100); !errors.Is(err, blob.ErrTooLarge) {
				t.Errorf("101 bytes with limit 100: %v, want ErrTooLarge", err)
			}
			if info, err := bs.Put(ctx, strings.NewReader(strings.Repeat("y", 100)), 100); err != nil || info.Size != 100 {
				t.Errorf("exactly the limit: %+v, %v", info, err)
			}
			cancelled, cancel := context.WithCancel(ctx)
			cancel()
			if _, err := bs.Put(cancelled, strings.NewReader("z"), 100); !errors.Is(err, context.Canceled) {
				t.Errorf("cancelled Put: %v", err)
			}
			for _, h := range []string{strings.Repeat("0", 64), "../../etc/passwd", strings.Repeat("A", 64), ""} {
				if _, _, err := bs.Open(ctx, h); !errors.Is(err, blob.ErrNotFound) {
					t.Errorf("Open(%q) = %v, want ErrNotFound", h, err)
				}
			}
		})
	}
}

func TestFileStoreLayout(t *testing.T) {
	dir := t.TempDir()
	// A torn upload from a crash two hours ago, and one still running.
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o750); err != nil {
		t.Fatal(err)
	}
	stale, fresh := filepath.Join(dir, "tmp", "upload-stale"), filepath.Join(dir, "tmp", "upload-fresh")
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	fs, err := blob.NewFileStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	info, err := fs.Put(context.Background(), strings.NewReader("abc"), 10)
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "ba", "7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
	if info.Hash != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatalf("hash = %s", info.Hash)
	}
	if _, err := os.Stat(want); err != nil {
		t.Errorf("blob not at %s: %v", want, err)
	}
	left, _ := os.ReadDir(filepath.Join(dir, "tmp"))
	if len(left) != 1 || left[0].Name() != "upload-fresh" {
		t.Errorf("temporary files after start and one Put: %v, want only upload-fresh", left)
	}
}

// TestSweep: the collector removes blobs no record references once they
// are older than its bound, keeps referenced and recent ones, and a blob
// stored again counts as recent. File store and
// PostgreSQL.
func TestSweep(t *testing.T) {
	for name, bs := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			var hashes []string
			for _, c := range []string{"kept", "orphan", "another orphan"} {
				info, err := bs.Put(ctx, strings.NewReader(c), 100)
				if err != nil {
					t.Fatal(err)
				}
				hashes = append(hashes, info.Hash)
			}
			sw := bs.(blob.Sweeper)
			refs := func(h string) bool { return h == hashes[0] }
			// Everything just stored is recent for a bound an hour ago.
			if n, _, err := sw.Sweep(ctx, refs, time.Now().Add(-time.Hour)); err != nil || n != 0 {
				t.Fatalf("sweep of recent blobs: %d, %v", n, err)
			}
			n, size, err := sw.Sweep(ctx, refs, time.Now().Add(time.Minute))
			if err != nil || n != 2 || size != int64(len("orphan")+len("another orphan")) {
				t.Fatalf("sweep: %d blobs, %d bytes, %v; want the 2 orphans", n, size, err)
			}
			for i, h := range hashes {
				_, _, err := bs.Open(ctx, h)
				if gone := errors.Is(err, blob.ErrNotFound); gone != (i > 0) {
					t.Errorf("blob %d after the sweep: %v", i, err)
				}
			}
		})
	}
	// Content stored again is recent again (FileStore: its time is
	// refreshed; the database's row likewise, by Put's upsert).
	dir := t.TempDir()
	fs, err := blob.NewFileStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	info, err := fs.Put(context.Background(), strings.NewReader("again"), 100)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, info.Hash[:2], info.Hash[2:])
	old := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Put(context.Background(), strings.NewReader("again"), 100); err != nil {
		t.Fatal(err)
	}
	if n, _, err := fs.Sweep(context.Background(), func(string) bool { return false }, time.Now().Add(-24*time.Hour)); err != nil || n != 0 {
		t.Errorf("a blob stored again was swept: %d, %v", n, err)
	}
}
