package web

import (
	"net/http"

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
	return s.serveRequestLetter(w, r, func(letters []requestLetter) (requestLetter, error) {
		var answer *requestLetter
		for i, l := range letters {
			if l.Answer {
				answer = &letters[i]
			}
		}
		switch {
		case answer == nil:
			return requestLetter{}, errNotFound()
		case answer.Problem != "":
			return requestLetter{}, errInvalid("告知书无法生成：" + answer.Problem)
		}
		return *answer, nil
	})
}
