package web

import (
	"context"
	"net/http"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/sitecheck"
	"github.com/gongkai/gongkai/internal/store"
)

// siteCheckLimit bounds the bodies summarised on the console home, so a
// user with many grants still gets a fast page.
const siteCheckLimit = 20

// siteCheckColumns turns a body's columns and their document figures into
// the inputs of the website checks. Retired columns are off the site; the
// 指南 column's content is generated from the body's record, never blank.
func (s *server) siteCheckColumns(ctx context.Context, bodyID int64) ([]sitecheck.Column, error) {
	cols, err := s.store.Columns(ctx, bodyID)
	if err != nil {
		return nil, err
	}
	stats, err := s.store.ColumnStats(ctx, bodyID)
	if err != nil {
		return nil, err
	}
	return checkColumns(cols, stats), nil
}

// checkColumns turns a body's columns and the document figures of each
// column into the checks' inputs (see siteCheckColumns).
func checkColumns(cols []disclosure.Column, stats map[int64]store.ColumnStat) []sitecheck.Column {
	parents := map[int64]bool{}
	for _, c := range cols {
		if !c.Retired && c.ParentID != 0 {
			parents[c.ParentID] = true
		}
	}
	var out []sitecheck.Column
	for _, c := range cols {
		if c.Retired || c.Fixed && c.Slug == "guide" {
			continue
		}
		st := stats[c.ID]
		out = append(out, sitecheck.Column{ID: c.ID, Name: c.Name, Type: c.Type, Period: c.Period,
			FirstLevel: c.ParentID == 0, Container: parents[c.ID], Documents: st.Published, Last: st.Last})
	}
	return out
}

type siteCheckView struct {
	Page
	Body   body.Body
	Result sitecheck.Result
	// Thresholds, for the explanation on the page.
	StaleVeto, LongStaleVeto, BlankVeto int
}

// siteCheck shows, for today, what the website inspection would find in
// the body's columns (国办秘函〔2019〕19号).
func (s *server) siteCheck(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	cols, err := s.siteCheckColumns(r.Context(), b.ID)
	if err != nil {
		return err
	}
	// ?on=YYYY-MM-DD checks another day, e.g. an announced inspection's.
	on := s.now().In(chinaTime)
	if q := r.URL.Query().Get("on"); q != "" {
		d, err := time.ParseInLocation("2006-01-02", q, chinaTime)
		if err != nil {
			return errBadRequest("检查日期格式应为 YYYY-MM-DD。")
		}
		on = d.Add(24*time.Hour - time.Second) // the whole day counts
	}
	v := siteCheckView{Page: s.consolePage(r, "网站检查 - "+b.Name, "/admin/bodies"), Body: b,
		Result:    sitecheck.Check(cols, on),
		StaleVeto: sitecheck.StaleVeto, LongStaleVeto: sitecheck.LongStaleVeto, BlankVeto: sitecheck.BlankVeto}
	return s.render(w, r, "console_site_check", v)
}

// siteCheckSummary is one body's line on the console home.
type siteCheckSummary struct {
	BodyID      int64
	BodyName    string
	Late, Blank int
	Unqualified bool
}

// siteCheckSummaries checks the bodies the user's grants name (not the
// platform-wide grant, which would mean every body).
func (s *server) siteCheckSummaries(ctx context.Context, grants []auth.Grant, names map[int64]string) ([]siteCheckSummary, error) {
	seen := map[int64]bool{}
	var out []siteCheckSummary
	for _, g := range grants {
		if g.BodyID == 0 || seen[g.BodyID] || len(out) >= siteCheckLimit {
			continue
		}
		seen[g.BodyID] = true
		cols, err := s.siteCheckColumns(ctx, g.BodyID)
		if err != nil {
			return nil, err
		}
		res := sitecheck.Check(cols, s.now().In(chinaTime))
		out = append(out, siteCheckSummary{BodyID: g.BodyID, BodyName: names[g.BodyID], Late: len(res.Late),
			Blank: len(res.Blank), Unqualified: res.Unqualified()})
	}
	return out, nil
}
