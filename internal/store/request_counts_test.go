package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
	"github.com/gongkai/gongkai/internal/workday"
)

// TestRequestCountsMatchRecords is a property test of the counters kept
// with the requests: after random receipts, steps (answers, extensions,
// supplements, withdrawals, abandonment …, refused ones included) and
// forwards, the counters equal a recount of the requests' rows, and
// every body-year's tables 三/四 from the counters (RequestCounts, and
// YearRequestRecords for all bodies at once) equal those from the
// records (RequestRecords).
func TestRequestCountsMatchRecords(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			s := openTarget(t, tg, &clock{t: time.Date(2026, 4, 27, 2, 0, 0, 0, time.UTC)})
			ctx := context.Background()
			var bodies []int64
			for i := range 3 {
				bodies = append(bodies, mustCreateBody(t, s, body.Body{Name: fmt.Sprintf("第%d镇人民政府", i+1),
					Kind: body.Township, Slug: fmt.Sprintf("count-%d", i)}))
			}
			for seed := range uint64(3) {
				randomRequestOps(t, s, rand.New(rand.NewPCG(seed, 200)), bodies, fmt.Sprintf("C%d", seed), 120)
				checkRequestCounts(t, s, 20)
			}
			for year := 2022; year <= 2026; year++ {
				all, err := s.YearRequestRecords(ctx, year)
				if err != nil {
					t.Fatal(err)
				}
				for _, b := range bodies {
					recs, err := s.RequestRecords(ctx, b, year)
					if err != nil {
						t.Fatal(err)
					}
					counted, err := s.RequestCounts(ctx, b, year)
					if err != nil {
						t.Fatal(err)
					}
					want, err := request.BuildTables(year, recs, nil)
					if err != nil {
						t.Fatal(err)
					}
					for name, got := range map[string][]request.RequestRecord{"RequestCounts": counted, "YearRequestRecords": all[b]} {
						tables, err := request.BuildTables(year, got, nil)
						if err != nil {
							t.Fatal(err)
						}
						if !reflect.DeepEqual(tables.Three, want.Three) {
							t.Errorf("body %d, %d: table 三 from %s differs from the records", b, year, name)
						}
					}
					if year == 2023 && total(want.Three) == 0 {
						t.Errorf("body %d, 2023: empty table 三, the test data proves nothing", b)
					}
				}
			}
		})
	}
}

// TestRequestCountsConcurrent writes requests of one body from several
// connections at once: on PostgreSQL the counters' upserts must lose no
// update (SQLite has one writer and passes trivially).
func TestRequestCountsConcurrent(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			s := openTarget(t, tg, &clock{t: time.Date(2026, 4, 27, 2, 0, 0, 0, time.UTC)})
			town := mustCreateBody(t, s, body.Body{Name: "城关镇人民政府", Kind: body.Township, Slug: "count-race"})
			var wg sync.WaitGroup
			for w := range 4 {
				wg.Go(func() {
					for i := range 10 {
						q := newRequest(town, fmt.Sprintf("R%d%010d", w, i), "2025-03-03")
						got, err := s.CreateRequest(context.Background(), q, 0, "")
						if err != nil {
							t.Error(err)
							return
						}
						ev := request.Answered{Date: day("2025-03-10"), Outcome: "三.一"}
						if _, err := s.AppendRequestEvent(context.Background(), got.ID, request.EventRecord{Event: ev}); err != nil {
							t.Error(err)
							return
						}
					}
				})
			}
			wg.Wait()
			checkRequestCounts(t, s, 1)
		})
	}
}

// randomRequestOps runs n random operations on the requests of bodies:
// receipts, steps on a random request (refused ones are part of the
// test: they must leave the counters alone) and forwards.
func randomRequestOps(t *testing.T, s *store.Store, rng *rand.Rand, bodies []int64, prefix string, n int) {
	t.Helper()
	ctx := context.Background()
	f := annualreport.FormatForYear(2023)
	applicants, outcomes := f.ApplicantColumns(), f.OutcomeRows()
	start := day("2022-01-01")
	type open struct {
		id   int64
		body int64
		last workday.Date
	}
	var reqs []open
	for i := range n {
		code := fmt.Sprintf("%s%010d", prefix, i)
		if len(reqs) == 0 || rng.IntN(3) == 0 {
			q := newRequest(bodies[rng.IntN(len(bodies))], code, start.AddDays(rng.IntN(4*365)).String())
			q.ApplicantType = applicants[rng.IntN(len(applicants))]
			got, err := s.CreateRequest(ctx, q, 0, "")
			if err != nil {
				t.Fatal(err)
			}
			reqs = append(reqs, open{got.ID, got.BodyID, got.Received})
			continue
		}
		r := &reqs[rng.IntN(len(reqs))]
		on := r.last.AddDays(rng.IntN(60))
		outcome := outcomes[rng.IntN(len(outcomes))].ID
		var ev request.Event
		switch rng.IntN(9) {
		case 0:
			ev = request.Accepted{Date: on}
		case 1:
			ev = request.SupplementRequested{Date: on, Due: on.AddDays(15)}
		case 2:
			ev = request.SupplementReceived{Date: on, Channel: request.Online}
		case 3:
			ev = request.Extended{Date: on, Days: 20, Approver: "李四"}
		case 4:
			ev = request.Withdrawn{Date: on, Outcome: outcome}
		case 5:
			ev = request.Abandoned{Date: on, Reason: request.NoSupplement, Outcome: "三.六.1"}
		case 6:
			other := bodies[rng.IntN(len(bodies))]
			if other == r.body {
				continue
			}
			to := newRequest(other, code, on.AddDays(1).String())
			to.Channel, to.ForwardedFrom = request.Forwarded, r.id
			_, created, err := s.ForwardRequest(ctx, r.id, request.EventRecord{Event: request.Referred{Date: on,
				Holder: "某县人民政府", Contact: "0377-1"}}, to)
			if refused(t, err) {
				continue
			}
			r.last = on
			reqs = append(reqs, open{created.ID, created.BodyID, created.Received})
			continue
		default:
			ev = request.Answered{Date: on, Outcome: outcome}
		}
		if _, err := s.AppendRequestEvent(ctx, r.id, request.EventRecord{Event: ev}); !refused(t, err) {
			r.last = on
		}
	}
}

// refused reports whether err is a step the request's rules refuse;
// any other error fails the test.
func refused(t *testing.T, err error) bool {
	t.Helper()
	var te *request.TransitionError
	switch {
	case err == nil:
		return false
	case errors.As(err, &te), errors.Is(err, store.ErrConflict):
		return true
	}
	t.Fatal(err)
	return true
}

// checkRequestCounts recounts every counter from the requests' rows, in
// Go (not through the store's SQL), and compares with the counters;
// fewer than atLeast counters would prove little.
func checkRequestCounts(t *testing.T, s *store.Store, atLeast int) {
	t.Helper()
	ctx := context.Background()
	type key struct {
		body               int64
		received, closed   int
		applicant, outcome string
	}
	type count struct {
		n, onTime int
		months    [12]int
	}
	want := map[key]count{}
	rows, err := s.DB().QueryContext(ctx, `SELECT body_id, received, closed, applicant_type, outcome, due FROM requests`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k key
		var received, due string
		var closed *string
		if err := rows.Scan(&k.body, &received, &closed, &k.applicant, &k.outcome, &due); err != nil {
			t.Fatal(err)
		}
		k.received, _ = strconv.Atoi(received[:4])
		month, _ := strconv.Atoi(received[5:7])
		onTime := 0
		if closed == nil {
			k.outcome = ""
		} else {
			k.closed, _ = strconv.Atoi((*closed)[:4])
			if due != "" && *closed <= due {
				onTime = 1
			}
		}
		c := want[k]
		c.n++
		c.onTime += onTime
		c.months[month-1]++
		want[k] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	got := map[key]count{}
	rows, err = s.DB().QueryContext(ctx, `SELECT body_id, received_year, closed_year, applicant_type, outcome, n, on_time,
		m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12 FROM request_counts`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k key
		var c count
		dest := []any{&k.body, &k.received, &k.closed, &k.applicant, &k.outcome, &c.n, &c.onTime}
		for i := range c.months {
			dest = append(dest, &c.months[i])
		}
		if err := rows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		if c.n < 0 || c.onTime < 0 {
			t.Errorf("counter %+v is negative: %+v", k, c)
		}
		if c != (count{}) {
			got[k] = c
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(want) < atLeast {
		t.Errorf("only %d counters: the test data proves little", len(want))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("counters differ from a recount of the requests:\ngot  %v\nwant %v", got, want)
	}
	// The trend's yearly sums: received and closed by body and year.
	type yearKey struct {
		body int64
		year int
	}
	type yearSums struct {
		received, closed int
		months           [12]int
	}
	wantYears := map[yearKey]yearSums{}
	for k, c := range want {
		r := wantYears[yearKey{k.body, k.received}]
		r.received += c.n
		for i, m := range c.months {
			r.months[i] += m
		}
		wantYears[yearKey{k.body, k.received}] = r
		if k.closed != 0 {
			c2 := wantYears[yearKey{k.body, k.closed}]
			c2.closed += c.n
			wantYears[yearKey{k.body, k.closed}] = c2
		}
	}
	gotYears := map[yearKey]yearSums{}
	yrows, err := s.DB().QueryContext(ctx, `SELECT body_id, year, received, closed,
		m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12 FROM request_year_counts`)
	if err != nil {
		t.Fatal(err)
	}
	defer yrows.Close()
	for yrows.Next() {
		var k yearKey
		var v yearSums
		dest := []any{&k.body, &k.year, &v.received, &v.closed}
		for i := range v.months {
			dest = append(dest, &v.months[i])
		}
		if err := yrows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		if v != (yearSums{}) {
			gotYears[k] = v
		}
	}
	if err := yrows.Err(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotYears, wantYears) {
		t.Errorf("yearly sums differ from a recount of the requests:\ngot  %v\nwant %v", gotYears, wantYears)
	}
}
