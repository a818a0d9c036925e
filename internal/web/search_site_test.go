package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/search"
)

// withSearch gives the test environment a full-text index, as main does.
func (e *testEnv) withSearch() {
	e.t.Helper()
	e.withSearchOptions(search.Options{})
}

func (e *testEnv) withSearchOptions(opt search.Options) {
	e.t.Helper()
	ix, err := search.NewIndex(e.st.DB(), search.SQLite, nil, opt)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.st.UseSearchIndex(context.Background(), ix); err != nil {
		e.t.Fatal(err)
	}
	srv := newTestServer(e.t, Options{Store: e.st, Sessions: e.st.Sessions(), Search: ix})
	e.srv, e.h = srv, srv.handler()
}

// searchDocument makes a document with the given title, text and theme
// and walks it to state, as documentIn does.
func (e *testEnv) searchDocument(bodyID int64, title, text, theme string, state disclosure.State) int64 {
	e.t.Helper()
	ctx := context.Background()
	col, err := e.st.ColumnBySlug(ctx, bodyID, "statutory")
	if err != nil {
		e.t.Fatal(err)
	}
	written := time.Now().AddDate(0, 0, -3)
	html := "<p>" + text + "</p>"
	id, err := e.st.CreateDraft(ctx, disclosure.Document{BodyID: bodyID, ColumnID: col.ID, Title: title, Theme: theme,
		Kind: disclosure.KindOther, Written: &written, Format: disclosure.FormatHTML, Source: html, BodyHTML: html}, fixtureActor)
	if err != nil {
		e.t.Fatal(err)
	}
	if state == disclosure.StateDraft {
		return id
	}
	if err := e.st.SubmitDocument(ctx, id, fixtureActor); err != nil {
		e.t.Fatal(err)
	}
	if err := e.st.ApproveDocument(ctx, id, checkedAll(), fixtureActor); err != nil {
		e.t.Fatal(err)
	}
	e.ensureBodyCode(bodyID)
	if _, err := e.st.PublishDocument(ctx, id, fixtureActor); err != nil {
		e.t.Fatal(err)
	}
	if state == disclosure.StateWithdrawn {
		if err := e.st.WithdrawDocument(ctx, id, "测试撤回", fixtureActor); err != nil {
			e.t.Fatal(err)
		}
	}
	return id
}

// searchFixture: 城关 and 河口 each publish a notice about 防汛; 城关 also
// has a draft and a withdrawn one that must never be found.
type searchFixture struct {
	a, b, draft, withdrawn int64
}

func newSearchFixture(e *testEnv) searchFixture {
	return searchFixture{
		a:         e.searchDocument(e.a.ID, "城关镇防汛工作通知", "各村做好堤坝巡查，储备沙袋。", "0301", disclosure.StatePublished),
		b:         e.searchDocument(e.b.ID, "河口镇防汛工作安排", "沿河村组落实转移预案。", "0502", disclosure.StatePublished),
		draft:     e.searchDocument(e.a.ID, "城关镇防汛草稿", "草稿不得公开。", "0301", disclosure.StateDraft),
		withdrawn: e.searchDocument(e.a.ID, "城关镇防汛旧通知", "已撤回的通知。", "0301", disclosure.StateWithdrawn),
	}
}

// TestSearchEstimatedTotal: past the count cap the page says “约 N 条”,
// the API total_exact false, and a full page links to the next.
func TestSearchEstimatedTotal(t *testing.T) {
	e := newTestEnv(t)
	e.withSearchOptions(search.Options{CountCap: 1})
	newSearchFixture(e)
	if _, body := get(e, "/search?q=防汛"); !strings.Contains(body, "共找到 约 2 条结果") {
		t.Errorf("page does not show the estimate: %.3000s", body)
	}
	_, body := get(e, "/api/v1/search?q=防汛&limit=1")
	var res struct {
		Total      int  `json:"total"`
		TotalExact bool `json:"total_exact"`
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatalf("%v: %.500s", err, body)
	}
	if res.Total != 2 || res.TotalExact {
		t.Errorf("API total %d exact %v, want estimated 2", res.Total, res.TotalExact)
	}
}

func TestSiteSearchPage(t *testing.T) {
	e := newTestEnv(t)
	e.withSearch()
	f := newSearchFixture(e)
	link := func(slug string, id int64) string { return `href="/b/` + slug + `/d/` + idStr(id) + `"` }
	tests := []struct {
		name     string
		target   string
		status   int
		want     []string
		dontWant []string
	}{
		{"all bodies", "/search?q=防汛", 200,
			[]string{link("chengguan", f.a), link("hekou", f.b), "共找到 2 条结果", "<mark>"},
			[]string{"/d/" + idStr(f.draft) + `"`, "/d/" + idStr(f.withdrawn) + `"`}},
		{"another body's document", "/search?q=转移预案", 200, []string{link("hekou", f.b), "河口镇人民政府"}, []string{link("chengguan", f.a)}},
		{"two-character word from the text", "/search?q=沙袋", 200, []string{link("chengguan", f.a), "<mark>沙袋</mark>"}, []string{link("hekou", f.b)}},
		{"body filter", "/search?q=防汛&body=hekou", 200, []string{link("hekou", f.b), "共找到 1 条结果", `value="hekou" selected`}, []string{link("chengguan", f.a)}},
		{"theme filter", "/search?q=防汛&theme=0301", 200, []string{link("chengguan", f.a), `value="0301" selected`}, []string{link("hekou", f.b)}},
		{"kind filter excludes", "/search?q=防汛&kind=rule", 200, []string{"共找到 0 条结果", `value="rule" selected`}, []string{link("chengguan", f.a)}},
		{"year filter excludes", "/search?q=防汛&year=1999", 200, []string{"共找到 0 条结果"}, nil},
		{"newest first", "/search?q=防汛&sort=newest", 200, []string{link("chengguan", f.a), `value="newest" selected`}, nil},
		{"withdrawn never found", "/search?q=撤回", 200, []string{"共找到 0 条结果"}, nil},
		{"draft never found", "/search?q=草稿", 200, []string{"共找到 0 条结果"}, nil},
		{"per-body page keeps to its body", "/b/chengguan/search?q=防汛", 200, []string{link("chengguan", f.a)}, []string{link("hekou", f.b)}},
		{"column filter on a body's page", "/b/chengguan/search?q=防汛&column=statutory", 200, []string{link("chengguan", f.a), `name="column"`, `value="statutory" selected`}, nil},
		{"column filter excludes", "/b/chengguan/search?q=防汛&column=nowhere", 400, []string{"未找到所选栏目"}, nil},
		{"too long", "/search?q=" + strings.Repeat("长", 300), 400, []string{"检索词过长", `role="search"`}, nil},
		{"empty after punctuation", "/search?q=" + url.QueryEscape("，。"), 400, []string{"请输入检索词"}, nil},
		{"too deep", "/search?q=防汛&page=100000", 400, []string{"结果页数过多"}, nil},
		{"unknown body", "/search?q=防汛&body=nowhere", 400, []string{"未找到所选单位"}, nil},
		{"bad year", "/search?q=防汛&year=abc", 400, []string{"年份应为四位数字"}, nil},
		{"no query shows the form", "/search", 200, []string{`role="search"`, `name="body"`}, []string{"共找到"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := e.serve(request("GET", tt.target, nil, nil))
			body := w.Body.String()
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d: %.500s", w.Code, tt.status, body)
			}
			for _, s := range tt.want {
				if !strings.Contains(body, s) {
					t.Errorf("missing %q in %.3000s", s, body)
				}
			}
			for _, s := range tt.dontWant {
				if strings.Contains(body, s) {
					t.Errorf("unexpected %q", s)
				}
			}
		})
	}
}

func TestSiteSearchLinked(t *testing.T) {
	e := newTestEnv(t)
	w := e.serve(request("GET", "/b/chengguan/", nil, nil))
	if !strings.Contains(w.Body.String(), `href="/search"`) {
		t.Errorf("body portal does not link the site-wide search")
	}
}

func TestAPISearch(t *testing.T) {
	e := newTestEnv(t)
	e.withSearch()
	f := newSearchFixture(e)
	type hit struct {
		ID          int64      `json:"id"`
		Title       string     `json:"title"`
		URL         string     `json:"url"`
		SnippetHTML string     `json:"snippet_html"`
		Published   *time.Time `json:"published"`
		Body        struct {
			ID   int64  `json:"id"`
			Slug string `json:"slug"`
			Name string `json:"name"`
		} `json:"body"`
	}
	var res struct {
		Total int   `json:"total"`
		Hits  []hit `json:"hits"`
	}
	w := e.serve(request("GET", "/api/v1/search?q="+url.QueryEscape("防汛")+"&body=hekou", nil, nil))
	mustStatus(t, w, http.StatusOK, "api search")
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Hits) != 1 {
		t.Fatalf("results = %+v", res)
	}
	h := res.Hits[0]
	if h.ID != f.b || h.Body.Slug != "hekou" || h.Body.Name != "河口镇人民政府" || h.Published == nil ||
		h.URL != "http://example.com/b/hekou/d/"+idStr(f.b) || !strings.Contains(h.SnippetHTML+h.Title, "防汛") {
		t.Errorf("hit = %+v", h)
	}
	w = e.serve(request("GET", "/api/v1/search?q="+url.QueryEscape("防汛")+"&limit=1", nil, nil))
	mustStatus(t, w, http.StatusOK, "api search limit")
	res.Hits = nil
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil || res.Total != 2 || len(res.Hits) != 1 {
		t.Errorf("limit=1: %v %+v", err, res)
	}

	errs := []struct{ query, msg string }{
		{"", "请输入检索词"},
		{"q=" + strings.Repeat("长", 300), "检索词过长"},
		{"q=a&offset=20000", "结果页数过多"},
		{"q=a&offset=-1", "offset"},
		{"q=a&limit=x", "limit"},
		{"q=a&column=statutory", "同时选择单位"},
		{"q=a&theme=99", "主题分类不正确"},
		{"q=a&kind=poem", "文件类型不正确"},
	}
	for _, c := range errs {
		w := e.serve(request("GET", "/api/v1/search?"+c.query, nil, nil))
		var body apiErrorBody
		if w.Code != http.StatusBadRequest || json.Unmarshal(w.Body.Bytes(), &body) != nil || !strings.Contains(body.Error.Message, c.msg) {
			t.Errorf("%s: %d %s", c.query, w.Code, w.Body.String())
		}
	}
}

func TestThemePages(t *testing.T) {
	e := newTestEnv(t)
	f := newSearchFixture(e)
	sub := e.searchDocument(e.a.ID, "城关镇国有资产通知", "资产清查。", "03", disclosure.StatePublished)
	link := func(id int64) string { return `href="/b/chengguan/d/` + idStr(id) + `"` }
	top, _ := disclosure.ThemeByCode("03")
	child, _ := disclosure.ThemeByCode("0301")
	other, _ := disclosure.ThemeByCode("05")
	tests := []struct {
		name     string
		target   string
		status   int
		want     []string
		dontWant []string
	}{
		// Only the themes with documents here: 05 is another body's.
		{"index counts top level with children", "/b/chengguan/themes/", 200,
			[]string{`href="/b/chengguan/themes/03/">` + top.Name + `</a>（2）`}, []string{other.Name}},
		{"top level lists its own and its children's", "/b/chengguan/themes/03/", 200,
			[]string{link(f.a), link(sub), `href="/b/chengguan/themes/0301/">` + child.Name + `</a>（1）`},
			[]string{link(f.draft), link(f.withdrawn), link(f.b)}},
		{"second level", "/b/chengguan/themes/0301/", 200, []string{link(f.a), `href="/b/chengguan/themes/03/"`},
			[]string{link(sub), link(f.draft), link(f.withdrawn)}},
		{"another body's theme stays there", "/b/hekou/themes/05/", 200, []string{`/b/hekou/d/` + idStr(f.b)}, nil},
		{"unknown theme", "/b/chengguan/themes/99/", 404, nil, nil},
		{"page past the end", "/b/chengguan/themes/03/?page=9", 404, nil, nil},
		{"linked from the body portal", "/b/chengguan/", 200, []string{`href="/b/chengguan/themes/"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := e.serve(request("GET", tt.target, nil, nil))
			body := w.Body.String()
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d: %.500s", w.Code, tt.status, body)
			}
			for _, s := range tt.want {
				if !strings.Contains(body, s) {
					t.Errorf("missing %q in %.3000s", s, body)
				}
			}
			for _, s := range tt.dontWant {
				if strings.Contains(body, s) {
					t.Errorf("unexpected %q", s)
				}
			}
		})
	}
}
