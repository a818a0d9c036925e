package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/interact"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// commentFields orders the comment form's error summary.
var commentFields = []string{"name", "contact", "comment", "challenge"}

// periodItem is a comment period as the public sees it: never the
// comments themselves, only their count once the summary is out.
type periodItem struct {
	P     interact.CommentPeriod
	State interact.PeriodState
	Kind  string
	Start string
	End   string
	URL   string
}

func newPeriodItem(p interact.CommentPeriod, today workday.Date, base string) periodItem {
	return periodItem{P: p, State: interact.StateOn(p.Start, p.End, p.Closed != nil, today),
		Kind: interact.DraftKind(p.Kind).Name(), Start: chineseDay(p.Start), End: chineseDay(p.End),
		URL: base + strconv.FormatInt(p.ID, 10)}
}

type commentListView struct {
	Page
	Body   body.Body
	Open   []periodItem
	Closed []periodItem
}

func (s *server) commentPeriodsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	pb, err := s.loadPortalBody(ctx, r.PathValue("slug"))
	if err != nil {
		return err
	}
	list, err := s.store.CommentPeriods(ctx, pb.body.ID)
	if err != nil {
		return err
	}
	v := commentListView{Page: Page{Title: "意见征集 - " + pb.body.Name, Portal: pb.chrome("")}, Body: pb.body}
	today := s.today()
	for _, p := range list {
		it := newPeriodItem(p, today, pb.base()+"comments/")
		if it.State == interact.PeriodOpen || it.State == interact.PeriodUpcoming {
			v.Open = append(v.Open, it)
		} else {
			v.Closed = append(v.Closed, it)
		}
	}
	return s.render(w, r, "portal_comments", v)
}

type commentPeriodView struct {
	Page
	Body      body.Body
	Item      periodItem
	Form      interact.Comment
	Challenge interact.Challenge
	Errors    fieldErrors
	ErrorList []fieldError
	Sent      bool
}

func (s *server) commentPeriodView(r *http.Request, pb portalBody, p interact.CommentPeriod, c interact.Comment, fe fieldErrors) (commentPeriodView, error) {
	v := commentPeriodView{Page: Page{Title: p.Title + " - " + pb.body.Name, Portal: pb.chrome("")}, Body: pb.body,
		Item: newPeriodItem(p, s.today(), pb.base()+"comments/"), Form: c, Errors: fe, ErrorList: fe.list(commentFields)}
	if v.Item.State == interact.PeriodOpen {
		ch, err := s.newChallenge(r)
		if err != nil {
			return v, err
		}
		v.Challenge = ch
	}
	return v, nil
}

func (s *server) portalPeriod(r *http.Request) (portalBody, interact.CommentPeriod, error) {
	pb, err := s.loadPortalBody(r.Context(), r.PathValue("slug"))
	if err != nil {
		return pb, interact.CommentPeriod{}, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return pb, interact.CommentPeriod{}, err
	}
	p, err := s.store.CommentPeriod(r.Context(), pb.body.ID, id)
	return pb, p, notFoundOr(err)
}

func (s *server) commentPeriodPage(w http.ResponseWriter, r *http.Request) error {
	pb, p, err := s.portalPeriod(r)
	if err != nil {
		return err
	}
	v, err := s.commentPeriodView(r, pb, p, interact.Comment{}, fieldErrors{})
	if err != nil {
		return err
	}
	v.Sent = r.URL.Query().Get("sent") == "1"
	return s.render(w, r, "portal_comment", v)
}

func (s *server) commentSubmit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	pb, p, err := s.portalPeriod(r)
	if err != nil {
		return err
	}
	// A period not open refuses before anything else: the form is gone
	// from its page, so there is nothing to correct.
	if interact.StateOn(p.Start, p.End, p.Closed != nil, s.today()) != interact.PeriodOpen {
		return errPeriodNotOpen()
	}
	if err := s.interactAttempt(r); err != nil {
		return err
	}
	c := interact.Comment{Name: r.PostFormValue("name"), Contact: r.PostFormValue("contact"),
		Text: r.PostFormValue("comment")}.Normalize()
	fe := fieldErrors(c.Validate())
	if err := s.checkChallenge(r, fe); err != nil {
		return err
	}
	if len(fe) == 0 {
		err := s.store.AddComment(ctx, pb.body.ID, p.ID, store.PeriodComment{Name: c.Name, Contact: c.Contact,
			Text: c.Text, Created: s.now()}, s.today())
		switch {
		case errors.Is(err, store.ErrNotOpen):
			return errPeriodNotOpen()
		case err != nil:
			return notFoundOr(err)
		}
		// Post/redirect/get: reloading the confirmation does not send again.
		return seeOther(w, r, pb.base()+"comments/"+strconv.FormatInt(p.ID, 10)+"?sent=1")
	}
	v, err := s.commentPeriodView(r, pb, p, c, fe)
	if err != nil {
		return err
	}
	return s.renderStatus(w, r, "portal_comment", http.StatusUnprocessableEntity, v)
}

func errPeriodNotOpen() *Error {
	return &Error{Status: http.StatusConflict, Code: "not_open", Message: "该文件不在征求意见期内，无法提交意见。"}
}
