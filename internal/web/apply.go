package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/notify"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// Mailer sends one e-mail; notify.SMTP implements it.
type Mailer interface {
	Send(ctx context.Context, m notify.Message) error
}

// applyView is the public application form (政府信息公开申请表).
type applyView struct {
	Page
	Action     string
	Body       *body.Body       // the body applied to; nil: the applicant chooses
	Bodies     []bodyOption     // the choice on a multi-body site
	BodyID     int64            // the chosen body, kept on a failed submission
	Form       application      // what was entered, re-shown on errors
	Applicants []choiceGroup    // table 三's applicant columns
	IDTypes    []choice         // 证件类型
	Deliveries []choice         // 获取方式
	Errors     fieldErrors      // by field, shown next to it
	ErrorList  []fieldError     // every message, for the summary
	Limits     attachmentLimits // shown as a hint
	Duplicate  *duplicateNotice // an identical application was just filed
}

// applyTarget is where an application goes: the body of /b/{slug}/apply,
// the home body of a single-body site, or nil when the form must offer
// a choice.
func (s *server) applyTarget(r *http.Request) (*body.Body, *portalChrome, error) {
	ctx := r.Context()
	if slug := r.PathValue("slug"); slug != "" {
		pb, err := s.loadPortalBody(ctx, slug)
		if err != nil {
			return nil, nil, err
		}
		return &pb.body, pb.chrome(""), nil
	}
	home, err := s.homeBody(ctx)
	if err != nil {
		return nil, nil, err
	}
	if home == nil {
		c, err := s.platformChrome(ctx)
		return nil, c, err
	}
	pb, err := s.portalBodyOf(ctx, *home)
	if err != nil {
		return nil, nil, err
	}
	return home, pb.chrome(""), nil
}

func (s *server) applyPage(r *http.Request, b *body.Body, chrome *portalChrome, a application, fe fieldErrors) (applyView, error) {
	f := formatOf(s.today())
	v := applyView{Page: Page{Title: "政府信息公开申请", Portal: chrome}, Action: r.URL.Path, Body: b, Form: a,
		Applicants: applicantGroups(f, a.ApplicantType), IDTypes: choices(idTypes, a.IDType),
		Deliveries: choices(deliveryMethods, a.Delivery), Errors: fe, ErrorList: fe.list(applicationFields),
		Limits: requestAttachmentLimits}
	if b != nil {
		v.Title = "政府信息公开申请 - " + b.Name
		return v, nil
	}
	bodies, err := s.store.Bodies(r.Context())
	if err != nil {
		return v, err
	}
	parent := make(map[int64]int64, len(bodies))
	for _, x := range bodies {
		parent[x.ID] = x.ParentID
	}
	v.BodyID, _ = strconv.ParseInt(r.PostFormValue("body_id"), 10, 64)
	for _, x := range bodies {
		v.Bodies = append(v.Bodies, newBodyOption(x, len(ancestorsOf(parent, x.ID))))
	}
	return v, nil
}

func newBodyOption(b body.Body, depth int) bodyOption {
	r := newBodyRow(b, depth)
	return bodyOption{Body: b, Depth: depth, Indent: r.Indent, URL: "/b/" + url.PathEscape(b.Slug) + "/apply"}
}

func (s *server) applyForm(w http.ResponseWriter, r *http.Request) error {
	b, chrome, err := s.applyTarget(r)
	if err != nil {
		return err
	}
	v, err := s.applyPage(r, b, chrome, application{ApplicantType: "自然人", IDType: idResident}, fieldErrors{})
	if err != nil {
		return err
	}
	return s.render(w, r, "portal_apply", v)
}

// receiptView is the acknowledgement (回执): the moment it is shown the
// request is stored, and that moment is its date of receipt (Art. 31).
type receiptView struct {
	Page
	Body      body.Body
	Request   rq.Request
	Code      string // grouped for reading: 7KQ4-M9XT-ABCD
	Secret    string // grouped likewise
	Received  string
	Due       string
	Pending   string // instead of Due while next year's holidays are unannounced
	StatusURL string
	PrintURL  string // the 打印回执 view
}

func (s *server) applySubmit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	b, chrome, err := s.applyTarget(r)
	if err != nil {
		return err
	}
	// The throttles are read before the body: a client over a limit
	// uploads nothing.
	addr := s.clientAddr(r)
	if err := s.filingThrottled(ctx, filingAddrKey(addr)); err != nil {
		return err
	}
	if err := s.uploadBudgetRefused(r); err != nil {
		return err
	}
	files, fe, err := s.readApplicationForm(w, r)
	if err != nil {
		return err
	}
	a := applicationFromForm(r.PostFormValue)
	if err := s.filingThrottled(ctx, filingIDKey(a.IDNumber)); err != nil {
		return err
	}
	for k, m := range a.validate(formatOf(s.today()), s.now()) {
		fe.add(k, m)
	}
	fixed := b // nil: the form offers the choice of body again on errors
	if b == nil {
		id, _ := strconv.ParseInt(r.PostFormValue("body_id"), 10, 64)
		chosen, err := s.store.Body(ctx, id)
		switch {
		case err == nil:
			b = &chosen
		case isNotFound(err) || id <= 0:
			fe.add("body_id", "请选择受理申请的机关。")
		default:
			return err
		}
	}
	if len(fe) == 0 {
		// Refused before any file is stored: nothing is kept of it.
		if first, dup, err := s.sameApplication(ctx, a.record(b.ID)); err != nil {
			return err
		} else if dup {
			v, err := s.applyPage(r, fixed, chrome, a, fe)
			if err != nil {
				return err
			}
			v.Duplicate = s.duplicateOf(ctx, first, *b)
			return s.renderStatus(w, r, "portal_apply", http.StatusConflict, v)
		}
	}
	var atts []rq.Attachment
	if len(fe) == 0 {
		atts, err = s.storeAttachments(ctx, files, fe)
		if err != nil {
			return err
		}
	}
	if len(fe) > 0 {
		if len(files) > 0 {
			fe.add("attachments", "出于安全原因，附件需要重新选择后再提交。")
		}
		v, err := s.applyPage(r, fixed, chrome, a, fe)
		if err != nil {
			return err
		}
		return s.renderStatus(w, r, "portal_apply", http.StatusUnprocessableEntity, v)
	}
	if err := s.recordFiling(ctx, addr, a.IDNumber); err != nil {
		return err
	}
	if err := s.recordUploadBytes(r, attachmentBytes(atts)); err != nil {
		return err
	}
	q, secret, err := s.fileRequest(ctx, a.record(b.ID), atts)
	if err != nil {
		return err
	}
	s.sendReceipt(ctx, *b, q)
	// Post/redirect/get: a reload of the receipt cannot file again.
	s.sessions.Put(ctx, receiptKey(q.Code), secret)
	return seeOther(w, r, receiptURL(q.Code))
}

// fileRequest stores an online application. The receipt date is the
// Beijing date of the moment the system stores and acknowledges it
// (Art. 31(3), rq.OnlineReceiptDate); the store has committed when this
// returns.
func (s *server) fileRequest(ctx context.Context, q rq.Request, atts []rq.Attachment) (rq.Request, string, error) {
	// One instant decides the date of receipt, the time stored as the
	// request's creation and its Received event, and the time shown as
	// the system's acknowledgement.
	now, received, err := s.onlineReceipt()
	if err != nil {
		return rq.Request{}, "", err
	}
	q.Channel, q.Received, q.Attachments, q.Created = rq.Online, received, atts, now
	for range 3 {
		secret := newRequestSecret()
		q.Code, q.SecretHash = newTrackingCode(), hashSecret(secret)
		created, err := s.store.CreateRequest(ctx, q, 0, "网上申请")
		if errors.Is(err, store.ErrConflict) {
			continue // a tracking code collided: draw another
		}
		return created, secret, err
	}
	return rq.Request{}, "", errors.New("web: could not draw an unused tracking code")
}

// onlineReceipt is the instant an online submission (an application,
// a 补正) is stored and acknowledged, and its date of receipt (Art.
// 31(3)): the one computation for both.
func (s *server) onlineReceipt() (time.Time, workday.Date, error) {
	now := s.now()
	day, err := rq.ReceiptDate(rq.Online, rq.ReceiptFacts{BothConfirmed: rq.OnlineReceiptDate(now)})
	return now, day, err
}

// sendReceipt e-mails the applicant their tracking code, in the
// background: the acknowledgement never waits for the mail server. The
// secret is not sent: mail is not a safe place for it.
func (s *server) sendReceipt(ctx context.Context, b body.Body, q rq.Request) {
	if s.mailer == nil || q.Email == "" {
		return
	}
	due := orDash(chineseDay(q.Due))
	if q.Due.IsZero() {
		if rc, err := s.applicantClockOf(ctx, q); err == nil && rc.Status.PendingDueText() != "" {
			due = rc.Status.PendingDueText()
		}
	}
	m := notify.Message{To: q.Email, Subject: "政府信息公开申请回执（" + q.Code + "）",
		Body: fmt.Sprintf("%s：\n\n%s已于%s收到您提交的政府信息公开申请。\n申请编号：%s\n答复期限：%s\n\n"+
			"请凭申请编号和提交时获得的查询密码在本站“申请进度查询”页面查询办理进度。\n",
			q.ApplicantName, b.Name, chineseDay(q.Received), q.Code, due)}
	go func() {
		ctx := context.WithoutCancel(ctx)
		if err := s.mailer.Send(ctx, m); err != nil {
			s.log.WarnContext(ctx, "receipt mail not sent", "request", q.Code, "err", err)
		}
	}()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// chineseDay writes a date as 2026年4月27日; "" for the zero date.
func chineseDay(d workday.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year(), int(d.Month()), d.Day())
}
