package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/interact"
	"github.com/gongkai/gongkai/internal/store"
)

// Comment periods on drafts (征求意见) belong to the 信息采编 role
// (PermDocEdit): the drafts are documents that role prepares, and it
// reads the comments and writes the adoption summary. Supervisors see
// the list; the comments themselves carry contact data and stay with
// the editors.

type consolePeriodListView struct {
	Page
	Body    body.Body
	Items   []periodItem
	CanEdit bool
}

func periodsBase(bodyID int64) string {
	return "/admin/bodies/" + strconv.FormatInt(bodyID, 10) + "/comments"
}

func (s *server) consolePeriods(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	canEdit, err := s.can(ctx, principalFrom(ctx), auth.PermDocEdit, b.ID)
	if err != nil {
		return err
	}
	list, err := s.store.CommentPeriods(ctx, b.ID)
	if err != nil {
		return err
	}
	v := consolePeriodListView{Page: s.consolePage(r, b.Name+"：意见征集", "/admin/bodies"), Body: b, CanEdit: canEdit}
	today := s.today()
	for _, p := range list {
		v.Items = append(v.Items, newPeriodItem(p, today, periodsBase(b.ID)+"/"))
	}
	return s.render(w, r, "console_comments", v)
}

type draftKindOption struct {
	Value, Name, Rule string
	Selected          bool
}

type periodNewView struct {
	Page
	Body      body.Body
	Form      periodForm
	Kinds     []draftKindOption
	Errors    fieldErrors
	ErrorList []fieldError
}

var periodFields = []string{"title", "kind", "start", "end", "draft"}

func (s *server) periodNewView(r *http.Request, b body.Body, f periodForm, fe fieldErrors) periodNewView {
	v := periodNewView{Page: s.consolePage(r, "发布征求意见", "/admin/bodies"), Body: b, Form: f, Errors: fe,
		ErrorList: fe.list(periodFields)}
	for _, k := range interact.DraftKinds() {
		v.Kinds = append(v.Kinds, draftKindOption{Value: string(k), Name: k.Name(), Rule: k.Rule(), Selected: string(k) == f.Kind})
	}
	return v
}

func (s *server) periodNewForm(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	today := s.today()
	f := periodForm{Kind: string(interact.DraftNormative), Start: today.String()}
	return s.render(w, r, "console_comment_new", s.periodNewView(r, b, f, fieldErrors{}))
}

func (s *server) periodCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	f := readPeriodForm(r.PostFormValue)
	start, end, fe, err := f.check(s.cal, s.today())
	if err != nil {
		return err
	}
	if len(fe) > 0 {
		return s.renderStatus(w, r, "console_comment_new", http.StatusUnprocessableEntity, s.periodNewView(r, b, f, fe))
	}
	p := principalFrom(ctx)
	var id int64
	if err := s.audited(r, func(r *http.Request) error {
		var err error
		id, err = s.store.CreateCommentPeriod(r.Context(), interact.CommentPeriod{BodyID: b.ID, Title: f.Title, Draft: f.Draft, Kind: f.Kind,
			Start: start, End: end, Opened: s.now(), OpenedBy: p.user.ID})
		if err != nil {
			return err
		}
		return s.record(r, p, "comment.open", b.ID, "征求意见 "+strconv.FormatInt(id, 10), f.Title+"（"+f.Start+" 至 "+f.End+"）")
	}); err != nil {
		return err
	}
	s.notice(r, "已发布征求意见。")
	return seeOther(w, r, periodsBase(b.ID)+"/"+strconv.FormatInt(id, 10))
}

type consolePeriodView struct {
	Page
	Body     body.Body
	Item     periodItem
	Comments []store.PeriodComment
	Form     closeForm
	Errors   fieldErrors
	// ErrorList is shown above the page: a refused closing may come
	// from a page that shows no form (the period is still open).
	ErrorList []fieldError
	CanClose  bool
}

func (s *server) periodFromPath(r *http.Request) (body.Body, interact.CommentPeriod, error) {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return b, interact.CommentPeriod{}, err
	}
	id, err := pathID(r, "p")
	if err != nil {
		return b, interact.CommentPeriod{}, err
	}
	p, err := s.store.CommentPeriod(r.Context(), b.ID, id)
	return b, p, notFoundOr(err)
}

func (s *server) consolePeriodView(r *http.Request, b body.Body, p interact.CommentPeriod, f closeForm, fe fieldErrors) (consolePeriodView, error) {
	cs, err := s.store.Comments(r.Context(), b.ID, p.ID)
	if err != nil {
		return consolePeriodView{}, err
	}
	it := newPeriodItem(p, s.today(), periodsBase(b.ID)+"/")
	return consolePeriodView{Page: s.consolePage(r, "征求意见："+p.Title, "/admin/bodies"), Body: b, Item: it,
		Comments: cs, Form: f, Errors: fe, ErrorList: fe.list([]string{"adopted", "adoption"}),
		CanClose: it.State == interact.PeriodEnded}, nil
}

func (s *server) consolePeriod(w http.ResponseWriter, r *http.Request) error {
	b, p, err := s.periodFromPath(r)
	if err != nil {
		return err
	}
	v, err := s.consolePeriodView(r, b, p, closeForm{Adopted: "0"}, fieldErrors{})
	if err != nil {
		return err
	}
	return s.render(w, r, "console_comment", v)
}

func (s *server) periodClose(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	b, p, err := s.periodFromPath(r)
	if err != nil {
		return err
	}
	f, adopted, fe := parseCloseForm(r.PostFormValue)
	if len(fe) == 0 {
		pr := principalFrom(ctx)
		err := s.audited(r, func(r *http.Request) error {
			err := s.store.CloseCommentPeriod(r.Context(), b.ID, p.ID, store.PeriodClosing{Adoption: f.Adoption, Adopted: adopted,
				By: pr.user.ID, At: s.now()}, s.today())
			if err != nil {
				return err
			}
			return s.record(r, pr, "comment.close", b.ID, "征求意见 "+strconv.FormatInt(p.ID, 10),
				"收到 "+strconv.Itoa(p.Received)+" 条，采纳 "+strconv.Itoa(adopted)+" 条")
		})
		switch {
		case errors.Is(err, store.ErrNotOpen):
			fe.add("adoption", "征求意见期尚未结束（截止日期为"+p.End.String()+"），结束后才能公布采纳情况。")
		case errors.Is(err, store.ErrAlreadyDone):
			fe.add("adoption", "采纳情况已经公布。")
		case errors.Is(err, store.ErrTooManyAdopted):
			fe.add("adopted", "采纳条数不能超过收到的意见条数（"+strconv.Itoa(p.Received)+" 条）。")
		case err != nil:
			return notFoundOr(err)
		default:
			s.notice(r, "已公布意见采纳情况。")
			return seeOther(w, r, periodsBase(b.ID)+"/"+strconv.FormatInt(p.ID, 10))
		}
	}
	v, err := s.consolePeriodView(r, b, p, f, fe)
	if err != nil {
		return err
	}
	return s.renderStatus(w, r, "console_comment", http.StatusUnprocessableEntity, v)
}
