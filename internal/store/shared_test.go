package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestTwoInstances opens one database twice, as two server instances
// do, and checks that sessions, login throttling and leases are shared.
func TestTwoInstances(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
			one, two := openTarget(t, tg, c), openTarget(t, tg, c)

			if err := one.Sessions().Commit("shared-token", []byte("uid=1"), c.Now().Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			if b, ok, err := two.Sessions().Find("shared-token"); err != nil || !ok || string(b) != "uid=1" {
				t.Errorf("session committed on one, found on two = %q, %v, %v", b, ok, err)
			}

			for _, s := range []*store.Store{one, two, one} {
				if err := s.RecordThrottleEvent(ctx, "account:shared", c.Now()); err != nil {
					t.Fatal(err)
				}
			}
			for name, s := range map[string]*store.Store{"one": one, "two": two} {
				if n, err := s.ThrottleEvents(ctx, "account:shared", c.Now().Add(-time.Minute)); err != nil || n != 3 {
					t.Errorf("failures seen by %s = %d, %v; want 3", name, n, err)
				}
			}

			got1, err1 := one.TryLease(ctx, "shared-job", "instance-1", time.Minute)
			got2, err2 := two.TryLease(ctx, "shared-job", "instance-2", time.Minute)
			if err1 != nil || err2 != nil || !got1 || got2 {
				t.Errorf("lease: one=%v (%v), two=%v (%v); want only one", got1, err1, got2, err2)
			}
		})
	}
}
