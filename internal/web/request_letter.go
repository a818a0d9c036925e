package web

import (
	"bytes"
	"net/http"
	"net/url"

	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// letterOf is the answer letter (告知书) of a step that answers: an
// answer with its outcome, or an Art. 36(5) answer naming the body
// responsible and, if it was forwarded there, the new request. It is
// the zero Letter for any other event.
func letterOf(bodyName string, q rq.Request, ev rq.Event, d stepDetails) rq.Letter {
	ld := letterDetails{}
	if d.Letter != nil {
		ld = *d.Letter
	}
	l := rq.Letter{Body: bodyName, DocNo: ld.DocNo, Applicant: q.ApplicantName, TrackingCode: q.Code,
		Received: q.Received, Request: q.Sought, Reasons: ld.Reasons, Basis: ld.Basis, ReviewOrgan: ld.ReviewOrgan, Court: ld.Court}
	switch e := ev.(type) {
	case rq.Answered:
		l.Answered, l.Outcome = e.Date, e.Outcome
	case rq.Referred:
		l.Answered, l.Outcome = e.Date, rq.OutcomeNotHeld
		l.Holder = &rq.Holder{Name: e.Holder, Contact: e.Contact}
		if r := d.Referral; r != nil && r.ForwardedCode != "" {
			l.Holder.ForwardedCode = r.ForwardedCode
			l.Holder.Forwarded, _ = workday.ParseDate(r.Forwarded)
		}
	default:
		return rq.Letter{}
	}
	return l
}

// answers reports whether an event closes a request with a letter.
func answers(ev rq.Event) bool {
	switch ev.(type) {
	case rq.Answered, rq.Referred:
		return true
	}
	return false
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
	var sup *rq.SupplementQuote // the latest 补正 (Art. 30), quoted in the letter
	for _, e := range evs {
		if ev, ok := e.Event.(rq.SupplementReceived); ok {
			sup = &rq.SupplementQuote{Received: ev.Date}
			if d := parseDetails(e.Details); d.Supplement != nil {
				sup.Text = d.Supplement.Text
			}
		}
		if answers(e.Event) {
			x := letterOf(b.Name, q, e.Event, parseDetails(e.Details))
			x.Supplement = sup
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
