package web

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/auth"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
)

// Public filing through the API needs no token (anyone may apply,
// Art. 27) but is limited per client address and per applicant
// identity, with the /apply form (apply_throttle.go): defaultFilingLimit
// per fileWindow unless Options.FilingLimit says otherwise.
const (
	fileWindow         = time.Hour
	defaultFilingLimit = 20
)

type apiFileRequest struct {
	BodyID int64 `json:"body_id"`
	application
}

type apiFiled struct {
	ID       int64  `json:"id"`
	Code     string `json:"code"`
	Secret   string `json:"secret"`
	Received string `json:"received"`
	Due      string `json:"due,omitempty"`
}

// apiFieldErrors is a 422 listing every field problem.
type apiFieldErrors struct {
	Error  apiError          `json:"error"`
	Fields map[string]string `json:"fields"`
}

func (s *server) apiRequestFile(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	addr := s.clientAddr(r)
	if err := s.filingThrottled(ctx, filingAddrKey(addr)); err != nil {
		return err
	}
	var in apiFileRequest
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	a := in.application
	a.IDNumber = strings.ToUpper(strings.TrimSpace(a.IDNumber))
	if err := s.filingThrottled(ctx, filingIDKey(a.IDNumber)); err != nil {
		return err
	}
	fe := a.validate(formatOf(s.today()), s.now())
	b, err := s.store.Body(ctx, in.BodyID)
	if isNotFound(err) {
		fe.add("body_id", "受理机关不存在。")
	} else if err != nil {
		return err
	}
	if len(fe) > 0 {
		writeJSON(w, http.StatusUnprocessableEntity, apiFieldErrors{Fields: fe,
			Error: apiError{Code: "invalid", Message: fe.joined(applicationFields), RequestID: requestID(ctx)}})
		return nil
	}
	if err := s.recordFiling(ctx, addr, a.IDNumber); err != nil {
		return err
	}
	q, secret, err := s.fileRequest(ctx, a.record(b.ID), nil)
	if err != nil {
		return err
	}
	s.sendReceipt(ctx, b, q)
	writeJSON(w, http.StatusCreated, apiFiled{ID: q.ID, Code: q.Code, Secret: secret, Received: q.Received.String(),
		Due: dateOrEmpty(q.Due)})
	return nil
}

func (s *server) apiRequestStatus(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	res, err := s.lookupStatus(r, normalizeCode(q.Get("code")), q.Get("secret"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

// apiRequestJSON is a request for staff. The applicant block is only
// present for handlers of the body (personal information).
type apiRequestJSON struct {
	ID            int64  `json:"id"`
	BodyID        int64  `json:"body_id"`
	Code          string `json:"code"`
	ApplicantType string `json:"applicant_type"`
	Channel       string `json:"channel"`
	Received      string `json:"received"`
	State         string `json:"state"`
	Due           string `json:"due,omitempty"`
	DaysLeft      *int   `json:"days_left,omitempty"`
	DaysLeftText  string `json:"days_left_text"`
	// DueProvisional: due runs into a year whose holidays the State
	// Council has not announced and is counted on weekends alone (暂定);
	// DueReason says so in Chinese. The legal date follows once the year
	// is added to the calendar.
	DueProvisional bool   `json:"due_provisional"`
	DueReason      string `json:"due_reason,omitempty"`
	// Paused: a consultation or fee wait stops the clock; lapsed: the
	// consulted party's 15 working days passed and it runs again (Arts.
	// 32, 34); fee overdue: 逾期未缴费, may be deemed abandoned (三.六.2).
	Paused             bool               `json:"paused,omitempty"`
	ConsultationLapsed bool               `json:"consultation_lapsed,omitempty"`
	FeeOverdue         bool               `json:"fee_overdue,omitempty"`
	Outcome            string             `json:"outcome,omitempty"`
	Closed             string             `json:"closed,omitempty"`
	Sought             string             `json:"sought"`
	Applicant          *apiApplicant      `json:"applicant,omitempty"`
	Explanation        []string           `json:"explanation,omitempty"`
	Events             []apiRequestEvent  `json:"events,omitempty"`
	Deadlines          map[string]apiDate `json:"deadlines,omitempty"`
	// FeePosition is 按件计收's count for this request while a fee notice
	// may be sent (handlers only): its position in the applicant's month,
	// the requests counted, its fee and the month's.
	FeePosition *feePosition `json:"fee_position,omitempty"`
	// ForwardedFrom / ForwardedTo: the other end of an application
	// forwarded with an Art. 36(5) answer.
	ForwardedFrom *apiForward `json:"forwarded_from,omitempty"`
	ForwardedTo   *apiForward `json:"forwarded_to,omitempty"`
}

type apiForward struct {
	Body string `json:"body"`
	Code string `json:"code"`
	Date string `json:"date"` // the day it arrived at the receiving body
}

type apiApplicant struct {
	Name      string `json:"name"`
	IDType    string `json:"id_type"`
	IDNumber  string `json:"id_number"`
	Phone     string `json:"phone"`
	Email     string `json:"email"`
	Address   string `json:"address"`
	Delivery  string `json:"delivery"`
	FeeWaiver bool   `json:"fee_waiver"`
}

type apiRequestEvent struct {
	Kind    string `json:"kind"`
	Label   string `json:"label"`
	Date    string `json:"date"`
	UserID  int64  `json:"user_id"`
	Why     string `json:"why"`
	Summary string `json:"summary,omitempty"`
}

type apiDate struct {
	Due  string `json:"due"`
	Done string `json:"done,omitempty"`
	// Provisional: due lies in a year without a holiday schedule (暂定).
	Provisional bool `json:"provisional,omitempty"`
}

func toAPIRequest(q rq.Request, st rq.Status, withApplicant bool) apiRequestJSON {
	out := apiRequestJSON{ID: q.ID, BodyID: q.BodyID, Code: q.Code, ApplicantType: q.ApplicantType,
		Channel: string(q.Channel), Received: q.Received.String(), State: string(q.State), Due: dateOrEmpty(st.Due),
		DaysLeftText: daysLeftText(st), Paused: st.Paused, ConsultationLapsed: st.ConsultationLapsed, FeeOverdue: st.FeeOverdue,
		Outcome: q.Outcome, Closed: dateOrEmpty(q.Closed), Sought: q.Sought,
		DueProvisional: st.DueProvisional && !q.State.Closed(), DueReason: st.DueReason()}
	if !out.DueProvisional {
		out.DueReason = ""
	}
	if !q.State.Closed() && !st.Due.IsZero() {
		d := st.DaysLeft
		out.DaysLeft = &d
	}
	if withApplicant {
		out.Applicant = &apiApplicant{Name: q.ApplicantName, IDType: q.IDType, IDNumber: q.IDNumber, Phone: q.Phone,
			Email: q.Email, Address: q.Address, Delivery: q.Delivery, FeeWaiver: q.FeeWaiver}
	}
	return out
}

func (s *server) apiRequests(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	f := store.RequestFilter{Status: r.URL.Query().Get("status")}
	switch f.Status {
	case "", "open", "closed":
	default:
		return errBadRequest("status 只能是 open 或 closed。")
	}
	canHandle, err := s.can(ctx, principalFrom(ctx), auth.PermRequestHandle, b.ID)
	if err != nil {
		return err
	}
	list, err := s.store.RequestsForBody(ctx, b.ID, f)
	if err != nil {
		return err
	}
	// The deadline of each request is computed for its page alone.
	page, next, err := pageAfter(r, list, func(q rq.Request) int64 { return q.ID })
	if err != nil {
		return err
	}
	rows, err := s.requestRows(ctx, page, canHandle)
	if err != nil {
		return err
	}
	out := apiList[apiRequestJSON]{Items: []apiRequestJSON{}, Total: len(list), NextCursor: next}
	for _, row := range rows {
		out.Items = append(out.Items, toAPIRequest(row.Request, row.Status, canHandle))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *server) apiRequestDetail(r *http.Request, q rq.Request) (apiRequestJSON, error) {
	ctx := r.Context()
	canHandle, err := s.can(ctx, principalFrom(ctx), auth.PermRequestHandle, q.BodyID)
	if err != nil {
		return apiRequestJSON{}, err
	}
	rc, err := s.clockOf(ctx, q)
	if err != nil {
		return apiRequestJSON{}, err
	}
	out := toAPIRequest(q, rc.Status, canHandle)
	out.Explanation = rc.Status.Lines
	out.Deadlines = map[string]apiDate{}
	for name, d := range map[string]rq.Deadline{"supplement_notice": rc.Status.SupplementNotice,
		"supplement": rc.Status.Supplement, "consultation": rc.Status.Consultation, "fee_payment": rc.Status.FeePayment} {
		if d.Set() {
			out.Deadlines[name] = apiDate{Due: d.Due.String(), Done: dateOrEmpty(d.Done), Provisional: d.Provisional}
		}
	}
	for _, e := range rc.Events {
		out.Events = append(out.Events, apiRequestEvent{Kind: string(e.Event.Kind()), Label: e.Event.Kind().Label(),
			Date: e.Event.On().String(), UserID: e.UserID, Why: e.Why, Summary: eventSummary(e)})
	}
	from, to, err := s.forwardLinks(ctx, q, rc.Events)
	if err != nil {
		return apiRequestJSON{}, err
	}
	if from != nil {
		out.ForwardedFrom = &apiForward{Body: from.Body, Code: from.Code, Date: from.Date}
	}
	if to != nil {
		out.ForwardedTo = &apiForward{Body: to.Body, Code: to.Code, Date: to.Date}
	}
	if canHandle && slices.ContainsFunc(stepForms(q, rc.Status, formatOf(s.today())), func(f stepForm) bool { return f.Kind == rq.KindFeeNoticeSent }) {
		pos, err := s.feePosition(ctx, q)
		if err != nil {
			return apiRequestJSON{}, err
		}
		out.FeePosition = &pos
	}
	return out, nil
}

func (s *server) apiRequest(w http.ResponseWriter, r *http.Request) error {
	q, err := s.requestFromPath(r)
	if err != nil {
		return err
	}
	out, err := s.apiRequestDetail(r, q)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// apiStep is one step, with the fields of the console's step forms.
// count is the older name of nth (按件) and pages (按量).
type apiStep struct {
	Kind           string `json:"kind"`
	Date           string `json:"date"`
	Why            string `json:"why"`
	Due            string `json:"due"`
	With           string `json:"with"`
	Days           int    `json:"days"`
	Approver       string `json:"approver"`
	Method         string `json:"method"`
	Nth            int    `json:"nth"`
	Pages          int    `json:"pages"`
	Count          int    `json:"count"`
	OverrideReason string `json:"override_reason"`
	ReceivedOn     string `json:"received_on"`
	Outcome        string `json:"outcome"`
	Reasons        string `json:"reasons"`
	Basis          string `json:"basis"`
	DocNo          string `json:"doc_no"`
	Notice         string `json:"notice"`
	NoticeText     string `json:"notice_text"`
	Party          string `json:"party"`
	ReviewOrgan    string `json:"review_organ"`
	Court          string `json:"court"`
	Holder         string `json:"holder"`
	HolderBodyID   int64  `json:"holder_body_id"`
	Contact        string `json:"contact"`
	Forward        bool   `json:"forward"`
	Reason         string `json:"reason"`
}

func (a apiStep) get(k string) string {
	itoa := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	forward := ""
	if a.Forward {
		forward = "1"
	}
	return map[string]string{"kind": a.Kind, "date": a.Date, "due": a.Due, "with": a.With, "days": itoa(a.Days),
		"approver": a.Approver, "method": a.Method, "nth": itoa(cmp.Or(a.Nth, a.Count)), "pages": itoa(cmp.Or(a.Pages, a.Count)),
		"override_reason": a.OverrideReason, "received_on": a.ReceivedOn,
		"outcome": a.Outcome, "reasons": a.Reasons, "basis": a.Basis, "doc_no": a.DocNo,
		"review_organ": a.ReviewOrgan, "court": a.Court, "holder": a.Holder, "holder_body_id": itoa(int(a.HolderBodyID)),
		"contact": a.Contact, "forward": forward, "reason": a.Reason,
		"notice": a.Notice, "notice_text": a.NoticeText, "party": a.Party}[k]
}

func (s *server) apiRequestEvent(w http.ResponseWriter, r *http.Request) error {
	q, err := s.requestFromPath(r)
	if err != nil {
		return err
	}
	var step apiStep
	if err := decodeJSON(r, &step); err != nil {
		return err
	}
	if step.Date == "" {
		step.Date = s.today().String()
	}
	updated, err := s.recordStep(r, q, principalFrom(r.Context()), step.get, step.Why)
	if err != nil {
		return err
	}
	out, err := s.apiRequestDetail(r, updated)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, out)
	return nil
}

// apiRequestReport returns tables 三 and 四 of the body's annual report
// for a year, counted from the request records, in the annual-report
// JSON contract.
func (s *server) apiRequestReport(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || annualreport.FormatForYear(year) == nil || year > s.today().Year() {
		return errNotFound()
	}
	rep, err := s.requestReport(r, b.ID, year)
	if err != nil {
		return err
	}
	rep.Org = b.Name
	data, err := annualreport.EncodeJSON(rep)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(data)
	return err
}

func (s *server) requestReport(r *http.Request, bodyID int64, year int) (*annualreport.Report, error) {
	// Table 三 from the counters kept with the records and table 四 from
	// the cases, in one statement: the same numbers as the records give
	// (store.TestYearRecordsMatchPerBody).
	by, err := s.store.BodyYearRecords(r.Context(), bodyID, year)
	if err != nil {
		return nil, err
	}
	rep, err := rq.BuildReport(year, by.Requests, by.Cases)
	if err != nil {
		return nil, err
	}
	// Table 二 comes from the disclosure records, so one report holds
	// every table the body's records can fill.
	two, units, err := s.tableTwoOf(r.Context(), bodyID, year)
	if err != nil {
		return nil, err
	}
	rep.Tables.Two = two
	// The units of entered amounts (2019 采购总金额) go with table 二;
	// tables 三 and 四 are counts and carry none.
	if rep.Units == nil {
		rep.Units = map[string]string{}
	}
	for k, u := range units {
		rep.Units[k] = u
	}
	return rep, nil
}
