package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/interact"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// Consultations are answered by the 依申请办理 role (PermRequestHandle):
// answering the public is the same kind of work as answering disclosure
// requests, and that role already sees the personal data people leave
// (a consultation's contact), which editors (信息采编, PermDocEdit)
// never need to. Supervisors read the list, without contact data.

const consoleConsultPageSize = 30

type consultRow struct {
	C        interact.Consultation
	Asked    string
	AgeDays  int
	Deadline string
	Overdue  bool // unanswered for more than 3 months (互动回应差)
	Answered string
}

type consultListView struct {
	Page
	Body      body.Body
	Rows      []consultRow
	Total     int
	Overdue   int
	Pager     pager
	CanAnswer bool
}

func newConsultRow(c interact.Consultation, today workday.Date) consultRow {
	row := consultRow{C: c, Asked: c.AskedDay.String(), AgeDays: c.AskedDay.DaysUntil(today),
		Deadline: interact.AnswerDeadline(c.AskedDay).String()}
	if c.Answered != nil {
		row.Answered = workday.Today(*c.Answered).String()
	} else {
		row.Overdue = interact.Overdue(c.AskedDay, today)
	}
	return row
}

func (s *server) consultList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	canAnswer, err := s.can(ctx, principalFrom(ctx), auth.PermRequestHandle, b.ID)
	if err != nil {
		return err
	}
	page := pageParam(r)
	list, total, err := s.store.Consultations(ctx, b.ID, (page-1)*consoleConsultPageSize, consoleConsultPageSize)
	if err != nil {
		return err
	}
	base := "/admin/bodies/" + strconv.FormatInt(b.ID, 10) + "/consultations"
	v := consultListView{Page: s.consolePage(r, b.Name+"：咨询", "/admin/bodies"), Body: b, Total: total,
		CanAnswer: canAnswer, Pager: newPager(page, total, consoleConsultPageSize, pageURL(base))}
	today := s.today()
	for _, c := range list {
		v.Rows = append(v.Rows, newConsultRow(c, today))
	}
	counts, err := s.overdueConsultations(ctx)
	if err != nil {
		return err
	}
	v.Overdue = counts[b.ID]
	return s.render(w, r, "console_consultations", v)
}

// overdueConsultations counts, per body, the consultations unanswered
// for more than 3 months on today.
func (s *server) overdueConsultations(ctx context.Context) (map[int64]int, error) {
	days, err := s.store.UnansweredConsultations(ctx)
	if err != nil {
		return nil, err
	}
	today := s.today()
	out := map[int64]int{}
	for _, d := range days {
		if interact.Overdue(d.Day, today) {
			out[d.BodyID] += d.Count
		}
	}
	return out, nil
}

type consultPageView struct {
	Page
	Body   body.Body
	Row    consultRow
	Form   consultAnswerForm
	Errors fieldErrors
}

func (s *server) consultationFromPath(r *http.Request) (body.Body, interact.Consultation, error) {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return b, interact.Consultation{}, err
	}
	id, err := pathID(r, "q")
	if err != nil {
		return b, interact.Consultation{}, err
	}
	c, err := s.store.Consultation(r.Context(), b.ID, id)
	return b, c, notFoundOr(err)
}

func (s *server) consultPage(w http.ResponseWriter, r *http.Request) error {
	b, c, err := s.consultationFromPath(r)
	if err != nil {
		return err
	}
	v := consultPageView{Page: s.consolePage(r, "咨询："+c.Subject, "/admin/bodies"), Body: b,
		Row: newConsultRow(c, s.today()), Errors: fieldErrors{}}
	return s.render(w, r, "console_consultation", v)
}

func (s *server) consultAnswer(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	b, c, err := s.consultationFromPath(r)
	if err != nil {
		return err
	}
	f, fe := parseConsultAnswer(r.PostFormValue)
	if len(fe) == 0 {
		p := principalFrom(ctx)
		detail := "公开答复"
		if f.Withhold {
			detail = "不公开：" + f.Reason
		}
		err := s.audited(r, func(r *http.Request) error {
			err := s.store.AnswerConsultation(r.Context(), b.ID, c.ID, store.ConsultationAnswer{Text: f.Answer, Publish: !f.Withhold,
				WithholdReason: f.Reason, By: p.user.ID, At: s.now()})
			if err != nil {
				return err
			}
			return s.record(r, p, "consultation.answer", b.ID, "咨询 "+strconv.FormatInt(c.ID, 10), detail)
		})
		switch {
		case errors.Is(err, store.ErrAlreadyDone):
			fe.add("answer", "该咨询已经答复，不能重复答复。")
		case err != nil:
			return notFoundOr(err)
		default:
			s.notice(r, "答复已保存。")
			return seeOther(w, r, "/admin/bodies/"+strconv.FormatInt(b.ID, 10)+"/consultations")
		}
	}
	v := consultPageView{Page: s.consolePage(r, "咨询："+c.Subject, "/admin/bodies"), Body: b,
		Row: newConsultRow(c, s.today()), Form: f, Errors: fe}
	return s.renderStatus(w, r, "console_consultation", http.StatusUnprocessableEntity, v)
}

// overdueConsult is a console home line: a body the user may read with
// consultations unanswered for more than 3 months.
type overdueConsult struct {
	BodyID   int64
	BodyName string
	Count    int
}

// overdueConsultSummaries lists, in tree order, the bodies p may read
// that have overdue consultations.
func (s *server) overdueConsultSummaries(ctx context.Context, p principal, all []body.Body) ([]overdueConsult, error) {
	counts, err := s.overdueConsultations(ctx)
	if err != nil || len(counts) == 0 {
		return nil, err
	}
	var out []overdueConsult
	for _, b := range all {
		n := counts[b.ID]
		if n == 0 {
			continue
		}
		ok, err := s.can(ctx, p, auth.PermRead, b.ID)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, overdueConsult{BodyID: b.ID, BodyName: b.Name, Count: n})
		}
	}
	return out, nil
}
