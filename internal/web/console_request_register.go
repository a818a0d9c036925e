package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// registerChannels are the channels staff register applications from;
// online applications register themselves through /apply.
var registerChannels = []rq.Channel{rq.InPerson, rq.RegisteredPost, rq.OrdinaryLetter, rq.Fax, rq.Online}

// channelFactLabel names the date that decides receipt on each channel
// (Art. 31), for the form's hint.
func channelFactLabel(c rq.Channel) string {
	switch c {
	case rq.InPerson:
		return "当面提交：提交之日"
	case rq.RegisteredPost:
		return "邮寄（签收）：签收之日"
	case rq.OrdinaryLetter:
		return "平常信函：与申请人确认之日"
	}
	return c.Label() + "：双方确认之日"
}

type registerView struct {
	Page
	Body       body.Body
	Form       application
	Channels   []choice
	FactDate   string
	Applicants []choiceGroup
	IDTypes    []choice
	Deliveries []choice
	Errors     fieldErrors
	ErrorList  []fieldError
	// After a successful registration: the code and the secret to hand
	// to the applicant, shown once.
	Created *rq.Request
	Secret  string
}

func (s *server) registerPage(r *http.Request, b body.Body, a application, ch rq.Channel, fact string, fe fieldErrors) registerView {
	f := formatOf(s.today())
	v := registerView{Page: s.consolePage(r, "登记申请："+b.Name, "/admin/requests"), Body: b, Form: a, FactDate: fact,
		Applicants: applicantGroups(f, a.ApplicantType), IDTypes: choices(idTypes, a.IDType),
		Deliveries: choices(deliveryMethods, a.Delivery), Errors: fe,
		ErrorList: fe.list(append([]string{"channel", "fact_date"}, applicationFields...))}
	for _, c := range registerChannels {
		v.Channels = append(v.Channels, choice{Value: string(c), Label: channelFactLabel(c), Selected: c == ch})
	}
	return v
}

func (s *server) requestRegisterForm(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	v := s.registerPage(r, b, application{ApplicantType: "自然人", IDType: idResident}, rq.InPerson, s.today().String(), fieldErrors{})
	return s.render(w, r, "console_request_new", v)
}

// requestRegister records an application received in person, by post
// or by fax, dated by rq.ReceiptDate for its channel.
func (s *server) requestRegister(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	a := applicationFromForm(r.PostFormValue)
	fe := a.validate(formatOf(s.today()), s.now())
	ch := rq.Channel(r.PostFormValue("channel"))
	fact := strings.TrimSpace(r.PostFormValue("fact_date"))
	if !slices.Contains(registerChannels, ch) {
		fe.add("channel", "请选择提交渠道。")
	}
	day, ok := s.parseDay(fact)
	if !ok {
		fe.add("fact_date", "请填写决定收到申请之日的日期（格式 2026-04-27），且不能晚于今天。")
	}
	var received workday.Date
	if len(fe) == 0 {
		facts := rq.ReceiptFacts{HandedIn: day, SignedFor: day, ConfirmedWithApplicant: day, BothConfirmed: day}
		if received, err = rq.ReceiptDate(ch, facts); err != nil {
			fe.add("fact_date", err.Error())
		}
	}
	if len(fe) > 0 {
		return s.renderStatus(w, r, "console_request_new", http.StatusUnprocessableEntity, s.registerPage(r, b, a, ch, fact, fe))
	}
	p := principalFrom(ctx)
	q := a.record(b.ID)
	q.Channel, q.Received = ch, received
	var secret string
	for range 3 {
		secret = newRequestSecret()
		q.Code, q.SecretHash = newTrackingCode(), hashSecret(secret)
		var created rq.Request
		err := s.audited(r, func(r *http.Request) error {
			var err error
			created, err = s.store.CreateRequest(r.Context(), q, p.user.ID, strings.TrimSpace(r.PostFormValue("why")))
			if err != nil {
				return err
			}
			return s.record(r, p, "request.register", b.ID, created.Code, ch.Label()+" "+received.String())
		})
		if errors.Is(err, store.ErrConflict) {
			continue
		}
		if err != nil {
			return err
		}
		v := s.registerPage(r, b, application{}, ch, "", fieldErrors{})
		v.Created, v.Secret = &created, secret
		v.Title = "申请已登记"
		return s.render(w, r, "console_request_new", v)
	}
	return errors.New("web: could not draw an unused tracking code")
}

// caseRow is a reconsideration or lawsuit shown on the request page.
type caseRow struct {
	Case store.Case
	Kind string
}

// caseKindLabel names a table 四 group for display.
func caseKindLabel(f *annualreport.Format, id string) string {
	for _, c := range caseKinds(f, "") {
		if c.Value == id {
			return c.Label
		}
	}
	return id
}

// requestCaseAdd records a reconsideration or lawsuit against the
// request's handling (table 四).
func (s *server) requestCaseAdd(w http.ResponseWriter, r *http.Request) error {
	q, err := s.requestFromPath(r)
	if err != nil {
		return err
	}
	f := formatOf(s.today())
	kind := r.PostFormValue("kind")
	filed, ok := s.parseDay(r.PostFormValue("filed"))
	switch {
	case !slices.Contains(choiceValues(caseKinds(f, "")), kind):
		return s.requestPageError(w, r, "请选择案件类型（行政复议或行政诉讼）。")
	case !ok || filed.Before(q.Received):
		return s.requestPageError(w, r, "请填写受理日期，不能早于收到申请之日，也不能晚于今天。")
	}
	if err := s.audited(r, func(r *http.Request) error {
		id, err := s.store.CreateCase(r.Context(), store.Case{RequestID: q.ID, Kind: kind, Filed: filed})
		if err != nil {
			return err
		}
		return s.record(r, principalFrom(r.Context()), "request.case.add", q.BodyID, q.Code, kind+" #"+strconv.FormatInt(id, 10))
	}); err != nil {
		return err
	}
	s.notice(r, "已登记复议或诉讼案件。")
	return seeOther(w, r, "/admin/requests/"+strconv.FormatInt(q.ID, 10)+"#cases")
}

// requestCaseDecide records a case's result.
func (s *server) requestCaseDecide(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q, err := s.requestFromPath(r)
	if err != nil {
		return err
	}
	caseID, err := pathID(r, "case")
	if err != nil {
		return err
	}
	cases, err := s.store.Cases(ctx, q.ID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(cases, func(c store.Case) bool { return c.ID == caseID })
	if i < 0 {
		return errNotFound()
	}
	result := r.PostFormValue("result")
	decided, ok := s.parseDay(r.PostFormValue("decided"))
	switch {
	case !slices.Contains(choiceValues(caseResults(formatOf(s.today()))), result):
		return s.requestPageError(w, r, "请选择案件结果。")
	case !ok || decided.Before(cases[i].Filed):
		return s.requestPageError(w, r, "请填写审结日期，不能早于受理日期，也不能晚于今天。")
	}
	if err := s.audited(r, func(r *http.Request) error {
		if err := s.store.DecideCase(r.Context(), caseID, decided, result); err != nil {
			return notFoundOr(err)
		}
		return s.record(r, principalFrom(ctx), "request.case.decide", q.BodyID, q.Code, result)
	}); err != nil {
		return err
	}
	s.notice(r, "已记录案件结果。")
	return seeOther(w, r, "/admin/requests/"+strconv.FormatInt(q.ID, 10)+"#cases")
}

// requestPageError re-shows the request page with one problem.
func (s *server) requestPageError(w http.ResponseWriter, r *http.Request, msg string) error {
	v, err := s.requestPageView(r)
	if err != nil {
		return err
	}
	v.Errors = []string{msg}
	return s.renderStatus(w, r, "console_request", http.StatusUnprocessableEntity, v)
}
