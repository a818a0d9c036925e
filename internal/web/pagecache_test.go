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
