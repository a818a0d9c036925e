package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// requestRow is one request in a console list. Overdue and DueSoon
// count the answer deadline or the side deadline, whichever is pressing;
// AnswerClass marks the answer deadline alone.
type requestRow struct {
	Request     rq.Request
	Status      rq.Status
	DaysLeft    string
	AnswerClass string // overdue, due-soon or ""
	Side        sideDeadline
	Overdue     bool
	DueSoon     bool
	Name        string // the applicant's name, for handlers of the body only
}

func (s *server) requestRows(ctx context.Context, list []rq.Request, showNames bool) ([]requestRow, error) {
	out := make([]requestRow, 0, len(list))
	for _, q := range list {
		rc, err := s.clockOf(ctx, q)
		if err != nil {
			return nil, err
		}
		out = append(out, s.requestRowOf(q, rc.Status, showNames))
	}
	return out, nil
}

// requestRowOf classifies one request by its clock.
func (s *server) requestRowOf(q rq.Request, st rq.Status, showNames bool) requestRow {
	row := requestRow{Request: q, Status: st, DaysLeft: daysLeftText(st), Side: s.sideOf(st)}
	if !q.State.Closed() && !st.Due.IsZero() {
		switch {
		case st.DaysLeft < 0:
			row.AnswerClass = "overdue"
		case st.DaysLeft <= dueSoonDays:
			row.AnswerClass = "due-soon"
		}
	}
	row.Overdue = row.AnswerClass == "overdue" || row.Side.Overdue
	row.DueSoon = !row.Overdue && (row.AnswerClass == "due-soon" || row.Side.DueSoon)
	if showNames {
		row.Name = q.ApplicantName
	}
	return row
}

// dashboardRow counts one body's open requests by urgency, and the
// same for the body with every body below it that the user may read.
type dashboardRow struct {
	Body    body.Body
	Indent  string
	Open    int
	DueSoon int
	Overdue int
	Subtree *dashboardRow // nil when no readable body lies below
}

type requestDashboardView struct {
	Page
	Rows           []dashboardRow
	Total          dashboardRow
	DueSoonWithin  int
	CalendarBanner *calendarBanner // next year's holidays missing (calendar_banner.go)
}

// requestDashboard shows, for every body the user may read, how many
// requests are open, due within dueSoonDays working days, or overdue.
func (s *server) requestDashboard(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	bodies, err := s.scopedBodies(ctx, principalFrom(ctx), auth.PermRead)
	if err != nil {
		return err
	}
	all, err := s.store.Bodies(ctx)
	if err != nil {
		return err
	}
	parent := make(map[int64]int64, len(all))
	for _, b := range all {
		parent[b.ID] = b.ParentID
	}
	v := requestDashboardView{Page: s.consolePage(r, "依申请公开", "/admin/requests"), DueSoonWithin: dueSoonDays}
	for _, b := range bodies {
		open, err := s.store.RequestsForBody(ctx, b.ID, store.RequestFilter{Status: "open"})
		if err != nil {
			return err
		}
		rows, err := s.requestRows(ctx, open, false)
		if err != nil {
			return err
		}
		d := dashboardRow{Body: b, Indent: newBodyRow(b, len(ancestorsOf(parent, b.ID))).Indent, Open: len(rows)}
		for _, row := range rows {
			if row.Overdue {
				d.Overdue++
			}
			if row.DueSoon {
				d.DueSoon++
			}
		}
		v.Total.Open += d.Open
		v.Total.DueSoon += d.DueSoon
		v.Total.Overdue += d.Overdue
		v.Rows = append(v.Rows, d)
	}
	// Subtree sums: each body's counts go to every listed ancestor.
	index := map[int64]int{}
	for i, d := range v.Rows {
		index[d.Body.ID] = i
	}
	for _, d := range v.Rows {
		for _, up := range ancestorsOf(parent, d.Body.ID) {
			i, ok := index[up]
			if !ok {
				continue
			}
			if v.Rows[i].Subtree == nil {
				own := v.Rows[i]
				v.Rows[i].Subtree = &dashboardRow{Open: own.Open, DueSoon: own.DueSoon, Overdue: own.Overdue}
			}
			v.Rows[i].Subtree.Open += d.Open
			v.Rows[i].Subtree.DueSoon += d.DueSoon
			v.Rows[i].Subtree.Overdue += d.Overdue
		}
	}
	if v.CalendarBanner, err = s.calendarBannerFor(ctx, principalFrom(ctx)); err != nil {
		return err
	}
	return s.render(w, r, "console_requests_home", v)
}

type requestListView struct {
	Page
	Body      body.Body
	Filter    string
	Filters   []choice
	Rows      []requestRow
	CanHandle bool
	Year      int
}

var requestFilters = []choice{{Value: "open", Label: "办理中"}, {Value: "due-soon", Label: "即将到期或已逾期"},
	{Value: "closed", Label: "已办结"}, {Value: "all", Label: "全部"}}

// requestList lists a body's requests with their due dates.
func (s *server) requestList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	filter := r.URL.Query().Get("status")
	if filter == "" {
		filter = "open"
	}
	f := store.RequestFilter{Status: filter}
	switch filter {
	case "all":
		f.Status = ""
	case "open", "closed":
	case "due-soon":
		// Due within dueSoonDays working days, or overdue, as the clock
		// reads today (a running consultation moves the stored due date),
		// so every open request is read and filtered below.
		f.Status = "open"
	default:
		return errBadRequest("未知的筛选条件。")
	}
	canHandle, err := s.can(ctx, principalFrom(ctx), auth.PermRequestHandle, b.ID)
	if err != nil {
		return err
	}
	list, err := s.store.RequestsForBody(ctx, b.ID, f)
	if err != nil {
		return err
	}
	rows, err := s.requestRows(ctx, list, canHandle)
	if err != nil {
		return err
	}
	if filter == "due-soon" {
		var keep []requestRow
		for _, row := range rows {
			if row.Overdue || row.DueSoon {
				keep = append(keep, row)
			}
		}
		rows = keep
	}
	v := requestListView{Page: s.consolePage(r, "依申请公开："+b.Name, "/admin/requests"), Body: b, Filter: filter,
		Rows: rows, CanHandle: canHandle, Year: s.today().Year()}
	for _, c := range requestFilters {
		c.Selected = c.Value == filter
		v.Filters = append(v.Filters, c)
	}
	return s.render(w, r, "console_requests", v)
}

// eventRow is one step of a request's history as staff see it.
type eventRow struct {
	Event   rq.EventRecord
	Date    string
	Label   string
	Who     string
	Details string // what the step recorded beyond the event (amount, outcome …)
}

type deadlineRow struct {
	Name   string
	Due    string
	Done   string
	Missed bool
	Note   string
}

type requestPageView struct {
	Page
	Body        body.Body
	Request     rq.Request
	Status      rq.Status
	Problem     string
	DaysLeft    string
	OutcomeName string
	Events      []eventRow
	Recounts    []recountRow // deadlines recounted when a year's holidays were added
	Deadlines   []deadlineRow
	CanHandle   bool
	Steps       []stepForm
	HasLetter   bool
	Cases       []caseRow
	CaseKinds   []choice
	CaseResults []choice
	Today       string
	Errors      []string
	OtherBodies []choice // the platform's other bodies, for an Art. 36(5) answer
	ReviewOrgan string   // the answer letter's default 行政复议机关 (body.ReviewOrgan), editable
	OpenStep    string   // the step form to show unfolded (after an error)
	// Next is the suggested step; the first Leading of Steps are it (and
	// its alternative), shown unfolded, the rest folded under 其他步骤.
	Next        *nextStep
	Leading     int
	Files       []fileLink      // sent with the application
	Supplements []supplementRow // sent online in answer to a 补正 notice
	Fee         *feePosition    // 按件计收: the applicant's month, while a fee notice may be sent
	NoFees      bool            // received before 国办函〔2020〕109号 applied: never charged
	// ForwardedFrom is the request another body answered under Art.
	// 36(5) and forwarded here; ForwardedTo the one this body forwarded.
	ForwardedFrom *forwardLink
	ForwardedTo   *forwardLink
}

// forwardLink names the other end of a forwarded application.
type forwardLink struct {
	Body string
	Code string
	Date string
}

// supplementRow is a supplement the applicant sent online, for handlers.
type supplementRow struct {
	Date    string
	Channel string
	Text    string
	Files   []fileLink
}

// fileLink is an applicant's attachment as the console links it.
type fileLink struct {
	rq.Attachment
	URL string
}

func dateOrEmpty(d workday.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func (s *server) requestPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.requestPageView(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_request", v)
}

func (s *server) requestPageView(r *http.Request) (requestPageView, error) {
	ctx := r.Context()
	q, err := s.requestFromPath(r)
	if err != nil {
		return requestPageView{}, err
	}
	b, err := s.store.Body(ctx, q.BodyID)
	if err != nil {
		return requestPageView{}, err
	}
	p := principalFrom(ctx)
	canHandle, err := s.can(ctx, p, auth.PermRequestHandle, b.ID)
	if err != nil {
		return requestPageView{}, err
	}
	rc, err := s.clockOf(ctx, q)
	if err != nil {
		return requestPageView{}, err
	}
	st := rc.Status
	f := formatOf(s.today())
	v := requestPageView{Page: s.consolePage(r, "申请 "+q.Code, "/admin/requests"), Body: b, Request: q, Status: st,
		Problem: rc.Problem, DaysLeft: daysLeftText(st), CanHandle: canHandle, Today: s.today().String(),
		CaseKinds: caseKinds(f, ""), CaseResults: caseResults(f)}
	if q.Outcome != "" {
		if of := annualreport.FormatForYear(q.Closed.Year()); of != nil {
			v.OutcomeName = rq.OutcomeName(of, q.Outcome)
		}
	}
	names := map[int64]string{}
	for _, e := range rc.Events {
		row := eventRow{Event: e, Date: e.Event.On().String(), Label: e.Event.Kind().Label(), Who: "申请人（网上提交）"}
		if e.UserID != 0 {
			if _, ok := names[e.UserID]; !ok {
				u, err := s.store.User(ctx, e.UserID)
				names[e.UserID] = u.DisplayName
				if err != nil {
					names[e.UserID] = "账号 " + strconv.FormatInt(e.UserID, 10)
				}
			}
			row.Who = names[e.UserID]
		}
		row.Details = eventSummary(e)
		if answers(e.Event) {
			v.HasLetter = true
		}
		v.Events = append(v.Events, row)
	}
	for _, d := range []struct {
		name string
		d    rq.Deadline
	}{{"补正通知（收到申请后 7 个工作日内）", st.SupplementNotice}, {"申请人补正", st.Supplement},
		{"征求意见答复（15 个工作日）", st.Consultation}, {"缴纳费用（20 个工作日）", st.FeePayment}} {
		if !d.d.Set() {
			continue
		}
		row := deadlineRow{Name: d.name, Due: d.d.Due.String(), Done: dateOrEmpty(d.d.Done), Missed: d.d.Missed(st.AsOf)}
		if d.d.Provisional {
			row.Due += "（暂定）"
		}
		if d.d == st.SupplementNotice && d.d.Done.IsZero() {
			// Only a notice actually sent can be late: most requests
			// need no supplement at all.
			row.Missed = false
		}
		if d.d == st.Consultation && st.ConsultationLapsed {
			// Nobody is late: the consulted party's silence has its
			// consequence in law and the clock runs again (Arts. 32, 34).
			row.Missed, row.Note = false, "已届满，未记录答复，答复期限已恢复计算"
		}
		v.Deadlines = append(v.Deadlines, row)
	}
	// One numbering for every file of the request, as the download
	// route reads it; a supplement's files are listed with it.
	byEvent := map[int64][]fileLink{}
	for i, a := range q.Attachments {
		link := fileLink{Attachment: a, URL: "/admin/requests/" + strconv.FormatInt(q.ID, 10) + "/files/" + strconv.Itoa(i+1)}
		if a.EventID == 0 {
			v.Files = append(v.Files, link)
		} else {
			byEvent[a.EventID] = append(byEvent[a.EventID], link)
		}
	}
	for _, e := range rc.Events {
		ev, ok := e.Event.(rq.SupplementReceived)
		d := parseDetails(e.Details)
		if !ok || (d.Supplement == nil && len(byEvent[e.ID]) == 0) {
			continue
		}
		row := supplementRow{Date: ev.Date.String(), Channel: ev.Channel.Label(), Files: byEvent[e.ID]}
		if d.Supplement != nil {
			row.Text = d.Supplement.Text
		}
		v.Supplements = append(v.Supplements, row)
	}
	if v.ForwardedFrom, v.ForwardedTo, err = s.forwardLinks(ctx, q, rc.Events); err != nil {
		return requestPageView{}, err
	}
	recounts, err := s.store.RequestRecounts(ctx, q.ID)
	if err != nil {
		return requestPageView{}, err
	}
	for _, rc := range recounts {
		v.Recounts = append(v.Recounts, recountRowOf(rc))
	}
	v.NoFees = q.Received.Before(rq.FeesFrom)
	if canHandle && !q.State.Closed() {
		v.Steps, v.Leading, v.Next = suggestSteps(stepForms(q, st, f), st)
		for _, sf := range v.Steps {
			if sf.Kind == rq.KindFeeNoticeSent {
				pos, err := s.feePosition(ctx, q)
				if err != nil {
					return requestPageView{}, err
				}
				v.Fee = &pos
			}
		}
		all, err := s.store.Bodies(ctx)
		if err != nil {
			return requestPageView{}, err
		}
		byID := make(map[int64]body.Body, len(all))
		parent := make(map[int64]int64, len(all))
		for _, o := range all {
			byID[o.ID], parent[o.ID] = o, o.ParentID
			if o.ID != b.ID {
				v.OtherBodies = append(v.OtherBodies, choice{Value: strconv.FormatInt(o.ID, 10), Label: o.Name})
			}
		}
		up := ancestorsOf(parent, b.ID)
		nearest := make([]body.Body, 0, len(up))
		for i := len(up) - 1; i >= 0; i-- {
			nearest = append(nearest, byID[up[i]])
		}
		if organ, ok := body.ReviewOrgan(b, nearest); ok {
			v.ReviewOrgan = organ.Name
		}
	}
	cases, err := s.store.Cases(ctx, q.ID)
	if err != nil {
		return requestPageView{}, err
	}
	for _, c := range cases {
		v.Cases = append(v.Cases, caseRow{Case: c, Kind: caseKindLabel(f, c.Kind)})
	}
	return v, nil
}
