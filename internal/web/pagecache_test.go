package web

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/disclosure"
)

// frozenGeneration makes srv trust a generation reading for the real
// bound (one second) on a clock the test moves by hand.
func frozenGeneration(srv *server) *time.Time {
	clock := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	srv.pageCache.gen.maxAge = defaultGenerationMaxAge
	srv.pageCache.gen.now = func() time.Time { return clock }
	return &clock
}

func cachedEntries(srv *server) int {
	n, _ := srv.pageCache.lru.stats()
	return n
}

func (e *testEnv) publishedPage() string {
	e.t.Helper()
	id := e.documentIn(e.a.ID, disclosure.StatePublished)
	return "/b/" + e.a.Slug + "/d/" + idStr(id)
}

func TestPageCacheSameInstanceSeesOwnWrites(t *testing.T) {
	e := newTestEnv(t)
	frozenGeneration(e.srv)
	page := e.publishedPage()
	for i := range 2 {
		code, body := get(e, page)
		if code != http.StatusOK || strings.Contains(body, "内容有误") {
			t.Fatalf("request %d: %d or shows a withdrawal", i, code)
		}
	}
	if n := cachedEntries(e.srv); n != 1 {
		t.Fatalf("cached pages = %d, want 1", n)
	}
	reviewer := e.login(e.users[auth.RoleReviewer].Username)
	docURL := "/admin/documents/" + strings.TrimPrefix(page, "/b/"+e.a.Slug+"/d/")
	mustStatus(t, e.serve(request("POST", docURL+"/withdraw", url.Values{"reason": {"内容有误"}}, reviewer)), http.StatusSeeOther, "withdraw")
	// The clock has not moved: only the write through this instance
	// can make the next request re-read the generation.
	if code, body := get(e, page); code != http.StatusOK || !strings.Contains(body, "内容有误") {
		t.Fatalf("after withdrawal through this instance: %d, reason shown: %v", code, strings.Contains(body, "内容有误"))
	}
}

func TestPageCacheSecondInstanceWithinBound(t *testing.T) {
	e := newTestEnv(t)
	other, err := newServer(Options{Store: e.st, Sessions: e.st.Sessions(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "http://example.com"})
	if err != nil {
		t.Fatal(err)
	}
	clock := frozenGeneration(other)
	h2 := other.handler()
	get2 := func(path string) string {
		w := e.serveOn(h2, request("GET", path, nil, nil))
		if w.Code != http.StatusOK {
			t.Fatalf("second instance %s: %d", path, w.Code)
		}
		return w.Body.String()
	}
	page := e.publishedPage()
	if strings.Contains(get2(page), "内容有误") {
		t.Fatal("fresh page shows a withdrawal")
	}
	reviewer := e.login(e.users[auth.RoleReviewer].Username)
	docURL := "/admin/documents/" + strings.TrimPrefix(page, "/b/"+e.a.Slug+"/d/")
	mustStatus(t, e.serve(request("POST", docURL+"/withdraw", url.Values{"reason": {"内容有误"}}, reviewer)), http.StatusSeeOther, "withdraw")
	// Within the bound the second instance may still serve its copy;
	// once the bound has passed it must not.
	*clock = clock.Add(defaultGenerationMaxAge - time.Millisecond)
	get2(page)
	*clock = clock.Add(time.Millisecond)
	if !strings.Contains(get2(page), "内容有误") {
		t.Fatalf("second instance still serves the withdrawn document's old page after %v", defaultGenerationMaxAge)
	}
}

func (e *testEnv) serveOn(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestPageCacheConditional(t *testing.T) {
	e := newTestEnv(t)
	page := e.publishedPage()
	first := e.serve(request("GET", page, nil, nil))
	etag, lastMod := first.Header().Get("ETag"), first.Header().Get("Last-Modified")
	if first.Code != http.StatusOK || etag == "" || lastMod == "" || first.Header().Get("Cache-Control") != publicCacheControl {
		t.Fatalf("first response: %d etag=%q last-modified=%q cache-control=%q", first.Code, etag, lastMod, first.Header().Get("Cache-Control"))
	}
	lm, _ := http.ParseTime(lastMod)
	cases := []struct {
		name, inm, ims string
		want           int
	}{
		{"no validators", "", "", http.StatusOK},
		{"matching etag", etag, "", http.StatusNotModified},
		{"etag in a list", `"other", ` + etag, "", http.StatusNotModified},
		{"weak etag", "W/" + etag, "", http.StatusNotModified},
		{"any", "*", "", http.StatusNotModified},
		{"other etag", `"other"`, "", http.StatusOK},
		{"other etag wins over date", `"other"`, lastMod, http.StatusOK},
		{"same date", "", lastMod, http.StatusNotModified},
		{"later date", "", lm.Add(time.Hour).Format(http.TimeFormat), http.StatusNotModified},
		{"earlier date", "", lm.Add(-time.Second).Format(http.TimeFormat), http.StatusOK},
		{"bad date", "", "yesterday", http.StatusOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := request("GET", page, nil, nil)
			if c.inm != "" {
				r.Header.Set("If-None-Match", c.inm)
			}
			if c.ims != "" {
				r.Header.Set("If-Modified-Since", c.ims)
			}
			w := e.serve(r)
			if w.Code != c.want {
				t.Fatalf("status %d, want %d", w.Code, c.want)
			}
			if w.Header().Get("ETag") != etag {
				t.Errorf("ETag %q, want %q", w.Header().Get("ETag"), etag)
			}
			if c.want == http.StatusOK && w.Body.Len() != first.Body.Len() {
				t.Errorf("body %d bytes, want %d", w.Body.Len(), first.Body.Len())
			}
			if c.want == http.StatusNotModified && w.Body.Len() != 0 {
				t.Errorf("304 with a body")
			}
		})
	}
}

func TestPageCacheSkips(t *testing.T) {
	e := newTestEnv(t)
	draft := "/b/" + e.a.Slug + "/d/" + idStr(e.documentIn(e.a.ID, disclosure.StateDraft))
	page := e.publishedPage()
	editor := e.login(e.users[auth.RoleEditor].Username)
	cases := []struct {
		name    string
		path    string
		cookies []*http.Cookie
		want    int
	}{
		{"draft", draft, nil, http.StatusNotFound},
		{"draft seen by staff", draft, editor, http.StatusNotFound},
		{"signed-in visitor", page, editor, http.StatusOK},
		{"unknown parameter", page + "?utm=x", nil, http.StatusOK},
		{"page past the end", "/b/" + e.a.Slug + "/c/statutory/?page=99", nil, http.StatusNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := cachedEntries(e.srv)
			w := e.serve(request("GET", c.path, nil, c.cookies))
			if w.Code != c.want {
				t.Fatalf("status %d, want %d", w.Code, c.want)
			}
			if n := cachedEntries(e.srv); n != before {
				t.Errorf("cached pages %d -> %d: this response must not be cached", before, n)
			}
		})
	}
	// And the anonymous page is cached under its normalised key.
	if w := e.serve(request("GET", page+"?print=1&page=1", nil, nil)); w.Code != http.StatusOK {
		t.Fatalf("print view: %d", w.Code)
	}
	if _, fresh := e.srv.pageCache.lru.byKey[page+"?page=1&print=1"]; !fresh {
		t.Errorf("print view not cached under its normalised key")
	}
}

func TestPageLRUBound(t *testing.T) {
	const max = 100 << 10
	c := newPageLRU(max, time.Hour)
	now := time.Now()
	body := make([]byte, 10<<10)
	for i := range 50 {
		c.put(newCachedPage(fmt.Sprintf("/p/%d", i), 1, now, "text/html", body, now))
		if i == 10 {
			// Touch an early page: recently used pages survive.
			if p, _ := c.get("/p/5", 1, now); p == nil {
				t.Fatal("/p/5 evicted while the cache was not full")
			}
		}
		if _, used := c.stats(); used > max {
			t.Fatalf("after %d pages: %d bytes held, bound %d", i+1, used, max)
		}
	}
	if p, _ := c.get("/p/0", 1, now); p != nil {
		t.Error("least recently used page not evicted")
	}
	if p, _ := c.get("/p/49", 1, now); p == nil {
		t.Error("newest page evicted")
	}
	if p, old := c.get("/p/49", 2, now); p != nil || old == nil {
		t.Error("page served under a newer generation")
	}
	if p, _ := c.get("/p/48", 1, now.Add(time.Hour)); p != nil {
		t.Error("page served past its TTL")
	}
	c.put(newCachedPage("/huge", 1, now, "text/html", make([]byte, max/4), now))
	if p, _ := c.get("/huge", 1, now); p != nil {
		t.Error("a page over an eighth of the bound was kept")
	}
}

func TestSearchPageCache(t *testing.T) {
	e := newTestEnv(t)
	e.withSearch()
	newSearchFixture(e)
	clock := frozenGeneration(e.srv)
	searches := func() int {
		n, _ := e.srv.pageCache.searches.stats()
		return n
	}
	steps := []struct {
		name        string
		target      string
		wantResults string
		wantEntries int
	}{
		{"first search renders and stores", "/search?q=防汛", "共找到 2 条结果", 1},
		{"the same search is a hit", "/search?q=防汛", "共找到 2 条结果", 1},
		{"another spelling of it shares the entry", "/search?page=1&body=&q=%20防汛", "共找到 2 条结果", 1},
		{"a parameter the page does not read is not cached", "/search?q=防汛&from=mail", "共找到 2 条结果", 1},
		{"a body's search is its own entry", "/b/chengguan/search?q=防汛", "共找到 1 条结果", 2},
	}
	for _, st := range steps {
		code, body := get(e, st.target)
		if code != http.StatusOK || !strings.Contains(body, st.wantResults) {
			t.Fatalf("%s: %d, want %q in the page", st.name, code, st.wantResults)
		}
		if n := searches(); n != st.wantEntries {
			t.Fatalf("%s: %d cached searches, want %d", st.name, n, st.wantEntries)
		}
	}
	if n := cachedEntries(e.srv); n != 0 {
		t.Errorf("search pages went into the portal pages' LRU: %d entries", n)
	}
	// A document published elsewhere (another instance, a job) shows in
	// the results once the generation is re-read, within the bound.
	e.searchDocument(e.b.ID, "河口镇防汛物资清单", "救生衣两百件。", "0502", disclosure.StatePublished)
	if _, body := get(e, "/search?q=防汛"); !strings.Contains(body, "共找到 2 条结果") {
		t.Fatal("the cached result changed before the generation was re-read")
	}
	*clock = clock.Add(defaultGenerationMaxAge)
	if _, body := get(e, "/search?q=防汛"); !strings.Contains(body, "共找到 3 条结果") {
		t.Error("the new document is missing from the results after the generation bound")
	}
}

func TestIsSearchPath(t *testing.T) {
	for p, want := range map[string]bool{
		"/search": true, "/b/wucheng/search": true,
		"/b//search": false, "/b/wucheng/c/search": false, "/b/wucheng/search/": false,
		"/search/x": false, "/b/wucheng/d/1": false, "/": false,
	} {
		if got := isSearchPath(p); got != want {
			t.Errorf("isSearchPath(%q) = %v, want %v", p, got, want)
		}
	}
}
