package web

import (
	"context"
	"net/http"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/store"
)

// reportTree is the body tree with every body's report settings, read in
// two queries: what deadlines, supervisors and overviews are computed
// from, for one body or for a province's five thousand.
type reportTree struct {
	order    []body.Body // tree order, parents first
	byID     map[int64]body.Body
	children map[int64][]int64
	settings map[int64]store.BodyReportSettings
}

func (s *server) loadReportTree(ctx context.Context) (*reportTree, error) {
	return loadReportTree(ctx, s.store)
}

// loadReportTree reads the tree from st: the server's store, or the one
// `gongkai check` opens.
func loadReportTree(ctx context.Context, st *store.Store) (*reportTree, error) {
	bodies, err := st.Bodies(ctx)
	if err != nil {
		return nil, err
	}
	settings, err := st.ReportSettings(ctx)
	if err != nil {
		return nil, err
	}
	t := &reportTree{order: bodies, byID: make(map[int64]body.Body, len(bodies)), children: map[int64][]int64{}, settings: settings}
	for _, b := range bodies {
		t.byID[b.ID] = b
		t.children[b.ParentID] = append(t.children[b.ParentID], b.ID)
	}
	return t, nil
}

// deadline is the one computation of a body's Art. 49 deadline for its
// report of year: the console, the report workspace, the review page,
// the overview and the late rule all ask it. The role comes from the
// body's kind and its parent's; a body Art. 49 does not name (乡镇、街道
// and the like) gets the deadline the nearest body above it set for its
// subtree ("下级乡镇（街道）等单位年报公布期限"), else 31 January; the
// source says which.
func (t *reportTree) deadline(b body.Body, year int) annualreport.Deadline {
	var parent body.Kind
	if p, ok := t.byID[b.ParentID]; ok {
		parent = p.Kind
	}
	return annualreport.DeadlineFor(annualreport.RoleOf(b.Kind, parent), year, t.localRule(b))
}

// localRule is the deadline rule the nearest body above b set for the
// bodies below it; the zero rule (31 January) when none did.
func (t *reportTree) localRule(b body.Body) annualreport.LocalRule {
	for id := b.ParentID; id != 0; id = t.byID[id].ParentID {
		st := t.settings[id]
		if st.DeadlineMonth != 0 {
			return annualreport.LocalRule{Month: time.Month(st.DeadlineMonth), Day: st.DeadlineDay, SetBy: t.byID[id].Name}
		}
	}
	return annualreport.LocalRule{}
}

// supervisor is the body b submits its report to: the one named in its
// settings, else its parent. ok is false for a root without one.
func (t *reportTree) supervisor(b body.Body) (body.Body, bool) {
	id := t.settings[b.ID].SupervisorID
	if id == 0 {
		id = b.ParentID
	}
	sup, ok := t.byID[id]
	return sup, ok
}

// subtree lists root and every body below it, in tree order.
func (t *reportTree) subtree(root int64) []body.Body {
	var out []body.Body
	var walk func(id int64)
	walk = func(id int64) {
		out = append(out, t.byID[id])
		for _, c := range t.children[id] {
			walk(c)
		}
	}
	if _, ok := t.byID[root]; ok {
		walk(root)
	}
	return out
}

// offPlatform reports whether b publishes its report elsewhere.
func (t *reportTree) offPlatform(id int64) bool { return t.settings[id].OffPlatform }

// reportDeadline is body b's deadline for its report of year (see
// reportTree.deadline).
func (s *server) reportDeadline(r *http.Request, b body.Body, year int) (annualreport.Deadline, error) {
	t, err := s.loadReportTree(r.Context())
	if err != nil {
		return annualreport.Deadline{}, err
	}
	return t.deadline(b, year), nil
}

// reportSupervisor is the body that reviews b's annual report: see
// reportTree.supervisor; a root without one reviews its own (the
// county's report is approved by its own 政府信息公开工作主管部门).
func (s *server) reportSupervisor(ctx context.Context, b body.Body) (body.Body, error) {
	t, err := s.loadReportTree(ctx)
	if err != nil {
		return body.Body{}, err
	}
	return t.reviewer(b), nil
}

// reviewer is the body that reviews b's report: its supervisor, or b
// itself when it has none.
func (t *reportTree) reviewer(b body.Body) body.Body {
	if sup, ok := t.supervisor(b); ok {
		return sup
	}
	return b
}

// supervisorChoices are the bodies b may submit its report to: its
// ancestors and the departments directly under them (a county's 政务
// 公开办 kept as a body of its own), nearest first.
func (t *reportTree) supervisorChoices(b body.Body) []body.Body {
	var out []body.Body
	for id := b.ParentID; id != 0; id = t.byID[id].ParentID {
		a, ok := t.byID[id]
		if !ok {
			break
		}
		out = append(out, a)
		for _, c := range t.children[id] {
			if d := t.byID[c]; d.Kind == body.Department && d.ID != b.ID {
				out = append(out, d)
			}
		}
	}
	return out
}
