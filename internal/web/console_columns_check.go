package web

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/sitecheck"
	"github.com/gongkai/gongkai/internal/store"
)

// siteCheckLimit bounds the bodies summarised on the console home, so a
// user with many grants still gets a fast page.
const siteCheckLimit = 60

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
	return checkedColumns(cols, stats), nil
}

// checkedColumns is siteCheckColumns over columns and figures already read.
func checkedColumns(cols []disclosure.Column, stats map[int64]store.ColumnStat) []sitecheck.Column {
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
	Indent      string // the body's depth in the tree, for an indented list
	Late, Blank int
	Unqualified bool
}

// siteCheckSummaries checks the bodies the user's grants name and, for
// a grant over a subtree (监督), every body below it but the villages,
// which have no website of their own (not the platform-wide grant, which
// would mean every body). The columns of all of them are read at once.
func (s *server) siteCheckSummaries(ctx context.Context, grants []auth.Grant, all []body.Body) ([]siteCheckSummary, error) {
	parent := make(map[int64]int64, len(all))
	for _, b := range all {
		parent[b.ID] = b.ParentID
	}
	var picked []body.Body
	for _, b := range all {
		if len(picked) >= siteCheckLimit {
			break
		}
		for _, g := range grants {
			if g.BodyID == 0 {
				continue
			}
			if g.BodyID == b.ID || g.Subtree && b.Kind != body.Village && slices.Contains(ancestorsOf(parent, b.ID), g.BodyID) {
				picked = append(picked, b)
				break
			}
		}
	}
	ids := make([]int64, len(picked))
	for i, b := range picked {
		ids[i] = b.ID
	}
	cols, stats, err := s.store.ColumnsOfBodies(ctx, ids)
	if err != nil {
		return nil, err
	}
	now := s.now().In(chinaTime)
	out := make([]siteCheckSummary, 0, len(picked))
	for _, b := range picked {
		res := sitecheck.Check(checkedColumns(cols[b.ID], stats), now)
		out = append(out, siteCheckSummary{BodyID: b.ID, BodyName: b.Name, Indent: newBodyRow(b, len(ancestorsOf(parent, b.ID))).Indent,
			Late: len(res.Late), Blank: len(res.Blank), Unqualified: res.Unqualified()})
	}
	return out, nil
}
