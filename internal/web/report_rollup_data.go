package web

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/rollup"
	"github.com/gongkai/gongkai/internal/store"
)

// trendYears is how many years the roll-up's trend chart covers.
const trendYears = 5

// rollupData is a subtree's year summed: tables 二/三/四 from the records
// of every body on the platform plus the reports uploaded for bodies
// that publish elsewhere, the months and the on-time count from the
// records, last year's headline figures and the trend.
type rollupData struct {
	Root    body.Body
	Year    int
	Format  *annualreport.Format
	Tables  annualreport.Tables
	Units   map[string]string
	Skipped int // figures of uploaded reports outside the year's format
	OnTime  int
	// Closed is the requests closed in the year by the records (uploaded
	// reports state no due dates, so on time is a share of these).
	Closed   int
	Months   [12]int
	Uploaded []body.Body // off-platform bodies whose uploaded report is counted
	Missing  []body.Body // off-platform bodies with no report uploaded for the year
	Headline []rollup.Comparison
	Trend    []store.YearTrend
}

// recordTables are tables 三 and 四 counted from the subtree's records,
// summed or by body, with the on-time counts and months.
func (s *server) recordTables(ctx context.Context, rootID int64, year int, byBody bool) (map[int64]annualreport.Tables, store.RequestGroups, error) {
	groups, err := s.store.SubtreeRequests(ctx, rootID, year, byBody)
	if err != nil {
		return nil, groups, err
	}
	cases, err := s.store.SubtreeCases(ctx, rootID, year, byBody)
	if err != nil {
		return nil, groups, err
	}
	out := map[int64]annualreport.Tables{}
	ids := map[int64]bool{0: !byBody}
	for id := range groups.Records {
		ids[id] = true
	}
	for id := range cases {
		ids[id] = true
	}
	for id, ok := range ids {
		if !ok {
			continue
		}
		t, err := rq.BuildTables(year, groups.Records[id], cases[id])
		if err != nil {
			return nil, groups, err
		}
		out[id] = t
	}
	return out, groups, nil
}

// tableTwoParts are table 二 of every body of the subtree with records
// (documents or entered figures), by body; with none, one part whose
// counted cells are 0, so the sum states 0 rather than blank.
func (s *server) tableTwoParts(ctx context.Context, f *annualreport.Format, rootID int64, year int) (map[int64]rollup.Part, error) {
	docs, figs, err := s.store.SubtreeTableTwoInputs(ctx, rootID, year)
	if err != nil {
		return nil, err
	}
	out := map[int64]rollup.Part{0: {Tables: annualreport.Tables{Two: disclosure.TableTwo(f, year, nil, nil)}}}
	for id := range docs {
		out[id] = rollup.Part{Tables: annualreport.Tables{Two: disclosure.TableTwo(f, year, docs[id], figs[id].Cells)}, Units: figs[id].Units}
	}
	for id, fig := range figs {
		if _, ok := out[id]; !ok {
			out[id] = rollup.Part{Tables: annualreport.Tables{Two: disclosure.TableTwo(f, year, nil, fig.Cells)}, Units: fig.Units}
		}
	}
	return out, nil
}

// uploadedParts are the tables of the reports uploaded for the
// off-platform bodies of the subtree, by body, and those without one.
func (s *server) uploadedParts(ctx context.Context, t *reportTree, rootID int64, year int) (map[int64]rollup.Part, []body.Body, error) {
	var off []body.Body
	var ids []int64
	for _, b := range t.subtree(rootID) {
		if t.offPlatform(b.ID) {
			off = append(off, b)
			ids = append(ids, b.ID)
		}
	}
	js, err := s.store.PublishedReportJSON(ctx, ids, year)
	if err != nil {
		return nil, nil, err
	}
	out := map[int64]rollup.Part{}
	var missing []body.Body
	for _, b := range off {
		data, ok := js[b.ID]
		if !ok {
			missing = append(missing, b)
			continue
		}
		rep, err := annualreport.DecodeJSON(data)
		if err != nil {
			return nil, nil, fmt.Errorf("uploaded report of body %d for %d: %w", b.ID, year, err)
		}
		out[b.ID] = rollup.Part{Tables: rep.Tables, Units: rep.Units}
	}
	return out, missing, nil
}

// rollupOf sums root's subtree for year. The year, last year and the
// trend are read at once: each is a few grouped queries.
func (s *server) rollupOf(ctx context.Context, root body.Body, year int) (rollupData, error) {
	f := annualreport.FormatForYear(year)
	if f == nil {
		return rollupData{}, errBadRequest("报告年度不正确。")
	}
	t, err := s.loadReportTree(ctx)
	if err != nil {
		return rollupData{}, err
	}
	d := rollupData{Root: root, Year: year, Format: f}
	var prev []rollup.Figure
	var wg sync.WaitGroup
	errs := make([]error, 3)
	wg.Go(func() { errs[0] = s.rollupYear(ctx, t, &d) })
	wg.Go(func() { prev, errs[1] = s.rollupHeadline(ctx, t, root.ID, year-1) })
	wg.Go(func() { d.Trend, errs[2] = s.store.SubtreeTrend(ctx, root.ID, year-trendYears+1, year) })
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return rollupData{}, err
	}
	d.Headline = rollup.Compare(rollup.Headline(f, d.Tables, d.OnTime), prev)
	for _, y := range d.Trend {
		if y.Year == year {
			d.Months = y.Months
		}
	}
	return d, nil
}

// rollupYear fills d's tables, on-time count and uploads.
func (s *server) rollupYear(ctx context.Context, t *reportTree, d *rollupData) error {
	recs, groups, err := s.recordTables(ctx, d.Root.ID, d.Year, false)
	if err != nil {
		return err
	}
	two, err := s.tableTwoParts(ctx, d.Format, d.Root.ID, d.Year)
	if err != nil {
		return err
	}
	up, missing, err := s.uploadedParts(ctx, t, d.Root.ID, d.Year)
	if err != nil {
		return err
	}
	parts := []rollup.Part{{Tables: recs[0]}}
	for _, p := range two {
		parts = append(parts, p)
	}
	for _, b := range t.subtree(d.Root.ID) {
		if p, ok := up[b.ID]; ok {
			parts = append(parts, p)
			d.Uploaded = append(d.Uploaded, b)
		}
	}
	d.Missing = missing
	d.Tables, d.Units, d.Skipped = rollup.Sum(d.Format, parts)
	d.OnTime = groups.OnTime[0]
	for _, n := range groups.Records[0] {
		if n.Outcome != "" {
			d.Closed += n.N
		}
	}
	return nil
}

// rollupHeadline is the headline figures of a year before (tables 三
// and 四 and the uploaded reports; nil before the national format).
func (s *server) rollupHeadline(ctx context.Context, t *reportTree, rootID int64, year int) ([]rollup.Figure, error) {
	f := annualreport.FormatForYear(year)
	if f == nil {
		return nil, nil
	}
	recs, groups, err := s.recordTables(ctx, rootID, year, false)
	if err != nil {
		return nil, err
	}
	up, _, err := s.uploadedParts(ctx, t, rootID, year)
	if err != nil {
		return nil, err
	}
	parts := []rollup.Part{{Tables: recs[0]}}
	for _, p := range up {
		parts = append(parts, p)
	}
	sum, _, _ := rollup.Sum(f, parts)
	return rollup.Headline(f, sum, groups.OnTime[0]), nil
}
