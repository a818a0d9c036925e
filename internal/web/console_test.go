package web

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
)

// A supervisor with a subtree grant on the county reads every body
// below it but changes nothing.
func TestSupervisorReadsSubtree(t *testing.T) {
	e := newTestEnv(t)
	e.createUser("watcher", auth.Grant{Role: auth.RoleSupervisor, BodyID: e.root.ID, Subtree: true})
	c := e.login("watcher")
	e.runAll(t, []scenario{
		{name: "supervisor's body list", path: "/admin/bodies", session: c, status: http.StatusOK,
			contains: []string{"江北县人民政府", "城关镇人民政府", "河口镇人民政府"}},
		{name: "supervisor view of a body below", path: "/admin/bodies/" + itoa(e.b.ID), session: c, status: http.StatusOK,
			excludes: []string{"修改联系信息"}},
		{name: "supervisor edits a body", method: "POST", path: "/admin/bodies/" + itoa(e.b.ID), session: c,
			form: formOf("office", "x"), status: http.StatusForbidden},
		{name: "supervisor opens account management", path: "/admin/users", session: c, status: http.StatusForbidden},
		// The console navigation offers only what the role may open.
		{name: "supervisor's navigation", path: "/admin/", session: c, status: http.StatusOK,
			excludes: []string{`href="/admin/users"`, `href="/admin/audit"`}},
	})
}

func TestConsoleFormsValidate(t *testing.T) {
	e := newTestEnv(t)
	c := e.login("bodyadmin")
	w := e.serve(request("POST", "/admin/bodies/"+itoa(e.a.ID)+"/children",
		formOf("name", "", "kind", "county", "slug", "Bad Slug"), c))
	page := w.Body.String()
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(page, "单位名称不能为空") || !strings.Contains(page, "网址标识") {
		t.Errorf("invalid body: %d %.400s", w.Code, page)
	}
	w = e.serve(request("POST", "/admin/bodies/"+itoa(e.a.ID)+"/children",
		formOf("name", "重复", "kind", "village", "slug", "hekou"), c))
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "已被其他单位使用") {
		t.Errorf("duplicate slug: %d", w.Code)
	}
	w = e.serve(request("POST", "/admin/users", formOf("username", "editor", "display_name", "",
		"password", "short", "role", "editor", "body_id", itoa(e.a.ID)), c))
	page = w.Body.String()
	for _, want := range []string{"用户名已存在", "请填写姓名", "密码至少需要"} {
		if !strings.Contains(page, want) {
			t.Errorf("user form lacks %q (status %d)", want, w.Code)
		}
	}
	// A new account can sign in with the password given.
	w = e.serve(request("POST", "/admin/users", formOf("username", "xiaoli", "display_name", "小李",
		"password", "a-long-password", "role", "handler", "body_id", itoa(e.a.ID)), c))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("create user: %d %.300s", w.Code, w.Body.String())
	}
	w = e.serve(request("POST", "/admin/login", formOf("username", "xiaoli", "password", "a-long-password"), nil))
	if w.Code != http.StatusSeeOther {
		t.Errorf("new account cannot sign in: %d", w.Code)
	}
	// Nobody disables themselves.
	if w := e.serve(request("POST", "/admin/users/"+itoa(e.users[auth.RoleBodyAdmin].ID)+"/disable", formOf(), c)); w.Code != http.StatusConflict {
		t.Errorf("self-disable: %d", w.Code)
	}
}

func TestTokenSecretShownOnce(t *testing.T) {
	e := newTestEnv(t)
	c := e.login("handler")
	w := e.serve(request("POST", "/admin/tokens", formOf("name", "对接系统"), c))
	page := w.Body.String()
	i := strings.Index(page, `<code class="secret-value">`)
	if w.Code != http.StatusOK || i < 0 {
		t.Fatalf("token creation page: %d", w.Code)
	}
	secret := page[i+len(`<code class="secret-value">`):]
	secret = secret[:strings.Index(secret, "<")]
	if !strings.HasPrefix(secret, auth.TokenPrefix) {
		t.Fatalf("secret %q", secret)
	}
	if w := apiCall(e, "GET", "/api/v1/me", secret, ""); w.Code != http.StatusOK {
		t.Errorf("new token rejected by the API: %d", w.Code)
	}
	if w := e.serve(request("GET", "/admin/tokens", nil, c)); strings.Contains(w.Body.String(), secret) {
		t.Errorf("secret shown again on the token list")
	}
}

func TestAuditPagination(t *testing.T) {
	e := newTestEnv(t)
	for i := range auditPageSize + 5 {
		if err := e.st.AppendAudit(t.Context(), audit.Entry{At: time.Now(), Username: "x", Action: "body.edit",
			BodyID: e.a.ID, Detail: "第" + itoa(int64(i)) + "次"}); err != nil {
			t.Fatal(err)
		}
	}
	c := e.login("bodyadmin")
	w := e.serve(request("GET", "/admin/audit?action=body.edit", nil, c))
	page := w.Body.String()
	if n := strings.Count(page, "<tr>") - 1; n != auditPageSize {
		t.Fatalf("first page has %d rows, want %d", n, auditPageSize)
	}
	m := regexp.MustCompile(`href="(/admin/audit\?[^"]*before=[^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no link to earlier entries")
	}
	w = e.serve(request("GET", html.UnescapeString(m[1]), nil, c))
	if n := strings.Count(w.Body.String(), "<tr>") - 1; n != 5 {
		t.Errorf("second page has %d rows, want 5", n)
	}
	secret, _ := e.token(e.users[auth.RoleBodyAdmin])
	p := decode[apiAuditPage](t, apiCall(e, "GET", "/api/v1/audit?limit=50&action=body.edit", secret, ""))
	if len(p.Items) != 50 || p.NextBefore == 0 {
		t.Fatalf("API audit page: %d items, next %d", len(p.Items), p.NextBefore)
	}
	p = decode[apiAuditPage](t, apiCall(e, "GET", "/api/v1/audit?limit=50&action=body.edit&before="+itoa(p.NextBefore), secret, ""))
	if len(p.Items) != 5 || p.NextBefore != 0 {
		t.Errorf("API audit page 2: %d items, next %d", len(p.Items), p.NextBefore)
	}
}
