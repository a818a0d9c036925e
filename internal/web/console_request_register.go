package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
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
	f := readRegisterForm(r.PostFormValue)
	received, fe := f.check(s.today(), s.now())
	a, ch := f.Application, f.Channel
	if len(fe) > 0 {
		return s.renderStatus(w, r, "console_request_new", http.StatusUnprocessableEntity, s.registerPage(r, b, a, ch, f.FactDate, fe))
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
			created, err = s.store.CreateRequest(r.Context(), q, p.user.ID, f.Why)
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
	kind, filed, err := parseCaseFiling(r.PostFormValue, formatOf(s.today()), q.Received, s.today())
	if err != nil {
		return s.requestPageError(w, r, publicError(err).Message)
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
	result, decided, err := parseCaseDecision(r.PostFormValue, formatOf(s.today()), cases[i].Filed, s.today())
	if err != nil {
		return s.requestPageError(w, r, publicError(err).Message)
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
