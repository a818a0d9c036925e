package demo_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/demo"
	"github.com/gongkai/gongkai/internal/idcode"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

func TestSeed(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) { testSeed(t, tg.URL) })
	}
}

func testSeed(t *testing.T, url string) {
	ctx := context.Background()
	st, err := store.Open(ctx, url, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if is, err := demo.IsDemo(ctx, st); err != nil || is {
		t.Fatalf("IsDemo on empty = %v, %v", is, err)
	}
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	accounts, err := demo.Seed(ctx, st, testBlobs(t), now)
	if err != nil {
		t.Fatal(err)
	}
	if is, err := demo.IsDemo(ctx, st); err != nil || !is {
		t.Errorf("IsDemo after Seed = %v, %v", is, err)
	}

	bodies, err := st.Bodies(ctx)
	if err != nil || len(bodies) != 7 {
		t.Fatalf("Bodies = %d, %v; want 7", len(bodies), err)
	}
	town, err := st.BodyBySlug(ctx, "wucheng")
	if err != nil {
		t.Fatal(err)
	}
	if town.Contact.Postcode != "474750" || town.Contact.Office == "" || !strings.Contains(town.Contact.Address, "桐柏县吴城镇") {
		t.Errorf("township contact = %+v", town.Contact)
	}
	if err := idcode.ValidateUSCC(town.Code); err != nil {
		t.Errorf("township code: %v", err)
	}

	roles := map[auth.Role]bool{}
	for _, a := range accounts {
		roles[a.Role] = true
		u, err := st.UserByName(ctx, a.Username)
		if err != nil {
			t.Fatalf("account %s: %v", a.Username, err)
		}
		if ok, err := auth.CheckPassword(u.PasswordHash, a.Password); !ok || err != nil {
			t.Errorf("account %s: printed password does not log in (%v)", a.Username, err)
		}
		// The demo is used straight from the README with these printed
		// passwords: no forced change in the way.
		if u.MustChangePassword {
			t.Errorf("account %s must change its password", a.Username)
		}
		gs, _ := st.Grants(ctx, u.ID)
		if len(gs) != 1 || gs[0].Role != a.Role {
			t.Errorf("account %s grants = %+v", a.Username, gs)
		}
		if a.Role == auth.RoleSupervisor && !gs[0].Subtree {
			t.Errorf("supervisor grant is not for the subtree")
		}
	}
	if len(roles) != len(auth.Roles()) {
		t.Errorf("demo covers %d roles, want all %d", len(roles), len(auth.Roles()))
	}

	tests := []struct {
		column    string
		wantTitle string
		wantMin   int
	}{
		{"rules", "吴城镇政府信息公开保密审查制度", 2},
		{"statutory", "桐柏县吴城镇便民服务办事一本通", 3},
		{"bzml", "吴城镇试点领域基层政务公开标准目录汇编", 1},
		{"annual-report", "吴城镇人民政府2021年政府信息公开工作年度报告", 1},
	}
	for _, tt := range tests {
		col, err := st.ColumnBySlug(ctx, town.ID, tt.column)
		if err != nil {
			t.Fatalf("column %s: %v", tt.column, err)
		}
		docs, total, err := st.Documents(ctx, col.ID, 0, 50)
		if err != nil || total < tt.wantMin {
			t.Fatalf("column %s: %d documents, %v; want at least %d", tt.column, total, err, tt.wantMin)
		}
		found := false
		for _, d := range docs {
			front, _, ok := strings.Cut(d.IndexNo, "/")
			if !ok || front != town.Code {
				t.Errorf("%s: 索引号 %q does not start with the body's code", d.Title, d.IndexNo)
			}
			if d.Title == tt.wantTitle {
				found = true
				if tt.column == "annual-report" && (!strings.Contains(d.BodyHTML, "<table") || !strings.Contains(d.BodyHTML, "政府集中采购")) {
					t.Errorf("annual report body lacks its tables")
				}
			}
		}
		if !found {
			t.Errorf("column %s lacks %q", tt.column, tt.wantTitle)
		}
	}
}

// TestSeedAnyDate: `serve --demo` seeds with the clock of the day it is
// run, so the demo must hold together on days other than the one the
// other tests fix — across the year boundary in Beijing time too.
func TestSeedAnyDate(t *testing.T) {
	for _, now := range []time.Time{
		time.Date(2026, 12, 31, 20, 0, 0, 0, time.UTC), // 1 January, 04:00 in Beijing
		time.Date(2027, 1, 4, 8, 0, 0, 0, time.UTC),
		time.Date(2027, 7, 1, 8, 0, 0, 0, time.UTC),
	} {
		t.Run(now.Format("2006-01-02"), func(t *testing.T) {
			st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if _, err := demo.Seed(context.Background(), st, testBlobs(t), now); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// testBlobs is a blob store in a temp dir, for the reports' originals.
func testBlobs(t *testing.T) blob.Store {
	t.Helper()
	b, err := blob.NewFileStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// seededDemo is a fresh SQLite store with the demo seeded on now, the
// store's clock fixed at that instant as in `serve --demo`.
func seededDemo(t *testing.T, now time.Time) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"), store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := demo.Seed(context.Background(), st, testBlobs(t), now); err != nil {
		t.Fatal(err)
	}
	return st
}
