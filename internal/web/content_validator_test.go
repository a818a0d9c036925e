package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
)

// TestDocumentPageRevalidatesByGeneration: a document page rendered
// outside the page cache is confirmed (304) only while nothing on the
// site changed. An interpretation published later changes the policy's
// page without touching the policy's row, so a revalidation that was
// 304 must become 200 and show it — the page's own "updated" date
// would still say unchanged.
func TestDocumentPageRevalidatesByGeneration(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) {
		e := newTestEnvOn(t, st, true)
		policy := e.documentIn(e.a.ID, disclosure.StatePublished)
		page := "/b/" + e.a.Slug + "/d/" + idStr(policy)
		for _, visitor := range []struct {
			name    string
			session bool // staff browsing the portal: never from the cache
		}{{"with a session", true}, {"cache off", false}} {
			t.Run(visitor.name, func(t *testing.T) {
				var cookies = e.login(e.users[auth.RoleEditor].Username)
				if !visitor.session {
					cookies = nil
					e.withoutPageCache(t)
				}
				e.revalidatesByGeneration(t, page, cookies, "an interpretation", func() string { return e.publishInterpretation(policy) })
			})
		}
	})
}

// revalidatesByGeneration checks page as cookies' holder gets it: 200
// with an ETag, 304 for that ETag while nothing changed; after change
// (which returns a text the page must then show) 200 with a new ETag and
// the text; and a date the client holds from after the change (later
// than any row's own update) confirms nothing — the page has no date of
// its own to be revalidated by.
func (e *testEnv) revalidatesByGeneration(t *testing.T, page string, cookies []*http.Cookie, what string, change func() string) {
	t.Helper()
	get := func(header, value string) *httptest.ResponseRecorder {
		r := request("GET", page, nil, cookies)
		if header != "" {
			r.Header.Set(header, value)
		}
		return e.serve(r)
	}
	first := get("", "")
	etag := first.Header().Get("ETag")
	if first.Code != http.StatusOK || etag == "" {
		t.Fatalf("first answer %d, ETag %q", first.Code, etag)
	}
	if got := get("If-None-Match", etag).Code; got != http.StatusNotModified {
		t.Fatalf("unchanged page revalidated: %d, want 304", got)
	}
	text := change()
	after := get("If-None-Match", etag)
	if after.Code != http.StatusOK || after.Header().Get("ETag") == etag {
		t.Fatalf("after %s: %d, ETag %q (was %q); want 200 and a new ETag", what, after.Code, after.Header().Get("ETag"), etag)
	}
	if !strings.Contains(after.Body.String(), text) {
		t.Errorf("page after %s does not show it (%q)", what, text)
	}
	held := time.Now().Add(time.Minute).UTC().Format(http.TimeFormat)
	if got := get("If-Modified-Since", held).Code; got != http.StatusOK {
		t.Errorf("revalidation by a date after the change: %d, want 200", got)
	}
}

// withoutPageCache switches e's page cache off for the rest of t.
func (e *testEnv) withoutPageCache(t *testing.T) {
	saved := e.srv.pageCache
	e.srv.pageCache = nil
	t.Cleanup(func() { e.srv.pageCache = saved })
}

// publishInterpretation publishes a new interpretation (政策解读) of
// policy and returns its title.
func (e *testEnv) publishInterpretation(policy int64) string {
	e.t.Helper()
	ctx := context.Background()
	id, title := e.submittedInterpretation(e.a.ID, policy)
	if err := e.st.ApproveDocument(ctx, id, checkedAll(), fixtureActor); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.st.PublishDocument(ctx, id, fixtureActor); err != nil {
		e.t.Fatal(err)
	}
	return title
}

// TestColumnAndFeedRevalidateByGeneration: the column page outside the
// page cache and the column's Atom feed (never cached) are confirmed
// (304) only while nothing on the site changed. A document published
// later in the column turns the 304 into a 200 that lists it, and a
// date the client holds confirms nothing: the pages have no date of
// their own any more.
func TestColumnAndFeedRevalidateByGeneration(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) {
		e := newTestEnvOn(t, st, true)
		e.documentIn(e.a.ID, disclosure.StatePublished)
		column := "/b/" + e.a.Slug + "/c/statutory/"
		for _, c := range []struct {
			name, page string
			session    bool // staff browsing the portal: never from the cache
			cacheOff   bool
		}{
			{"column page with a session", column, true, false},
			{"column page, cache off", column, false, true},
			{"feed", column + "feed.atom", false, false},
			{"body portal, cache off", "/b/" + e.a.Slug + "/", false, true},
		} {
			t.Run(c.name, func(t *testing.T) {
				var cookies []*http.Cookie
				if c.session {
					cookies = e.login(e.users[auth.RoleEditor].Username)
				}
				if c.cacheOff {
					e.withoutPageCache(t)
				}
				e.revalidatesByGeneration(t, c.page, cookies, "a new document", func() string {
					later, err := e.st.Document(context.Background(), e.documentIn(e.a.ID, disclosure.StatePublished))
					if err != nil {
						t.Fatal(err)
					}
					return later.Title
				})
			})
		}
	})
}

// TestGenerationRevalidationRunsNoQuery: a 304 from the generation
// validator is answered before the page's queries. With the reading of
// the generation held fresh and the request's context cancelled, any
// store query would fail; the revalidation still answers 304, while the
// same request without a validator (which must query) does not get 200.
func TestGenerationRevalidationRunsNoQuery(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) {
		e := newTestEnvOn(t, st, true)
		doc := e.documentIn(e.a.ID, disclosure.StatePublished)
		e.withoutPageCache(t)
		savedAge := e.srv.gen.maxAge
		e.srv.gen.maxAge = time.Hour // the reading taken by the first request stays fresh
		t.Cleanup(func() { e.srv.gen.maxAge = savedAge })
		base := "/b/" + e.a.Slug + "/"
		// The directory (/b/), /sitemap and /accessibility are left out:
		// they render from the site's structure held in memory, with no
		// query to avoid.
		for _, page := range []string{base + "d/" + idStr(doc), base + "d/" + idStr(doc) + "/print", base + "c/statutory/",
			base + "c/statutory/feed.atom", base + "themes/", "/sitemap.xml", "/", base, base + "search?q=正文",
			"/search?q=正文", base + "catalogue/"} {
			t.Run(page, func(t *testing.T) {
				first := e.serve(request("GET", page, nil, nil)) // also reads the generation
				etag := first.Header().Get("ETag")
				if first.Code != http.StatusOK || etag == "" {
					t.Fatalf("first answer %d, ETag %q", first.Code, etag)
				}
				cancelled := func() *http.Request {
					ctx, cancel := context.WithCancel(context.Background())
					cancel()
					return request("GET", page, nil, nil).WithContext(ctx)
				}
				r := cancelled()
				r.Header.Set("If-None-Match", etag)
				if got := e.serve(r).Code; got != http.StatusNotModified {
					t.Errorf("revalidation with no database reachable: %d, want 304", got)
				}
				if got := e.serve(cancelled()).Code; got == http.StatusOK {
					t.Errorf("a full render with no database reachable answered 200: the check above proves nothing")
				}
			})
		}
	})
}
