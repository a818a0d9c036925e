package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
)

// publicCacheControl is sent with every cached public page. no-cache
// (store, but revalidate before each use) rather than a max-age: a
// withdrawn document must disappear from browsers and proxies at the
// next visit, and a revalidation costs us only a 304 from memory.
const publicCacheControl = "public, no-cache"

// pageCacheTTL bounds how long a rendered page is kept even when no
// change is recorded, for the little that depends on the clock (the
// guide's current year).
const pageCacheTTL = 10 * time.Minute

// pageCache serves public portal pages from rendered bytes while the
// content generation they were rendered under is current.
type pageCache struct {
	lru *pageLRU
	gen *generation
	now func() time.Time
}

// cachedRoute wraps a public page handler with the page cache. Only
// anonymous GET/HEAD requests whose query is one the page understands
// are cached; everything else (a visitor with a session, unknown
// parameters, errors, redirects) goes straight to h.
func (s *server) cachedRoute(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		pc := s.pageCache
		if pc == nil || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			return h(w, r)
		}
		key, ok := pageKey(r)
		if !ok {
			return h(w, r)
		}
		if _, err := r.Cookie(sessionCookie); err == nil {
			// Personalised: staff browsing the portal are never served
			// or stored from the shared cache.
			return h(w, r)
		}
		ctx := r.Context()
		gen, err := pc.gen.current(ctx)
		if err != nil {
			s.log.WarnContext(ctx, "content generation unavailable; rendering uncached", "request_id", requestID(ctx), "err", err)
			return h(w, r)
		}
		now := pc.now()
		p, old := pc.lru.get(key, gen, now)
		if p == nil {
			var err error
			if p, err = s.renderForCache(w, r, h, key, gen, now, old); p == nil || err != nil {
				return err
			}
		}
		servePage(w, r, p)
		return nil
	}
}

// servePageFromCache answers a request for a page already in the cache
// before the session middleware and the router run: a cached page needs
// neither, and skipping them halves a hit's allocations (50 to 24 in
// BenchmarkDocumentPage). A miss
// goes on to next, where cachedRoute renders and stores the page.
// Metrics and the log still see the hit under its route pattern.
func (s *server) servePageFromCache(next http.Handler) http.Handler {
	pc := s.pageCache
	if pc == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		if _, err := r.Cookie(sessionCookie); err == nil {
			next.ServeHTTP(w, r)
			return
		}
		key, ok := pageKey(r)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		gen, err := pc.gen.current(r.Context())
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		p, _ := pc.lru.get(key, gen, pc.now())
		if p == nil {
			next.ServeHTTP(w, r)
			return
		}
		status := servePage(w, r, p)
		s.metrics.observe(p.pattern, r.Method, status, time.Since(start))
		setLogPattern(r.Context(), p.pattern)
	})
}

// renderForCache runs h into a buffer with the request's validators
// removed, so h renders the full page. A cacheable result is stored and
// returned; anything else is written to w as h produced it.
func (s *server) renderForCache(w http.ResponseWriter, r *http.Request, h handlerFunc, key string, gen int64, now time.Time, old *cachedPage) (*cachedPage, error) {
	r2 := r.WithContext(r.Context())
	r2.Header = r.Header.Clone()
	r2.Header.Del("If-None-Match")
	r2.Header.Del("If-Modified-Since")
	rec := &bufferedResponse{header: make(http.Header), status: http.StatusOK}
	if err := h(rec, r2); err != nil {
		return nil, err
	}
	cacheable := rec.status == http.StatusOK &&
		rec.header.Get("Set-Cookie") == "" &&
		!strings.Contains(rec.header.Get("Cache-Control"), "no-store") &&
		strings.HasPrefix(rec.header.Get("Content-Type"), "text/html") &&
		s.sessions.Status(r.Context()) == scs.Unmodified
	if !cacheable {
		rec.replay(w)
		return nil, nil
	}
	modified := now.UTC().Truncate(time.Second)
	p := newCachedPage(key, gen, now, rec.header.Get("Content-Type"), rec.body.Bytes(), modified)
	if old != nil && old.etag == p.etag {
		// Same bytes as before the change: keep the date, so clients
		// revalidating by date still get a 304.
		p = newCachedPage(key, gen, now, rec.header.Get("Content-Type"), p.body, old.modified)
	}
	p.pattern = r.Pattern
	s.pageCache.lru.put(p)
	return p, nil
}

// servePage writes a cached page, or 304 when the client's copy is it,
// and returns the status sent. If-None-Match, when sent, decides alone
// (RFC 9110 §13.2.2).
func servePage(w http.ResponseWriter, r *http.Request, p *cachedPage) int {
	h := w.Header()
	for k, v := range p.hdr {
		h[k] = v
	}
	if pageNotModified(r, p) {
		delete(h, "Content-Type")
		delete(h, "Content-Length")
		w.WriteHeader(http.StatusNotModified)
		return http.StatusNotModified
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		// An error here means the client left; nothing to tell anyone.
		_, _ = w.Write(p.body)
	}
	return http.StatusOK
}

func pageNotModified(r *http.Request, p *cachedPage) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimSpace(t)
			if t == "*" || strings.TrimPrefix(t, "W/") == p.etag {
				return true
			}
		}
		return false
	}
	ims := r.Header.Get("If-Modified-Since")
	if ims == "" {
		return false // the common case; ParseTime("") allocates its error
	}
	since, err := http.ParseTime(ims)
	return err == nil && !p.modified.After(since)
}

// pageKey is the cache key of a public page: its path plus the query
// parameters the portal pages read, normalised. A request with any
// other parameter is not cached, so random query strings cannot flood
// the cache.
func pageKey(r *http.Request) (string, bool) {
	if r.URL.RawQuery == "" {
		return r.URL.Path, true
	}
	q := r.URL.Query()
	for name := range q {
		if name != "page" && name != "print" {
			return "", false
		}
	}
	var params []string
	if q.Has("page") {
		params = append(params, "page="+strconv.Itoa(pageParam(r)))
	}
	if q.Get("print") == "1" {
		params = append(params, "print=1")
	}
	if len(params) == 0 {
		return r.URL.Path, true
	}
	return r.URL.Path + "?" + strings.Join(params, "&"), true
}

// bufferedResponse collects what a handler writes, to be cached or
// replayed.
type bufferedResponse struct {
	header      http.Header
	status      int
	wroteHeader bool
	body        bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(code int) {
	if !b.wroteHeader {
		b.status, b.wroteHeader = code, true
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	b.wroteHeader = true
	return b.body.Write(p)
}

func (b *bufferedResponse) replay(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range b.header {
		h[k] = v
	}
	w.WriteHeader(b.status)
	// An error here means the client left; nothing to tell anyone.
	_, _ = w.Write(b.body.Bytes())
}
