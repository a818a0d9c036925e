package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
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
		w := e.serve(request("POST", "/admin/password", c.form, cookies))
		if w.Code != c.wantCode || !strings.Contains(w.Body.String(), c.wantText) {
			t.Fatalf("%s: %d %.200s", c.name, w.Code, w.Body.String())
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
