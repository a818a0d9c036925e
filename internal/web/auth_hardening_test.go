package web

import (
	"context"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/store"
)

// TestAuthorizationMatrixGrantGiving extends the authorization matrix
// to what a grant may give: only within the giver's
// reach, subtree flag included, for new accounts and added grants.
func TestAuthorizationMatrixGrantGiving(t *testing.T) {
	e := newTestEnv(t)
	child := e.createBody(body.Body{ParentID: e.a.ID, Name: "城关镇东村村民委员会", Kind: body.Village, Slug: "dongcun"})
	countyAdmin := e.createUser("county-admin", auth.Grant{Role: auth.RoleBodyAdmin, BodyID: e.root.ID, Subtree: true})
	townAdmin := e.users[auth.RoleBodyAdmin] // 单位管理员 of A only, no subtree
	type grantCase struct {
		role    auth.Role
		bodyID  int64
		subtree bool
	}
	cases := []struct {
		giver auth.User
		grant grantCase
		want  bool
	}{
		{townAdmin, grantCase{auth.RoleEditor, e.a.ID, false}, true},
		{townAdmin, grantCase{auth.RoleEditor, e.a.ID, true}, false},    // the escalation of the issue
		{townAdmin, grantCase{auth.RoleBodyAdmin, e.a.ID, true}, false}, // nor for an administrator
		{townAdmin, grantCase{auth.RoleEditor, child.ID, false}, false}, // below A is outside a non-subtree grant
		{townAdmin, grantCase{auth.RoleEditor, e.b.ID, false}, false},
		{townAdmin, grantCase{auth.RoleSysAdmin, 0, false}, false},
		{countyAdmin, grantCase{auth.RoleEditor, e.a.ID, true}, true},
		{countyAdmin, grantCase{auth.RoleBodyAdmin, e.root.ID, true}, true},
		{countyAdmin, grantCase{auth.RoleSupervisor, child.ID, true}, true},
		{countyAdmin, grantCase{auth.RoleSysAdmin, 0, false}, false},
		{e.users[auth.RoleSysAdmin], grantCase{auth.RoleBodyAdmin, e.root.ID, true}, true},
	}
	for _, c := range cases {
		form := url.Values{"role": {string(c.grant.role)}}
		if c.grant.bodyID != 0 {
			form.Set("body_id", itoa(c.grant.bodyID))
		}
		if c.grant.subtree {
			form.Set("subtree", "1")
		}
		cookies := e.login(c.giver.Username)
		// Creating an account with the grant.
		create := url.Values{"username": {"g" + e.unique()}, "display_name": {"新同事"}, "password": {testPassword}}
		for k, v := range form {
			create[k] = v
		}
		w := e.serve(request("POST", "/admin/users", create, cookies))
		if got := w.Code == http.StatusSeeOther; got != c.want || !got && w.Code != http.StatusForbidden {
			t.Errorf("%s creates %+v: status %d, want allowed=%v", c.giver.Username, c.grant, w.Code, c.want)
		}
		// Adding the grant to an account the giver manages.
		target := e.createUser("t"+e.unique(), auth.Grant{Role: auth.RoleEditor, BodyID: e.a.ID})
		w = e.serve(request("POST", "/admin/users/"+itoa(target.ID)+"/grants", form, cookies))
		if got := w.Code == http.StatusSeeOther; got != c.want || !got && w.Code != http.StatusForbidden {
			t.Errorf("%s adds %+v: status %d, want allowed=%v", c.giver.Username, c.grant, w.Code, c.want)
		}
		grants, _ := e.st.Grants(context.Background(), target.ID)
		if !c.want && len(grants) != 1 {
			t.Errorf("%s adds %+v: refused, yet grants are %+v", c.giver.Username, c.grant, grants)
		}
	}
	// The form does not offer what the giver cannot give.
	e.runAll(t, []scenario{
		{name: "new-account form of an administrator without subtree reach", path: "/admin/users/new",
			session: e.login(townAdmin.Username), status: http.StatusOK, excludes: []string{`name="subtree"`}},
		{name: "new-account form of an administrator of a subtree", path: "/admin/users/new",
			session: e.login(countyAdmin.Username), status: http.StatusOK, contains: []string{`name="subtree"`}},
	})
}

// TestConcurrentLoginAttemptsCountedBeforeHashing: 40 attempts on one
// account from one address at once (item 5). The 39 wrong ones are held
// inside the password check, so none has failed yet when the right
// password arrives beside them: counted only after hashing, it would get
// in; counted before, it is refused, and no more than the limit were
// hashed at all. On both databases.
func TestConcurrentLoginAttemptsCountedBeforeHashing(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) {
		e := newTestEnvOn(t, st, true)
		e.srv.hashSlots = newSlots(64, hashWait) // let every admitted attempt reach the check at once
		var hashed atomic.Int32
		release := make(chan struct{})
		check := e.srv.passwordCheck
		e.srv.passwordCheck = func(hash, pw string) (bool, error) {
			hashed.Add(1)
			if pw != testPassword {
				<-release
			}
			return check(hash, pw)
		}
		login := func(pw string) int {
			return e.serve(request("POST", "/admin/login", url.Values{"username": {"editor"}, "password": {pw}}, nil)).Code
		}
		codes := make(chan int, 39)
		var wg sync.WaitGroup
		for i := range 39 {
			wg.Go(func() { codes <- login("wrong-password-" + itoa(int64(i))) })
		}
		// Wait until every wrong attempt is either refused or held in the check.
		refused := 0
		for refused+int(hashed.Load()) < 39 {
			select {
			case c := <-codes:
				if c != http.StatusTooManyRequests {
					t.Fatalf("an attempt finished while the checks were held: %d", c)
				}
				refused++
			case <-time.After(10 * time.Millisecond):
			}
		}
		right := login(testPassword)
		close(release)
		wg.Wait()
		if n := hashed.Load(); n > auth.LoginPairLimit {
			t.Errorf("%d of 40 concurrent attempts were hashed, want at most %d", n, auth.LoginPairLimit)
		}
		if right != http.StatusTooManyRequests {
			t.Errorf("the right password beside 39 wrong ones in flight: status %d, want 429", right)
		}
		if c := login(testPassword); c != http.StatusTooManyRequests {
			t.Errorf("the right password after the burst: status %d, want 429", c)
		}
	})
}

// TestPasswordHashingCapped: argon2 work never runs more than the
// configured number of checks at once, whatever arrives (item 5).
func TestPasswordHashingCapped(t *testing.T) {
	e := newTestEnv(t)
	e.srv.hashSlots = newSlots(2, hashWait)
	var running, most atomic.Int32
	check := e.srv.passwordCheck
	e.srv.passwordCheck = func(hash, pw string) (bool, error) {
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		defer running.Add(-1)
		time.Sleep(5 * time.Millisecond)
		return check(hash, pw)
	}
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Go(func() {
			r := request("POST", "/admin/login", url.Values{"username": {"nobody-" + itoa(int64(i))}, "password": {"x-wrong-password"}}, nil)
			r.RemoteAddr = "198.51.100." + itoa(int64(i)) + ":1000"
			e.serve(r)
		})
	}
	wg.Wait()
	if most.Load() != 2 {
		t.Errorf("at most %d password checks ran at once, want exactly the cap 2", most.Load())
	}
}

// TestLoginLockIsPerAddress: failures from one address lock that
// address out of the account, not the account's owner elsewhere (item 6).
func TestLoginLockIsPerAddress(t *testing.T) {
	e := newTestEnv(t)
	attempt := func(addr, pw string) int {
		r := request("POST", "/admin/login", url.Values{"username": {"SysAdmin"}, "password": {pw}}, nil)
		r.RemoteAddr = addr + ":4000"
		return e.serve(r).Code
	}
	for range auth.LoginPairLimit {
		if c := attempt("203.0.113.66", "wrong-password"); c != http.StatusUnauthorized {
			t.Fatalf("failure: status %d", c)
		}
	}
	if c := attempt("203.0.113.66", testPassword); c != http.StatusTooManyRequests {
		t.Errorf("the guessing address: status %d, want 429", c)
	}
	if c := attempt("192.0.2.10", testPassword); c != http.StatusSeeOther {
		t.Errorf("the owner from another address: status %d, want 303 (signed in)", c)
	}
}

// TestTrustedProxiesSeparateVisitors: behind a trusted balancer, the
// per-address login limit applies to each visitor, not the balancer.
func TestTrustedProxiesSeparateVisitors(t *testing.T) {
	st := openTestStore(t)
	srv := newTestServer(t, Options{Store: st, Sessions: st.Sessions(),
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}})
	e := &testEnv{t: t, st: st, srv: srv, h: srv.handler(), users: map[auth.Role]auth.User{}}
	e.createUser("visitor-account")
	via := func(xff, user string) int {
		r := request("POST", "/admin/login", url.Values{"username": {user}, "password": {"wrong-password"}}, nil)
		r.RemoteAddr = "10.0.0.2:5555"
		r.Header.Set("X-Forwarded-For", "203.0.113.200, "+xff)
		return e.serve(r).Code
	}
	for i := range auth.LoginAddressLimit {
		if c := via("198.51.100.1", "nobody"+itoa(int64(i))); c != http.StatusUnauthorized {
			t.Fatalf("abuser attempt %d: %d", i, c)
		}
	}
	if c := via("198.51.100.1", "nobody-more"); c != http.StatusTooManyRequests {
		t.Errorf("abuser not throttled: %d", c)
	}
	if c := via("198.51.100.2", "visitor-account"); c != http.StatusUnauthorized {
		t.Errorf("another visitor behind the same balancer: %d, want 401 (checked, not throttled)", c)
	}
}

// TestPasswordChangeEndsOtherSessionsAndTokens (item 7).
func TestPasswordChangeEndsOtherSessionsAndTokens(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) {
		e := newTestEnvOn(t, st, true)
		u := e.users[auth.RoleEditor]
		here, elsewhere := e.login(u.Username), e.login(u.Username)
		secret, _ := e.token(u)
		if _, err := e.st.CreateToken(context.Background(), auth.Token{UserID: u.ID, Name: "数据同步", Hash: "unused-hash"}); err != nil {
			t.Fatal(err)
		}
		const next = "another-long-phrase-7"
		w := e.serve(request("POST", "/admin/password", url.Values{"current": {testPassword}, "new": {next}, "confirm": {next}}, here))
		if w.Code != http.StatusSeeOther {
			t.Fatalf("password change: %d %.300s", w.Code, w.Body.String())
		}
		here = sessionCookies(w)
		page := e.serve(request("GET", "/admin/", nil, here))
		if page.Code != http.StatusOK {
			t.Fatalf("the changing session was ended too: %d", page.Code)
		}
		if body := page.Body.String(); !strings.Contains(body, "数据同步") || !strings.Contains(body, "其他地方的登录已全部退出") {
			t.Errorf("the notice does not name the revoked tokens: %.2000s", body)
		}
		if w := e.serve(request("GET", "/admin/", nil, elsewhere)); w.Code != http.StatusSeeOther ||
			!strings.HasPrefix(w.Header().Get("Location"), "/admin/login") {
			t.Errorf("the other session survived the change: %d %s", w.Code, w.Header().Get("Location"))
		}
		r := request("GET", "/api/v1/bodies/"+itoa(e.a.ID)+"/report/2026", nil, nil)
		r.Header.Set("Authorization", "Bearer "+secret)
		if w := e.serve(r); w.Code != http.StatusUnauthorized {
			t.Errorf("an API token survived the change: %d", w.Code)
		}
	})
}

// TestTokenMinting: a token cannot mint tokens, and a session needs a
// password typed within the last ten minutes (item 7).
func TestTokenMinting(t *testing.T) {
	e := newTestEnv(t)
	u := e.users[auth.RoleEditor]
	secret, _ := e.token(u)
	r := request("POST", "/admin/tokens", url.Values{"name": {"再造一个"}}, nil)
	r.Header.Set("Authorization", "Bearer "+secret)
	if w := e.serve(r); w.Code != http.StatusForbidden {
		t.Errorf("a token minted a token: %d", w.Code)
	}

	now := time.Now()
	var mu sync.Mutex
	e.srv.now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	cookies := e.login(u.Username)
	if w := e.serve(request("POST", "/admin/tokens", url.Values{"name": {"刚登录"}}, cookies)); w.Code != http.StatusOK {
		t.Fatalf("fresh session could not create a token: %d", w.Code)
	}
	mu.Lock()
	now = now.Add(recentPassword + time.Minute)
	mu.Unlock()
	page := e.serve(request("GET", "/admin/tokens", nil, cookies))
	if !strings.Contains(page.Body.String(), `name="password"`) {
		t.Error("the token form does not ask for the password after ten minutes")
	}
	for _, c := range []struct {
		pw   string
		want int
	}{{"", http.StatusUnprocessableEntity}, {"wrong-password", http.StatusUnprocessableEntity}, {testPassword, http.StatusOK}} {
		w := e.serve(request("POST", "/admin/tokens", url.Values{"name": {"过了一阵"}, "password": {c.pw}}, cookies))
		if w.Code != c.want {
			t.Errorf("password %q: status %d, want %d", c.pw, w.Code, c.want)
		}
	}
	tokens, _ := e.st.Tokens(context.Background(), u.ID)
	if len(tokens) != 3 { // the test's own, 刚登录 and the one after re-entry
		t.Errorf("%d tokens, want 3", len(tokens))
	}
}

// TestPasswordPolicyOnForms: the rule is on the forms before anything
// is typed, and the forms apply it with the account's and body's names
// (item 8).
func TestPasswordPolicyOnForms(t *testing.T) {
	e := newTestEnv(t)
	admin := e.login("bodyadmin")
	var scs []scenario
	for _, p := range []string{"/admin/password", "/admin/users/new"} {
		scs = append(scs, scenario{name: p + " shows the password rule", path: p, session: admin, status: http.StatusOK,
			contains: []string{auth.PasswordRule}})
	}
	for _, pw := range []string{"aaaaaaaaaa", "1234567890", "password12", "城关镇人民政府2026", "new-staff-7-secret"} {
		scs = append(scs, scenario{name: "new account with password " + pw, method: "POST", path: "/admin/users", session: admin,
			form:   url.Values{"username": {"new-staff-7"}, "display_name": {"新同事"}, "password": {pw}, "role": {"editor"}, "body_id": {itoa(e.a.ID)}},
			status: http.StatusUnprocessableEntity})
	}
	scs = append(scs, scenario{name: "own username in the new password", method: "POST", path: "/admin/password", session: e.login("editor"),
		form:   url.Values{"current": {testPassword}, "new": {"Editor-2026-xyz"}, "confirm": {"Editor-2026-xyz"}},
		status: http.StatusUnprocessableEntity, contains: []string{"不能包含用户名"}})
	e.runAll(t, scs)
}

// TestUsernameTakenInAnyCase: a new account may not differ from an
// existing one only in case or width (item 9).
func TestUsernameTakenInAnyCase(t *testing.T) {
	e := newTestEnv(t)
	admin := e.login("sysadmin")
	for _, name := range []string{"EDITOR", "Editor"} {
		e.run(t, scenario{name: "username " + name + " beside editor", method: "POST", path: "/admin/users", session: admin,
			form:   url.Values{"username": {name}, "display_name": {"冒名"}, "password": {testPassword}, "role": {"editor"}, "body_id": {itoa(e.a.ID)}},
			status: http.StatusUnprocessableEntity, contains: []string{"用户名已存在"}})
	}
	// Signing in folds the same way.
	if w := e.serve(request("POST", "/admin/login", url.Values{"username": {"EDITOR"}, "password": {testPassword}}, nil)); w.Code != http.StatusSeeOther {
		t.Errorf("login as EDITOR: %d", w.Code)
	}
}
