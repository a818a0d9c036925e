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

// TestSubtreeRecordsMatchPerBody checks the roll-up's grouped queries
// against each body's own records: summed over the subtree they give
// the tables the bodies' tables add up to, by body they give each
// body's, the on-time count and the months agree with the per-body
// figures; a body outside the subtree and one whose reports are
// uploaded (off the platform) are left out.
func TestSubtreeRecordsMatchPerBody(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			c := &clock{t: time.Date(2026, 4, 27, 2, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			ctx := context.Background()
			root := mustCreateBody(t, s, body.Body{Name: "江北县人民政府", Kind: body.County, Slug: "sub-county"})
			town := mustCreateBody(t, s, body.Body{ParentID: root, Name: "城关镇人民政府", Kind: body.Township, Slug: "sub-town"})
			dept := mustCreateBody(t, s, body.Body{ParentID: root, Name: "江北县民政局", Kind: body.Department, Slug: "sub-dept"})
			village := mustCreateBody(t, s, body.Body{ParentID: town, Name: "城关镇东村民委员会", Kind: body.Village, Slug: "sub-village"})
			off := mustCreateBody(t, s, body.Body{ParentID: root, Name: "河口镇人民政府", Kind: body.Township, Slug: "sub-off"})
			other := mustCreateBody(t, s, body.Body{Name: "江南县人民政府", Kind: body.County, Slug: "sub-other"})
			if err := s.SetReportSettings(ctx, off, store.BodyReportSettings{OffPlatform: true}, store.Actor{Username: "test"}); err != nil {
				t.Fatal(err)
			}
			in := []int64{root, town, dept, village}
			seedRequestHistory(t, s, rand.New(rand.NewPCG(11, 2026)), append(in[:len(in):len(in)], off, other), 160)
			for year := 2022; year <= 2025; year++ {
				sum, err := s.SubtreeRequests(ctx, root, year, false)
				if err != nil {
					t.Fatal(err)
				}
				byBody, err := s.SubtreeRequests(ctx, root, year, true)
				if err != nil {
					t.Fatal(err)
				}
				sumCases, err := s.SubtreeCases(ctx, root, year, false)
				if err != nil {
					t.Fatal(err)
				}
				casesByBody, err := s.SubtreeCases(ctx, root, year, true)
				if err != nil {
					t.Fatal(err)
				}
				var allRecs []request.RequestRecord
				var allCases []request.CaseRecord
				onTime := 0
				for _, b := range in {
					recs, err := s.RequestRecords(ctx, b, year)
					if err != nil {
						t.Fatal(err)
					}
					cases, err := s.CaseRecords(ctx, b, year)
					if err != nil {
						t.Fatal(err)
					}
					yr, err := s.ReportYearRecords(ctx, b, year)
					if err != nil {
						t.Fatal(err)
					}
					allRecs, allCases, onTime = append(allRecs, recs...), append(allCases, cases...), onTime+yr.AnsweredOnTime
					want, _ := request.BuildTables(year, recs, cases)
					got, err := request.BuildTables(year, byBody.Records[b], casesByBody[b])
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("body %d, %d: tables by body differ from the body's own", b, year)
					}
					if byBody.OnTime[b] != yr.AnsweredOnTime {
						t.Errorf("body %d, %d: on time %d, want %d", b, year, byBody.OnTime[b], yr.AnsweredOnTime)
					}
				}
				for _, b := range []int64{off, other} {
					if len(byBody.Records[b]) > 0 || len(casesByBody[b]) > 0 {
						t.Errorf("body %d is outside the roll-up but has records in it", b)
					}
				}
				want, _ := request.BuildTables(year, allRecs, allCases)
				got, err := request.BuildTables(year, sum.Records[0], sumCases[0])
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%d: summed tables differ from the bodies' records together\ngot  %v\nwant %v", year, got.Three["一"], want.Three["一"])
				}
				if year == 2023 && total(want.Three) == 0 {
					t.Errorf("2023: empty table 三, the test data proves nothing")
				}
				if sum.OnTime[0] != onTime {
					t.Errorf("%d: on time %d, want %d", year, sum.OnTime[0], onTime)
				}
				trend, err := s.SubtreeTrend(ctx, root, year, year)
				if err != nil {
					t.Fatal(err)
				}
				months := 0
				for _, n := range trend[0].Months {
					months += n
				}
				tc := "总计"
				if months != int(want.Three["一"][tc].Num) {
					t.Errorf("%d: months add up to %d, received %v", year, months, want.Three["一"][tc].Num)
				}
				if len(trend) != 1 || trend[0].Received != months || trend[0].Closed != int(want.Three["三.七"][tc].Num) {
					t.Errorf("%d: trend %+v, want %d received, %v closed", year, trend, months, want.Three["三.七"][tc].Num)
				}
			}
		})
	}
}

// TestOpenReportsAndUploadedJSON checks the open-data listing (reports
// published here, every version) and the last version's JSON that the
// roll-up reads for a body off the platform.
func TestOpenReportsAndUploadedJSON(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			c := &clock{t: time.Date(2026, 4, 27, 2, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			ctx := context.Background()
			here := mustCreateBody(t, s, body.Body{Name: "城关镇人民政府", Kind: body.Township, Slug: "open-here", Code: "11341702486344515H"})
			off := mustCreateBody(t, s, body.Body{Name: "河口镇人民政府", Kind: body.Township, Slug: "open-off"})
			publish := func(b int64, n int, withDocument bool) {
				rep := &annualreport.Report{Org: fmt.Sprint(b), Year: 2025, Format: "2021", Sections: map[string]string{},
					Tables: annualreport.Tables{Three: map[string]map[string]annualreport.Cell{"一": {"总计": {State: annualreport.Value, Num: float64(n)}}}}}
				js, err := annualreport.EncodeJSON(rep)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := s.RecordPublishedReport(ctx, store.Publication{BodyID: b, Year: 2025, Canonical: js, Title: "年报", Published: c.t},
					"upload", withDocument, store.Actor{Username: "test"}); err != nil {
					t.Fatal(err)
				}
			}
			publish(here, 1, true)
			publish(off, 2, false)
			publish(off, 3, false)
			list, err := s.OpenReports(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 || list[0].BodyID != here || list[0].Version != 1 || list[0].DocumentID == 0 || list[0].SHA256 == "" {
				t.Errorf("open reports = %+v, want the one published here", list)
			}
			js, err := s.PublishedReportJSON(ctx, []int64{off}, 2025)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := annualreport.DecodeJSON(js[off])
			if err != nil {
				t.Fatal(err)
			}
			if got := rep.Tables.Three["一"]["总计"].Num; got != 3 || len(js) != 1 {
				t.Errorf("uploaded JSON: 一/总计 = %v (%d bodies), want the last version's 3", got, len(js))
			}
		})
	}
}
