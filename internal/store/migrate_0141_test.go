package store

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestMigration0141ReportsUsernameClashes opens a database at 0140 with
// accounts whose names differ only in case and width: the migration
// fails naming each of them, changes nothing, and succeeds once they are
// renamed, after which lookups fold case. On both databases.
func TestMigration0141ReportsUsernameClashes(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			s, err := connect(ctx, tg.URL, Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			if err := s.migrate(ctx, 140); err != nil {
				t.Fatal(err)
			}
			db := s.WriterDB()
			for i, name := range []string{"wc-editor", "WC-EDITOR", "ｗｃ－ｅｄｉｔｏｒ", "Admin", "other"} {
				if _, err := db.ExecContext(ctx, "INSERT INTO users (id, username, created) VALUES ($1, $2, $3)",
					i+1, name, s.ts(s.now())); err != nil {
					t.Fatal(err)
				}
			}
			err = s.migrate(ctx, 0)
			if err == nil {
				t.Fatal("migration passed over clashing usernames")
			}
			for _, want := range []string{`"wc-editor" (id 1)`, `"WC-EDITOR" (id 2)`, `"ｗｃ－ｅｄｉｔｏｒ" (id 3)`, "用户名仅大小写或全角半角不同"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error does not name %s: %v", want, err)
				}
			}
			if strings.Contains(err.Error(), "Admin") || strings.Contains(err.Error(), "other") {
				t.Errorf("error names accounts that do not clash: %v", err)
			}
			if v, _ := s.SchemaVersion(ctx); v != 140 {
				t.Errorf("schema at %d after the failed migration, want 140", v)
			}
			for id, name := range map[int]string{2: "wc-editor-2", 3: "wc-editor-3"} {
				if _, err := db.ExecContext(ctx, "UPDATE users SET username = $1 WHERE id = $2", name, id); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.migrate(ctx, 0); err != nil {
				t.Fatalf("migration after renaming: %v", err)
			}
			if u, err := s.UserByName(ctx, "ADMIN"); err != nil || u.ID != 4 {
				t.Errorf("UserByName(ADMIN) = %+v, %v", u, err)
			}
		})
	}
}
