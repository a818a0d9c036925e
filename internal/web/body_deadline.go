package web

import (
	"io"
	"net/http"
	"strings"
	"time"
)

// Request bodies are read under a deadline that grows with what
// arrives, instead of one server-wide read timeout: a client gets
// bodyGrace to start and must then keep up bodyMinRate on average, up
// to a cap per kind of route (bodyMaxUpload for multipart uploads,
// bodyMaxForm for everything else). A slow-loris client that trickles
// a body holds its connection for seconds, not minutes, while a
// township office uploading 50 MB on a slow line still gets through.
const (
	bodyGrace     = 20 * time.Second
	bodyMinRate   = 10 << 10 // bytes per second, averaged from the start
	bodyMaxUpload = 10 * time.Minute
	bodyMaxForm   = time.Minute
)

// bodyLimits are the deadlines' parameters (tests shorten them).
type bodyLimits struct {
	grace     time.Duration
	minRate   int64
	maxUpload time.Duration
	maxForm   time.Duration
}

var defaultBodyLimits = bodyLimits{grace: bodyGrace, minRate: bodyMinRate, maxUpload: bodyMaxUpload, maxForm: bodyMaxForm}

// bodyDeadlines sets the connection's read deadline through
// http.ResponseController as the body is read.
func (s *server) bodyDeadlines(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody || r.Method == http.MethodGet || r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		l := s.bodyLimits
		limit := l.maxForm
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
			limit = l.maxUpload
		}
		start := time.Now()
		rb := &rateBody{ReadCloser: r.Body, rc: http.NewResponseController(w), l: l, start: start, cap: start.Add(limit)}
		rb.extend()
		r.Body = rb
		next.ServeHTTP(w, r)
	})
}

// rateBody moves the read deadline on as bytes arrive.
type rateBody struct {
	io.ReadCloser
	rc    *http.ResponseController
	l     bodyLimits
	start time.Time
	cap   time.Time
	read  int64
}

func (b *rateBody) extend() {
	d := b.start.Add(b.l.grace + time.Duration(b.read*int64(time.Second)/b.l.minRate))
	if d.After(b.cap) {
		d = b.cap
	}
	// Not every writer reaches a connection (tests' recorders); the
	// deadline is then simply not applied.
	_ = b.rc.SetReadDeadline(d)
}

func (b *rateBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.read += int64(n)
	b.extend()
	return n, err
}
