package web

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// handler assembles the middleware around the router. Order matters:
// a page cache hit is answered first, with nothing else run (it logs
// and counts itself); for the rest the request id and logging see
// everything, sessions wrap the CSRF check, and the router innermost
// sets r.Pattern for the metrics.
func (s *server) handler() http.Handler {
	var h http.Handler = http.HandlerFunc(s.route)
	h = s.textEdge(h)
	h = s.crossOrigin(h)
	h = s.sessions.LoadAndSave(h)
	h = securityHeaders(h)
	h = s.recoverPanics(h)
	h = s.bodyDeadlines(h)
	h = s.logRequests(h)
	h = s.servePageFromCache(h)
	return h
}

// route dispatches through the mux, answering 404 and 405 through our
// own renderer instead of the mux's plain text.
func (s *server) route(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	if _, pattern := s.mux.Handler(r); pattern == "" {
		if allow := s.allowedMethods(r); len(allow) > 0 {
			rec.Header().Set("Allow", strings.Join(allow, ", "))
			s.renderError(rec, r, errMethodNotAllowed())
		} else {
			s.renderError(rec, r, errNotFound())
		}
	} else {
		s.mux.ServeHTTP(rec, r)
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		// This request may have changed a public page: the next page
		// served here re-reads the content generation first.
		s.gen.invalidate()
	}
	// ServeMux records the matched pattern on the request it was given.
	s.metrics.observe(r.Pattern, r.Method, rec.status, time.Since(start))
	setLogPattern(r.Context(), r.Pattern)
}

// allowedMethods lists the methods the mux would accept for this path,
// which is what tells a 405 from a 404.
func (s *server) allowedMethods(r *http.Request) []string {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := *r
		probe.Method = m
		if _, p := s.mux.Handler(&probe); p != "" {
			allow = append(allow, m)
		}
	}
	return allow
}

// crossOrigin rejects state-changing browser requests from other sites
// (http.CrossOriginProtection). That check lets requests without Origin
// and Sec-Fetch-Site through, taking them for non-browser clients; we
// refuse those too when they carry the session cookie, so a cookie is
// only honoured on writes that prove they came from our own pages, and
// the bearer token is the one write credential for non-browser clients.
// A token request never uses the session cookie (see authenticate), so
// skipping the browser check for it opens nothing. A request with no
// credentials at all goes on to be refused as anonymous (401 or login).
func (s *server) crossOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		if strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			next.ServeHTTP(w, r)
			return
		}
		if err := s.cop.Check(r); err != nil {
			s.renderError(w, r, errCrossOrigin(err))
			return
		}
		_, cookieErr := r.Cookie(sessionCookie)
		if cookieErr == nil && r.Header.Get("Sec-Fetch-Site") == "" && r.Header.Get("Origin") == "" {
			s.renderError(w, r, errCrossOrigin(errors.New("session cookie without Origin or Sec-Fetch-Site: not from our pages")))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// The security headers every response carries, as shared values: the
// page cache copies them into each hit without allocating. No scripts
// anywhere (the site works without JavaScript); frame-ancestors 'none'
// is what X-Frame-Options: DENY said, for every browser that reads CSP,
// and the referrer policy is a <meta> in the layout, the one kind of
// response that has links to follow. Fewer headers matter here: with
// at most eight, a response's header map stays a small map (see
// BenchmarkDocumentPage).
var (
	cspValue     = []string{"default-src 'self'; script-src 'none'; object-src 'none'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"}
	nosniffValue = []string{"nosniff"}
)

func setSecurityHeaders(h http.Header) {
	h["Content-Security-Policy"] = cspValue
	h["X-Content-Type-Options"] = nosniffValue
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setSecurityHeaders(w.Header())
		next.ServeHTTP(w, r)
	})
}

func (s *server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.renderError(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

type requestInfoKey struct{}

// requestInfo travels in the context so the outermost logger learns the
// route pattern found deep inside, whatever copies of the request exist.
type requestInfo struct {
	id      string
	pattern string
}

func requestID(ctx context.Context) string {
	if ri, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
		return ri.id
	}
	return ""
}

func setLogPattern(ctx context.Context, p string) {
	if ri, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
		ri.pattern = p
	}
}

// requestIDPrefix makes this process's request ids distinct from other
// instances'; a counter after it makes them distinct within the process
// at the price of an atomic add, not a read of the system's randomness.
var (
	requestIDPrefix = func() uint32 {
		var b [4]byte
		_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
		return binary.BigEndian.Uint32(b[:])
	}()
	requestIDSeq atomic.Uint32
)

func newRequestID() string {
	var b [8]byte
	binary.BigEndian.PutUint32(b[:4], requestIDPrefix)
	binary.BigEndian.PutUint32(b[4:], requestIDSeq.Add(1))
	return hex.EncodeToString(b[:])
}

func (s *server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ri := &requestInfo{id: newRequestID()}
		w.Header().Set("X-Request-Id", ri.id)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, ri)))
		if !s.log.Enabled(r.Context(), slog.LevelInfo) {
			return // spares boxing the attributes below for nothing
		}
		s.log.InfoContext(r.Context(), "http request", "request_id", ri.id, "method", r.Method,
			"path", r.URL.Path, "pattern", ri.pattern, "status", rec.status,
			"duration", time.Since(start), "remote", s.clientAddr(r))
	})
}

// statusRecorder remembers the status code written, for logs and metrics.
type statusRecorder struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
}

func (w *statusRecorder) WriteHeader(code int) {
	if !w.wroteHeader {
		w.status, w.wroteHeader = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	w.wroteHeader = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }
