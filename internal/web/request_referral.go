package web

import (
	"context"
	"errors"
	"strings"

	"github.com/gongkai/gongkai/internal/body"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// The 条例 has no transfer (转办). When another body is responsible for
// the information, this body answers the applicant itself (Art. 36(5)):
// the request is received here and closes as 三.四.1, with a 告知书
// naming the responsible body and its contact. If that body is on the
// platform, the handler may also forward the application there, where it
// becomes a new request received on the day it arrives.

// referralDetails link an Art. 36(5) answer to the platform: the
// holder's body, and the request forwarded there.
type referralDetails struct {
	HolderBodyID  int64  `json:"holder_body_id,omitempty"`
	ForwardedCode string `json:"forwarded_code,omitempty"`
	Forwarded     string `json:"forwarded,omitempty"` // the day it arrived there
	forward       bool   // asked for, not yet done
}

// contactText is a body's contact details in one line, for a letter.
func contactText(b body.Body) string {
	c := b.Contact
	var parts []string
	for _, p := range []struct{ label, v string }{
		{"", c.Office}, {"地址：", c.Address}, {"邮编：", c.Postcode}, {"电话：", c.Phone}, {"传真：", c.Fax},
		{"电子邮箱：", c.Email}, {"办公时间：", c.Hours},
	} {
		if v := strings.TrimSpace(p.v); v != "" {
			parts = append(parts, p.label+v)
		}
	}
	return strings.Join(parts, "，")
}

// parseReferral reads the Art. 36(5) form (referralForm) and the
// platform body it chose, if any.
func (s *server) parseReferral(ctx context.Context, field func(string) string, q rq.Request, day workday.Date) (rq.Event, stepDetails, error) {
	f, err := readReferralForm(field)
	if err != nil {
		return nil, stepDetails{}, err
	}
	if f.HolderBodyID == 0 {
		return f.step(day, nil, q.BodyID)
	}
	b, err := s.store.Body(ctx, f.HolderBodyID)
	switch {
	case isNotFound(err):
		return nil, stepDetails{}, errInvalid("所选机关不存在。")
	case err != nil:
		return nil, stepDetails{}, err
	}
	return f.step(day, &b, q.BodyID)
}

// referralSummary describes an Art. 36(5) answer in the history.
func referralSummary(ev rq.Referred, d *referralDetails) string {
	out := "办理结果 " + rq.OutcomeNotHeld + "，负责公开的机关：" + ev.Holder + "（" + ev.Contact + "）"
	if d != nil && d.ForwardedCode != "" {
		out += "；已转送，新申请编号 " + d.ForwardedCode + "（" + d.Forwarded + " 收到）"
	}
	return out
}

// forwardStep records the Art. 36(5) answer e on q and, in the same
// transaction, files the application at the holder's body: a new
// request, received on the day it arrives there (the platform stores it
// at once, so the day is rq.OnlineReceiptDate of that instant), with
// the applicant's data, files and lookup secret, and a tracking code of
// its own that the answer letter gives.
func (s *server) forwardStep(ctx context.Context, q rq.Request, e rq.EventRecord, d stepDetails) (rq.Request, rq.Request, error) {
	for range 3 {
		now := s.now()
		arrived, err := rq.ReceiptDate(rq.Forwarded, rq.ReceiptFacts{Arrived: rq.OnlineReceiptDate(now)})
		if err != nil {
			return rq.Request{}, rq.Request{}, err
		}
		to := rq.Request{BodyID: d.Referral.HolderBodyID, Code: newTrackingCode(), SecretHash: q.SecretHash,
			ApplicantType: q.ApplicantType, ApplicantName: q.ApplicantName, IDType: q.IDType, IDNumber: q.IDNumber,
			Phone: q.Phone, Email: q.Email, Address: q.Address, Sought: q.Sought, Delivery: q.Delivery, FeeWaiver: q.FeeWaiver,
			Channel: rq.Forwarded, Received: arrived, Created: now, ForwardedFrom: q.ID}
		for _, a := range q.Attachments {
			a.EventID = 0 // every file the applicant sent is the application's there
			to.Attachments = append(to.Attachments, a)
		}
		d.Referral.ForwardedCode, d.Referral.Forwarded = to.Code, arrived.String()
		e.Details = d.encode()
		from, created, err := s.store.ForwardRequest(ctx, q.ID, e, to)
		if errors.Is(err, store.ErrConflict) {
			continue // a tracking code collided: draw another
		}
		return from, created, err
	}
	return rq.Request{}, rq.Request{}, errors.New("web: could not draw an unused tracking code for a forwarded request")
}

// forwardLinks are the two ends of a forwarded application as q's page
// shows them: where q came from, and where q's Art. 36(5) answer sent it.
func (s *server) forwardLinks(ctx context.Context, q rq.Request, evs []rq.EventRecord) (from, to *forwardLink, err error) {
	if q.ForwardedFrom != 0 {
		src, err := s.store.Request(ctx, q.ForwardedFrom)
		if err != nil {
			return nil, nil, err
		}
		b, err := s.store.Body(ctx, src.BodyID)
		if err != nil {
			return nil, nil, err
		}
		from = &forwardLink{Body: b.Name, Code: src.Code, Date: q.Received.String()}
	}
	for _, e := range evs {
		ev, ok := e.Event.(rq.Referred)
		if r := parseDetails(e.Details).Referral; ok && r != nil && r.ForwardedCode != "" {
			to = &forwardLink{Body: ev.Holder, Code: r.ForwardedCode, Date: r.Forwarded}
		}
	}
	return from, to, nil
}
