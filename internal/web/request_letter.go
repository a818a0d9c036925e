package web

import (
	"bytes"
	"net/http"
	"net/url"

	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
)

// answerLetter is the answer letter (告知书) of an answered request.
func answerLetter(bodyName string, q store.Request, a rq.Answered, d letterDetails) rq.Letter {
	return rq.Letter{Body: bodyName, DocNo: d.DocNo, Applicant: q.ApplicantName, TrackingCode: q.Code,
		Received: q.Received, Answered: a.Date, Outcome: a.Outcome, Request: q.Sought, Reasons: d.Reasons,
		Basis: d.Basis, ReviewOrgan: d.ReviewOrgan, Court: d.Court}
}

// requestLetter serves the answer letter as printable HTML or, with
// ?format=docx, as a Word document. It names the applicant, so only
// handlers of the body get it (the route asks for request.handle).
func (s *server) requestLetter(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q, err := s.requestFromPath(r)
	if err != nil {
		return err
	}
	b, err := s.store.Body(ctx, q.BodyID)
	if err != nil {
		return err
	}
	evs, err := s.store.RequestEvents(ctx, q.ID)
	if err != nil {
		return err
	}
	var l *rq.Letter
	for _, e := range evs {
		if a, ok := e.Event.(rq.Answered); ok {
			d := parseDetails(e.Details)
			if d.Letter == nil {
				d.Letter = &letterDetails{}
			}
			x := answerLetter(b.Name, q, a, *d.Letter)
			l = &x
		}
	}
	if l == nil {
		return errNotFound()
	}
	var buf bytes.Buffer
	name := "告知书-" + q.Code
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	if r.URL.Query().Get("format") == "docx" {
		if err := l.RenderDOCX(&buf); err != nil {
			return err
		}
		h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
		h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name+".docx"))
	} else {
		if err := l.RenderHTML(&buf); err != nil {
			return err
		}
		h.Set("Content-Type", "text/html; charset=utf-8")
		// The letter is a standalone page with its own print styles.
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	}
	_, err = w.Write(buf.Bytes())
	return err
}
