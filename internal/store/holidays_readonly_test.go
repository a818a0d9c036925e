package store

import (
	"bytes"
	"context"
	"database/sql"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/store/storetest"
	"github.com/gongkai/gongkai/internal/workday"
	"github.com/gongkai/gongkai/internal/workday/workdaytest"
)

// TestHolidayReader checks that the read-only view sees what the store
// saved, refuses writes, and leaves an SQLite file byte for byte as it
// was, with no file beside it.
func TestHolidayReader(t *testing.T) {
	// Invented, not the State Council's 2027 notice: one Saturday worked.
	sched := workdaytest.Year(2027, nil, []workday.Date{workday.MustParse("2027-01-09")})
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			st, err := Open(ctx, tg.URL, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := st.SaveHolidaySchedule(ctx, 2027, sched, Actor{Username: "admin"}); err != nil {
				t.Fatal(err)
			}
			st.Close()
			before := sqliteFiles(t, tg)

			h, err := OpenHolidayReader(ctx, tg.URL)
			if err != nil {
				t.Fatal(err)
			}
			cal := workday.Official()
			changed, err := h.ApplyHolidaySchedules(ctx, cal)
			if err != nil || !slices.Equal(changed, []int{2027}) {
				t.Fatalf("applied %v, %v; want [2027]", changed, err)
			}
			if d, err := cal.AddWorkdays(workday.MustParse("2027-01-08"), 1); err != nil || d.String() != "2027-01-09" {
				t.Errorf("2027-01-08 + 1 = %s, %v; want the make-up Saturday 2027-01-09", d, err)
			}
			// SQLite: "attempt to write a readonly database"; PostgreSQL:
			// "cannot execute DELETE in a read-only transaction".
			if _, err := h.s.r.ExecContext(ctx, `DELETE FROM holiday_schedules`); err == nil ||
				!strings.Contains(strings.ReplaceAll(err.Error(), "-", ""), "readonly") {
				t.Errorf("a write through the reader: %v, want refused as read-only", err)
			}
			if err := h.Close(); err != nil {
				t.Fatal(err)
			}
			if after := sqliteFiles(t, tg); !maps.EqualFunc(before, after, bytes.Equal) {
				t.Errorf("the reader changed the directory: files %v before, %v after (or their contents)",
					slices.Sorted(maps.Keys(before)), slices.Sorted(maps.Keys(after)))
			}
		})
	}

	t.Run("missing file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "gongkai.db")
		if _, err := OpenHolidayReader(context.Background(), path); err == nil {
			t.Error("opened a missing file")
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("the reader created %s (%v)", path, err)
		}
	})

	t.Run("database before the holidays migration", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "old.db")
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL);
			INSERT INTO schema_migrations VALUES (1, 'foundation', '2026-01-01T00:00:00Z')`); err != nil {
			t.Fatal(err)
		}
		db.Close()
		_, err = OpenHolidayReader(context.Background(), path)
		if err == nil || !strings.Contains(err.Error(), "gongkai migrate") {
			t.Errorf("err = %v, want one saying to run gongkai migrate", err)
		}
	})
}

// sqliteFiles returns the contents of every file in an SQLite target's
// directory by name; nil for PostgreSQL.
func sqliteFiles(t *testing.T, tg storetest.Target) map[string][]byte {
	t.Helper()
	if tg.Name != "sqlite" {
		return nil
	}
	dir := filepath.Dir(tg.URL)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}
