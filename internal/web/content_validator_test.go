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
					saved := e.srv.pageCache
					e.srv.pageCache = nil
					t.Cleanup(func() { e.srv.pageCache = saved })
				}
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
				title := e.publishInterpretation(policy)
				after := get("If-None-Match", etag)
				if after.Code != http.StatusOK || after.Header().Get("ETag") == etag {
					t.Fatalf("after an interpretation: %d, ETag %q (was %q); want 200 and a new ETag", after.Code, after.Header().Get("ETag"), etag)
				}
				if !strings.Contains(after.Body.String(), title) {
					t.Errorf("page after the interpretation does not link it (%q)", title)
				}
				// A date the client holds from before the change (later
				// than the policy's own update) confirms nothing either.
				held := time.Now().Add(time.Minute).UTC().Format(http.TimeFormat)
				if got := get("If-Modified-Since", held).Code; got != http.StatusOK {
					t.Errorf("revalidation by a date after the policy's update: %d, want 200", got)
				}
			})
		}
	})
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
