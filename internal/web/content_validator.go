package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// A public page rendered outside the page cache (a visitor with a
// session, the cache switched off) is revalidated by the content
// generation, not by a date the page reads from its own rows: a page
// shows more than its row (a later interpretation, a renamed column, the
// site's identity), and every change to any of it bumps the generation
// in its own transaction (store.writePublic). The generation is read
// before the page's queries, so a revalidation that matches costs no
// query at all when the reading is fresh.
//
// There is no Last-Modified on that path: the generation carries no
// time, and a date per instance would disagree between instances and
// within a second. Browsers revalidate by ETag whenever they have one.

// generationETag is the validator of r's page under content generation
// gen: the generation, the build (templates and code render the same
// data differently after an upgrade) and the reader's display mode (the
// 关怀版 is another rendering at the same address).
func (s *server) generationETag(gen int64, r *http.Request) string {
	mode := "s"
	if careMode(r) {
		mode = "c"
	}
	return `"g` + strconv.FormatInt(gen, 10) + "-" + s.build + "-" + mode + `"`
}

// answerFromGeneration sets the page's ETag from the content generation
// and reports whether r's If-None-Match already names it, in which case
// it has answered 304. A generation that cannot be read leaves the page
// to the renderer's content hash.
func (s *server) answerFromGeneration(w http.ResponseWriter, r *http.Request) bool {
	ctx := r.Context()
	gen, err := s.gen.current(ctx)
	if err != nil {
		s.log.WarnContext(ctx, "content generation unavailable; page validated by its content", "request_id", requestID(ctx), "err", err)
		return false
	}
	etag := s.generationETag(gen, r)
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "no-cache")
	if !etagMatches(r.Header.Get("If-None-Match"), etag) {
		return false
	}
	w.WriteHeader(http.StatusNotModified)
	return true
}

// etagMatches reports whether an If-None-Match list names etag (weak
// comparison, RFC 9110 §13.1.2).
func etagMatches(inm, etag string) bool {
	if inm == "" {
		return false
	}
	for _, t := range strings.Split(inm, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

// buildIdentity names what renders pages in this process: the embedded
// templates and static files, and the code's version control revision.
// Without a revision (a build outside a checkout, a test binary) the
// start time stands in for it, so a restarted server never confirms a
// page an older build rendered.
func buildIdentity() (string, error) {
	h := sha256.New()
	for _, fsys := range []fs.FS{templateFS, staticFS} {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			h.Write([]byte(p + "\x00"))
			h.Write(data)
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	revision := ""
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				revision += s.Value
			}
		}
	}
	if revision == "" || strings.HasSuffix(revision, "true") {
		// No revision, or uncommitted changes the revision does not name.
		revision += time.Now().String()
	}
	h.Write([]byte(revision))
	return hex.EncodeToString(h.Sum(nil)[:6]), nil
}
