package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestBackupWhileWriting takes a backup while writers keep appending,
// then opens the backup as a database, as a restore would, and finds
// the data written before the backup started.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := store.Open(ctx, filepath.Join(dir, "gongkai.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	id, err := s.CreateBody(ctx, body.Body{Name: "吴城镇人民政府", Kind: body.Township, Slug: "wucheng"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		if err := s.AppendAudit(ctx, audit.Entry{Action: "before", Detail: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}

	stop := make(chan struct{})
	var written atomic.Int64
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if err := s.AppendAudit(ctx, audit.Entry{Action: "during", Detail: fmt.Sprint(w)}); err != nil {
					t.Error(err)
					return
				}
				written.Add(1)
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	backup := filepath.Join(dir, "backup.db")
	berr := s.Backup(ctx, backup)
	time.Sleep(20 * time.Millisecond)
	close(stop)
	wg.Wait()
	if berr != nil {
		t.Fatal(berr)
	}
	if written.Load() == 0 {
		t.Fatal("no writes happened during the backup")
	}
	if err := s.Backup(ctx, backup); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("backup over an existing file: %v", err)
	}

	restored, err := store.Open(ctx, backup, store.Options{})
	if err != nil {
		t.Fatalf("open backup: %v", err)
	}
	defer restored.Close()
	if b, err := restored.BodyBySlug(ctx, "wucheng"); err != nil || b.ID != id {
		t.Errorf("backup body = %+v, %v", b, err)
	}
	before, err := restored.Audit(ctx, audit.Filter{Action: "before", Limit: 500})
	if err != nil || len(before) != 50 {
		t.Errorf("backup has %d entries written before it, want 50 (%v)", len(before), err)
	}
	if cols, _ := restored.Columns(ctx, id); len(cols) != 5 {
		t.Errorf("backup has %d columns, want 5", len(cols))
	}
}

func TestBackupPostgresRefuses(t *testing.T) {
	server := storetest.PostgresServer(t, os.Getenv)
	if server == "" {
		t.Skip(storetest.EnvPostgres + " not set")
	}
	s, err := store.Open(context.Background(), storetest.FreshPostgres(t, server), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Backup(context.Background(), filepath.Join(t.TempDir(), "x")); err == nil || !strings.Contains(err.Error(), "pg_dump") {
		t.Errorf("Backup on PostgreSQL = %v, want a pointer to pg_dump", err)
	}
}
