package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/store"
)

// failingAudit is an audit log whose write fails: the failure lands
// after the handler's change and before its commit.
type failingAudit struct{}

func (failingAudit) AppendAudit(context.Context, audit.Entry) error {
	return errors.New("injected audit failure")
}

// TestPrivilegedChangeCommitsWithItsAudit injects a failure between each
// privileged change and its audit entry and checks that nothing of the
// change was committed (issue 14 item 13), on both databases.
func TestPrivilegedChangeCommitsWithItsAudit(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) {
		e := newTestEnvOn(t, st, true)
		srv := newTestServer(t, Options{Store: st, Sessions: st.Sessions()})
		srv.auditLog = failingAudit{}
		failing := srv.handler()
		_, tokenID := e.token(e.users[auth.RoleEditor])
		target := itoa(e.users[auth.RoleHandler].ID) // an account the cases may disable
		a := itoa(e.a.ID)
		cases := []struct {
			role auth.Role
			path string
			form url.Values
		}{
			{auth.RoleSysAdmin, "/admin/users", url.Values{"username": {"newcomer"}, "display_name": {"新同事"},
				"password": {testPassword}, "role": {"editor"}, "body_id": {a}}},
			{auth.RoleSysAdmin, "/admin/users/" + target + "/disable", url.Values{}},
			{auth.RoleSysAdmin, "/admin/users/" + target + "/grants", url.Values{"role": {"reviewer"}, "body_id": {a}}},
			{auth.RoleEditor, "/admin/tokens", url.Values{"name": {"同步"}}},
			{auth.RoleEditor, "/admin/tokens/" + itoa(tokenID) + "/revoke", url.Values{}},
			{auth.RoleEditor, "/admin/password", url.Values{"current": {testPassword}, "new": {"another-long-phrase-7"},
				"confirm": {"another-long-phrase-7"}}},
			{auth.RoleBodyAdmin, "/admin/bodies/" + a, url.Values{"office": {"新办公室"}, "phone": {"0551-7654321"}, "postcode": {"230001"}}},
			{auth.RoleBodyAdmin, "/admin/bodies/" + a + "/children", url.Values{"name": {"新村"}, "kind": {"village"}, "slug": {"xincun"}}},
			{auth.RoleBodyAdmin, "/admin/bodies/" + a + "/columns", url.Values{"name": {"工作动态"}, "parent_id": {"0"},
				"type": {"news"}, "period": {"default"}, "slug": {"news"}}},
			{auth.RoleSysAdmin, "/admin/settings/interpretation", url.Values{"elements": {"背景依据\n主要内容"}}},
		}
		for _, c := range cases {
			cookies := e.login(e.users[c.role].Username)
			before := dbFingerprint(t, st)
			w := httpServe(failing, request("POST", c.path, c.form, cookies))
			if w.Code != http.StatusInternalServerError {
				t.Errorf("POST %s with the audit write failing: status %d, want 500", c.path, w.Code)
			}
			if after := dbFingerprint(t, st); after != before {
				t.Errorf("POST %s: the change was committed without its audit entry:\n%s", c.path, firstDifference(before, after))
			}
			// And with the audit write working, the same change commits.
			if w := e.serve(request("POST", c.path, c.form, cookies)); w.Code != http.StatusSeeOther && w.Code != http.StatusOK {
				t.Errorf("POST %s: status %d with a working audit log", c.path, w.Code)
			}
		}
	})
}

func httpServe(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// dbFingerprint renders every table's rows, except the ones that move
// with any request (sessions, throttling), as text.
func dbFingerprint(t *testing.T, st *store.Store) string {
	t.Helper()
	ctx := context.Background()
	q := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	if st.IsPostgres() {
		q = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	}
	rows, err := st.DB().QueryContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != "sessions" && n != "login_failures" && !strings.HasSuffix(n, "_fts") && !strings.Contains(n, "_fts_") {
			tables = append(tables, n)
		}
	}
	rows.Close()
	sort.Strings(tables)
	var b strings.Builder
	for _, table := range tables {
		rs, err := st.DB().QueryContext(ctx, "SELECT * FROM "+table)
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		cols, _ := rs.Columns()
		var lines []string
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, fmt.Sprintf("%s %v", table, vals))
		}
		rs.Close()
		sort.Strings(lines)
		b.WriteString(strings.Join(lines, "\n") + "\n")
	}
	return b.String()
}

func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	seen := map[string]bool{}
	for _, l := range al {
		seen[l] = true
	}
	var out []string
	for _, l := range bl {
		if !seen[l] {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}
