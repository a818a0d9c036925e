package web

import (
	"context"
	"net/http"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// Status lookups are throttled per client address through the shared
// throttle table, so the secret cannot be guessed by trying.
const (
	statusWindow      = 15 * time.Minute
	maxStatusFailures = 10
)

// publicStatus is what anyone holding the code and secret may see:
// dates, state and the clock's explanation; never personal data.
type publicStatus struct {
	Code     string       `json:"code"`
	Body     string       `json:"body"`
	State    string       `json:"state"`
	StateID  string       `json:"state_id"`
	Received string       `json:"received"`
	Due      string       `json:"due,omitempty"`
	DaysLeft string       `json:"days_left"`
	Closed   string       `json:"closed,omitempty"`
	Outcome  string       `json:"outcome,omitempty"`
	Lines    []string     `json:"explanation"`
	Steps    []publicStep `json:"steps"`
	// Forwarded is where the body forwarded the application with its
	// Art. 36(5) answer: a new request there, looked up with the same
	// secret.
	Forwarded *publicForward `json:"forwarded,omitempty"`
}

type publicForward struct {
	Body     string `json:"body"`
	Code     string `json:"code"`
	Received string `json:"received"`
}

type publicStep struct {
	Date  string `json:"date"`
	Label string `json:"label"`
}

type statusView struct {
	Page
	Slug   string // the body whose site frames the page, kept through the form
	Code   string
	Error  string
	Result *publicStatus
	// Supplement is the online 补正 form, while the request awaits one
	// (see apply_supplement.go).
	Supplement *supplementForm
}

func (s *server) statusForm(w http.ResponseWriter, r *http.Request) error {
	chrome, slug, err := s.statusChrome(r.Context(), r.URL.Query().Get("b"), 0)
	if err != nil {
		return err
	}
	return s.render(w, r, "portal_status", statusView{Page: Page{Title: "申请进度查询", Portal: chrome}, Slug: slug,
		Code: groupCode(normalizeCode(r.URL.Query().Get("code")))})
}

func (s *server) statusLookup(w http.ResponseWriter, r *http.Request) error {
	code := normalizeCode(r.PostFormValue("code"))
	chrome, slug, err := s.statusChrome(r.Context(), r.PostFormValue("b"), 0)
	if err != nil {
		return err
	}
	v := statusView{Page: Page{Title: "申请进度查询", Portal: chrome}, Code: groupCode(code), Slug: slug}
	q, err := s.checkStatusSecret(r, code, r.PostFormValue("secret"))
	var res publicStatus
	if err == nil {
		res, err = s.publicStatusOf(r.Context(), q)
	}
	if err == nil {
		// The answer is framed by the body applied to.
		v.Portal, v.Slug, err = s.statusChrome(r.Context(), "", q.BodyID)
	}
	if err != nil {
		e := publicError(err)
		if e.Status >= 500 {
			return err
		}
		v.Error = e.Message
		return s.renderStatus(w, r, "portal_status", e.Status, v)
	}
	v.Result = &res
	if v.Supplement, err = s.supplementFormFor(r, q); err != nil {
		return err
	}
	return s.render(w, r, "portal_status", v)
}

// lookupStatus checks code and secret, throttled per address, and
// returns what the applicant may see.
func (s *server) lookupStatus(r *http.Request, code, secret string) (publicStatus, error) {
	q, err := s.checkStatusSecret(r, code, secret)
	if err != nil {
		return publicStatus{}, err
	}
	return s.publicStatusOf(r.Context(), q)
}

// statusThrottleKey is the throttle-table key of the client's failed
// status lookups (and failed proofs on the supplement form).
func (s *server) statusThrottleKey(r *http.Request) string { return "status:" + s.clientAddr(r) }

// statusThrottled refuses a client with maxStatusFailures failures in
// the window.
func (s *server) statusThrottled(r *http.Request) error {
	n, err := s.store.LoginFailures(r.Context(), s.statusThrottleKey(r), s.now().Add(-statusWindow))
	if err != nil {
		return err
	}
	if n >= maxStatusFailures {
		return &Error{Status: http.StatusTooManyRequests, Code: "too_many_attempts",
			Message: "查询失败次数过多，请 15 分钟后再试。"}
	}
	return nil
}

// checkStatusSecret checks code and secret, throttled per address, and
// returns the request. A wrong code and a wrong secret fail alike and
// take the same time.
func (s *server) checkStatusSecret(r *http.Request, code, secret string) (rq.Request, error) {
	ctx := r.Context()
	if err := s.statusThrottled(r); err != nil {
		return rq.Request{}, err
	}
	q, err := s.store.RequestByCode(ctx, code)
	if err != nil && !isNotFound(err) {
		return rq.Request{}, err
	}
	stored := q.SecretHash
	if err != nil {
		stored = hashSecret("no such request") // compare anyway: same timing
	}
	if !secretMatches(stored, secret) || err != nil || code == "" {
		if err := s.store.RecordLoginFailure(ctx, s.statusThrottleKey(r), s.now()); err != nil {
			return rq.Request{}, err
		}
		return rq.Request{}, &Error{Status: http.StatusNotFound, Code: "not_found",
			Message: "申请编号或查询密码不正确，请核对后重试。"}
	}
	return q, nil
}

func (s *server) publicStatusOf(ctx context.Context, q rq.Request) (publicStatus, error) {
	b, err := s.store.Body(ctx, q.BodyID)
	if err != nil {
		return publicStatus{}, err
	}
	rc, err := s.applicantClockOf(ctx, q)
	if err != nil {
		return publicStatus{}, err
	}
	st := rc.Status
	out := publicStatus{Code: q.Code, Body: b.Name, State: q.State.Label(), StateID: string(q.State),
		Received: chineseDay(q.Received), Due: chineseDay(st.Due), DaysLeft: daysLeftText(st),
		Closed: chineseDay(q.Closed), Lines: st.Lines}
	if st.DueProvisional && !q.State.Closed() {
		// Next year's holidays are not announced: the applicant is told
		// how the deadline will be counted, not a date that may move.
		out.Due, out.DaysLeft = "", st.PendingDueText()
	}
	if rc.Problem != "" {
		out.Lines = append(out.Lines, rc.Problem)
	}
	if q.Outcome != "" {
		if f := annualreport.FormatForYear(q.Closed.Year()); f != nil {
			out.Outcome = rq.OutcomeName(f, q.Outcome)
		}
	}
	for _, e := range rc.Events {
		out.Steps = append(out.Steps, publicStep{Date: chineseDay(e.Event.On()), Label: e.Event.Kind().Label()})
	}
	_, to, err := s.forwardLinks(ctx, q, rc.Events)
	if err != nil {
		return publicStatus{}, err
	}
	if to != nil {
		d, _ := workday.ParseDate(to.Date)
		out.Forwarded = &publicForward{Body: to.Body, Code: to.Code, Received: chineseDay(d)}
	}
	return out, nil
}

// statusChrome is the frame of the status page: the site of the body
// the applicant applied to — named by its slug (from the receipt's
// link) or by id (once the request is known) — so the page keeps that
// body's header; the platform's frame when neither names a body.
func (s *server) statusChrome(ctx context.Context, slug string, bodyID int64) (*portalChrome, string, error) {
	var pb portalBody
	var err error
	switch {
	case bodyID != 0:
		var b body.Body
		if b, err = s.store.Body(ctx, bodyID); err == nil {
			pb, err = s.portalBodyOf(ctx, b)
		}
	case slug != "":
		pb, err = s.loadPortalBody(ctx, slug)
	default:
		c, err := s.platformChrome(ctx)
		return c, "", err
	}
	if isNotFound(err) {
		c, err := s.platformChrome(ctx)
		return c, "", err
	}
	if err != nil {
		return nil, "", err
	}
	return pb.chrome(""), pb.body.Slug, nil
}
