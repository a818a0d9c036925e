package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/gongkai/gongkai/internal/search"
	_ "github.com/jackc/pgx/v5/stdlib"
)

// runPostgres builds and measures the index in PostgreSQL, in tables named
// after this process, dropped at the end unless -keep; or measures the
// tables of an earlier -keep run named by -reuse, which it never drops:
// they took the better part of an hour to build.
func runPostgres(ctx context.Context, seg *search.Segmenter, cfg config) error {
	url := cfg.postgres
	if !strings.Contains(url, "maintenance_work_mem") {
		// Index builds after a bulk load sort in memory.
		sep := "?"
		if strings.Contains(url, "?") {
			sep = "&"
		}
		url += sep + "maintenance_work_mem=512MB"
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		return fmt.Errorf("open postgres: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	prefix := cfg.reuse
	if prefix == "" {
		prefix = fmt.Sprintf("searchbench_%d", os.Getpid())
	}
	fmt.Printf("tables %s_*\n", prefix)
	ix, err := search.NewIndex(db, search.Postgres, seg, search.Options{Table: prefix})
	if err != nil {
		return err
	}
	defer func() {
		if cfg.keep || cfg.reuse != "" {
			return
		}
		for _, stmt := range ix.DropSchema() {
			if _, err := db.ExecContext(context.Background(), stmt); err != nil {
				fmt.Fprintln(os.Stderr, "bench: drop:", err)
			}
		}
	}()
	table := prefix + "_doc"
	if cfg.reuse != "" {
		// Objects a newer version adds to kept tables (CREATE … IF NOT
		// EXISTS, CREATE OR REPLACE): no index is rebuilt.
		if err := ix.CreateSchema(ctx); err != nil {
			return err
		}
	}
	if cfg.reuse == "" {
		if err := bulkBuild(ctx, db, ix, table, cfg); err != nil {
			return err
		}
		// Fresh statistics, as autovacuum would eventually provide; the
		// chunk table too (Optimize), which autovacuum may leave alone
		// for a long time at a few hundred rows.
		if _, err := db.ExecContext(ctx, `VACUUM ANALYZE `+table); err != nil {
			return err
		}
		if err := ix.Optimize(ctx); err != nil {
			return err
		}
	}
	var size, heap int64
	if err := db.QueryRowContext(ctx, `SELECT pg_total_relation_size($1::regclass), pg_table_size($1::regclass)`, table).Scan(&size, &heap); err != nil {
		return err
	}
	fmt.Printf("database size: %.1f MB (%.0f bytes a document; table %.1f MB, indexes %.1f MB)\n",
		float64(size)/1e6, float64(size)/float64(cfg.n), float64(heap)/1e6, float64(size-heap)/1e6)
	exact := func(ctx context.Context, q string) (int, error) { return ix.Count(ctx, q, search.Filter{}) }
	if err := measure(ctx, target{db: db, ix: ix, docTable: table, exactCount: exact}, cfg); err != nil {
		return err
	}
	runtime.GC()
	fmt.Printf("steady-state RSS of the Go process: %s (peak %s)\n", rss(), status("VmHWM"))
	return nil
}

// bulkBuild loads the corpus through Index.Upsert as the store would, but
// with the GIN indexes dropped and rebuilt at the end (one sort instead
// of a million pending-list merges), two writers in parallel.
func bulkBuild(ctx context.Context, db *sql.DB, ix *search.Index, table string, cfg config) error {
	if err := ix.CreateSchema(ctx); err != nil {
		return err
	}
	gins, err := queryStrings(ctx, db, `SELECT indexname FROM pg_indexes WHERE tablename = $1 AND indexdef LIKE '%USING gin%'`, table)
	if err != nil {
		return err
	}
	for _, name := range gins {
		if _, err := db.ExecContext(ctx, `DROP INDEX `+name); err != nil {
			return err
		}
	}
	start := time.Now()
	const writers = 2
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	batches := make(chan []search.Doc, writers)
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for docs := range batches {
				if err := upsertBatch(ctx, db, ix, docs); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	gen := newCorpus(20260101)
	var chars int64
	var failed error
	for id := int64(1); id <= cfg.n && failed == nil; {
		docs := make([]search.Doc, 0, cfg.batch)
		for end := min(cfg.n, id+int64(cfg.batch)-1); id <= end; id++ {
			d := gen.doc(id, cfg.n)
			chars += int64(len([]rune(d.Text)))
			docs = append(docs, d)
		}
		select {
		case batches <- docs:
		case failed = <-errs:
		}
		if step := max(1, cfg.n/20); (id-1)%step < int64(cfg.batch) && id-1 >= step {
			fmt.Printf("  %d documents, %.0f docs/s\n", id-1, float64(id-1)/time.Since(start).Seconds())
		}
	}
	close(batches)
	wg.Wait()
	if failed == nil && len(errs) > 0 {
		failed = <-errs
	}
	if failed != nil {
		return failed
	}
	el := time.Since(start)
	fmt.Printf("load: %d documents (%.0f characters on average) in %v: %.0f docs/s\n",
		cfg.n, float64(chars)/float64(cfg.n), el.Round(time.Second), float64(cfg.n)/el.Seconds())
	start = time.Now()
	if err := ix.CreateSchema(ctx); err != nil {
		return err
	}
	fmt.Printf("GIN indexes: %v\n", time.Since(start).Round(time.Second))
	return nil
}

func upsertBatch(ctx context.Context, db *sql.DB, ix *search.Index, docs []search.Doc) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if err := ix.Upsert(ctx, tx, d); err != nil {
			tx.Rollback()
			return err
		}
	}
	return tx.Commit()
}

func queryStrings(ctx context.Context, db *sql.DB, query string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
