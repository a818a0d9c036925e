package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/annualreport"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// today is the current civil date in China Standard Time, the date
// rules of Art. 31 and the clock run on.
func (s *server) today() workday.Date {
	return workday.Today(s.now())
}

// requestClock runs the statutory clock over the request's history as
// of today. A clock that cannot run (next year's holidays not yet
// announced) is reported in Problem rather than failing the page.
type requestClock struct {
	Status  rq.Status
	Events  []rq.EventRecord
	Problem string
}

// clockSettings are the platform's clock rules; every clock the web
// layer runs starts from them.
func (s *server) clockSettings() rq.Settings {
	set := rq.DefaultSettings()
	set.PauseForFee = !s.feeWaitCounts
	set.ValidOutcome = rq.KnownOutcome
	return set
}

func (s *server) clockOf(ctx context.Context, q rq.Request) (requestClock, error) {
	return s.clockWith(ctx, q, false)
}

// applicantClockOf is the clock as the applicant reads it: a date that
// is only provisional (next year's holidays not announced) is written
// 待定, and a clock that cannot run is explained without internals.
func (s *server) applicantClockOf(ctx context.Context, q rq.Request) (requestClock, error) {
	return s.clockWith(ctx, q, true)
}

func (s *server) clockWith(ctx context.Context, q rq.Request, forApplicant bool) (requestClock, error) {
	evs, err := s.store.RequestEvents(ctx, q.ID)
	if err != nil {
		return requestClock{}, err
	}
	return s.clockOver(q, evs, forApplicant), nil
}

// clockOver is clockWith over a history already read (a list reads every
// history in one query).
func (s *server) clockOver(q rq.Request, evs []rq.EventRecord, forApplicant bool) requestClock {
	rc := requestClock{Events: evs}
	domain := make([]rq.Event, len(evs))
	for i, e := range evs {
		domain[i] = e.Event
	}
	set := s.clockSettings()
	set.ForApplicant = forApplicant
	set.AsOf = s.today()
	if len(domain) > 0 && domain[len(domain)-1].On().After(set.AsOf) {
		set.AsOf = domain[len(domain)-1].On()
	}
	st, err := rq.Clock(domain, s.cal, set)
	if err != nil {
		rc.Problem = "无法计算答复期限：" + err.Error()
		if forApplicant {
			rc.Problem = "答复期限暂时无法计算，请稍后再查询或联系受理机关。"
		}
		rc.Status = rq.Status{State: q.State, Received: q.Received, Outcome: q.Outcome, Closed: q.Closed}
		return rc
	}
	rc.Status = st
	return rc
}

// formatOf is the annual report format for a day's year: the source of
// applicant types and outcomes (never a second list).
func formatOf(d workday.Date) *annualreport.Format {
	if f := annualreport.FormatForYear(d.Year()); f != nil {
		return f
	}
	fs := annualreport.Formats()
	return fs[len(fs)-1]
}

type choice struct {
	Value, Label string
	Selected     bool
}

type choiceGroup struct {
	Label   string
	Options []choice
}

// applicantGroups are the applicant types of table 三, grouped as the
// table heads them (自然人; 法人或其他组织 → 商业企业 …).
func applicantGroups(f *annualreport.Format, selected string) []choiceGroup {
	var out []choiceGroup
	for _, c := range f.Three.Columns {
		if c.Total {
			continue
		}
		if len(out) == 0 || out[len(out)-1].Label != c.Group {
			out = append(out, choiceGroup{Label: c.Group})
		}
		g := &out[len(out)-1]
		g.Options = append(g.Options, choice{Value: c.Label, Label: c.Label, Selected: c.Label == selected})
	}
	return out
}

// isOrganisation reports whether an applicant type is one of the
// 法人或其他组织 columns.
func isOrganisation(f *annualreport.Format, applicant string) bool {
	for _, c := range f.Three.Columns {
		if c.Label == applicant {
			return c.Group != ""
		}
	}
	return false
}

func validApplicant(f *annualreport.Format, applicant string) bool {
	for _, a := range f.ApplicantColumns() {
		if a == applicant {
			return true
		}
	}
	return false
}

// outcomeOptions are the outcome rows of table 三 with their names.
func outcomeOptions(f *annualreport.Format, selected string) []choice {
	var out []choice
	for _, r := range f.OutcomeRows() {
		out = append(out, choice{Value: r.ID, Label: r.ID + " " + rq.OutcomeName(f, r.ID), Selected: r.ID == selected})
	}
	return out
}

// Identity documents (证件类型). The two with a checksum are checked.
const (
	idResident = "居民身份证"
	idUSCC     = "统一社会信用代码"
)

var idTypes = []string{idResident, "护照", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "外国人永久居留身份证", idUSCC, "其他证件"}

// deliveryMethods are the ways of obtaining the information (Art. 29).
var deliveryMethods = []string{"纸质（邮寄）", "电子邮件", "光盘", "自行领取", "当场阅读、抄录"}

func choices(values []string, selected string) []choice {
	out := make([]choice, len(values))
	for i, v := range values {
		out[i] = choice{Value: v, Label: v, Selected: v == selected}
	}
	return out
}

// caseKinds are the table 四 groups a case is recorded under.
func caseKinds(f *annualreport.Format, selected string) []choice {
	parents := map[string]bool{}
	for _, g := range f.Four.Groups {
		parents[g.Parent] = true
	}
	var out []choice
	for _, g := range f.Four.Groups {
		if parents[g.ID] {
			continue
		}
		label := g.Label
		if g.Parent != "" {
			label = g.Parent + "（" + g.Label + "）"
		}
		out = append(out, choice{Value: g.ID, Label: label, Selected: g.ID == selected})
	}
	return out
}

// caseResults are table 四's result columns (not 尚未审结, not 总计).
func caseResults(f *annualreport.Format) []choice {
	var out []choice
	for _, c := range f.Four.Columns {
		if !c.Total && c.Label != "尚未审结" {
			out = append(out, choice{Value: c.Label, Label: c.Label})
		}
	}
	return out
}

func choiceValues(opts []choice) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.Value
	}
	return out
}

// requestFromPath loads the request named by {id}.
func (s *server) requestFromPath(r *http.Request) (rq.Request, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return rq.Request{}, err
	}
	q, err := s.store.Request(r.Context(), id)
	return q, notFoundOr(err)
}

// fieldErrors are validation problems keyed by form field, shown next
// to the field they concern.
type fieldErrors map[string]string

func (fe fieldErrors) add(field, msg string) {
	if _, ok := fe[field]; !ok {
		fe[field] = msg
	}
}

// fieldError is one message of a form's error summary, with the id of
// the field it is about, so the summary links to the field (WCAG 3.3.1).
type fieldError struct {
	Field   string
	Message string
}

func (e fieldError) String() string { return e.Message }

// fieldAnchors are the ids a summary links to for problems that are not
// about one input named like them: the contact details as a whole go to
// the first of them, a radio group to its first button.
var fieldAnchors = map[string]string{"contact": "phone", "delivery": "delivery-0"}

// list is every message, for the summary at the top of a form, in the
// order of the form's fields (whose ids are their names, or fieldAnchors).
func (fe fieldErrors) list(order []string) []fieldError {
	var out []fieldError
	for _, k := range order {
		if m, ok := fe[k]; ok {
			id := k
			if a, ok := fieldAnchors[k]; ok {
				id = a
			}
			out = append(out, fieldError{Field: id, Message: m})
		}
	}
	return out
}

// joined is every message in one string, for a JSON error.
func (fe fieldErrors) joined(order []string) string {
	var b strings.Builder
	for _, e := range fe.list(order) {
		b.WriteString(e.Message)
	}
	return b.String()
}

// parseDay reads a YYYY-MM-DD form value that must not lie in the future.
func (s *server) parseDay(v string) (workday.Date, bool) {
	return parseDayUpTo(v, s.today())
}

// parseDayUpTo reads a YYYY-MM-DD form value no later than today.
func parseDayUpTo(v string, today workday.Date) (workday.Date, bool) {
	d, err := workday.ParseDate(strings.TrimSpace(v))
	if err != nil || d.After(today) {
		return workday.Date{}, false
	}
	return d, true
}

// daysLeftText describes working days to a due date, for lists.
func daysLeftText(st rq.Status) string {
	switch {
	case st.State.Closed():
		return "已办结"
	case st.FeeOverdue:
		return "逾期未缴费（缴费期限 " + st.FeePayment.Due.String() + " 已届满），可视为放弃申请"
	case st.Due.IsZero() && st.State == rq.StateSupplementPending:
		return "待补正，暂停计时"
	case st.Due.IsZero():
		return "暂无法计算期限"
	}
	left := "剩余 " + strconv.Itoa(st.DaysLeft) + " 个工作日"
	switch {
	case st.DaysLeft < 0:
		left = "已逾期 " + strconv.Itoa(-st.DaysLeft) + " 个工作日"
	case st.DaysLeft == 0:
		left = "今天到期"
	}
	if st.DueProvisional {
		// Counted on weekends alone: never passed off as the legal date.
		left = "暂定" + left + "（" + st.DueReason() + "）"
	}
	// Why the count stands still or runs again (Arts. 32, 34).
	switch {
	case st.Paused && st.State == rq.StateConsulting:
		return left + "（征求意见中，暂停计时，最长至 " + st.Consultation.Due.String() + "）"
	case st.Paused:
		return left + "（等待缴费，暂停计时）"
	case st.ConsultationLapsed:
		return left + "（征求意见期限已届满，已恢复计时）"
	}
	return left
}

// dueSoonDays is how close a due date must be to show as due soon.
const dueSoonDays = 5
