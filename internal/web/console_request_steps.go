package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/annualreport"
	rq "github.com/gongkai/gongkai/internal/request"
)

// stepForm is one next step a handler may record, shown as its own form.
type stepForm struct {
	Kind     rq.EventKind
	Label    string
	Outcomes []choice // answered, withdrawn: table 三's outcome rows
	Reason   rq.AbandonReason
}

// stepKinds are the steps offered, in the order a request usually runs.
var stepKinds = []rq.Event{
	rq.Accepted{}, rq.SupplementRequested{}, rq.SupplementReceived{}, rq.ConsultationStarted{},
	rq.ConsultationEnded{}, rq.Extended{}, rq.FeeNoticeSent{}, rq.FeePaid{},
	rq.Answered{}, rq.Referred{}, rq.Withdrawn{}, rq.Abandoned{},
}

// stepForms are the steps rq.Transition allows in the request's
// state; the state machine, not this list, decides, with the clock's
// rules it knows in advance: an answer during a consultation only once
// the consulted party's 15 working days have passed (Arts. 32, 34), no
// fee notice on a request received before 国办函〔2020〕109号 applied.
func stepForms(q rq.Request, st rq.Status, f *annualreport.Format) []stepForm {
	var out []stepForm
	for _, e := range stepKinds {
		if a, ok := e.(rq.Abandoned); ok {
			a.Reason = rq.NoPayment
			if q.State == rq.StateSupplementPending {
				a.Reason = rq.NoSupplement
			}
			e = a
		}
		if _, err := rq.Transition(q.State, e); err != nil {
			continue
		}
		if e.Kind() == rq.KindExtended && st.Extension > 0 {
			continue // only one extension (Art. 33)
		}
		if e.Kind() == rq.KindAccepted && st.Extension > 0 {
			continue // 受理 comes before any other step
		}
		if e.Kind() == rq.KindAnswered && q.State == rq.StateConsulting && !st.ConsultationLapsed {
			continue
		}
		if e.Kind() == rq.KindFeeNoticeSent && q.Received.Before(rq.FeesFrom) {
			continue
		}
		sf := stepForm{Kind: e.Kind(), Label: e.Kind().Label()}
		switch e := e.(type) {
		case rq.Answered, rq.Withdrawn:
			sf.Outcomes = outcomeOptions(f, "")
		case rq.Referred:
			sf.Label += "（第三十六条第（五）项）"
		case rq.Abandoned:
			sf.Reason = e.Reason
			sf.Label += "（" + e.Reason.Label() + "）"
		}
		out = append(out, sf)
	}
	return out
}

// stepDetails is what a step records beyond its event, kept as JSON in
// the event's details.
type stepDetails struct {
	Letter *letterDetails `json:"letter,omitempty"`
	Fee    *feeDetails    `json:"fee,omitempty"`
	// SupplementNotice is what a 补正 notice asks for, in the words the
	// applicant reads on the status page.
	SupplementNotice string `json:"supplement_notice,omitempty"`
	// Supplement is what the applicant sent through the online form.
	Supplement *supplementDetails `json:"supplement,omitempty"`
	// Referral is an Art. 36(5) answer's link to the platform: the
	// holder's body and the request forwarded there.
	Referral *referralDetails `json:"referral,omitempty"`
	// Notice is the handler's parts of a notice letter (request_letters.go).
	Notice *noticeDetails `json:"notice,omitempty"`
}

// encode is the details as stored: "" when the step recorded none.
func (d stepDetails) encode() string {
	if d == (stepDetails{}) {
		return ""
	}
	b, _ := json.Marshal(d)
	return string(b)
}

// supplementDetails is a supplement (补正) sent online; its files are
// stored with the event (rq.Attachment.EventID).
type supplementDetails struct {
	Text string `json:"text"`
}

// maxSupplementNotice bounds the notice text, in characters.
const maxSupplementNotice = 2000

// letterDetails are the handler's parts of the answer letter (告知书).
type letterDetails struct {
	DocNo       string `json:"doc_no,omitempty"`
	Reasons     string `json:"reasons"`
	Basis       string `json:"basis,omitempty"`
	ReviewOrgan string `json:"review_organ,omitempty"`
	Court       string `json:"court,omitempty"`
}

// feeDetails is how a 按件 fee notice's position came about: the one
// computed from the records, the requests counted, and the handler's
// reason when another was used. The fee itself is in the event. Method
// and Amount are what notices recorded before that kept here.
type feeDetails struct {
	Computed int      `json:"computed,omitempty"`
	Counted  []string `json:"counted,omitempty"` // tracking codes, in order
	Override string   `json:"override,omitempty"`
	Method   string   `json:"method,omitempty"`
	Amount   int      `json:"amount,omitempty"`
}

func parseDetails(s string) stepDetails {
	var d stepDetails
	_ = json.Unmarshal([]byte(s), &d) // empty or foreign details read as none
	return d
}

// eventSummary is a short description of what a step recorded.
func eventSummary(e rq.EventRecord) string {
	d := parseDetails(e.Details)
	switch ev := e.Event.(type) {
	case rq.Received:
		return ev.Channel.Label()
	case rq.SupplementRequested:
		if d.SupplementNotice != "" {
			return "补正期限 " + ev.Due.String() + "；补正内容：" + d.SupplementNotice
		}
		return "补正期限 " + ev.Due.String()
	case rq.SupplementReceived:
		if ev.Channel != "" {
			return ev.Channel.Label()
		}
	case rq.ConsultationStarted:
		if ev.Party != "" {
			return ev.With.Label() + "：" + ev.Party
		}
		return ev.With.Label()
	case rq.Extended:
		return fmt.Sprintf("延长 %d 个工作日，批准人 %s", ev.Days, ev.Approver)
	case rq.FeeNoticeSent:
		return feeSummary(ev, d.Fee)
	case rq.Answered:
		return "办理结果 " + ev.Outcome
	case rq.Referred:
		return referralSummary(ev, d.Referral)
	case rq.Withdrawn:
		return "办理结果 " + ev.Outcome
	case rq.Transferred:
		return "转至 " + ev.To + "（旧记录，按第三十六条第（五）项计为 " + rq.OutcomeNotHeld + "）"
	case rq.Abandoned:
		return ev.Reason.Label()
	}
	return ""
}

// parseStep reads a step form into an event and, for a step that sends
// a notice, the notice's parts. Problems come back as *Error with a
// Chinese message, shown on the request page.
func (s *server) parseStep(ctx context.Context, get func(string) string, q rq.Request) (rq.Event, stepDetails, error) {
	ev, d, err := s.parseStepEvent(ctx, get, q)
	if err != nil {
		return ev, d, err
	}
	d.Notice, err = parseNoticeDetails(ev, trimmedField(get))
	return ev, d, err
}

// parseNoticeDetails reads a notice's 文号 and text (request_letters.go)
// for the steps that send one; nil when none was given.
func parseNoticeDetails(ev rq.Event, field func(string) string) (*noticeDetails, error) {
	switch ev.(type) {
	case rq.SupplementRequested, rq.Extended, rq.ConsultationStarted, rq.FeeNoticeSent, rq.Abandoned:
	default:
		return nil, nil
	}
	n := noticeDetails{DocNo: field("doc_no"), Text: field("notice_text")}
	switch {
	case utf8.RuneCountInString(n.DocNo) > 60:
		return nil, errInvalid("文号不超过 60 字。")
	case utf8.RuneCountInString(n.Text) > maxSupplementNotice:
		return nil, errInvalid(fmt.Sprintf("写入通知书的内容不超过 %d 字。", maxSupplementNotice))
	case n == noticeDetails{}:
		return nil, nil
	}
	return &n, nil
}

// parseStepEvent reads the step's event: a fee notice charged per request
// needs the applicant's requests this month, a referral the bodies on the
// platform; every other step is read by parseStepForm.
func (s *server) parseStepEvent(ctx context.Context, get func(string) string, q rq.Request) (rq.Event, stepDetails, error) {
	field := trimmedField(get)
	day, err := stepDay(field("date"), q.Received, s.today())
	if err != nil {
		return nil, stepDetails{}, err
	}
	switch kind := rq.EventKind(field("kind")); kind {
	case rq.KindFeeNoticeSent:
		var pos feePosition
		if rq.FeeMethod(field("method")) == rq.PerRequest {
			if pos, err = s.feePosition(ctx, q); err != nil {
				return nil, stepDetails{}, err
			}
		}
		return parseFeeForm(field, q.Received, day, pos)
	case rq.KindReferred:
		return s.parseReferral(ctx, field, q, day)
	default:
		return parseStepForm(kind, field, day)
	}
}

// requestStep records one step from the request page's forms.
func (s *server) requestStep(w http.ResponseWriter, r *http.Request) error {
	q, err := s.requestFromPath(r)
	if err != nil {
		return err
	}
	p := principalFrom(r.Context())
	_, err = s.recordStep(r, q, p, r.PostFormValue, r.PostFormValue("why"))
	if e := publicError(err); err != nil && e.Status == http.StatusUnprocessableEntity {
		v, verr := s.requestPageView(r)
		if verr != nil {
			return verr
		}
		v.Errors, v.OpenStep = []string{e.Message}, r.PostFormValue("kind")
		return s.renderStatus(w, r, "console_request", http.StatusUnprocessableEntity, v)
	}
	if err != nil {
		return err
	}
	s.notice(r, "已记录。")
	return seeOther(w, r, "/admin/requests/"+strconv.FormatInt(q.ID, 10))
}

// recordStep parses, checks and stores a step, and audits it. A step
// the request's state does not allow is a 422 with the state machine's
// message; an answer whose letter cannot be written is refused too. The
// step and its audit entries commit together (audited).
func (s *server) recordStep(r *http.Request, q rq.Request, p principal, get func(string) string, why string) (updated rq.Request, err error) {
	err = s.audited(r, func(r *http.Request) error {
		var err error
		updated, err = s.recordStepAudited(r, q, p, get, why)
		return err
	})
	return updated, err
}

func (s *server) recordStepAudited(r *http.Request, q rq.Request, p principal, get func(string) string, why string) (rq.Request, error) {
	ctx := r.Context()
	ev, d, err := s.parseStep(ctx, get, q)
	if err != nil {
		return rq.Request{}, err
	}
	if d.Letter != nil {
		b, err := s.store.Body(ctx, q.BodyID)
		if err != nil {
			return rq.Request{}, err
		}
		if err := letterOf(b.Name, q, ev, d).RenderHTML(io.Discard); err != nil {
			if msg, ok := domainMessage(err); ok {
				return rq.Request{}, errInvalid("告知书无法生成：" + msg)
			}
			return rq.Request{}, err
		}
	}
	e := rq.EventRecord{Event: ev, UserID: p.user.ID, Why: strings.TrimSpace(why)}
	var updated, forwarded rq.Request
	if d.Referral != nil && d.Referral.forward {
		updated, forwarded, err = s.forwardStep(ctx, q, e, d)
	} else {
		e.Details = d.encode()
		updated, err = s.store.AppendRequestEvent(ctx, q.ID, e)
	}
	if err != nil { // a *request.TransitionError says itself (publicError)
		return rq.Request{}, err
	}
	detail := ev.Kind().Label() + " " + ev.On().String()
	if d.Fee != nil && d.Fee.Override != "" {
		detail += fmt.Sprintf("；按件计收改为本月第 %d 件（系统计算为第 %d 件），理由：%s", ev.(rq.FeeNoticeSent).Count, d.Fee.Computed, d.Fee.Override)
	}
	if forwarded.ID != 0 {
		detail += "；转送至 " + ev.(rq.Referred).Holder + "，新申请编号 " + forwarded.Code
		if err := s.record(r, p, "request.forwarded", forwarded.BodyID, forwarded.Code,
			"由申请 "+q.Code+" 转送（《条例》第三十六条第（五）项），收到申请之日 "+forwarded.Received.String()); err != nil {
			return rq.Request{}, err
		}
	}
	if err := s.record(r, p, "request.step", q.BodyID, q.Code, detail); err != nil {
		return rq.Request{}, err
	}
	return updated, nil
}
