package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
)

// bodyYear computes one body's tables the way the report page does:
// table 三 from the request counters and table 四 from the cases, in
// one statement (store.BodyYearRecords).
func bodyYear(ctx context.Context, st *store.Store, body int64, year int) (annualreport.Tables, int, error) {
	by, err := st.BodyYearRecords(ctx, body, year)
	if err != nil {
		return annualreport.Tables{}, 0, err
	}
	t, err := request.BuildTables(year, by.Requests, by.Cases)
	return t, weight(by.Requests), err
}

// pairYear computes them as the report page did before, with two
// queries in two read transactions (counters, then cases), for the
// comparison.
func pairYear(ctx context.Context, st *store.Store, body int64, year int) (annualreport.Tables, int, error) {
	return tablesOf(ctx, st, st.RequestCounts, body, year)
}

// recordYear computes them from the request records themselves, for the
// check that the counters give the same tables.
func recordYear(ctx context.Context, st *store.Store, body int64, year int) (annualreport.Tables, int, error) {
	return tablesOf(ctx, st, st.RequestRecords, body, year)
}

// tablesOf builds a body-year's tables from requests read by read and
// the body's cases; the int is the number of requests.
func tablesOf(ctx context.Context, st *store.Store, read func(context.Context, int64, int) ([]request.RequestRecord, error), body int64, year int) (annualreport.Tables, int, error) {
	recs, err := read(ctx, body, year)
	if err != nil {
		return annualreport.Tables{}, 0, err
	}
	cases, err := st.CaseRecords(ctx, body, year)
	if err != nil {
		return annualreport.Tables{}, 0, err
	}
	t, err := request.BuildTables(year, recs, cases)
	return t, weight(recs), err
}

// weight is the number of requests records stand for.
func weight(recs []request.RequestRecord) int {
	n := 0
	for _, r := range recs {
		n += max(r.N, 1)
	}
	return n
}

func measure(ctx context.Context, st *store.Store, cfg config) error {
	var years []int // the years with a national report format
	for y := cfg.lastYear - cfg.years + 1; y <= cfg.lastYear; y++ {
		if annualreport.FormatForYear(y) != nil {
			years = append(years, y)
		}
	}
	if len(years) == 0 {
		return fmt.Errorf("no year between %d and %d has a report format", cfg.lastYear-cfg.years+1, cfg.lastYear)
	}
	rng := rand.New(rand.NewPCG(cfg.seed, 3))
	pick := func() (int64, int) { return int64(1 + rng.IntN(cfg.bodies)), years[rng.IntN(len(years))] }

	// One body-year, as the console's report page computes it.
	if _, _, err := bodyYear(ctx, st, 1, years[0]); err != nil { // warm the pools
		return err
	}
	// The same body-years through the one statement and through the
	// query pair, taking turns so that both see the same load; which
	// goes first alternates, since the second finds the body's pages
	// in the buffer cache.
	times := make([]time.Duration, 0, cfg.samples)
	pairs := make([]time.Duration, 0, cfg.samples)
	records := 0
	for i := range cfg.samples {
		b, y := pick()
		for turn := range 2 {
			start := time.Now()
			if (i+turn)%2 == 0 {
				_, n, err := bodyYear(ctx, st, b, y)
				if err != nil {
					return err
				}
				times = append(times, time.Since(start))
				records += n
				continue
			}
			if _, _, err := pairYear(ctx, st, b, y); err != nil {
				return err
			}
			pairs = append(pairs, time.Since(start))
		}
	}
	slices.Sort(times)
	slices.Sort(pairs)
	fmt.Printf("one body-year, one statement (%d samples, %.0f records each on average): p50 %v  p95 %v  max %v\n", cfg.samples,
		float64(records)/float64(cfg.samples), pct(times, 50), pct(times, 95), times[len(times)-1])
	fmt.Printf("one body-year, query pair in two transactions (the same body-years): p50 %v  p95 %v  max %v\n",
		pct(pairs, 50), pct(pairs, 95), pairs[len(pairs)-1])

	// Every body of one year: the last complete year.
	year := years[len(years)-1]
	if year == cfg.lastYear && len(years) > 1 {
		year = years[len(years)-2]
	}
	start := time.Now()
	for b := 1; b <= cfg.bodies; b++ {
		if _, _, err := bodyYear(ctx, st, int64(b), year); err != nil {
			return err
		}
	}
	perBody := time.Since(start)
	fmt.Printf("all %d bodies of %d, one statement per body: %v\n", cfg.bodies, year, perBody.Round(time.Millisecond))

	start = time.Now()
	all, err := st.YearRequestRecords(ctx, year)
	if err != nil {
		return err
	}
	allCases, err := st.YearCaseRecords(ctx, year)
	if err != nil {
		return err
	}
	queried := time.Since(start)
	tables := make(map[int64]annualreport.Tables, cfg.bodies)
	for b := int64(1); b <= int64(cfg.bodies); b++ {
		t, err := request.BuildTables(year, all[b], allCases[b])
		if err != nil {
			return err
		}
		tables[b] = t
	}
	grouped := time.Since(start)
	fmt.Printf("all %d bodies of %d, one GROUP BY query each for request counters and cases: %v (queries %v)\n",
		cfg.bodies, year, grouped.Round(time.Millisecond), queried.Round(time.Millisecond))

	// Every path must give every body the tables its records give;
	// check a sample, timing the record query for comparison.
	var fromRecords []time.Duration
	for range min(50, cfg.bodies) {
		b := int64(1 + rng.IntN(cfg.bodies))
		start := time.Now()
		want, _, err := recordYear(ctx, st, b, year)
		if err != nil {
			return err
		}
		fromRecords = append(fromRecords, time.Since(start))
		counted, _, err := bodyYear(ctx, st, b, year)
		if err != nil {
			return err
		}
		paired, _, err := pairYear(ctx, st, b, year)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(tables[b], want) || !reflect.DeepEqual(counted, want) || !reflect.DeepEqual(paired, want) {
			return fmt.Errorf("body %d, %d: the counted tables differ from the body's records", b, year)
		}
	}
	slices.Sort(fromRecords)
	fmt.Printf("counted tables equal the tables of the records (%d bodies checked; the record query: p50 %v  p95 %v)\n",
		len(fromRecords), pct(fromRecords, 50), pct(fromRecords, 95))
	return nil
}

// pct is the p-th percentile of sorted durations (nearest rank).
func pct(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	return sorted[max(0, min(len(sorted)-1, i-1))].Round(10 * time.Microsecond)
}
