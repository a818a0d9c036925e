package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/gongkai/gongkai/internal/body"
	rq "github.com/gongkai/gongkai/internal/request"
)

// duplicateWindow is how long an identical application (same body,
// same 证件号码, same information sought) is taken for the same one sent
// again — a double click, a resubmitted form — and refused.
const duplicateWindow = time.Minute

// receiptKey is the session key under which the browser that filed an
// application keeps its lookup secret, so the receipt page it is sent
// to (post/redirect/get) can show it, on reload too.
func receiptKey(code string) string { return "receipt:" + code }

// receiptURL is the receipt page of a filed application.
func receiptURL(code string) string { return "/apply/receipt/" + url.PathEscape(code) }

// statusURLFor is the status page in the frame of the body's site.
func statusURLFor(b body.Body) string { return "/apply/status?b=" + url.QueryEscape(b.Slug) }

// sameApplication finds an identical application stored in the last
// duplicateWindow; ok is false when there is none.
func (s *server) sameApplication(ctx context.Context, q rq.Request) (rq.Request, bool, error) {
	first, err := s.store.RecentSameRequest(ctx, q.BodyID, q.IDNumber, q.Sought, s.now().Add(-duplicateWindow))
	if isNotFound(err) {
		return rq.Request{}, false, nil
	}
	return first, err == nil, err
}

// duplicateNotice is what the form says when it refuses an identical
// application: the first one's code, and a link to its receipt when
// this browser filed it (else to the status page).
type duplicateNotice struct {
	Code string
	URL  string
}

func (s *server) duplicateOf(ctx context.Context, first rq.Request, b body.Body) *duplicateNotice {
	n := &duplicateNotice{Code: groupCode(first.Code), URL: statusURLFor(b)}
	if s.sessions.GetString(ctx, receiptKey(first.Code)) != "" {
		n.URL = receiptURL(first.Code)
	}
	return n
}

// applyReceipt shows the receipt (回执) of an application this browser
// filed: the page applySubmit redirects to, so a reload shows it again
// instead of filing twice. ?print=1 is the 打印回执 view.
func (s *server) applyReceipt(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	code := normalizeCode(r.PathValue("code"))
	secret := s.sessions.GetString(ctx, receiptKey(code))
	if secret == "" {
		// Only the browser that filed it holds the receipt; anyone else
		// looks the request up with its code and secret.
		return errNotFound()
	}
	q, err := s.store.RequestByCode(ctx, code)
	if err != nil {
		return err
	}
	b, err := s.store.Body(ctx, q.BodyID)
	if err != nil {
		return err
	}
	pb, err := s.portalBodyOf(ctx, b)
	if err != nil {
		return err
	}
	v := receiptView{Page: Page{Title: "申请已提交 - " + b.Name, Portal: pb.chrome(""), PrintView: r.URL.Query().Get("print") == "1"},
		Body: b, Request: q, Code: groupCode(q.Code), Secret: groupCode(secret), Received: chineseDay(q.Received),
		Due: chineseDay(q.Due), StatusURL: statusURLFor(b), PrintURL: receiptURL(q.Code) + "?print=1"}
	if q.Due.IsZero() {
		// Next year's holidays are not yet announced: say so in words.
		rc, err := s.applicantClockOf(ctx, q)
		if err != nil {
			return err
		}
		v.Pending = rc.Status.PendingDueText()
	}
	return s.render(w, r, "portal_apply_done", v)
}
