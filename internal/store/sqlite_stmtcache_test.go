package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

// openCached opens a database with one statement-caching connection of
// the given cache size, with the writer's DSN, and a table t of n rows.
func openCached(t *testing.T, size, n int) (*sql.DB, *stmtCacheConnector) {
	t.Helper()
	c, err := newStmtCacheConnector(sqliteDSN(filepath.Join(t.TempDir(), "c.db"), true), size)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		if _, err := db.Exec("INSERT INTO t (id, v) VALUES (?, ?)", i, fmt.Sprint("v", i)); err != nil {
			t.Fatal(err)
		}
	}
	return db, c
}

func TestStmtCacheInterfaces(t *testing.T) {
	var c driver.Conn = &stmtCacheConn{}
	for _, tc := range []struct {
		name string
		ok   bool
		want bool
	}{
		{"ConnPrepareContext", is[driver.ConnPrepareContext](c), true},
		{"ConnBeginTx", is[driver.ConnBeginTx](c), true},
		{"Pinger", is[driver.Pinger](c), true},
		{"SessionResetter", is[driver.SessionResetter](c), true},
		{"Validator", is[driver.Validator](c), true},
		// database/sql must run statements through PrepareContext.
		{"QueryerContext", is[driver.QueryerContext](c), false},
		{"ExecerContext", is[driver.ExecerContext](c), false},
		{"Queryer", is[driver.Queryer](c), false},
		{"Execer", is[driver.Execer](c), false},
		{"StmtQueryContext", is[driver.StmtQueryContext](&cachedStmt{}), true},
		{"StmtExecContext", is[driver.StmtExecContext](&cachedStmt{}), true},
	} {
		if tc.ok != tc.want {
			t.Errorf("implements %s = %v, want %v", tc.name, tc.ok, tc.want)
		}
	}
}

func is[I any](v any) bool { _, ok := v.(I); return ok }

// TestStmtCachePreparesOnce runs each statement many times on one
// connection: it is prepared once.
func TestStmtCachePreparesOnce(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		run  func(db *sql.DB, i int) error
	}{
		{"query row", func(db *sql.DB, i int) error {
			var v string
			if err := db.QueryRow("SELECT v FROM t WHERE id = ?", i%5+1).Scan(&v); err != nil {
				return err
			}
			if want := fmt.Sprint("v", i%5+1); v != want {
				return fmt.Errorf("v = %q, want %q", v, want)
			}
			return nil
		}},
		{"exec", func(db *sql.DB, i int) error {
			_, err := db.Exec("UPDATE t SET v = ? WHERE id = ?", fmt.Sprint("v", i%5+1), i%5+1)
			return err
		}},
		{"query in transaction", func(db *sql.DB, i int) error {
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			defer tx.Rollback()
			var n int
			if err := tx.QueryRow("SELECT count(*) FROM t WHERE id <= ?", i%5+1).Scan(&n); err != nil {
				return err
			}
			if n != i%5+1 {
				return fmt.Errorf("count = %d, want %d", n, i%5+1)
			}
			return nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, c := openCached(t, stmtCacheSize, 5)
			before := c.prepares.Load()
			for i := range 100 {
				if err := tc.run(db, i); err != nil {
					t.Fatalf("run %d: %v", i, err)
				}
			}
			if n := c.prepares.Load() - before; n != 1 {
				t.Errorf("prepared %d times, want once", n)
			}
		})
	}
}

// TestStmtCacheNested iterates a query and, inside, runs the same SQL
// on the same transaction: the inner one must not share the outer's
// statement, which is still stepping.
func TestStmtCacheNested(t *testing.T) {
	const q = "SELECT id, v FROM t WHERE id >= ? ORDER BY id"
	for _, tc := range []struct {
		name     string
		readOnly bool
	}{{"read-only", true}, {"read-write", false}} {
		t.Run(tc.name, func(t *testing.T) {
			db, c := openCached(t, stmtCacheSize, 6)
			tx, err := db.BeginTx(context.Background(), &sql.TxOptions{ReadOnly: tc.readOnly})
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			before := c.prepares.Load()
			outer, err := tx.Query(q, 1)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for outer.Next() {
				var id int
				var v string
				if err := outer.Scan(&id, &v); err != nil {
					t.Fatal(err)
				}
				inner, err := tx.Query(q, id)
				if err != nil {
					t.Fatal(err)
				}
				var ids []int
				for inner.Next() {
					var j int
					var w string
					if err := inner.Scan(&j, &w); err != nil {
						t.Fatal(err)
					}
					ids = append(ids, j)
				}
				if err := errors.Join(inner.Err(), inner.Close()); err != nil {
					t.Fatal(err)
				}
				if len(ids) != 7-id || ids[0] != id {
					t.Errorf("inner query from %d = %v", id, ids)
				}
				got = append(got, v)
			}
			if err := errors.Join(outer.Err(), outer.Close()); err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != "[v1 v2 v3 v4 v5 v6]" {
				t.Errorf("outer query = %v", got)
			}
			// The outer statement was cached, each inner one prepared
			// afresh; now the cached one is free again.
			if n := c.prepares.Load() - before; n != 7 {
				t.Errorf("prepared %d statements, want 7", n)
			}
			var v string
			if err := tx.QueryRow(q, 6).Scan(new(int), &v); err != nil || v != "v6" {
				t.Errorf("query after nesting = %q, %v", v, err)
			}
			if n := c.prepares.Load() - before; n != 7 {
				t.Errorf("prepared %d statements after nesting, want 7", n)
			}
		})
	}
}

// TestStmtCacheTwoPrepared holds two sql.Stmt of the same SQL on one
// transaction and iterates both at once.
func TestStmtCacheTwoPrepared(t *testing.T) {
	db, _ := openCached(t, stmtCacheSize, 3)
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	const q = "SELECT v FROM t WHERE id >= ? ORDER BY id"
	a, err := tx.Prepare(q)
	if err != nil {
		t.Fatal(err)
	}
	b, err := tx.Prepare(q)
	if err != nil {
		t.Fatal(err)
	}
	ra, err := a.Query(1)
	if err != nil {
		t.Fatal(err)
	}
	defer ra.Close()
	rb, err := b.Query(2)
	if err != nil {
		t.Fatal(err)
	}
	defer rb.Close()
	var got []string
	for ra.Next() && rb.Next() {
		var x, y string
		if err := errors.Join(ra.Scan(&x), rb.Scan(&y)); err != nil {
			t.Fatal(err)
		}
		got = append(got, x+y)
	}
	if fmt.Sprint(got) != "[v1v2 v2v3]" {
		t.Errorf("rows = %v", got)
	}
}

// TestStmtCacheEviction runs more distinct statements than the cache
// holds: the least recently used are closed, and all still run.
func TestStmtCacheEviction(t *testing.T) {
	for _, tc := range []struct {
		size, queries int
	}{{4, 3}, {4, 10}, {1, 5}, {0, 3}} {
		t.Run(fmt.Sprintf("size %d, %d queries", tc.size, tc.queries), func(t *testing.T) {
			db, c := openCached(t, tc.size, 12)
			ran := func() {
				t.Helper()
				for i := 1; i <= tc.queries; i++ {
					var v string
					// Distinct SQL text for each i.
					q := fmt.Sprintf("SELECT v FROM t WHERE id = ? AND %d = %d", i, i)
					if err := db.QueryRow(q, i).Scan(&v); err != nil || v != fmt.Sprint("v", i) {
						t.Fatalf("query %d = %q, %v", i, v, err)
					}
				}
			}
			p0 := c.prepares.Load()
			ran()
			ran()
			want := int64(tc.queries)
			if tc.queries > tc.size {
				want *= 2 // each was evicted before its second run
			}
			if n := c.prepares.Load() - p0; n != want {
				t.Errorf("prepared %d, want %d", n, want)
			}
			// The cache is full: of everything prepared here and by
			// openCached, all but size have been closed.
			if live := c.prepares.Load() - c.closes.Load(); live != int64(tc.size) {
				t.Errorf("%d statements open, want the bound %d", live, tc.size)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			if p, cl := c.prepares.Load(), c.closes.Load(); p != cl {
				t.Errorf("after Close: prepared %d, closed %d", p, cl)
			}
		})
	}
}

// TestStmtCacheErrors: a statement that fails to prepare is not cached
// and fails again; one that fails when run stays usable.
func TestStmtCacheErrors(t *testing.T) {
	db, c := openCached(t, stmtCacheSize, 2)
	for _, q := range []string{"SELEC v FROM t", "SELECT v FROM missing"} {
		for range 2 {
			before := c.prepares.Load()
			if _, err := db.Query(q); err == nil {
				t.Fatalf("%q: no error", q)
			}
			if _, err := db.Exec(q); err == nil {
				t.Fatalf("%q: no error from Exec", q)
			}
			if n := c.prepares.Load() - before; n != 0 {
				t.Errorf("%q: %d statements prepared", q, n)
			}
		}
	}
	const ins = "INSERT INTO t (id, v) VALUES (?, ?)"
	if _, err := db.Exec(ins, 1, "again"); err == nil {
		t.Fatal("duplicate id inserted")
	}
	if _, err := db.Exec(ins, 3, "v3"); err != nil {
		t.Fatalf("insert after a failed insert: %v", err)
	}
	const q = "SELECT v FROM t WHERE id = ?"
	if _, err := db.Query(q); err == nil {
		t.Fatal("query without its argument: no error")
	}
	var v string
	if err := db.QueryRow(q, 3).Scan(&v); err != nil || v != "v3" {
		t.Errorf("query after a failed one = %q, %v", v, err)
	}
	// Finalizing the statements that failed reports nothing: each was
	// reset after its failure.
	if err := db.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

// TestStmtCacheSchemaChange runs cached statements after the schema
// changes, on the same connection and from another one.
func TestStmtCacheSchemaChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	open := func(writer bool) *sql.DB {
		c, err := newStmtCacheConnector(sqliteDSN(path, writer), stmtCacheSize)
		if err != nil {
			t.Fatal(err)
		}
		db := sql.OpenDB(c)
		db.SetMaxOpenConns(1)
		t.Cleanup(func() { db.Close() })
		return db
	}
	w := open(true)
	if _, err := w.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"); err != nil {
		t.Fatal(err)
	}
	r := open(false)
	columns := func(db *sql.DB) string {
		t.Helper()
		rows, err := db.Query("SELECT * FROM t ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		return fmt.Sprint(cols, n)
	}
	for _, tc := range []struct {
		ddl, want string
	}{
		{"INSERT INTO t (v) VALUES ('a')", "[id v] 1"},
		{"ALTER TABLE t ADD COLUMN w TEXT", "[id v w] 1"},
		{"CREATE INDEX t_v ON t (v)", "[id v w] 1"},
		{"DROP TABLE t; CREATE TABLE t (id INTEGER PRIMARY KEY, x INT, y INT, z INT); INSERT INTO t VALUES (1, 2, 3, 4), (2, 3, 4, 5)", "[id x y z] 2"},
	} {
		if _, err := w.Exec(tc.ddl); err != nil {
			t.Fatal(err)
		}
		for name, db := range map[string]*sql.DB{"writer": w, "reader": r} {
			if got := columns(db); got != tc.want {
				t.Errorf("after %q, %s reads %s, want %s", tc.ddl, name, got, tc.want)
			}
		}
	}
}

// TestStmtCacheStoreConnections checks the pools openSQLite makes: the
// readers refuse writes every time, the writer's transactions take the
// write lock at BEGIN unless read-only, and readers run concurrently.
func TestStmtCacheStoreConnections(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "store.db")
	s, err := Open(ctx, path, Options{Readers: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for range 3 {
		if _, err := s.r.Exec("CREATE TABLE x (a)"); err == nil {
			t.Fatal("a reader created a table")
		}
		if _, err := s.r.Exec("DELETE FROM meta"); err == nil {
			t.Fatal("a reader deleted")
		}
	}
	if err := s.r.PingContext(ctx); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		pragma         string
		writer, reader string
	}{
		{"busy_timeout", "10000", "10000"},
		{"journal_mode", "wal", "wal"},
		{"foreign_keys", "1", "1"},
		{"synchronous", "2", "2"}, // FULL
		{"query_only", "0", "1"},
	} {
		for _, db := range []struct {
			name string
			db   *sql.DB
			want string
		}{{"writer", s.w, tc.writer}, {"reader", s.r, tc.reader}} {
			var v string
			if err := db.db.QueryRow("PRAGMA " + tc.pragma).Scan(&v); err != nil || v != db.want {
				t.Errorf("%s: PRAGMA %s = %q, %v; want %q", db.name, tc.pragma, v, err, db.want)
			}
		}
	}

	// A second connection, without busy_timeout, sees whether the
	// writer's transaction holds the write lock.
	other, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetMaxOpenConns(1)
	for _, tc := range []struct {
		name   string
		opts   *sql.TxOptions
		locked bool
	}{
		{"immediate", nil, true},
		{"read-only", &sql.TxOptions{ReadOnly: true}, false},
	} {
		tx, err := s.w.BeginTx(ctx, tc.opts)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		_, err = other.Exec("BEGIN IMMEDIATE; ROLLBACK")
		if locked := isBusy(err); locked != tc.locked || (err != nil && !locked) {
			t.Errorf("%s transaction: BEGIN IMMEDIATE elsewhere = %v, want locked %v", tc.name, err, tc.locked)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
	}

	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				var n int
				if err := s.r.QueryRow("SELECT ? + count(*) FROM meta", g*i).Scan(&n); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestStmtCacheCanceled ends a query's context before it runs and while
// its rows are read; the statement then serves the next query.
func TestStmtCacheCanceled(t *testing.T) {
	db, _ := openCached(t, stmtCacheSize, 4)
	const q = "SELECT v FROM t WHERE id >= ? ORDER BY id"
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := db.QueryContext(ctx, q, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("query with a canceled context: %v", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	rows, err := db.QueryContext(ctx, q, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	cancel()
	for rows.Next() {
	}
	rows.Close()
	for range 3 {
		var got []string
		rows, err := db.Query(q, 2)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != "[v2 v3 v4]" {
			t.Errorf("query after cancellation = %v", got)
		}
	}
}
