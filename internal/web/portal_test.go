package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
)

func (e *testEnv) publish(b body.Body, colSlug, title string, published *time.Time) int64 {
	e.t.Helper()
	ctx := context.Background()
	c, err := e.st.ColumnBySlug(ctx, b.ID, colSlug)
	if err != nil {
		e.t.Fatal(err)
	}
	written := time.Date(2026, 3, 1, 0, 0, 0, 0, chinaTime)
	e.seq++
	indexNo := fmt.Sprintf("11341702486344515H/2026-%05d", e.seq)
	id, err := e.st.CreateDocument(ctx, disclosure.Document{BodyID: b.ID, ColumnID: c.ID, Title: title,
		IndexNo: indexNo, DocNo: "城政〔2026〕1号", Publisher: b.Name,
		BodyHTML: "<p>正文内容。</p><script>alert(1)</script>", Written: &written, Published: published})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

func get(e *testEnv, path string) (int, string) {
	w := e.serve(request("GET", path, nil, nil))
	return w.Code, w.Body.String()
}

func TestPortalSingleBody(t *testing.T) {
	e := newTestEnvOn(t, openTestStore(t), false)
	e.root = e.createBody(body.Body{Name: "城关镇人民政府", Kind: body.Township, Slug: "chengguan"})
	code, page := get(e, "/")
	if code != http.StatusOK || !strings.Contains(page, "城关镇人民政府") {
		t.Fatalf("single-body home: %d", code)
	}
	if strings.Contains(page, `name="body"`) {
		t.Errorf("single-body site shows a body switcher")
	}
	assertColumnNav(t, page)
}

// assertColumnNav checks the four fixed sub-columns appear as the
// column navigation, in statutory order.
func assertColumnNav(t *testing.T, page string) {
	t.Helper()
	i := strings.Index(page, `aria-label="政府信息公开栏目"`)
	if i < 0 {
		t.Fatalf("no 政府信息公开 column navigation")
	}
	nav := page[i:]
	nav = nav[:strings.Index(nav, "</nav>")]
	last := -1
	for _, f := range disclosure.FixedSubColumns {
		j := strings.Index(nav, ">"+f.Name+"<")
		if j < 0 || j < last {
			t.Fatalf("sub-column %s missing or out of order in nav", f.Name)
		}
		last = j
	}
}

func TestPortalMultiBody(t *testing.T) {
	e := newTestEnv(t)
	code, page := get(e, "/")
	if code != http.StatusOK || !strings.Contains(page, `<select id="body-pick" name="body">`) {
		t.Fatalf("multi-body home lacks the switcher: %d", code)
	}
	w := e.serve(request("GET", "/?body=hekou", nil, nil))
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/b/hekou/" {
		t.Fatalf("switcher redirect: %d %q", w.Code, w.Header().Get("Location"))
	}
	if code, _ := get(e, "/?body=nowhere"); code != http.StatusNotFound {
		t.Errorf("unknown body in switcher: %d", code)
	}
	code, page = get(e, "/b/chengguan/")
	if code != http.StatusOK {
		t.Fatalf("body portal: %d", code)
	}
	assertColumnNav(t, page)
	if !strings.Contains(page, `<option value="chengguan" selected>`) {
		t.Errorf("header switcher does not preselect the current body")
	}
	if code, _ := get(e, "/b/nowhere/"); code != http.StatusNotFound {
		t.Errorf("unknown body: %d", code)
	}
}

func TestGuideGeneratedFromBodyData(t *testing.T) {
	e := newTestEnv(t)
	code, page := get(e, "/b/chengguan/c/guide/")
	if code != http.StatusOK {
		t.Fatalf("guide: %d", code)
	}
	for _, want := range []string{"城关镇党政办公室", "城关镇解放路 8 号", "0551-87654321", "20 个工作日",
		"主动公开", "依申请公开", "暂未公布", "传真", "邮政编码", "电子邮箱", "办公时间"} {
		if !strings.Contains(page, want) {
			t.Errorf("guide lacks %q", want)
		}
	}
	// Editing the contact changes the guide at once.
	c := e.login("bodyadmin")
	w := e.serve(request("POST", "/admin/bodies/"+itoa(e.a.ID), formOf("office", "城关镇政务公开办", "fax", "0551-99999999"), c))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("edit contact: %d %.300s", w.Code, w.Body.String())
	}
	_, page = get(e, "/b/chengguan/c/guide/")
	if !strings.Contains(page, "0551-99999999") || !strings.Contains(page, "城关镇政务公开办") {
		t.Errorf("guide not updated after contact edit")
	}
	// Invalid input is refused with a Chinese message and keeps the form.
	w = e.serve(request("POST", "/admin/bodies/"+itoa(e.a.ID), formOf("postcode", "12ab", "email", "not-mail"), c))
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "邮政编码应为 6 位数字") {
		t.Errorf("invalid contact: %d", w.Code)
	}
}

func TestColumnAndDocumentPages(t *testing.T) {
	e := newTestEnv(t)
	pub := time.Date(2026, 3, 5, 10, 0, 0, 0, chinaTime)
	for i := range 25 {
		e.publish(e.a, "statutory", "第"+itoa(int64(i+1))+"号通知", &pub)
	}
	id := e.publish(e.a, "rules", "城关镇政府信息公开工作制度", &pub)
	draft := e.publish(e.a, "rules", "未发布的草稿", nil)
	other := e.publish(e.b, "rules", "河口镇文件", &pub)

	code, page := get(e, "/b/chengguan/c/statutory/")
	if code != http.StatusOK || !strings.Contains(page, "第 1 / 2 页，共 25 条") {
		t.Fatalf("column page 1: %d", code)
	}
	if n := strings.Count(page, "号通知</a>"); n != columnPageSize {
		t.Errorf("page 1 lists %d documents, want %d", n, columnPageSize)
	}
	code, page = get(e, "/b/chengguan/c/statutory/?page=2")
	if code != http.StatusOK || strings.Count(page, "号通知</a>") != 5 {
		t.Errorf("page 2: %d", code)
	}
	e.runAll(t, []scenario{
		{name: "page past the end", path: "/b/chengguan/c/statutory/?page=9", status: http.StatusNotFound},
		{name: "unknown column", path: "/b/chengguan/c/no-such-column/", status: http.StatusNotFound},
	})

	code, page = get(e, "/b/chengguan/d/"+itoa(id))
	if code != http.StatusOK {
		t.Fatalf("document: %d", code)
	}
	// The metadata header, in the conventional order, before the title.
	meta := regexp.MustCompile(`(?s)<table class="meta">.*索引号.*11341702486344515H/2026-000\d\d.*主题分类.*发布机构.*城关镇人民政府.*成文日期.*2026-03-01.*文　号.*城政〔2026〕1号.*发布日期.*2026-03-05.*</table>`)
	if !meta.MatchString(page) {
		t.Errorf("document metadata table missing or out of order")
	}
	e.runAll(t, []scenario{
		{name: "document body sanitised", path: "/b/chengguan/d/" + itoa(id), status: http.StatusOK, excludes: []string{"<script>alert"}},
		{name: "draft on the portal", path: "/b/chengguan/d/" + itoa(draft), status: http.StatusNotFound},
		{name: "another body's document under this body", path: "/b/chengguan/d/" + itoa(other), status: http.StatusNotFound},
		{name: "body portal lists the latest documents", path: "/b/chengguan/", status: http.StatusOK,
			contains: []string{"城关镇政府信息公开工作制度"}},
	})
}

func TestPortalCaching(t *testing.T) {
	e := newTestEnv(t)
	w := e.serve(request("GET", "/b/chengguan/", nil, nil))
	etag := w.Header().Get("ETag")
	if etag == "" {
		t.Fatal("portal page without ETag")
	}
	r := request("GET", "/b/chengguan/", nil, nil)
	r.Header.Set("If-None-Match", etag)
	if w := e.serve(r); w.Code != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", w.Code)
	}
	// Static files: versioned URL, long cache, ETag.
	css := e.srv.static.url("site.css")
	w = e.serve(request("GET", css, nil, nil))
	if w.Code != http.StatusOK || !strings.Contains(w.Header().Get("Cache-Control"), "immutable") || w.Header().Get("ETag") == "" {
		t.Fatalf("static: %d %v", w.Code, w.Header())
	}
	if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/css") {
		t.Errorf("css content type %q", w.Header().Get("Content-Type"))
	}
	r = request("GET", css, nil, nil)
	r.Header.Set("If-None-Match", w.Header().Get("ETag"))
	if w := e.serve(r); w.Code != http.StatusNotModified {
		t.Errorf("static revalidation: %d", w.Code)
	}
	// Console pages are never cached.
	w = e.serve(request("GET", "/admin/", nil, e.login("editor")))
	if w.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("console Cache-Control %q", w.Header().Get("Cache-Control"))
	}
}

func formOf(kv ...string) map[string][]string {
	m := map[string][]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = []string{kv[i+1]}
	}
	return m
}

// TestPortalHomeBody: a sysadmin makes one body's portal the front page;
// the directory of all bodies stays at /b/, and only a sysadmin may
// change the setting.
func TestPortalHomeBody(t *testing.T) {
	e := newTestEnv(t)
	set := func(role auth.Role) int {
		w := e.serve(request("POST", "/admin/bodies/"+itoa(e.a.ID)+"/home", url.Values{}, e.login(e.users[role].Username)))
		return w.Code
	}
	if code := set(auth.RoleBodyAdmin); code != http.StatusForbidden {
		t.Fatalf("单位管理员 set the home body: %d, want 403", code)
	}
	if code := set(auth.RoleSysAdmin); code != http.StatusSeeOther {
		t.Fatalf("系统管理员 set the home body: %d, want 303", code)
	}
	code, page := get(e, "/")
	if code != http.StatusOK || !strings.Contains(page, "城关镇人民政府") || strings.Contains(page, `id="body-pick"`) {
		t.Fatalf("front page is not the home body's portal: %d", code)
	}
	assertColumnNav(t, page)
	if !strings.Contains(page, `<option value="chengguan" selected>`) || !strings.Contains(page, `href="/b/"`) {
		t.Errorf("home portal lacks the body switcher or the link to all bodies")
	}
	code, page = get(e, "/b/")
	if code != http.StatusOK || !strings.Contains(page, `id="body-pick"`) || !strings.Contains(page, "河口镇人民政府") {
		t.Errorf("/b/ does not list every body: %d", code)
	}
	entries, err := e.st.Audit(context.Background(), audit.Filter{Action: "portal.home", Limit: 10})
	if err != nil || len(entries) != 1 {
		t.Errorf("audit of portal.home: %v, %d entries", err, len(entries))
	}
}
