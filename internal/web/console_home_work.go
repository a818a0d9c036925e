package web

import (
	"context"
	"slices"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/sitecheck"
	"github.com/gongkai/gongkai/internal/store"
)

// homeListLimit bounds each list of the console home: the page is a
// list of what to do next, not an archive; each list links to the full
// one.
const homeListLimit = 50

// columnLookahead is how far ahead the editor's list of columns due for
// an update looks: a column that will be late within it is listed now,
// while there is still time to publish.
const columnLookahead = 14 * 24 * time.Hour

// homeWork is what the console home lists for each role the user holds:
// only the sections of roles they have are filled.
type homeWork struct {
	// 依申请办理: requests due within dueSoonDays working days or overdue
	// (answer or side deadline), and those whose applicant has sent a
	// supplement online since the last step of staff.
	Handler     bool
	Pressing    []workRequest
	Supplements []workRequest
	// 信息审核: documents 送审 in the reviewer's bodies.
	Reviewer bool
	ToReview []workDocument
	// 信息采编: drafts the reviewer returned, with the reason, and the
	// columns due for new content within columnLookahead.
	Editor      bool
	Returned    []workDocument
	DueColumns  []dueColumn
	DueSoonDays int
	// 单位管理员: the body's overdue requests (the rest of its overdue
	// items — columns, consultations — are the site checks and
	// consultation counts shown to every role).
	BodyAdmin bool
	Overdue   []workRequest
}

// requestTable is one list of requests on the home, for the shared
// template: its caption, rows, and whether applicants' names show.
type requestTable struct {
	Caption string
	Rows    []workRequest
	Names   bool
}

// Table builds a requestTable from the template.
func (homeWork) Table(caption string, rows []workRequest, names bool) requestTable {
	return requestTable{Caption: caption, Rows: rows, Names: names}
}

type workRequest struct {
	requestRow
	BodyName string
}

type workDocument struct {
	store.WorkDocument
	BodyName string
	Updated  string
}

type dueColumn struct {
	BodyID   int64
	BodyName string
	Name     string
	Due      string
	Late     bool
}

// roleBodies returns the ids of the bodies the user's grants of role
// cover (the body, and every body below it for a subtree grant), in
// tree order.
func roleBodies(grants []auth.Grant, role auth.Role, all []body.Body) []int64 {
	parent := make(map[int64]int64, len(all))
	for _, b := range all {
		parent[b.ID] = b.ParentID
	}
	var out []int64
	for _, b := range all {
		for _, g := range grants {
			if g.Role != role || g.BodyID == 0 {
				continue
			}
			if g.BodyID == b.ID || g.Subtree && slices.Contains(ancestorsOf(parent, b.ID), g.BodyID) {
				out = append(out, b.ID)
				break
			}
		}
	}
	return out
}

// homeWorkOf fills the sections of the roles the user holds; each list
// is one query over all the bodies of the role, whatever their number.
func (s *server) homeWorkOf(ctx context.Context, grants []auth.Grant, all []body.Body) (homeWork, error) {
	names := bodyNames(all)
	w := homeWork{DueSoonDays: dueSoonDays}
	handle := roleBodies(grants, auth.RoleHandler, all)
	review := roleBodies(grants, auth.RoleReviewer, all)
	edit := roleBodies(grants, auth.RoleEditor, all)
	admin := roleBodies(grants, auth.RoleBodyAdmin, all)
	w.Handler, w.Reviewer, w.Editor, w.BodyAdmin = len(handle) > 0, len(review) > 0, len(edit) > 0, len(admin) > 0
	var err error
	if w.Handler {
		rows, err := s.pressingRequests(ctx, handle, names, true)
		if err != nil {
			return w, err
		}
		for _, row := range rows {
			if row.Overdue || row.DueSoon {
				w.Pressing = append(w.Pressing, row.workRequest)
			}
			if row.supplementNew {
				w.Supplements = append(w.Supplements, row.workRequest)
			}
		}
	}
	if w.BodyAdmin {
		rows, err := s.pressingRequests(ctx, admin, names, false)
		if err != nil {
			return w, err
		}
		for _, row := range rows {
			if row.Overdue {
				w.Overdue = append(w.Overdue, row.workRequest)
			}
		}
	}
	if w.Reviewer {
		if w.ToReview, err = s.workDocuments(ctx, review, disclosure.StateSubmitted, names); err != nil {
			return w, err
		}
	}
	if w.Editor {
		if w.Returned, err = s.workDocuments(ctx, edit, disclosure.StateDraft, names); err != nil {
			return w, err
		}
		if w.DueColumns, err = s.dueColumns(ctx, edit, names); err != nil {
			return w, err
		}
	}
	return w, nil
}

// pressingRow is a request of the home's lists, with whether its latest
// event is a supplement the applicant sent online.
type pressingRow struct {
	workRequest
	supplementNew bool
}

// pressingRequests reads the open requests of the bodies that are due
// soon, overdue or newly supplemented, runs each one's clock as of today
// (the histories in one query) and orders them as the lists show them:
// overdue first, then by the nearest deadline.
func (s *server) pressingRequests(ctx context.Context, bodyIDs []int64, names map[int64]string, showNames bool) ([]pressingRow, error) {
	today := s.today()
	// The stored dates lag a running pause, never lead it, so a generous
	// bound (in calendar days when next year's calendar is missing) reads
	// every request the clock may call due soon.
	by, err := s.cal.AddWorkdays(today, dueSoonDays)
	if err != nil {
		by = today.AddDays(2 * dueSoonDays)
	}
	list, err := s.store.PressingRequests(ctx, bodyIDs, by, 4*homeListLimit)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(list))
	for i, q := range list {
		ids[i] = q.ID
	}
	events, err := s.store.EventsOfRequests(ctx, ids)
	if err != nil {
		return nil, err
	}
	var overdue, rest []pressingRow
	for _, q := range list {
		evs := events[q.ID]
		row := pressingRow{workRequest: workRequest{requestRow: s.requestRowOf(q, s.clockOver(q, evs, false).Status, showNames),
			BodyName: names[q.BodyID]}}
		if n := len(evs); n > 0 && evs[n-1].UserID == 0 && evs[n-1].Event.Kind() == rq.KindSupplementReceived {
			row.supplementNew = true
		}
		if row.Overdue {
			overdue = append(overdue, row)
		} else {
			rest = append(rest, row)
		}
	}
	out := append(overdue, rest...)
	if len(out) > homeListLimit {
		out = out[:homeListLimit]
	}
	return out, nil
}

func (s *server) workDocuments(ctx context.Context, bodyIDs []int64, state disclosure.State, names map[int64]string) ([]workDocument, error) {
	docs, err := s.store.DocumentsAwaiting(ctx, bodyIDs, state, homeListLimit)
	if err != nil {
		return nil, err
	}
	out := make([]workDocument, len(docs))
	for i, d := range docs {
		out[i] = workDocument{WorkDocument: d, BodyName: names[d.BodyID], Updated: d.Updated.In(chinaTime).Format("2006-01-02 15:04")}
	}
	return out, nil
}

// dueColumns lists the columns of the bodies that are late now or will
// be within columnLookahead, by the website checks' update periods.
func (s *server) dueColumns(ctx context.Context, bodyIDs []int64, names map[int64]string) ([]dueColumn, error) {
	cols, stats, err := s.store.ColumnsOfBodies(ctx, bodyIDs)
	if err != nil {
		return nil, err
	}
	now := s.now().In(chinaTime)
	var out []dueColumn
	for _, id := range bodyIDs {
		for _, f := range sitecheck.Check(checkedColumns(cols[id], stats), now.Add(columnLookahead)).Late {
			if len(out) >= homeListLimit {
				return out, nil
			}
			// A column late by the key-column rule alone has its type's period.
			period := f.Column.Period
			if period.N == 0 {
				period = disclosure.DefaultPeriod(f.Column.Type)
			}
			due := period.After(f.Column.Last)
			out = append(out, dueColumn{BodyID: id, BodyName: names[id], Name: f.Column.Name,
				Due: due.In(chinaTime).Format("2006-01-02"), Late: due.Before(now)})
		}
	}
	return out, nil
}
