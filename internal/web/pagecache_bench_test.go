package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// BenchmarkDocumentPage measures one anonymous document page through
// the whole middleware chain, served from the page cache and rendered,
// with request logging off (-log-level warn, as bench/portal runs) and,
// for the cached page, on (the default info level writes a line per
// request: the price of an access log).
func BenchmarkDocumentPage(b *testing.B) {
	t := &testing.T{}
	e := newTestEnv(t)
	e.t = t
	page := "/b/" + e.a.Slug + "/d/" + idStr(e.documentIn(e.a.ID, disclosure.StatePublished))
	quiet := slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelWarn}))
	logged := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, c := range []struct {
		name string
		log  *slog.Logger
		off  bool
	}{{"cached", quiet, false}, {"cached-access-log", logged, false}, {"rendered", quiet, true}} {
		b.Run(c.name, func(b *testing.B) {
			e.srv.pageCache.gen.maxAge = defaultGenerationMaxAge
			saved, savedLog := e.srv.pageCache, e.srv.log
			e.srv.log = c.log
			if c.off {
				e.srv.pageCache = nil
			}
			defer func() { e.srv.pageCache, e.srv.log = saved, savedLog }()
			r := httptest.NewRequest(http.MethodGet, page, nil)
			for b.Loop() {
				w := &discardWriter{h: make(http.Header)}
				e.h.ServeHTTP(w, r)
				if w.code != http.StatusOK {
					b.Fatalf("status %d", w.code)
				}
			}
		})
	}
}

// discardWriter is the cheapest ResponseWriter, so the benchmark counts
// the handler chain, not the recorder.
type discardWriter struct {
	h    http.Header
	code int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) WriteHeader(code int)        { w.code = code }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
