package store_test

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestMigrateTogether opens one fresh database from several goroutines
// at once, as instances starting together do; every open must succeed
// and the schema must be at the same version once.
func TestMigrateTogether(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			const n = 4
			stores := make([]*store.Store, n)
			errs := make([]error, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					stores[i], errs[i] = store.Open(ctx, tg.URL, store.Options{})
				}()
			}
			wg.Wait()
			for i := range n {
				if errs[i] != nil {
					t.Fatalf("open %d: %v", i, errs[i])
				}
				defer stores[i].Close()
			}
			v, err := stores[0].SchemaVersion(ctx)
			if err != nil || v < 1 {
				t.Fatalf("SchemaVersion = %d, %v", v, err)
			}
			// Migrations are numbered with gaps (0001, 0020, 0030 …): each
			// must have exactly one row, whatever the numbers.
			var rows, distinct int
			if err := stores[0].DB().QueryRowContext(ctx, "SELECT count(*), count(DISTINCT version) FROM schema_migrations").Scan(&rows, &distinct); err != nil || rows != distinct || rows < 1 {
				t.Errorf("schema_migrations has %d rows for %d versions (%v)", rows, distinct, err)
			}
			if empty, err := stores[1].IsEmpty(ctx); err != nil || !empty {
				t.Errorf("IsEmpty = %v, %v on a fresh database", empty, err)
			}
			// Re-opening applies nothing and keeps the version.
			again, err := store.Open(ctx, tg.URL, store.Options{Now: func() time.Time { return time.Now().Add(time.Hour) }})
			if err != nil {
				t.Fatal(err)
			}
			defer again.Close()
			if v2, _ := again.SchemaVersion(ctx); v2 != v {
				t.Errorf("version after re-open = %d, want %d", v2, v)
			}
		})
	}
}
