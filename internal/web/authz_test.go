package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
)

// publicByDesign lists the only routes under /admin and /api that need
// no login. Anything else there must be guarded.
var publicByDesign = map[string]bool{
	"GET /admin/login":         true,
	"POST /admin/login":        true,
	"GET /api/v1/openapi.json": true,
	// Anyone may apply and look up their request (Art. 27); both are
	// rate-limited per address instead.
	"POST /api/v1/requests":       true,
	"GET /api/v1/requests/status": true,
	// Search covers published documents only, as the portal does.
	"GET /api/v1/search": true,
	// Open data: the list of annual reports published on the portal.
	"GET /api/v1/annual-reports": true,
}

func TestRouteTableSurfaces(t *testing.T) {
	e := newTestEnvOn(t, openTestStore(t), false)
	for _, rt := range e.srv.routes {
		_, p, _ := strings.Cut(rt.pattern, " ")
		guarded := strings.HasPrefix(p, "/admin") || strings.HasPrefix(p, "/api/")
		switch {
		case rt.surface == surfacePublic && guarded && !publicByDesign[rt.pattern]:
			t.Errorf("%s is public but lives under a guarded prefix", rt.pattern)
		case rt.surface == surfaceConsole && !strings.HasPrefix(p, "/admin"):
			t.Errorf("console route %s outside /admin", rt.pattern)
		case rt.surface == surfaceAPI && !strings.HasPrefix(p, "/api/v1/"):
			t.Errorf("API route %s outside /api/v1", rt.pattern)
		case rt.surface != surfacePublic && rt.perm == "":
			t.Errorf("guarded route %s names no permission", rt.pattern)
		}
	}
}

// expectAllowed is the intended outcome, derived from auth's matrix and
// the permission the route declares: the principal's grant is on body A
// ("own"); "other" is the sibling body B, reachable only by a sysadmin.
// Tokens belong to one user and are never reachable by anyone else.
func expectAllowed(rt route, role auth.Role, own bool) bool {
	if !auth.RoleHas(role, auth.PermConsole) || !auth.RoleHas(role, rt.perm) {
		return false
	}
	switch rt.target {
	case targetNone:
		return true
	case targetToken:
		return own
	}
	return own || role == auth.RoleSysAdmin
}

// matrixCase builds the request for one route as one principal against
// their own or the other body. Targets are created fresh for every case,
// so one case's change (a disabled user, a removed grant) cannot decide
// another's outcome.
func (e *testEnv) matrixCase(t *testing.T, rt route, principal auth.User, own bool) (method, path string, form url.Values, jsonBody string) {
	t.Helper()
	ctx := context.Background()
	method, p, _ := strings.Cut(rt.pattern, " ")
	p = strings.TrimSuffix(p, "{$}")
	bodyID := e.b.ID
	if own {
		bodyID = e.a.ID
	}
	bid := strconv.FormatInt(bodyID, 10)
	switch rt.target {
	case targetBody, targetFormBody:
		p = strings.ReplaceAll(p, "{id}", bid)
		p = e.interactMatrixPath(rt.pattern, p, bodyID)
	case targetColumn:
		c, err := e.st.ColumnBySlug(ctx, bodyID, "statutory")
		if err != nil {
			t.Fatal(err)
		}
		p = strings.ReplaceAll(p, "{id}", strconv.FormatInt(c.ID, 10))
	case targetUser, targetUserFormBody, targetGrant:
		u := e.createUser("t"+e.unique(), auth.Grant{Role: auth.RoleEditor, BodyID: bodyID})
		p = strings.ReplaceAll(p, "{id}", strconv.FormatInt(u.ID, 10))
		grants, err := e.st.Grants(ctx, u.ID)
		if err != nil || len(grants) != 1 {
			t.Fatalf("grants of fresh user: %v %v", grants, err)
		}
		p = strings.ReplaceAll(p, "{grant}", strconv.FormatInt(grants[0].ID, 10))
	case targetRequest:
		p = e.requestTarget(t, rt, p, bodyID)
	case targetDocument:
		p = e.documentMatrixPath(rt.pattern, p, bodyID)
		p = versionMatrixPath(p)
	case targetSupervisedBody:
		p = e.supervisedMatrixPath(t, rt.pattern, p, bodyID)
	case targetReportBatch:
		p = e.reportBatchMatrixPath(t, p, principal, own)
	case targetToken:
		owner := principal
		if !own {
			owner = e.createUser("o"+e.unique(), auth.Grant{Role: auth.RoleEditor, BodyID: e.b.ID})
		}
		_, id := e.token(owner)
		p = strings.ReplaceAll(p, "{id}", strconv.FormatInt(id, 10))
	}
	p = strings.ReplaceAll(p, "{year}", workdayToday()[:4]) // a report year
	p = e.catalogueMatrixPath(p, bodyID)
	p = e.reportFlowMatrixPath(t, rt.pattern, p, bodyID)
	if strings.Contains(p, "{") {
		t.Fatalf("route %s: target kind %d leaves %s unfilled", rt.pattern, rt.target, p)
	}
	if rt.pattern == "GET /admin/bodies/{id}/annual-reports/rollup/cell" {
		p += "?" + url.Values{"table": {"三"}, "row": {"一"}, "col": {"总计"}}.Encode()
	}
	if method == http.MethodGet {
		return method, p, nil, ""
	}
	n := e.unique()
	switch rt.pattern {
	case "POST /admin/logout", "POST /admin/users/{id}/disable", "POST /admin/users/{id}/enable", "POST /admin/bodies/{id}/home",
		"POST /admin/users/{id}/grants/{grant}/delete", "POST /admin/tokens/{id}/revoke":
		form = url.Values{}
	case "POST /admin/bodies/{id}":
		form = url.Values{"office": {"办公室"}, "phone": {"0551-1234567"}, "postcode": {"230001"}}
	case "POST /admin/bodies/{id}/children":
		form = url.Values{"name": {"新村" + n}, "kind": {"village"}, "slug": {"village-" + n}}
	case "POST /admin/users":
		form = url.Values{"username": {"new" + n}, "display_name": {"新用户"}, "password": {testPassword},
			"role": {"editor"}, "body_id": {bid}}
	case "POST /admin/users/{id}/grants":
		form = url.Values{"role": {"reviewer"}, "body_id": {bid}}
	case "POST /admin/password":
		form = url.Values{"current": {testPassword}, "new": {testPassword}, "confirm": {testPassword}}
	case "POST /admin/tokens":
		form = url.Values{"name": {"同步" + n}}
	case "POST /admin/bodies/{id}/requests", "POST /admin/requests/{id}/events", "POST /admin/requests/{id}/cases",
		"POST /admin/requests/{id}/cases/{case}", "POST /api/v1/requests/{id}/events":
		form, js := requestMatrixFixture(rt.pattern)
		return method, p, form, js
	case "PATCH /api/v1/bodies/{id}":
		return method, p, nil, `{"contact":{"phone":"0551-7654321"}}`
	default:
		if f, ok := e.documentMatrixForm(rt.pattern, bodyID); ok {
			return method, p, f, ""
		}
		if f, ok := e.columnMatrixForm(rt.pattern); ok {
			return method, p, f, ""
		}
		if f, ok := interactMatrixForm(rt.pattern); ok {
			return method, p, f, ""
		}
		if f, ok := tableTwoImportMatrixForm(rt.pattern); ok {
			return method, p, f, ""
		}
		if f, ok := reportFlowMatrixForm(rt.pattern, bid); ok {
			return method, p, f, ""
		}
		if f, ok := annualReportMatrixForm(rt.pattern); ok {
			return method, p, f, ""
		}
		if f, ok := reportCheckMatrixForm(rt.pattern); ok {
			return method, p, f, ""
		}
		if rt.pattern == "POST /admin/bodies/{id}/documents/import" {
			// Without a file it redirects back with a notice: enough to
			// show who may reach it.
			return method, p, url.Values{}, ""
		}
		if f, ok := calendarMatrixForm(rt.pattern); ok {
			return method, p, f, ""
		}
		if rt.pattern == "POST /admin/settings/site" {
			return method, p, url.Values{"sponsor": {"江北县人民政府办公室"}}, ""
		}
		t.Fatalf("route %s has no request fixture: add one to matrixCase", rt.pattern)
	}
	return method, p, form, ""
}

// TestAuthorizationMatrix drives every console and API route of the
// route table as every role, against their own body, another body, and
// anonymously. A new route is covered automatically.
func TestAuthorizationMatrix(t *testing.T) {
	e := newTestEnv(t)
	sessions := map[auth.Role][]*http.Cookie{}
	tokens := map[auth.Role]string{}
	for r, u := range e.users {
		sessions[r] = e.login(u.Username)
		tokens[r], _ = e.token(u)
	}
	checked := 0
	for _, rt := range e.srv.routes {
		if rt.surface == surfacePublic {
			continue
		}
		for _, own := range []bool{true, false} {
			scope := map[bool]string{true: "own", false: "other"}[own]
			// Anonymous.
			method, p, form, js := e.matrixCase(t, rt, e.users[auth.RoleEditor], own)
			w := e.serve(matrixRequest(method, p, form, js, nil, ""))
			if rt.surface == surfaceAPI {
				if w.Code != http.StatusUnauthorized || !strings.Contains(w.Body.String(), `"code":"unauthorized"`) {
					t.Errorf("%s anonymous %s: got %d %s, want 401 JSON", rt.pattern, scope, w.Code, w.Body.String())
				}
			} else if loc := w.Header().Get("Location"); w.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/login") {
				t.Errorf("%s anonymous %s: got %d Location %q, want redirect to login", rt.pattern, scope, w.Code, loc)
			}
			for _, role := range auth.Roles() {
				u := e.users[role]
				method, p, form, js := e.matrixCase(t, rt, u, own)
				cookies, bearer := sessions[role], ""
				if rt.surface == surfaceAPI {
					cookies, bearer = nil, tokens[role]
				}
				if rt.pattern == "POST /admin/logout" || rt.pattern == "POST /admin/password" {
					cookies = e.login(u.Username) // both renew the session, ending the shared one
				}
				w := e.serve(matrixRequest(method, p, form, js, cookies, bearer))
				if rt.pattern == "POST /admin/password" && w.Code == http.StatusSeeOther {
					// A password change ends the role's other sessions and
					// revokes its tokens: take new ones for the cases after.
					sessions[role] = e.login(u.Username)
					tokens[role], _ = e.token(u)
				}
				want := expectAllowed(rt, role, own)
				got := w.Code == http.StatusOK || w.Code == http.StatusSeeOther || w.Code == http.StatusCreated
				denied := w.Code == http.StatusForbidden || rt.target == targetToken && w.Code == http.StatusNotFound
				if want && !got || !want && !denied {
					t.Errorf("%s as %s on %s body (%s %s): status %d, want allowed=%v\n%.300s",
						rt.pattern, role, scope, method, p, w.Code, want, w.Body.String())
				}
				checked++
			}
		}
	}
	t.Logf("checked %d route × role × body cases", checked)
}

// matrixRequest is a browser request for the console and a plain API
// client's request (no Origin, a bearer token) for the API.
func matrixRequest(method, p string, form url.Values, js string, cookies []*http.Cookie, bearer string) *http.Request {
	r := request(method, p, form, cookies)
	if js != "" {
		r = httptest.NewRequest(method, p, strings.NewReader(js))
		r.Header.Set("Content-Type", "application/json")
	}
	if bearer != "" || strings.HasPrefix(p, "/api/") {
		r.Header.Del("Origin")
		r.Header.Del("Sec-Fetch-Site")
	}
	if bearer != "" {
		r.Header.Set("Authorization", "Bearer "+bearer)
	}
	return r
}
