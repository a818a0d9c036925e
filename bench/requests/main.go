// Command requests benchmarks the annual statistics of disclosure on
// request (依申请公开):
//
//	go run ./bench/requests -n 1000000 -bodies 5000 [-db postgres://…]
//
// It fills a database with n request records over many bodies and ten
// years straight through SQL in big batches (not through the HTTP path;
// the statistics indexes are dropped for the load and rebuilt as the
// migrations define them, and the request counters are filled from the
// records), then times tables 三 and 四 for one body-year as the report
// does it (store.RequestCounts + store.CaseRecords + request.BuildTables,
// p50 and p95 over random body-years) and for every body of one year,
// body by body and through store.YearRequestRecords / YearCaseRecords
// (one GROUP BY query each) feeding the same table builder. A sample of
// bodies checks that all of them equal the tables of the request records
// themselves (store.RequestRecords), whose time is printed too.
//
// Without -db it runs on SQLite in a temporary directory (-dir to choose
// one, -keep to keep it; an existing database with n rows is reused). With
// -db it creates a fresh database on that PostgreSQL server and drops it
// afterwards unless -keep; a URL naming a kept database (gongkai_bench_…)
// reuses it, also one that bench/supervision seeded with as many requests.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/gongkai/gongkai/bench/internal/benchdb"
	"github.com/gongkai/gongkai/bench/internal/benchprof"
	"github.com/gongkai/gongkai/internal/store"
)

type config struct {
	n        int
	bodies   int
	lastYear int
	years    int
	samples  int
	batch    int
	dir      string
	db       string
	keep     bool
	seed     uint64
	cpuprof  string
	cacheMB  int
}

func main() {
	var cfg config
	flag.IntVar(&cfg.n, "n", 1_000_000, "request records to generate")
	flag.IntVar(&cfg.bodies, "bodies", 5000, "handling bodies")
	flag.IntVar(&cfg.lastYear, "last-year", 2026, "last year of receipts")
	flag.IntVar(&cfg.years, "years", 10, "years of receipts, ending with -last-year")
	flag.IntVar(&cfg.samples, "samples", 100, "random body-years timed")
	flag.IntVar(&cfg.batch, "batch", 1000, "rows per INSERT statement")
	flag.StringVar(&cfg.dir, "dir", "", "directory of the SQLite database (default: a temporary one)")
	flag.StringVar(&cfg.db, "db", "", "PostgreSQL server URL: benchmark a fresh database there instead of SQLite")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the database afterwards")
	flag.Uint64Var(&cfg.seed, "seed", 1, "random seed of the generated records")
	flag.IntVar(&cfg.cacheMB, "cache-mb", 512, "SQLite page cache of the loading connection, MB")
	flag.StringVar(&cfg.cpuprof, "cpuprofile", "", "write a CPU profile of the timed phase to this file")
	flag.Parse()
	if err := run(context.Background(), cfg); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, cfg config) error {
	url, cleanup, err := benchdb.Database(ctx, cfg.db, cfg.dir, "requests", cfg.keep)
	if err != nil {
		return err
	}
	defer cleanup()
	st, err := store.Open(ctx, url, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	kind := map[bool]string{true: "postgres", false: "sqlite"}[st.IsPostgres()]
	fmt.Printf("%s: %d requests, %d bodies, %d–%d, GOMAXPROCS %d\n", kind, cfg.n, cfg.bodies,
		cfg.lastYear-cfg.years+1, cfg.lastYear, runtime.GOMAXPROCS(0))

	have, err := count(ctx, st, "requests")
	if err != nil {
		return err
	}
	switch {
	case have == cfg.n:
		fmt.Printf("reusing the %d requests already there\n", have)
	case have > 0:
		return fmt.Errorf("the database holds %d requests, not %d: use a fresh -dir", have, cfg.n)
	default:
		start := time.Now()
		cases, err := generate(ctx, st, cfg)
		if err != nil {
			return err
		}
		el := time.Since(start)
		fmt.Printf("generated %d requests and %d cases in %v (%.0f rows/s)\n", cfg.n, cases, el.Round(time.Millisecond),
			float64(cfg.n+cases)/el.Seconds())
	}
	stopProfile, err := benchprof.Start(cfg.cpuprof)
	if err != nil {
		return err
	}
	defer stopProfile()
	return measure(ctx, st, cfg)
}

func count(ctx context.Context, st *store.Store, table string) (int, error) {
	var n int
	err := st.DB().QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n)
	return n, err
}
