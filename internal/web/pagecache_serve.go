package web

import (
	"bytes"
	"log/slog"
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
	lru      *pageLRU // portal pages
	searches *pageLRU // search result pages (see pageKey)
	gen      *generation
	now      func() time.Time
}

// newPageCache makes a cache of at most max bytes, an eighth of them for
// search result pages.
func newPageCache(max int64, gen *generation) *pageCache {
	return &pageCache{lru: newPageLRU(max-max/8, pageCacheTTL), searches: newPageLRU(max/8, pageCacheTTL),
		gen: gen, now: time.Now}
}

// cachedRoute wraps a public page handler with the page cache. Only
// anonymous GET/HEAD requests whose query is one the page understands
// are cached; everything else (a visitor with a session, unknown
// parameters, errors, redirects) goes straight to h.
func (s *server) cachedRoute(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		pc, lru, key, ok := s.cacheSlot(r)
		if !ok {
			return h(w, r)
		}
		ctx := r.Context()
		gen, err := pc.gen.current(ctx)
		if err != nil {
			s.log.WarnContext(ctx, "content generation unavailable; rendering uncached", "request_id", requestID(ctx), "err", err)
			return h(w, r)
		}
		now := pc.now()
		p, old := lru.get(key, gen, now)
		if p == nil {
			var err error
			if p, err = s.renderForCache(w, r, h, lru, key, gen, now, old); p == nil || err != nil {
				return err
			}
		}
		servePage(w, r, p)
		return nil
	}
}

// cacheSlot says whether r may be served from or stored in the page
// cache, and where: anonymous GET and HEAD requests whose query the page
// understands (pageKey), keyed apart for readers of the 关怀版. A visitor
// with a session is personalised: staff browsing the portal are never
// served or stored from the shared cache.
func (s *server) cacheSlot(r *http.Request) (*pageCache, *pageLRU, string, bool) {
	pc := s.pageCache
	if pc == nil || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		return nil, nil, "", false
	}
	if _, err := r.Cookie(sessionCookie); err == nil {
		return nil, nil, "", false
	}
	key, lru, ok := pc.pageKey(r)
	if ok && careMode(r) {
		// The 关怀版 is another rendering of the same page: its own entry.
		key = displayCare + "\x00" + key
	}
	return pc, lru, key, ok
}

// servePageFromCache answers a request for a page already in the cache
// before any other middleware runs: a hit needs no session, router,
// request context or response wrapper, and skipping them is what brings
// the document page near a static file server (bench/portal). The
// cached page carries the security headers; the hit logs and counts
// itself under its route pattern. A miss goes on to next, where
// cachedRoute renders and stores the page.
func (s *server) servePageFromCache(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pc, lru, key, ok := s.cacheSlot(r)
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
		p, _ := lru.get(key, gen, pc.now())
		if p == nil {
			next.ServeHTTP(w, r)
			return
		}
		status := servePage(w, r, p)
		d := time.Since(start)
		if status == http.StatusOK && r.Method == http.MethodGet && p.okGET != nil {
			p.okGET.observe(d)
		} else {
			s.metrics.observe(p.pattern, r.Method, status, d)
		}
		if ctx := r.Context(); s.log.Enabled(ctx, slog.LevelInfo) {
			s.log.InfoContext(ctx, "http request", "request_id", newRequestID(), "method", r.Method,
				"path", r.URL.Path, "pattern", p.pattern, "status", status, "cache", "hit",
				"duration", d, "remote", s.clientAddr(r))
		}
	})
}

// renderForCache runs h into a buffer with the request's validators
// removed, so h renders the full page. A cacheable result is stored and
// returned; anything else is written to w as h produced it.
func (s *server) renderForCache(w http.ResponseWriter, r *http.Request, h handlerFunc, lru *pageLRU, key string, gen int64, now time.Time, old *cachedPage) (*cachedPage, error) {
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
	p.okGET = s.metrics.route(r.Pattern, http.MethodGet, http.StatusOK)
	lru.put(p)
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
		return etagMatches(inm, p.etag)
	}
	ims := r.Header.Get("If-Modified-Since")
	if ims == "" {
		return false // the common case; ParseTime("") allocates its error
	}
	since, err := http.ParseTime(ims)
	return err == nil && !p.modified.After(since)
}

// pageKey is the cache key of a public page and the LRU that holds it:
// its path plus the query parameters the page reads, normalised. A
// request with any other parameter is not cached, so random query
// strings cannot flood the cache. Search result pages have a key for
// every query people type, so they live in their own smaller LRU where
// they cannot push documents out.
func (pc *pageCache) pageKey(r *http.Request) (string, *pageLRU, bool) {
	if isSearchPath(r.URL.Path) {
		key, ok := searchPageKey(r)
		return key, pc.searches, ok
	}
	key, ok := documentPageKey(r)
	return key, pc.lru, ok
}

// isSearchPath tells /search and /b/{slug}/search from other pages
// before the router has run.
func isSearchPath(p string) bool {
	if p == "/search" {
		return true
	}
	rest, ok := strings.CutPrefix(p, "/b/")
	slug, ok2 := strings.CutSuffix(rest, "/search")
	return ok && ok2 && slug != "" && !strings.Contains(slug, "/")
}

func documentPageKey(r *http.Request) (string, bool) {
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

// searchParamNames are the query parameters a search page reads
// (searchParamsOf and pageParam); a new one must be added here too, or
// searches using it are never cached.
var searchParamNames = map[string]bool{"q": true, "body": true, "column": true, "theme": true,
	"year": true, "kind": true, "sort": true, "page": true}

// searchPageKey is the search as the page reads it (searchParamsOf),
// so spellings of one search share an entry.
func searchPageKey(r *http.Request) (string, bool) {
	for name := range r.URL.Query() {
		if !searchParamNames[name] {
			return "", false
		}
	}
	return r.URL.Path + "?" + searchParamsOf(r).encode() + "&page=" + strconv.Itoa(pageParam(r)), true
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
