package web

import (
	"net/http"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/interact"
	"github.com/gongkai/gongkai/internal/workday"
)

const consultPageSize = 10

// consultFields orders the form's error summary.
var consultFields = []string{"name", "contact", "subject", "question", "challenge"}

// consultFormView is the public consultation form (咨询).
type consultFormView struct {
	Page
	Body       body.Body
	Form       interact.Question
	Challenge  interact.Challenge
	Errors     fieldErrors
	ErrorList  []fieldError
	Sent       bool
	AnswersURL string
}

func (s *server) consultView(r *http.Request, pb portalBody, q interact.Question, fe fieldErrors) (consultFormView, error) {
	ch, err := s.newChallenge(r)
	if err != nil {
		return consultFormView{}, err
	}
	return consultFormView{Page: Page{Title: "咨询 - " + pb.body.Name, Portal: pb.chrome("")}, Body: pb.body,
		Form: q, Challenge: ch, Errors: fe, ErrorList: fe.list(consultFields), AnswersURL: pb.base() + "consult/answers"}, nil
}

func (s *server) consultForm(w http.ResponseWriter, r *http.Request) error {
	pb, err := s.loadPortalBody(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	if r.URL.Query().Get("sent") == "1" {
		v := consultFormView{Page: Page{Title: "咨询已提交 - " + pb.body.Name, Portal: pb.chrome("")}, Body: pb.body,
			Sent: true, AnswersURL: pb.base() + "consult/answers"}
		return s.render(w, r, "portal_consult", v)
	}
	v, err := s.consultView(r, pb, interact.Question{}, fieldErrors{})
	if err != nil {
		return err
	}
	return s.render(w, r, "portal_consult", v)
}

func (s *server) consultSubmit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	pb, err := s.loadPortalBody(ctx, r.PathValue("slug"))
	if err != nil {
		return err
	}
	if err := s.interactAttempt(r); err != nil {
		return err
	}
	q := interact.Question{Name: r.PostFormValue("name"), Contact: r.PostFormValue("contact"),
		Subject: r.PostFormValue("subject"), Text: r.PostFormValue("question")}.Normalize()
	fe := fieldErrors(q.Validate())
	if err := s.checkChallenge(r, fe); err != nil {
		return err
	}
	if len(fe) > 0 {
		v, err := s.consultView(r, pb, q, fe)
		if err != nil {
			return err
		}
		return s.renderStatus(w, r, "portal_consult", http.StatusUnprocessableEntity, v)
	}
	now := s.now()
	_, err = s.store.CreateConsultation(ctx, interact.Consultation{BodyID: pb.body.ID, Name: q.Name, Contact: q.Contact,
		Subject: q.Subject, Question: q.Text, Asked: now, AskedDay: workday.Today(now)})
	if err != nil {
		return err
	}
	// Post/redirect/get: reloading the confirmation does not ask again.
	return seeOther(w, r, pb.base()+"consult?sent=1")
}

// qaItem is one published question and answer; the asker's name and
// contact are never part of it.
type qaItem struct {
	Subject, Question, Answer string
	Asked, Answered           string
}

type consultAnswersView struct {
	Page
	Body    body.Body
	Items   []qaItem
	Total   int
	Pager   pager
	FormURL string
}

func (s *server) consultAnswers(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	pb, err := s.loadPortalBody(ctx, r.PathValue("slug"))
	if err != nil {
		return err
	}
	page := pageParam(r)
	list, total, err := s.store.PublishedConsultations(ctx, pb.body.ID, (page-1)*consultPageSize, consultPageSize)
	if err != nil {
		return err
	}
	v := consultAnswersView{Page: Page{Title: "咨询回复 - " + pb.body.Name, Portal: pb.chrome("")}, Body: pb.body,
		Total: total, FormURL: pb.base() + "consult"}
	v.Pager = newPager(page, total, consultPageSize, pageURL(pb.base()+"consult/answers"))
	if page > v.Pager.Pages {
		return errNotFound()
	}
	for _, c := range list {
		v.Items = append(v.Items, qaItem{Subject: c.Subject, Question: c.Question, Answer: c.Answer,
			Asked: chineseDay(c.AskedDay), Answered: chineseDay(workday.Today(*c.Answered))})
	}
	return s.render(w, r, "portal_consult_answers", v)
}
