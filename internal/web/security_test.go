package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
)

func TestCrossOriginProtection(t *testing.T) {
	e := newTestEnv(t)
	cookies := e.login("sysadmin")
	secret, _ := e.token(e.users[auth.RoleSysAdmin])
	_, spare := e.token(e.users[auth.RoleSysAdmin])
	form := url.Values{"name": {"跨站测试"}}
	cases := []struct {
		name    string
		prepare func(r *http.Request)
		want    int
	}{
		{"same origin form post", func(r *http.Request) {}, http.StatusOK},
		{"cross-site by Sec-Fetch-Site", func(r *http.Request) {
			r.Header.Set("Sec-Fetch-Site", "cross-site")
			r.Header.Set("Origin", "https://evil.example")
		}, http.StatusForbidden},
		{"cross-origin by Origin (old browser)", func(r *http.Request) {
			r.Header.Del("Sec-Fetch-Site")
			r.Header.Set("Origin", "https://evil.example")
		}, http.StatusForbidden},
		{"cookie without any origin header", func(r *http.Request) {
			r.Header.Del("Sec-Fetch-Site")
			r.Header.Del("Origin")
		}, http.StatusForbidden},
		{"bearer token without origin headers", func(r *http.Request) {
			r.Header.Del("Sec-Fetch-Site")
			r.Header.Del("Origin")
			r.Header.Set("Authorization", "Bearer "+secret)
		}, http.StatusSeeOther},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := request("POST", "/admin/tokens", form, cookies)
			if strings.Contains(c.name, "bearer") {
				// A token may not mint tokens, so the bearer case revokes one.
				r = request("POST", "/admin/tokens/"+itoa(spare)+"/revoke", url.Values{}, nil)
			}
			c.prepare(r)
			w := e.serve(r)
			if w.Code != c.want {
				t.Fatalf("status %d, want %d: %.200s", w.Code, c.want, w.Body.String())
			}
			if c.want == http.StatusForbidden && !strings.Contains(w.Body.String(), "请求来源无法验证") {
				t.Errorf("rejection page lacks the Chinese explanation: %.300s", w.Body.String())
			}
		})
	}
	// A cross-site PATCH to the API with the session cookie is refused
	// too, as JSON.
	r := request("PATCH", "/api/v1/bodies/1", nil, cookies)
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	r.Header.Set("Origin", "https://evil.example")
	w := e.serve(r)
	if w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), `"code":"cross_origin"`) {
		t.Fatalf("API cross-site PATCH: %d %s", w.Code, w.Body.String())
	}
}

func TestSessionRenewedAtLoginAndLogout(t *testing.T) {
	e := newTestEnv(t)
	first := e.login("editor")
	if len(first) != 1 {
		t.Fatalf("want one session cookie, got %v", first)
	}
	c := first[0]
	if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
		t.Errorf("session cookie flags: HttpOnly=%v SameSite=%v", c.HttpOnly, c.SameSite)
	}
	// Signing in again on the same browser must not keep the old token.
	w := e.serve(request("POST", "/admin/login", url.Values{"username": {"reviewer"}, "password": {testPassword}}, first))
	second := sessionCookies(w)
	if w.Code != http.StatusSeeOther || len(second) != 1 || second[0].Value == c.Value {
		t.Fatalf("login did not renew the session token: %d %v", w.Code, second)
	}
	// The old token is gone from the store.
	if w := e.serve(request("GET", "/admin/", nil, first)); w.Code != http.StatusSeeOther {
		t.Errorf("old session still signed in: %d", w.Code)
	}
	if w := e.serve(request("GET", "/admin/", nil, second)); w.Code != http.StatusOK {
		t.Fatalf("new session not signed in: %d", w.Code)
	}
	// Logout renews again and signs out.
	w = e.serve(request("POST", "/admin/logout", url.Values{}, second))
	third := sessionCookies(w)
	if w.Code != http.StatusSeeOther || len(third) != 1 || third[0].Value == second[0].Value {
		t.Fatalf("logout did not renew the session token: %d %v", w.Code, third)
	}
	if w := e.serve(request("GET", "/admin/", nil, third)); w.Code != http.StatusSeeOther {
		t.Errorf("still signed in after logout: %d", w.Code)
	}
	if w := e.serve(request("GET", "/admin/login", nil, third)); !strings.Contains(w.Body.String(), "您已安全退出") {
		t.Errorf("login page after logout lacks the notice")
	}
}

func TestSecureCookieOption(t *testing.T) {
	st := openTestStore(t)
	h, err := New(Options{Store: st, Sessions: st.Sessions(), SecureCookies: true})
	if err != nil {
		t.Fatal(err)
	}
	e := &testEnv{t: t, st: st, h: h}
	e.createUser("admin", auth.Grant{Role: auth.RoleSysAdmin})
	c := e.login("admin")
	if len(c) != 1 || !c[0].Secure {
		t.Fatalf("cookie not Secure with SecureCookies: %v", c)
	}
}

func TestLoginThrottling(t *testing.T) {
	st := openTestStore(t)
	e1 := newTestEnvOn(t, st, true)
	// A second instance over the same database: throttling must hold
	// across instances, so it sees the first one's failures.
	e2 := newTestEnvOn(t, st, false)
	bad := url.Values{"username": {"editor"}, "password": {"wrong-password-1"}}
	for i := range auth.LoginPairLimit {
		w := e1.serve(request("POST", "/admin/login", bad, nil))
		if w.Code != http.StatusUnauthorized {
			t.Fatalf("failure %d: status %d", i+1, w.Code)
		}
	}
	good := url.Values{"username": {"editor"}, "password": {testPassword}}
	for name, e := range map[string]*testEnv{"same instance": e1, "other instance": e2} {
		w := e.serve(request("POST", "/admin/login", good, nil))
		if w.Code != http.StatusTooManyRequests {
			t.Fatalf("%s: status %d after %d failures, want 429", name, w.Code, auth.LoginPairLimit)
		}
		if !strings.Contains(w.Body.String(), "登录失败次数过多") {
			t.Errorf("%s: 429 page lacks the Chinese message", name)
		}
	}
	// Another account from another address is not affected.
	r := request("POST", "/admin/login", url.Values{"username": {"reviewer"}, "password": {testPassword}}, nil)
	r.RemoteAddr = "198.51.100.7:4000"
	if w := e2.serve(r); w.Code != http.StatusSeeOther {
		t.Fatalf("unrelated login refused: %d", w.Code)
	}
	// Per address: many accounts tried from one address.
	for i := range auth.LoginAddressLimit {
		r := request("POST", "/admin/login", url.Values{"username": {"nobody" + e1.unique()}, "password": {"x-wrong-password"}}, nil)
		r.RemoteAddr = "203.0.113.9:5000"
		if w := e1.serve(r); w.Code != http.StatusUnauthorized {
			t.Fatalf("address failure %d: %d", i, w.Code)
		}
	}
	r = request("POST", "/admin/login", url.Values{"username": {"supervisor"}, "password": {testPassword}}, nil)
	r.RemoteAddr = "203.0.113.9:5001"
	if w := e2.serve(r); w.Code != http.StatusTooManyRequests {
		t.Fatalf("address throttle: %d, want 429", w.Code)
	}
}

// TestAuditTrail performs every privileged action once and checks each
// left an entry saying who, what and from where.
func TestAuditTrail(t *testing.T) {
	e := newTestEnv(t)
	admin := e.users[auth.RoleSysAdmin]
	e.serve(request("POST", "/admin/login", url.Values{"username": {"sysadmin"}, "password": {"wrong-password-x"}}, nil))
	c := e.login("sysadmin")
	target := e.createUser("target", auth.Grant{Role: auth.RoleEditor, BodyID: e.a.ID})
	tid := itoa(target.ID)
	steps := []struct {
		path string
		form url.Values
	}{
		{"/admin/bodies/" + itoa(e.a.ID), url.Values{"office": {"党政办"}, "fax": {"0551-000"}}},
		{"/admin/bodies/" + itoa(e.a.ID) + "/children", url.Values{"name": {"东村村委会"}, "kind": {"village"}, "slug": {"dongcun"}}},
		{"/admin/users", url.Values{"username": {"newbie"}, "display_name": {"新人"}, "password": {testPassword}, "role": {"editor"}, "body_id": {itoa(e.a.ID)}}},
		{"/admin/users/" + tid + "/disable", url.Values{}},
		{"/admin/users/" + tid + "/enable", url.Values{}},
		{"/admin/users/" + tid + "/grants", url.Values{"role": {"reviewer"}, "body_id": {itoa(e.b.ID)}}},
		{"/admin/tokens", url.Values{"name": {"同步"}}},
	}
	for _, s := range steps {
		if w := e.serve(request("POST", s.path, s.form, c)); w.Code != http.StatusSeeOther && w.Code != http.StatusOK {
			t.Fatalf("POST %s: %d %.300s", s.path, w.Code, w.Body.String())
		}
	}
	ctx := context.Background()
	grants, _ := e.st.Grants(ctx, target.ID)
	tokens, _ := e.st.Tokens(ctx, admin.ID)
	for _, p := range []string{"/admin/users/" + tid + "/grants/" + itoa(grants[len(grants)-1].ID) + "/delete",
		"/admin/tokens/" + itoa(tokens[0].ID) + "/revoke", "/admin/logout"} {
		if w := e.serve(request("POST", p, url.Values{}, c)); w.Code != http.StatusSeeOther {
			t.Fatalf("POST %s: %d", p, w.Code)
		}
	}
	entries, err := e.st.Audit(ctx, audit.Filter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, en := range entries {
		actions = append(actions, en.Action)
		if en.Remote == "" || en.At.IsZero() || en.Username == "" {
			t.Errorf("entry %s lacks who/when/where: %+v", en.Action, en)
		}
	}
	for _, want := range []string{"login.fail", "login.ok", "body.edit", "body.create", "user.create", "user.disable",
		"user.enable", "grant.add", "grant.remove", "token.create", "token.revoke", "logout"} {
		if !slices.Contains(actions, want) {
			t.Errorf("no audit entry %q; have %v", want, actions)
		}
	}
	// The log browser shows them, in Chinese.
	c = e.login("sysadmin")
	w := e.serve(request("GET", "/admin/audit", nil, c))
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "授予角色") {
		t.Errorf("audit page: %d", w.Code)
	}
	// A 单位管理员 of A sees A's entries but not B's grant.
	e.run(t, scenario{name: "body admin's audit log", path: "/admin/audit?action=grant.add", session: e.login("bodyadmin"),
		status: http.StatusOK, excludes: []string{"河口镇"}})
}

func TestBodyAdminCannotGrantSysadmin(t *testing.T) {
	e := newTestEnv(t)
	c := e.login("bodyadmin")
	target := e.createUser("t1", auth.Grant{Role: auth.RoleEditor, BodyID: e.a.ID})
	w := e.serve(request("POST", "/admin/users/"+itoa(target.ID)+"/grants", url.Values{"role": {"sysadmin"}}, c))
	if w.Code != http.StatusForbidden {
		t.Fatalf("body admin granted sysadmin: %d", w.Code)
	}
	w = e.serve(request("POST", "/admin/users", url.Values{"username": {"boss"}, "display_name": {"x"},
		"password": {testPassword}, "role": {"sysadmin"}}, c))
	if w.Code != http.StatusForbidden {
		t.Fatalf("body admin created a sysadmin: %d", w.Code)
	}
	// A sysadmin may.
	w = e.serve(request("POST", "/admin/users/"+itoa(target.ID)+"/grants", url.Values{"role": {"sysadmin"}}, e.login("sysadmin")))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("sysadmin could not grant sysadmin: %d %.300s", w.Code, w.Body.String())
	}
	// Now the target is a sysadmin, the body admin can no longer manage it.
	if w := e.serve(request("GET", "/admin/users/"+itoa(target.ID), nil, c)); w.Code != http.StatusForbidden {
		t.Fatalf("body admin manages a sysadmin: %d", w.Code)
	}
}

func TestClientAddrBehindTrustedProxy(t *testing.T) {
	s := &server{trustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}
	cases := []struct{ remote, xff, want string }{
		{"192.0.2.1:1234", "", "192.0.2.1"},
		{"192.0.2.1:1234", "198.51.100.1", "192.0.2.1"},                          // untrusted peer: header ignored
		{"10.0.0.5:1234", "198.51.100.1", "198.51.100.1"},                        // trusted proxy
		{"10.0.0.5:1234", "203.0.113.9, 198.51.100.1, 10.0.0.7", "198.51.100.1"}, // spoofed left part ignored
		{"10.0.0.5:1234", "garbage", "10.0.0.5"},
		{"[::ffff:10.0.0.5]:1234", "198.51.100.2", "198.51.100.2"},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.remote
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		if got := s.clientAddr(r); got != c.want {
			t.Errorf("remote %s xff %q: got %s, want %s", c.remote, c.xff, got, c.want)
		}
	}
}

func TestOtherAuthorizationSchemesFallBackToSession(t *testing.T) {
	e := newTestEnv(t)
	r := request("GET", "/admin/", nil, e.login("editor"))
	r.Header.Set("Authorization", "Basic c3RhZ2luZzpzdGFnaW5n")
	if w := e.serve(r); w.Code != http.StatusOK {
		t.Errorf("Basic auth from a proxy broke the console: %d", w.Code)
	}
}
