package web

import (
	"io"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/upload"
)

// requestAttachment serves the nth (1-based) attachment of a request to
// the body's handlers: applicants' files often carry identity documents,
// so they are never public and never cached.
func (s *server) requestAttachment(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q, err := s.requestFromPath(r)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 || n > len(q.Attachments) || s.blobs == nil {
		return errNotFound()
	}
	a := q.Attachments[n-1]
	rc, info, err := s.blobs.Open(ctx, a.Hash)
	if err != nil {
		return notFoundOr(blobNotFound(err))
	}
	defer rc.Close()
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Type", a.ContentType)
	h.Set("Content-Length", strconv.FormatInt(info.Size, 10))
	h.Set("Content-Disposition", upload.Disposition(a.Name, a.ContentType))
	if _, err := io.Copy(w, rc); err != nil {
		s.log.DebugContext(ctx, "sending request attachment", "request_id", requestID(ctx), "err", err)
	}
	return nil
}
