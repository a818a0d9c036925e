package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	rq "github.com/gongkai/gongkai/internal/request"
)

// The online supplement (补正, Art. 30): a request awaiting one shows,
// on the status page the applicant reached with code and secret, what
// the office asked for and a form to answer. The answer is recorded as
// the console's 收到补正材料 step (store.AppendRequestEvent), so the
// clock restarts on the day the system acknowledges it (Art. 31, online
// channel), with the same events, audit entry and side deadlines.
//
// Proof of possession. The form must prove again that its sender holds
// the code and secret: the code in a hidden field proves nothing. The
// status page has just checked both (throttled, constant time), so it
// gives the form a token instead of echoing the secret into the page or
// making the applicant type 20 characters twice: an HMAC-SHA256, under a
// server key kept in the database (so every instance shares it), over
// the request's id, code and secret hash, the id of the 补正 notice being
// answered, and an expiry supplementTokenTTL later. It cannot be made
// without a successful lookup, is void once that notice is answered or
// replaced and after the expiry, and a forged or stale token counts as a
// failed lookup in the same per-address throttle as the status page.
const (
	supplementKeyMeta  = "request.supplement_token_secret"
	supplementTokenTTL = 2 * time.Hour
	maxSupplementText  = 5000
)

// supplementForm is the 补正 form on the status page.
type supplementForm struct {
	Code      string
	Token     string
	Notice    string // what the office asked for; "" when its notice gave no text here
	Due       string // the applicant's deadline from the notice
	Text      string // kept after a refused submission
	Errors    fieldErrors
	ErrorList []fieldError
	Limits    attachmentLimits
	MaxText   int
}

var supplementFields = []string{"text", "attachments"}

// supplementDoneView acknowledges a supplement: the moment it is shown
// the supplement is stored, and that day restarts the clock.
type supplementDoneView struct {
	Page
	Code     string
	Body     string
	Received string
	Created  time.Time
	Due      string
	Files    []string
}

// supplementKey is the HMAC key of the tokens (see metaSecret).
func (s *server) supplementKey(ctx context.Context) ([]byte, error) {
	return s.metaSecret(ctx, supplementKeyMeta)
}

// statusMAC signs what a token allows: purpose ("supplement": answer
// the 补正 notice id; "letters": download the request's letters) on the
// request as it is, until expires.
func statusMAC(key []byte, purpose string, q rq.Request, id int64, expires int64) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(purpose + "\x00" + strconv.FormatInt(q.ID, 10) + "\x00" + q.Code + "\x00" + q.SecretHash + "\x00" +
		strconv.FormatInt(id, 10) + "\x00" + strconv.FormatInt(expires, 10)))
	return hex.EncodeToString(m.Sum(nil))
}

// statusToken is "expiry.mac" for the purpose on the request and id.
func (s *server) statusToken(ctx context.Context, purpose string, q rq.Request, id int64) (string, error) {
	key, err := s.supplementKey(ctx)
	if err != nil {
		return "", err
	}
	expires := s.now().Add(supplementTokenTTL).Unix()
	return strconv.FormatInt(expires, 10) + "." + statusMAC(key, purpose, q, id, expires), nil
}

// statusTokenValid checks a token against the request as it is now.
func (s *server) statusTokenValid(ctx context.Context, purpose string, q rq.Request, id int64, token string) (bool, error) {
	exp, mac, ok := strings.Cut(token, ".")
	expires, err := strconv.ParseInt(exp, 10, 64)
	if !ok || err != nil || s.now().Unix() > expires {
		return false, nil
	}
	key, err := s.supplementKey(ctx)
	if err != nil {
		return false, err
	}
	return hmac.Equal([]byte(mac), []byte(statusMAC(key, purpose, q, id, expires))), nil
}

// supplementToken is the token for the request and 补正 notice.
func (s *server) supplementToken(ctx context.Context, q rq.Request, noticeID int64) (string, error) {
	return s.statusToken(ctx, "supplement", q, noticeID)
}

// supplementTokenValid checks a supplement token.
func (s *server) supplementTokenValid(ctx context.Context, q rq.Request, noticeID int64, token string) (bool, error) {
	return s.statusTokenValid(ctx, "supplement", q, noticeID, token)
}

// latestNotice is the 补正 notice the request awaits an answer to: the
// last SupplementRequested event, and what it asked for.
func latestNotice(evs []rq.EventRecord) (rq.EventRecord, string, bool) {
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Event.Kind() == rq.KindSupplementRequested {
			return evs[i], parseDetails(evs[i].Details).SupplementNotice, true
		}
	}
	return rq.EventRecord{}, "", false
}

// supplementFormFor is the form for a request awaiting a supplement
// whose holder has just proved the code and secret; nil otherwise.
func (s *server) supplementFormFor(r *http.Request, q rq.Request) (*supplementForm, error) {
	if q.State != rq.StateSupplementPending {
		return nil, nil
	}
	ctx := r.Context()
	evs, err := s.store.RequestEvents(ctx, q.ID)
	if err != nil {
		return nil, err
	}
	notice, text, ok := latestNotice(evs)
	if !ok {
		return nil, nil
	}
	token, err := s.supplementToken(ctx, q, notice.ID)
	if err != nil {
		return nil, err
	}
	f := &supplementForm{Code: q.Code, Token: token, Notice: text, Errors: fieldErrors{},
		Limits: requestAttachmentLimits, MaxText: maxSupplementText}
	if sr, ok := notice.Event.(rq.SupplementRequested); ok {
		f.Due = chineseDay(sr.Due)
	}
	return f, nil
}

var errSupplementProof = &Error{Status: http.StatusForbidden, Code: "invalid_token",
	Message: "页面已过期或无效：请重新输入申请编号和查询密码查询后再提交补正材料。"}

// supplementNotPending refuses a supplement to a request that awaits
// none, naming where it stands.
func supplementNotPending(st rq.State) *Error {
	return &Error{Status: http.StatusConflict, Code: "not_pending",
		Message: "该申请当前状态为「" + st.Label() + "」，不在待补正状态，不能再提交补正材料；已提交的补正材料无需重复提交。"}
}

// supplementSubmit records a supplement sent through the status page.
func (s *server) supplementSubmit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	// The throttle is read before the body: a client over the limit
	// uploads nothing.
	if err := s.statusThrottled(r); err != nil {
		return s.supplementRefused(w, r, "", err)
	}
	if err := s.uploadBudgetRefused(r); err != nil {
		return s.supplementRefused(w, r, "", err)
	}
	files, fe, err := s.readApplicationForm(w, r)
	if err != nil {
		return err
	}
	code := normalizeCode(r.PostFormValue("code"))
	q, err := s.store.RequestByCode(ctx, code)
	if err != nil && !isNotFound(err) {
		return err
	}
	var evs []rq.EventRecord
	if err == nil {
		if evs, err = s.store.RequestEvents(ctx, q.ID); err != nil {
			return err
		}
	}
	// The token is checked whether or not the code named a request
	// awaiting a supplement, so the reply takes the same work either way.
	notice, _, hasNotice := latestNotice(evs)
	valid, err := s.supplementTokenValid(ctx, q, notice.ID, r.PostFormValue("token"))
	if err != nil {
		return err
	}
	if !valid || !hasNotice || code == "" {
		if err := s.store.RecordThrottleEvent(ctx, s.statusThrottleKey(r), s.now()); err != nil {
			return err
		}
		return s.supplementRefused(w, r, code, errSupplementProof)
	}
	if q.State != rq.StateSupplementPending {
		return s.supplementRefused(w, r, code, supplementNotPending(q.State))
	}

	text, msg := readSupplementText(r.PostFormValue, len(files))
	if msg != "" {
		fe.add("text", msg)
	}
	var atts []rq.Attachment
	if len(fe) == 0 {
		if atts, err = s.storeAttachments(ctx, files, fe); err != nil {
			return err
		}
	}
	if len(fe) > 0 {
		if len(files) > 0 {
			fe.add("attachments", "出于安全原因，附件需要重新选择后再提交。")
		}
		return s.supplementAgain(w, r, q, text, fe)
	}

	if err := s.recordUploadBytes(r, attachmentBytes(atts)); err != nil {
		return err
	}
	// One instant decides the day of receipt, the time the event is
	// stored at and the time shown as the system's acknowledgement, as
	// for the application (fileRequest).
	now, day, err := s.onlineReceipt()
	if err != nil {
		return err
	}
	d := stepDetails{Supplement: &supplementDetails{Text: text}}
	ev := rq.SupplementReceived{Date: day, Channel: rq.Online}
	var updated rq.Request
	err = s.audited(r, func(r *http.Request) error {
		var err error
		updated, err = s.store.AppendRequestEvent(r.Context(), q.ID, rq.EventRecord{Event: ev, Why: "网上补正",
			Details: d.encode(), Attachments: atts, Created: now})
		if err != nil {
			return err
		}
		return s.record(r, principal{}, "request.step", q.BodyID, q.Code,
			ev.Kind().Label()+" "+day.String()+"（申请人网上提交）")
	})
	var te *rq.TransitionError
	if errors.As(err, &te) {
		// Another submission (or a handler's step) got there first.
		cur, cerr := s.store.Request(ctx, q.ID)
		if cerr != nil {
			return cerr
		}
		return s.supplementRefused(w, r, code, supplementNotPending(cur.State))
	}
	if err != nil {
		return err
	}
	b, err := s.store.Body(ctx, q.BodyID)
	if err != nil {
		return err
	}
	rc, err := s.applicantClockOf(ctx, updated)
	if err != nil {
		return err
	}
	due := chineseDay(rc.Status.Due)
	if rc.Status.DueProvisional {
		due = "" // the page then says 以办理进度为准; the status page explains
	}
	chrome, _, err := s.statusChrome(ctx, "", b.ID)
	if err != nil {
		return err
	}
	v := supplementDoneView{Page: Page{Title: "补正材料已提交", Portal: chrome}, Code: q.Code, Body: b.Name,
		Received: chineseDay(day), Created: now, Due: due}
	for _, a := range atts {
		v.Files = append(v.Files, a.Name)
	}
	return s.render(w, r, "portal_supplement_done", v)
}

// supplementRefused shows the status form with the reason a supplement
// was not accepted.
func (s *server) supplementRefused(w http.ResponseWriter, r *http.Request, code string, err error) error {
	e := publicError(err)
	if e.Status >= 500 {
		return err
	}
	chrome, err := s.platformChrome(r.Context())
	if err != nil {
		return err
	}
	v := statusView{Page: Page{Title: "申请进度查询", Portal: chrome}, Code: code, Error: e.Message}
	return s.renderStatus(w, r, "portal_status", e.Status, v)
}

// supplementAgain shows the status page again with the form, its input
// and what is wrong with it; the holder has proved possession already.
func (s *server) supplementAgain(w http.ResponseWriter, r *http.Request, q rq.Request, text string, fe fieldErrors) error {
	res, err := s.publicStatusOf(r.Context(), q)
	if err != nil {
		return err
	}
	f, err := s.supplementFormFor(r, q)
	if err != nil {
		return err
	}
	chrome, slug, err := s.statusChrome(r.Context(), "", q.BodyID)
	if err != nil {
		return err
	}
	v := statusView{Page: Page{Title: "申请进度查询", Portal: chrome}, Slug: slug, Code: q.Code, Result: &res, Supplement: f}
	if f != nil {
		f.Text, f.Errors, f.ErrorList = text, fe, fe.list(supplementFields)
		for i := range f.ErrorList {
			f.ErrorList[i].Field = "supplement-" + f.ErrorList[i].Field // the form's ids
		}
	}
	return s.renderStatus(w, r, "portal_status", http.StatusUnprocessableEntity, v)
}
