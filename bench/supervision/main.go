// Command supervision benchmarks a supervisor's pages over a
// province-sized tree:
//
//	go run ./bench/supervision [-bodies 5000] [-requests 10000000] [-documents 1000000] [-db postgres://…]
//
// It seeds a province (cities, counties, townships; -bodies in all),
// -requests disclosure requests over ten years with some cases,
// -documents published documents in six typed columns per body, and a
// few unanswered consultations, straight through SQL in big multi-row
// INSERTs (the secondary indexes of requests and documents dropped for
// the load and rebuilt as the migrations define them, then ANALYZE).
// Then it times, through the web handler as a signed-in 系统管理员 sees
// them, the overview of the province's reports, the roll-up of the
// province (tables 二/三/四 summed, last year, the trend, the charts) and
// the compliance monitor of the whole province: the first request and
// the median of -runs more.
//
// The requests are loaded around the store, so their counters
// (request_counts) are filled from them afterwards, as migration 0200
// fills them.
//
// Without -db it runs on SQLite in a temporary directory (-dir to keep
// one; an existing database with the same figures is reused). With -db
// it creates a fresh database on that PostgreSQL server and drops it
// afterwards unless -keep; a URL naming a kept database
// (gongkai_bench_…) reuses it.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/gongkai/gongkai/bench/internal/benchdb"
	"github.com/gongkai/gongkai/bench/internal/benchprof"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/web"
)

type config struct {
	bodies, requests, documents int
	lastYear, runs, batch       int
	dir, db, cpuprofile         string
	keep                        bool
}

func main() {
	var cfg config
	flag.IntVar(&cfg.bodies, "bodies", 5000, "bodies in the province")
	flag.IntVar(&cfg.requests, "requests", 10_000_000, "disclosure requests")
	flag.IntVar(&cfg.documents, "documents", 1_000_000, "published documents")
	flag.IntVar(&cfg.lastYear, "last-year", 2026, "last year of records (ten years end with it)")
	flag.IntVar(&cfg.runs, "runs", 5, "timed requests of each page after the first")
	flag.IntVar(&cfg.batch, "batch", 500, "rows per INSERT statement")
	flag.StringVar(&cfg.dir, "dir", "", "directory of the SQLite database (default: a temporary one)")
	flag.StringVar(&cfg.db, "db", "", "PostgreSQL server URL: benchmark a fresh database there instead of SQLite")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the database afterwards")
	flag.StringVar(&cfg.cpuprofile, "cpuprofile", "", "write a CPU profile of the timed requests to this file")
	flag.Parse()
	if err := run(context.Background(), cfg); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, cfg config) error {
	dbURL, cleanup, err := benchdb.Database(ctx, cfg.db, cfg.dir, "supervision", cfg.keep)
	if err != nil {
		return err
	}
	defer cleanup()
	st, err := store.Open(ctx, dbURL, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	kind := map[bool]string{true: "postgres", false: "sqlite"}[st.IsPostgres()]
	fmt.Printf("%s: %d bodies, %d requests, %d documents, GOMAXPROCS %d\n", kind, cfg.bodies, cfg.requests, cfg.documents, runtime.GOMAXPROCS(0))
	var have int
	if err := st.DB().QueryRowContext(ctx, "SELECT count(*) FROM bodies").Scan(&have); err != nil {
		return err
	}
	if have == 0 {
		start := time.Now()
		if err := seed(ctx, st, cfg); err != nil {
			return err
		}
		fmt.Printf("seeded in %v\n", time.Since(start).Round(time.Second))
	} else {
		fmt.Printf("reusing the %d bodies already there\n", have)
	}
	return measure(ctx, st, cfg)
}

// measure signs in and times the three pages.
func measure(ctx context.Context, st *store.Store, cfg config) error {
	h, err := web.New(web.Options{Store: st, Sessions: st.Sessions()})
	if err != nil {
		return err
	}
	hash, err := auth.HashPassword("bench-password-1")
	if err != nil {
		return err
	}
	name := fmt.Sprintf("bench%d", time.Now().UnixNano())
	if _, err := st.CreateUser(ctx, auth.User{Username: name, PasswordHash: hash, Created: time.Now()}, []auth.Grant{{Role: auth.RoleSysAdmin}}); err != nil {
		return err
	}
	login := httptest.NewRequest("POST", "/admin/login", strings.NewReader(url.Values{"username": {name}, "password": {"bench-password-1"}}.Encode()))
	login.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, login)
	cookies := w.Result().Cookies()
	if w.Code != http.StatusSeeOther || len(cookies) == 0 {
		return fmt.Errorf("login: %d", w.Code)
	}
	year := cfg.lastYear - 1
	pages := []struct{ name, path string }{
		{"overview", fmt.Sprintf("/admin/bodies/1/annual-reports?year=%d", year)},
		{"roll-up", fmt.Sprintf("/admin/bodies/1/annual-reports/rollup?year=%d", year)},
		{"monitor", "/admin/bodies/1/monitor?subtree=1"},
	}
	stopProfile, err := benchprof.Start(cfg.cpuprofile)
	if err != nil {
		return err
	}
	defer stopProfile()
	for _, p := range pages {
		var times, cpus []time.Duration
		var size int
		for i := 0; i <= cfg.runs; i++ {
			r := httptest.NewRequest("GET", p.path, nil)
			for _, c := range cookies {
				r.AddCookie(c)
			}
			w := httptest.NewRecorder()
			start, cpu := time.Now(), processCPU()
			h.ServeHTTP(w, r)
			times, cpus = append(times, time.Since(start)), append(cpus, processCPU()-cpu)
			if w.Code != http.StatusOK {
				return fmt.Errorf("%s: status %d: %.300s", p.path, w.Code, w.Body.String())
			}
			size = w.Body.Len()
		}
		fmt.Printf("%-8s first %8v  median of %d %8v  (CPU of this process: median %v)  (%d KB) %s\n", p.name,
			times[0].Round(time.Millisecond), len(times)-1, median(times).Round(time.Millisecond),
			median(cpus).Round(time.Millisecond), size/1024, p.path)
	}
	return nil
}

// median is the median of the timed runs after the first (the first
// alone when there are none).
func median(d []time.Duration) time.Duration {
	rest := slices.Clone(d[1:])
	if len(rest) == 0 {
		return d[0]
	}
	slices.Sort(rest)
	return rest[len(rest)/2]
}

// processCPU is the user and system CPU time this process has used: on
// SQLite all of a page's work, whatever else the machine runs (on
// PostgreSQL the server's share is not in it).
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
