package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"runtime"

	"github.com/gongkai/gongkai/internal/search"
	_ "github.com/jackc/pgx/v5/stdlib"
)

// runPostgres builds and measures the index in PostgreSQL, in tables named
// after this process, dropped at the end.
func runPostgres(ctx context.Context, seg *search.Segmenter, cfg config) error {
	db, err := sql.Open("pgx", cfg.postgres)
	if err != nil {
		return fmt.Errorf("open postgres: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	prefix := fmt.Sprintf("searchbench_%d", os.Getpid())
	ix, err := search.NewIndex(db, search.Postgres, seg, search.Options{Table: prefix})
	if err != nil {
		return err
	}
	defer func() {
		if cfg.keep {
			return
		}
		for _, stmt := range ix.DropSchema() {
			if _, err := db.ExecContext(context.Background(), stmt); err != nil {
				fmt.Fprintln(os.Stderr, "bench: drop:", err)
			}
		}
	}()
	if err := build(ctx, db, ix, cfg); err != nil {
		return err
	}
	table := prefix + "_doc"
	// Fresh statistics, as autovacuum would eventually provide.
	if _, err := db.ExecContext(ctx, `VACUUM ANALYZE `+table); err != nil {
		return err
	}
	var size, heap int64
	if err := db.QueryRowContext(ctx, `SELECT pg_total_relation_size($1::regclass), pg_table_size($1::regclass)`, table).Scan(&size, &heap); err != nil {
		return err
	}
	fmt.Printf("database size: %.1f MB (%.0f bytes a document; table %.1f MB, indexes %.1f MB)\n",
		float64(size)/1e6, float64(size)/float64(cfg.n), float64(heap)/1e6, float64(size-heap)/1e6)
	exact := func(ctx context.Context, pq search.ParsedQuery) (int, error) {
		var n int
		err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE text_tsv @@ $1::tsquery`, pq.TSQuery()).Scan(&n)
		return n, err
	}
	if err := measure(ctx, target{db: db, ix: ix, docTable: table, exactCount: exact}, cfg); err != nil {
		return err
	}
	runtime.GC()
	fmt.Printf("steady-state RSS of the Go process: %s (peak %s)\n", rss(), status("VmHWM"))
	return nil
}
