package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/search"
)

// TestSearchSlots: searches beyond the configured number wait, then are
// told in Chinese to try again (503 with Retry-After), on the portal and
// the API; a search that runs out of its time says so instead of holding
// a connection; with the slot free again the same search answers.
func TestSearchSlots(t *testing.T) {
	e := newTestEnv(t)
	ix, err := search.NewIndex(e.st.DB(), search.SQLite, nil, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.st.UseSearchIndex(context.Background(), ix); err != nil {
		t.Fatal(err)
	}
	srv := newTestServer(t, Options{Store: e.st, Sessions: e.st.Sessions(), Search: ix, SearchWorkers: 1})
	e.srv, e.h = srv, srv.handler()
	e.documentIn(e.a.ID, disclosure.StatePublished)
	if n := cap(srv.searchSlots.c); n != 1 {
		t.Fatalf("search slots = %d, want the configured 1", n)
	}
	srv.searchSlots.wait = 20 * time.Millisecond

	const page, api = "/b/chengguan/search?q=测试文件", "/api/v1/search?q=测试文件"
	srv.searchSlots.c <- struct{}{} // another search holds the only slot
	for _, path := range []string{page, api} {
		w := e.serve(request("GET", path, nil, nil))
		if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "服务器繁忙") || w.Header().Get("Retry-After") == "" {
			t.Errorf("%s with every slot taken: %d %q %.300s", path, w.Code, w.Header().Get("Retry-After"), w.Body.String())
		}
	}
	<-srv.searchSlots.c
	if w := e.serve(request("GET", page, nil, nil)); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "共找到 1 条结果") {
		t.Errorf("with the slot free again: %d %.300s", w.Code, w.Body.String())
	}

	srv.searchTimeout = time.Nanosecond // another query: the page cache now holds the first
	for _, path := range []string{"/b/chengguan/search?q=文件", "/api/v1/search?q=文件"} {
		w := e.serve(request("GET", path, nil, nil))
		if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "检索用时过长") {
			t.Errorf("%s out of time: %d %.300s", path, w.Code, w.Body.String())
		}
	}
}
