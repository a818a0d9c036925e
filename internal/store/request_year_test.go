package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestYearRecordsMatchPerBody checks that the one-query path for every
// body, and the one-statement path for one body (BodyYearRecords, the
// report page's), give each body the same tables 三 and 四 as its own
// records do, over random histories that cross year ends.
func TestYearRecordsMatchPerBody(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			c := &clock{t: time.Date(2026, 4, 27, 2, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			ctx := context.Background()
			rng := rand.New(rand.NewPCG(7, 2026))
			var bodies []int64
			for i := range 3 {
				bodies = append(bodies, mustCreateBody(t, s, body.Body{Name: fmt.Sprintf("第%d镇人民政府", i),
					Kind: body.Township, Slug: fmt.Sprintf("year-town-%d", i)}))
			}
			seedRequestHistory(t, s, rng, bodies, 90)
			for year := 2022; year <= 2025; year++ {
				all, err := s.YearRequestRecords(ctx, year)
				if err != nil {
					t.Fatal(err)
				}
				allCases, err := s.YearCaseRecords(ctx, year)
				if err != nil {
					t.Fatal(err)
				}
				for _, b := range bodies {
					recs, err := s.RequestRecords(ctx, b, year)
					if err != nil {
						t.Fatal(err)
					}
					cases, err := s.CaseRecords(ctx, b, year)
					if err != nil {
						t.Fatal(err)
					}
					want, err := request.BuildTables(year, recs, cases)
					if err != nil {
						t.Fatal(err)
					}
					got, err := request.BuildTables(year, all[b], allCases[b])
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("body %d, %d: one-query tables differ from the body's own\ngot  %v\nwant %v", b, year, got, want)
					}
					by, err := s.BodyYearRecords(ctx, b, year)
					if err != nil {
						t.Fatal(err)
					}
					one, err := request.BuildTables(year, by.Requests, by.Cases)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(one, want) {
						t.Errorf("body %d, %d: BodyYearRecords' tables differ from the body's records\ngot  %v\nwant %v", b, year, one, want)
					}
					if year == 2023 && (total(want.Three) == 0 || total(want.Four) == 0) {
						t.Errorf("body %d, 2023: empty table 三 or 四, the test data proves nothing", b)
					}
				}
			}
		})
	}
}

func total(cells map[string]map[string]annualreport.Cell) float64 {
	var n float64
	for _, row := range cells {
		for _, c := range row {
			n += c.Num
		}
	}
	return n
}

// seedRequestHistory files n requests with random receipt dates from
// 2022 over three years, applicant types, ends (open, referred,
// withdrawn, answered) and reconsiderations or lawsuits, spread over
// bodies.
func seedRequestHistory(t *testing.T, s *store.Store, rng *rand.Rand, bodies []int64, n int) {
	t.Helper()
	ctx := context.Background()
	f := annualreport.FormatForYear(2023)
	applicants, outcomes := f.ApplicantColumns(), f.OutcomeRows()
	kinds := []string{"行政复议", "行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉"}
	results := []string{"结果维持", "结果纠正", "其他结果"}
	start := day("2022-01-01")
	for i := range n {
		q := newRequest(bodies[rng.IntN(len(bodies))], fmt.Sprintf("Y%011d", i), start.AddDays(rng.IntN(3*365)).String())
		q.ApplicantType = applicants[rng.IntN(len(applicants))]
		got, err := s.CreateRequest(ctx, q, 0, "")
		if err != nil {
			t.Fatal(err)
		}
		end := q.Received.AddDays(1 + rng.IntN(60))
		var ev request.Event
		switch rng.IntN(10) {
		case 0: // still open
		case 1:
			ev = request.Referred{Date: end, Holder: "县民政局", Contact: "0377-12345678"}
		case 2:
			ev = request.Withdrawn{Date: end, Outcome: outcomes[rng.IntN(len(outcomes))].ID}
		default:
			ev = request.Answered{Date: end, Outcome: outcomes[rng.IntN(len(outcomes))].ID}
		}
		if ev != nil {
			if _, err := s.AppendRequestEvent(ctx, got.ID, request.EventRecord{Event: ev}); err != nil {
				t.Fatal(err)
			}
		}
		if rng.IntN(4) == 0 {
			filed := end.AddDays(10 + rng.IntN(200))
			id, err := s.CreateCase(ctx, store.Case{RequestID: got.ID, Kind: kinds[rng.IntN(len(kinds))], Filed: filed})
			if err != nil {
				t.Fatal(err)
			}
			if rng.IntN(3) > 0 {
				if err := s.DecideCase(ctx, id, filed.AddDays(rng.IntN(300)), results[rng.IntN(len(results))]); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}
