// Command search benchmarks the full-text index on SQLite: it generates N
// documents of about 550 Chinese characters (deterministic seed), builds
// the index, then times a fixed set of 2–4 character queries through
// Index.Search and, for comparison, as LIKE '%q%' scans, and checks that
// the index finds exactly what the scan finds.
//
//	go run ./bench/search -n 100000
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/gongkai/gongkai/bench/internal/benchprof"
	"github.com/gongkai/gongkai/internal/search"
	_ "modernc.org/sqlite"
)

// queries are the fixed benchmark queries: common and rare words, place
// names inside longer names, a look-alike, digits glued to Chinese, a miss.
var queries = []string{
	"公开", "预算", "教育", "工作", "补正", "岚溪", "岚溪镇", "溪镇", "上溪",
	"政府信息", "行政许可", "2023年", "索引号", "枫桥", "宅基地", "无此词语",
	"镇", "岭", // single characters: prefix queries over bigrams
	longPhrase, // only deep inside the long documents
}

// Targets for a province's portal (1,000,000 documents).
const (
	relevanceTarget = 30 * time.Millisecond
	newestTarget    = 20 * time.Millisecond
)

type config struct {
	n          int64
	dir        string
	keep       bool
	batch      int
	rounds     int
	cacheMB    int
	pageSize   int
	fullDict   bool
	noPrefix   bool
	postgres   string
	reuse      string
	optimize   bool
	likeRound  int
	cpuprofile string
}

func main() {
	var cfg config
	flag.Int64Var(&cfg.n, "n", 100000, "number of documents")
	flag.StringVar(&cfg.dir, "dir", "", "directory for the database (default: a temporary one)")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the database afterwards")
	flag.IntVar(&cfg.batch, "batch", 1000, "documents per transaction")
	flag.IntVar(&cfg.rounds, "rounds", 30, "timed runs of each query")
	flag.IntVar(&cfg.likeRound, "like-rounds", 3, "timed runs of each LIKE scan")
	flag.IntVar(&cfg.cacheMB, "cache-mb", 64, "SQLite page cache per connection, MB")
	flag.IntVar(&cfg.pageSize, "page-size", 4096, "SQLite page size for a new database")
	flag.BoolVar(&cfg.noPrefix, "no-prefix-index", false, "leave out the one-character prefix index")
	flag.BoolVar(&cfg.fullDict, "full-dict", false, "load gse's full dictionary instead of the compact one")
	flag.BoolVar(&cfg.optimize, "optimize", true, "run Index.Optimize after the build")
	flag.StringVar(&cfg.postgres, "postgres", "", "benchmark PostgreSQL at this URL instead of SQLite (tables are dropped afterwards unless -keep)")
	flag.StringVar(&cfg.reuse, "reuse", "", "with -postgres: measure the tables of an earlier -keep run with this prefix (searchbench_PID) instead of building")
	extra := flag.String("queries", "", "comma-separated queries to run instead of the fixed set (e.g. phrases whose bigrams are all common)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the build and query phases to this file")
	flag.Parse()
	if *extra != "" {
		queries = strings.Split(*extra, ",")
	}
	cfg.cpuprofile = *cpuprofile
	if err := run(context.Background(), cfg); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, cfg config) error {
	fmt.Printf("documents %d, page %d B, cache %d MB, %s, prefix index %v, GOMAXPROCS %d\n",
		cfg.n, cfg.pageSize, cfg.cacheMB, dictName(cfg.fullDict), !cfg.noPrefix, runtime.GOMAXPROCS(0))
	fmt.Printf("RSS before dictionary: %s\n", rss())
	start := time.Now()
	seg := search.NewSegmenter(search.SegmenterOptions{FullDictionary: cfg.fullDict})
	fmt.Printf("NewSegmenter returned in %v\n", time.Since(start))
	<-seg.Ready()
	loadTime, words, err := seg.LoadStats()
	if err != nil {
		return err
	}
	runtime.GC()
	fmt.Printf("dictionary: %d words loaded in %v; RSS after load: %s\n", words, loadTime.Round(time.Millisecond), rss())
	if cfg.postgres != "" {
		return runPostgres(ctx, seg, cfg)
	}

	dir := cfg.dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "searchbench"); err != nil {
			return err
		}
		if !cfg.keep {
			defer os.RemoveAll(dir)
		}
	}
	path := filepath.Join(dir, "search.db")
	if !cfg.keep {
		defer os.RemoveAll(path)
		defer os.Remove(path + "-wal")
		defer os.Remove(path + "-shm")
	}
	os.Remove(path)
	db, err := openDB(path, cfg.cacheMB, cfg.pageSize)
	if err != nil {
		return err
	}
	ix, err := search.NewIndex(db, search.SQLite, seg, search.Options{NoPrefixIndex: cfg.noPrefix})
	if err != nil {
		return err
	}
	stopProfile, err := benchprof.Start(cfg.cpuprofile)
	if err != nil {
		return err
	}
	defer stopProfile()
	if err := build(ctx, db, ix, cfg); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	size, err := dirSize(path)
	if err != nil {
		return err
	}
	fmt.Printf("database size: %.1f MB (%.0f bytes a document, text included)\n", float64(size)/1e6, float64(size)/float64(cfg.n))

	// Reopen so queries start from an empty SQLite page cache.
	if db, err = openDB(path, cfg.cacheMB, cfg.pageSize); err != nil {
		return err
	}
	defer db.Close()
	if ix, err = search.NewIndex(db, search.SQLite, seg, search.Options{NoPrefixIndex: cfg.noPrefix}); err != nil {
		return err
	}
	if err := tableSizes(ctx, db); err != nil {
		fmt.Printf("table sizes unavailable: %v\n", err)
	}
	exact := func(ctx context.Context, q string) (int, error) { return ix.Count(ctx, q, search.Filter{}) }
	if err := measure(ctx, target{db: db, ix: ix, docTable: "search_doc", exactCount: exact}, cfg); err != nil {
		return err
	}
	runtime.GC()
	fmt.Printf("steady-state RSS: %s (peak %s)\n", rss(), status("VmHWM"))
	return nil
}

func dictName(full bool) string {
	if full {
		return "full dictionary"
	}
	return "compact dictionary"
}

// openDB opens SQLite as a server would: WAL, NORMAL sync, a sized cache.
// The page size only applies when the file is created.
func openDB(path string, cacheMB, pageSize int) (*sql.DB, error) {
	dsn := fmt.Sprintf("file:%s?_pragma=page_size(%d)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(5000)&_pragma=cache_size(-%d)",
		path, pageSize, cacheMB*1024)
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	return db, nil
}

func build(ctx context.Context, db *sql.DB, ix *search.Index, cfg config) error {
	if err := ix.CreateSchema(ctx); err != nil {
		return err
	}
	gen := newCorpus(20260101)
	start := time.Now()
	var chars int64
	for id := int64(1); id <= cfg.n; {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		docs := make([]search.Doc, 0, cfg.batch)
		for end := min(cfg.n, id+int64(cfg.batch)-1); id <= end; id++ {
			d := gen.doc(id, cfg.n)
			chars += int64(len([]rune(d.Text)))
			docs = append(docs, d)
		}
		for _, d := range docs {
			if err := ix.Upsert(ctx, tx, d); err != nil {
				tx.Rollback()
				return err
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		if step := max(1, cfg.n/10); (id-1)%step < int64(cfg.batch) && id-1 >= step {
			fmt.Printf("  %d documents, %.0f docs/s\n", id-1, float64(id-1)/time.Since(start).Seconds())
		}
	}
	el := time.Since(start)
	fmt.Printf("build: %d documents (%.0f characters on average) in %v: %.0f docs/s\n",
		cfg.n, float64(chars)/float64(cfg.n), el.Round(time.Second), float64(cfg.n)/el.Seconds())
	if cfg.optimize {
		start = time.Now()
		if err := ix.Optimize(ctx); err != nil {
			return err
		}
		fmt.Printf("optimize: %v\n", time.Since(start).Round(time.Second))
	}
	return nil
}

func dirSize(path string) (int64, error) {
	var total int64
	for _, p := range []string{path, path + "-wal"} {
		st, err := os.Stat(p)
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			return 0, err
		}
		total += st.Size()
	}
	return total, nil
}

// tableSizes prints the space each table takes, from the dbstat table.
func tableSizes(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT CASE WHEN name LIKE 'search_fts%' THEN 'search_fts*'
		WHEN name LIKE 'search_title_fts%' THEN 'search_title_fts*' ELSE name END, sum(pgsize)
		FROM dbstat GROUP BY 1 ORDER BY 2 DESC`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var size int64
		if err := rows.Scan(&name, &size); err != nil {
			return err
		}
		fmt.Printf("  %-20s %8.1f MB\n", name, float64(size)/1e6)
	}
	return rows.Err()
}

// target is the index under test and how to count its matches exactly.
type target struct {
	db         *sql.DB
	ix         *search.Index
	docTable   string
	exactCount func(context.Context, string) (int, error)
}

// measure times every query through Search (both orders) and as a LIKE
// scan, and compares the exact match count with the scan's.
func measure(ctx context.Context, tg target, cfg config) error {
	ix := tg.ix
	var relevance, newest, like, cold []time.Duration
	mismatches := 0
	fmt.Printf("%-10s %8s %8s %9s %9s %9s %9s %9s %s\n", "query", "matches", "scan", "rel p50", "rel max", "new p50", "new max", "LIKE p50", "index vs scan")
	for _, q := range queries {
		var rel, nw []time.Duration
		var total int
		for i := 0; i < cfg.rounds; i++ {
			t := time.Now()
			r, err := ix.Search(ctx, search.Query{Text: q})
			if err != nil {
				return err
			}
			rel = append(rel, time.Since(t))
			total = r.Total
			t = time.Now()
			if _, err := ix.Search(ctx, search.Query{Text: q, Sort: search.SortNewest}); err != nil {
				return err
			}
			nw = append(nw, time.Since(t))
		}
		var lk []time.Duration
		for i := 0; i < cfg.likeRound; i++ {
			t := time.Now()
			if _, err := likeNewest(ctx, tg, q); err != nil {
				return err
			}
			lk = append(lk, time.Since(t))
		}
		exact, err := tg.exactCount(ctx, q)
		if err != nil {
			return err
		}
		scan, err := likeCount(ctx, tg, q)
		if err != nil {
			return err
		}
		recall := "same"
		switch {
		case exact < scan && strings.ContainsAny(q, "0123456789"):
			// LIKE also finds 12023年 for 2023年; the index matches whole numbers.
			recall = fmt.Sprintf("scan +%d inside longer numbers", scan-exact)
		case exact != scan:
			recall = fmt.Sprintf("MISMATCH index %d scan %d", exact, scan)
			mismatches++
		}
		if total != exact {
			recall += fmt.Sprintf(" (Search shows 约 %d)", total)
		}
		fmt.Printf("%-10s %8d %8d %9v %9v %9v %9v %9v %s\n", q, exact, scan, pct(rel, 50), pct(rel[1:], 100), pct(nw, 50), pct(nw[1:], 100), pct(lk, 50), recall)
		// The first run of each query reads its pages from disk or the OS
		// cache; later runs find them in SQLite's page cache.
		cold = append(cold, rel[0])
		relevance = append(relevance, rel[1:]...)
		newest = append(newest, nw[1:]...)
		like = append(like, lk...)
	}
	for _, s := range []struct {
		name string
		d    []time.Duration
	}{{"relevance 1st run", cold}, {"relevance repeat", relevance}, {"newest repeat", newest}, {"LIKE newest 20", like}} {
		fmt.Printf("%-17s n=%4d p50 %9v p95 %9v p99 %9v max %9v\n", s.name, len(s.d), pct(s.d, 50), pct(s.d, 95), pct(s.d, 99), pct(s.d, 100))
	}
	met := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT MET"
	}
	fmt.Printf("target relevance p95 <= %v: %v (%s)\n", relevanceTarget, pct(relevance, 95), met(pct(relevance, 95) <= relevanceTarget))
	fmt.Printf("target newest-first p95 <= %v: %v (%s)\n", newestTarget, pct(newest, 95), met(pct(newest, 95) <= newestTarget))
	fmt.Printf("target recall = scan for every query: %s\n", met(mismatches == 0))
	return nil
}

// likeNewest is what a site without an index does: scan for the newest 20.
func likeNewest(ctx context.Context, tg target, q string) (int, error) {
	rows, err := tg.db.QueryContext(ctx, `SELECT id FROM `+tg.docTable+` WHERE title LIKE $1 OR body LIKE $1 ORDER BY id DESC LIMIT 20`, "%"+q+"%")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

func likeCount(ctx context.Context, tg target, q string) (int, error) {
	var n int
	err := tg.db.QueryRowContext(ctx, `SELECT count(*) FROM `+tg.docTable+` WHERE title LIKE $1 OR body LIKE $1`, "%"+q+"%").Scan(&n)
	return n, err
}

func pct(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[min(len(s)-1, max(0, i-1))].Round(10 * time.Microsecond)
}

func rss() string { return status("VmRSS") }

// status reads one field of /proc/self/status.
func status(field string) string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
