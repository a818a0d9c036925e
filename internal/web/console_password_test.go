package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/store"
)

func TestPasswordChange(t *testing.T) {
	e := newTestEnv(t)
	u := e.users[auth.RoleEditor]
	const next = "a-new-long-password"
	cases := []struct {
		name     string
		form     url.Values
		wantCode int
		wantText string
	}{
		{"wrong current", url.Values{"current": {"nope"}, "new": {next}, "confirm": {next}}, http.StatusUnprocessableEntity, "当前密码不正确"},
		{"mismatch", url.Values{"current": {testPassword}, "new": {next}, "confirm": {next + "x"}}, http.StatusUnprocessableEntity, "不一致"},
		{"too short", url.Values{"current": {testPassword}, "new": {"short"}, "confirm": {"short"}}, http.StatusUnprocessableEntity, "至少需要"},
		{"ok", url.Values{"current": {testPassword}, "new": {next}, "confirm": {next}}, http.StatusSeeOther, ""},
	}
	for _, c := range cases {
		cookies := e.login(u.Username)
		sc := scenario{name: c.name, method: "POST", path: "/admin/password", session: cookies, form: c.form, status: c.wantCode}
		if c.wantText != "" {
			sc.contains = []string{c.wantText}
		}
		w := e.run(t, sc)
		if t.Failed() {
			t.FailNow() // the later cases build on this one's password
		}
		if c.wantCode == http.StatusSeeOther {
			if renewed := sessionCookies(w); len(renewed) == 0 || renewed[0].Value == cookies[0].Value {
				t.Errorf("%s: session id not renewed", c.name)
			}
		}
	}
	// The new password logs in; the old one no longer does.
	login := func(pw string) int {
		w := e.serve(request("POST", "/admin/login", url.Values{"username": {u.Username}, "password": {pw}}, nil))
		return w.Code
	}
	if code := login(next); code != http.StatusSeeOther {
		t.Errorf("login with the new password: %d", code)
	}
	if code := login(testPassword); code == http.StatusSeeOther {
		t.Errorf("the old password still logs in")
	}
}

// TestOneTimePasswordMustBeChanged: an account whose password is a
// one-time password reaches nothing in the console but the password page
// (and logout) until it sets its own; its API tokens, the portal and
// other accounts are unaffected.
func TestOneTimePasswordMustBeChanged(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) { testOneTimePassword(t, newTestEnvOn(t, st, true)) })
}

func testOneTimePassword(t *testing.T, e *testEnv) {
	ctx := context.Background()
	// The routes left open must exist, or the account would be locked in.
	open := 0
	for _, rt := range e.srv.routeTable() {
		if openBeforePasswordChange(rt.pattern) {
			open++
		}
	}
	if open != 3 {
		t.Errorf("%d routes open before the password change, want 3", open)
	}
	u := auth.User{Username: "newcomer", DisplayName: "新来的", PasswordHash: testHash(), MustChangePassword: true, Created: time.Now()}
	id, err := e.st.CreateUser(ctx, u, []auth.Grant{{Role: auth.RoleBodyAdmin, BodyID: e.a.ID}})
	if err != nil {
		t.Fatal(err)
	}
	u.ID = id
	c := e.login(u.Username)
	toPassword := func(name string, w *httptest.ResponseRecorder) {
		t.Helper()
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/admin/password" {
			t.Errorf("%s: %d to %q, want 303 to /admin/password", name, w.Code, w.Header().Get("Location"))
		}
	}
	for _, p := range []string{"/admin/", "/admin/bodies", "/admin/bodies/" + itoa(e.a.ID) + "/documents", "/admin/users",
		"/admin/tokens", "/admin/audit", "/admin/requests"} {
		toPassword("GET "+p, e.serve(request("GET", p, nil, c)))
	}
	// Forms are turned away before their handler runs: nothing changes.
	toPassword("POST /admin/tokens", e.serve(request("POST", "/admin/tokens", formOf("name", "偷跑"), c)))
	toPassword("POST /admin/users", e.serve(request("POST", "/admin/users", formOf("username", "sneaky", "display_name", "偷建",
		"password", "a-long-password", "role", "editor", "body_id", itoa(e.a.ID)), c)))
	toPassword("POST /admin/bodies/{id}", e.serve(request("POST", "/admin/bodies/"+itoa(e.a.ID), formOf("name", "改名", "office", "偷改"), c)))
	if ts, err := e.st.Tokens(ctx, id); err != nil || len(ts) != 0 {
		t.Errorf("token created with a one-time password: %+v, %v", ts, err)
	}
	if _, err := e.st.UserByName(ctx, "sneaky"); !isNotFound(err) {
		t.Errorf("account created with a one-time password: %v", err)
	}
	if b, err := e.st.Body(ctx, e.a.ID); err != nil || b.Name != e.a.Name || b.Contact.Office != e.a.Contact.Office {
		t.Errorf("body edited with a one-time password: %+v, %v", b, err)
	}
	// The password page explains why; static files and the portal stay open.
	e.run(t, scenario{name: "password page", path: "/admin/password", session: c, status: http.StatusOK,
		contains: []string{"首次登录请先修改密码", "您正在使用一次性密码"}})
	for _, p := range []string{"/static/site.css", "/b/" + e.a.Slug + "/"} {
		if w := e.serve(request("GET", p, nil, c)); w.Code != http.StatusOK {
			t.Errorf("GET %s: %d", p, w.Code)
		}
	}
	// The API: a token of the account works, its browser session does not.
	secret, _ := e.token(u)
	if w := apiCall(e, "GET", "/api/v1/me", secret, ""); w.Code != http.StatusOK {
		t.Errorf("API token of a flagged account: %d %s", w.Code, w.Body.String())
	}
	e.run(t, scenario{name: "API with the session of a flagged account", path: "/api/v1/me", session: c,
		status: http.StatusForbidden, contains: []string{"password_change_required"}})
	// Other accounts are unaffected.
	if w := e.serve(request("GET", "/admin/", nil, e.login(e.users[auth.RoleEditor].Username))); w.Code != http.StatusOK {
		t.Errorf("unflagged account's console: %d", w.Code)
	}
	// Logging out stays possible.
	if w := e.serve(request("POST", "/admin/logout", formOf(), e.login(u.Username))); w.Code != http.StatusSeeOther ||
		w.Header().Get("Location") != "/admin/login" {
		t.Errorf("logout: %d to %q", w.Code, w.Header().Get("Location"))
	}
	// The one-time password itself is no new password.
	e.run(t, scenario{name: "re-entering the one-time password", method: "POST", path: "/admin/password", session: c,
		form:   formOf("current", testPassword, "new", testPassword, "confirm", testPassword),
		status: http.StatusUnprocessableEntity, contains: []string{"不能与一次性密码相同"}})
	const own = "my-very-own-password"
	w := e.serve(request("POST", "/admin/password", formOf("current", testPassword, "new", own, "confirm", own), c))
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/admin/" {
		t.Fatalf("password change: %d to %q %.300s", w.Code, w.Header().Get("Location"), w.Body.String())
	}
	renewed := sessionCookies(w)
	if len(renewed) == 0 || renewed[0].Value == c[0].Value {
		t.Fatal("session id not renewed by the change")
	}
	if got, err := e.st.User(ctx, id); err != nil || got.MustChangePassword {
		t.Errorf("flag after the change: %+v, %v", got, err)
	}
	if w := e.serve(request("GET", "/admin/", nil, renewed)); w.Code != http.StatusOK {
		t.Errorf("console after the change: %d", w.Code)
	}
	if w := e.serve(request("POST", "/admin/tokens", formOf("name", "对接"), renewed)); w.Code != http.StatusOK {
		t.Errorf("token form after the change: %d", w.Code)
	}
	entries, err := e.st.Audit(ctx, audit.Filter{UserID: id, Action: "password.change", Limit: 10})
	if err != nil || len(entries) != 1 || !strings.Contains(entries[0].Detail, "一次性密码") {
		t.Errorf("audit of the forced change: %+v, %v", entries, err)
	}
}

// TestConsoleCreatedPasswordIsOneTime: a password an administrator sets
// for a new account is the holder's to replace.
func TestConsoleCreatedPasswordIsOneTime(t *testing.T) {
	e := newTestEnv(t)
	c := e.login(e.users[auth.RoleBodyAdmin].Username)
	w := e.serve(request("POST", "/admin/users", formOf("username", "xiaozhang", "display_name", "小张",
		"password", "a-long-password", "role", "editor", "body_id", itoa(e.a.ID)), c))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("create user: %d %.300s", w.Code, w.Body.String())
	}
	u, err := e.st.UserByName(context.Background(), "xiaozhang")
	if err != nil || !u.MustChangePassword {
		t.Fatalf("account created in the console: %+v, %v", u, err)
	}
	e.run(t, scenario{name: "account page shows the pending change", path: "/admin/users/" + itoa(u.ID), session: c,
		status: http.StatusOK, contains: []string{"待修改一次性密码"}})
}
