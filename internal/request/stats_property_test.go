package request

import (
	"math/rand/v2"
	"testing"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/workday"
)

// allOutcomes is every outcome row id of every format, so random
// histories also exercise OutcomeInFormat across formats.
func allOutcomes() []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range annualreport.Formats() {
		for _, r := range f.OutcomeRows() {
			if !seen[r.ID] {
				seen[r.ID] = true
				out = append(out, r.ID)
			}
		}
	}
	return out
}

// caseResults are the result columns of table 四 (not pending, not total).
func caseResults(f *annualreport.Format) []string {
	var out []string
	for _, c := range f.Four.Columns {
		if !c.Total && c.Label != columnPending {
			out = append(out, c.Label)
		}
	}
	return out
}

// randomHistory makes requests and cases received 2017–2025 (some before
// the first national format, some after the last report year tested).
func randomHistory(rng *rand.Rand, n int) ([]RequestRecord, []CaseRecord) {
	f := annualreport.FormatForYear(2021)
	applicants, outcomes, results := f.ApplicantColumns(), allOutcomes(), caseResults(f)
	var groups []string
	for _, g := range f.Four.Groups {
		groups = append(groups, g.ID)
	}
	start := workday.MustParse("2017-01-01")
	span := start.DaysUntil(workday.MustParse("2025-12-31"))
	// Durations cluster at year ends sometimes: short, long, or none.
	duration := func() int {
		switch rng.IntN(4) {
		case 0:
			return rng.IntN(3)
		case 1:
			return rng.IntN(60)
		default:
			return rng.IntN(900)
		}
	}
	requests := make([]RequestRecord, n)
	for i := range requests {
		rq := RequestRecord{
			Received:  start.AddDays(rng.IntN(span + 1)),
			Applicant: applicants[rng.IntN(len(applicants))],
		}
		if rng.IntN(5) != 0 {
			d := rq.Received.AddDays(duration())
			rq.Closed = &d
			rq.Outcome = outcomes[rng.IntN(len(outcomes))]
		}
		requests[i] = rq
	}
	cases := make([]CaseRecord, n/5)
	for i := range cases {
		c := CaseRecord{Kind: groups[rng.IntN(len(groups))], Filed: start.AddDays(rng.IntN(span + 1))}
		if rng.IntN(4) != 0 {
			d := c.Filed.AddDays(duration())
			c.Decided = &d
			c.Result = results[rng.IntN(len(results))]
		}
		cases[i] = c
	}
	return requests, cases
}

// TestArt50StatsAlwaysBalance: whatever the history, the built reports pass
// every arithmetic rule and each year's 二 is the previous year's 四.
func TestArt50StatsAlwaysBalance(t *testing.T) {
	arithmetic := map[string]bool{
		annualreport.RuleBalance: true, annualreport.RuleRowTotal: true,
		annualreport.RuleOutcomeTotal: true, annualreport.RuleReviewTotal: true,
		annualreport.RuleBadValue: true, annualreport.RuleEmptyTotal: true,
		annualreport.RuleCarryover: true, annualreport.RuleFormatMismatch: true,
	}
	iterations := 300
	if testing.Short() {
		iterations = 30
	}
	rng := rand.New(rand.NewPCG(20260101, 42))
	for it := range iterations {
		requests, cases := randomHistory(rng, 1+rng.IntN(400))
		var prev *annualreport.Report
		for year := 2019; year <= 2024; year++ {
			r, err := BuildReport(year, requests, cases)
			if err != nil {
				t.Fatalf("iteration %d, %d: %v", it, year, err)
			}
			for _, fd := range annualreport.Check(r, prev) {
				if arithmetic[fd.Rule] {
					t.Fatalf("iteration %d, %d: %s %s/%s: %s", it, year, fd.Rule, fd.Row, fd.Column, fd.Message)
				}
			}
			if prev != nil {
				for col, c := range r.Tables.Three["二"] {
					if p := prev.Tables.Three["四"][col]; p.Num != c.Num {
						t.Fatalf("iteration %d, %d: 二/%s = %v, previous 四 = %v", it, year, col, c.Num, p.Num)
					}
				}
			}
			prev = r
		}
	}
}

// TestArt50StatsPropertyCanFail makes sure the property test would notice a
// broken table: Check reports the arithmetic rules on a tampered report.
func TestArt50StatsPropertyCanFail(t *testing.T) {
	requests, cases := randomHistory(rand.New(rand.NewPCG(1, 2)), 200)
	prev, err := BuildReport(2022, requests, cases)
	if err != nil {
		t.Fatal(err)
	}
	r, err := BuildReport(2023, requests, cases)
	if err != nil {
		t.Fatal(err)
	}
	c := r.Tables.Three["二"]["自然人"]
	c.Num++
	r.Tables.Three["二"]["自然人"] = c
	g := r.Tables.Four["行政复议"]["结果维持"]
	g.Num++
	r.Tables.Four["行政复议"]["结果维持"] = g
	got := map[string]bool{}
	for _, fd := range annualreport.Check(r, prev) {
		got[fd.Rule] = true
	}
	for _, rule := range []string{annualreport.RuleBalance, annualreport.RuleRowTotal, annualreport.RuleReviewTotal, annualreport.RuleCarryover} {
		if !got[rule] {
			t.Errorf("tampered report: no %s finding", rule)
		}
	}
}

func BenchmarkBuildTables(b *testing.B) {
	requests, cases := randomHistory(rand.New(rand.NewPCG(7, 7)), 100_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BuildTables(2023, requests, cases); err != nil {
			b.Fatal(err)
		}
	}
}
