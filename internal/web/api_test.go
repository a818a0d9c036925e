package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
)

func apiCall(e *testEnv, method, path, bearer, body string) *httptest.ResponseRecorder {
	var r *http.Request
	if body != "" {
		r = httptest.NewRequest(method, path, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
	} else {
		r = httptest.NewRequest(method, path, nil)
	}
	if bearer != "" {
		r.Header.Set("Authorization", "Bearer "+bearer)
	}
	return e.serve(r)
}

func decode[T any](t *testing.T, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("response is not JSON (%v): %s", err, w.Body.String())
	}
	return v
}

func TestAPI(t *testing.T) {
	e := newTestEnv(t)
	admin, _ := e.token(e.users[auth.RoleBodyAdmin])

	w := apiCall(e, "GET", "/api/v1/me", admin, "")
	me := decode[apiUser](t, w)
	if w.Code != http.StatusOK || me.Username != "bodyadmin" || me.Via != "token" || len(me.Grants) != 1 {
		t.Fatalf("me: %d %+v", w.Code, me)
	}

	bodies := decode[apiList[apiBodyJSON]](t, apiCall(e, "GET", "/api/v1/bodies", admin, ""))
	if bodies.Total != 1 || bodies.Items[0].Slug != "chengguan" {
		t.Errorf("bodies in scope: %+v", bodies)
	}

	w = apiCall(e, "PATCH", "/api/v1/bodies/"+itoa(e.a.ID), admin, `{"contact":{"fax":"0551-5555555","postcode":"230002"}}`)
	b := decode[apiBodyJSON](t, w)
	if w.Code != http.StatusOK || b.Contact.Fax != "0551-5555555" || b.Contact.Phone != "0551-87654321" {
		t.Fatalf("patch: %d %+v", w.Code, b)
	}
	for _, c := range []struct {
		body, code string
		status     int
	}{
		{`{"contact":{"postcode":"x"}}`, "invalid", http.StatusUnprocessableEntity},
		{`{"contact":{"color":"red"}}`, "bad_json", http.StatusBadRequest},
		{`{}`, "bad_request", http.StatusBadRequest},
		{`not json`, "bad_json", http.StatusBadRequest},
	} {
		w := apiCall(e, "PATCH", "/api/v1/bodies/"+itoa(e.a.ID), admin, c.body)
		er := decode[apiErrorBody](t, w)
		if w.Code != c.status || er.Error.Code != c.code || er.Error.Message == "" {
			t.Errorf("PATCH %s: %d %+v", c.body, w.Code, er)
		}
	}

	cols := decode[apiList[apiColumn]](t, apiCall(e, "GET", "/api/v1/bodies/"+itoa(e.a.ID)+"/columns", admin, ""))
	var statutory int64
	for _, c := range cols.Items {
		if c.Slug == "statutory" {
			statutory = c.ID
		}
	}
	if statutory == 0 {
		t.Fatalf("columns lack 法定主动公开内容: %+v", cols)
	}
	e.publish(e.a, "statutory", "接口测试文件", ptrTime())
	docs := decode[apiList[apiDocument]](t, apiCall(e, "GET", "/api/v1/columns/"+itoa(statutory)+"/documents?limit=5", admin, ""))
	if docs.Total != 1 || docs.Items[0].Title != "接口测试文件" {
		t.Errorf("documents: %+v", docs)
	}
	if w := apiCall(e, "GET", "/api/v1/columns/"+itoa(statutory)+"/documents?limit=1000", admin, ""); w.Code != http.StatusBadRequest {
		t.Errorf("limit over the maximum: %d", w.Code)
	}

	page := decode[apiAuditPage](t, apiCall(e, "GET", "/api/v1/audit", admin, ""))
	if len(page.Items) == 0 || page.Items[0].Action != "body.edit" {
		t.Errorf("audit via API: %+v", page)
	}

	// Errors are JSON with a Chinese message.
	for path, want := range map[string]int{
		"/api/v1/bodies/999999": http.StatusNotFound,
		"/api/v1/bodies/abc":    http.StatusNotFound,
		"/api/v1/nothing":       http.StatusNotFound,
	} {
		w := apiCall(e, "GET", path, admin, "")
		er := decode[apiErrorBody](t, w)
		if w.Code != want || !strings.Contains(er.Error.Message, "不存在") {
			t.Errorf("GET %s: %d %+v", path, w.Code, er)
		}
	}
	if w := apiCall(e, "GET", "/api/v1/me", "gk_not-a-token", ""); w.Code != http.StatusUnauthorized ||
		w.Header().Get("WWW-Authenticate") == "" {
		t.Errorf("bad token: %d", w.Code)
	}
	// A revoked token stops working.
	secret, id := e.token(e.users[auth.RoleEditor])
	if err := e.st.RevokeToken(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	if w := apiCall(e, "GET", "/api/v1/me", secret, ""); w.Code != http.StatusUnauthorized {
		t.Errorf("revoked token: %d", w.Code)
	}
	// The session cookie works for the API as well.
	r := request("GET", "/api/v1/me", nil, e.login("reviewer"))
	if w := e.serve(r); w.Code != http.StatusOK || decode[apiUser](t, w).Via != "session" {
		t.Errorf("session on API: %d", w.Code)
	}
}

func TestDisabledAccountLosesAccess(t *testing.T) {
	e := newTestEnv(t)
	c := e.login("editor")
	secret, _ := e.token(e.users[auth.RoleEditor])
	if err := e.st.SetDisabled(t.Context(), e.users[auth.RoleEditor].ID, true); err != nil {
		t.Fatal(err)
	}
	if w := e.serve(request("GET", "/admin/", nil, c)); w.Code != http.StatusSeeOther {
		t.Errorf("disabled account's session still works: %d", w.Code)
	}
	if w := apiCall(e, "GET", "/api/v1/me", secret, ""); w.Code != http.StatusUnauthorized {
		t.Errorf("disabled account's token still works: %d", w.Code)
	}
	w := e.serve(request("POST", "/admin/login", formOf("username", "editor", "password", testPassword), nil))
	if w.Code != http.StatusUnauthorized {
		t.Errorf("disabled account can log in: %d", w.Code)
	}
}
