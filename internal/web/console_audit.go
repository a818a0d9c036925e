package web

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strconv"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
)

const auditPageSize = 50

// auditQuery reads the log within p's scope. A sysadmin sees all; others
// see the entries of the bodies where they hold audit.view, and nothing
// at all when they hold it nowhere (an empty filter would mean "all").
func (s *server) auditQuery(ctx context.Context, p principal, action string, before int64, limit int) ([]audit.Entry, bool, error) {
	f := audit.Filter{Action: action, Before: before, Limit: limit + 1}
	if !p.isSysAdmin() {
		bodies, err := s.scopedBodies(ctx, p, auth.PermAuditView)
		if err != nil {
			return nil, false, err
		}
		if len(bodies) == 0 {
			return nil, false, nil
		}
		for _, b := range bodies {
			f.BodyIDs = append(f.BodyIDs, b.ID)
		}
	}
	entries, err := s.store.Audit(ctx, f)
	if err != nil {
		return nil, false, err
	}
	more := len(entries) > limit
	if more {
		entries = entries[:limit]
	}
	return entries, more, nil
}

type auditRow struct {
	Entry      audit.Entry
	ActionName string
	BodyName   string
}

type actionOption struct {
	Action   string
	Name     string
	Selected bool
}

type auditView struct {
	Page
	Rows    []auditRow
	Actions []actionOption
	Action  string
	Next    string
	First   string
}

func (s *server) auditList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	action := q.Get("action")
	if _, ok := actionNames[action]; !ok {
		action = ""
	}
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	entries, more, err := s.auditQuery(ctx, principalFrom(ctx), action, max(before, 0), auditPageSize)
	if err != nil {
		return err
	}
	all, err := s.store.Bodies(ctx)
	if err != nil {
		return err
	}
	names := bodyNames(all)
	v := auditView{Page: s.consolePage(r, "审计日志", "/admin/audit"), Action: action}
	for _, e := range entries {
		v.Rows = append(v.Rows, auditRow{Entry: e, ActionName: actionName(e.Action), BodyName: names[e.BodyID]})
	}
	keys := make([]string, 0, len(actionNames))
	for k := range actionNames {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v.Actions = append(v.Actions, actionOption{Action: k, Name: actionNames[k], Selected: k == action})
	}
	base := url.Values{}
	if action != "" {
		base.Set("action", action)
	}
	if more && len(entries) > 0 {
		nq := url.Values{"before": {strconv.FormatInt(entries[len(entries)-1].ID, 10)}}
		if action != "" {
			nq.Set("action", action)
		}
		v.Next = "/admin/audit?" + nq.Encode()
	}
	if before > 0 {
		v.First = "/admin/audit?" + base.Encode()
	}
	return s.render(w, r, "console_audit", v)
}
