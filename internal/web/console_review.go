package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
)

type validityRow struct {
	Status     string
	Effective  time.Time
	Replaced   *disclosure.Document
	ReplacedBy string // portal URL of the replacing document
	Note       string
}

type documentPageView struct {
	Page
	Body       body.Body
	Doc        disclosure.Document
	State      string
	Column     string
	Catalogue  string // the 标准目录 line the document is filed under
	Theme      string
	Late       bool
	Deadline   string
	Versions   []store.Version
	Reviews    []store.ReviewRecord
	Validity   []validityRow
	Current    string // current 有效性
	PortalURL  string
	CanEdit    bool // edit and submit (信息采编), in a state that allows it
	CanReview  bool // approve or return
	CanPublish bool
	CanRetract bool // withdraw
	CanValid   bool // change 有效性
	Checklist  []disclosure.CheckItem
	Published  []disclosure.Document // the body's other published documents, as replacements
	Errors     []string
	Preview    template.HTML // the sanitised body, as the portal will show it
	// Policy is the document this one interprets; Interpretations are
	// the documents interpreting this one (政策解读, linked both ways).
	Policy          *disclosure.Document
	Interpretations []disclosure.Document
	Elements        []string // required elements, for an interpretation
}

func (s *server) documentPageView(r *http.Request, d disclosure.Document, title string) (documentPageView, error) {
	ctx := r.Context()
	p := principalFrom(ctx)
	b, err := s.store.Body(ctx, d.BodyID)
	if err != nil {
		return documentPageView{}, err
	}
	v := documentPageView{Page: s.consolePage(r, title, "/admin/bodies"), Body: b, Doc: d, State: d.State.Name(),
		Late: s.lateNow(d), Checklist: disclosure.SecrecyChecklist, Current: disclosure.CurrentValidity(d.Validity).Name(),
		// The store keeps document bodies sanitised (bluemonday) on write.
		Preview: template.HTML(d.BodyHTML)}
	if d.Written != nil {
		if due, ok := disclosure.PublishDeadline(s.cal, *d.Written); ok {
			v.Deadline = due.String()
		}
	}
	if t, ok := disclosure.ThemeByCode(d.Theme); ok {
		v.Theme = t.FullName
	}
	cols, err := s.store.Columns(ctx, b.ID)
	if err != nil {
		return v, err
	}
	for _, c := range cols {
		if c.ID == d.ColumnID {
			v.Column = c.Name
		}
	}
	if v.Versions, err = s.store.DocumentVersions(ctx, d.ID); err != nil {
		return v, err
	}
	if v.Reviews, err = s.store.DocumentReviews(ctx, d.ID); err != nil {
		return v, err
	}
	if d.Interprets != 0 {
		p, err := s.store.Document(ctx, d.Interprets)
		if err != nil {
			return v, err
		}
		v.Policy = &p
		if v.Elements, _, err = s.effectiveElements(ctx, d.BodyID); err != nil {
			return v, err
		}
	}
	if v.Interpretations, err = s.store.Interpretations(ctx, d.ID); err != nil {
		return v, err
	}
	if v.Catalogue, err = s.documentCatalogueName(ctx, d.ID); err != nil {
		return v, err
	}
	pb := portalBody{body: b}
	for _, e := range d.Validity {
		row := validityRow{Status: e.Status.Name(), Effective: e.Effective, Note: e.Note}
		if e.ReplacedBy != 0 {
			row.ReplacedBy = pb.base() + "d/" + idStr(e.ReplacedBy)
		}
		v.Validity = append(v.Validity, row)
	}
	if d.State == disclosure.StatePublished || d.State == disclosure.StateWithdrawn {
		v.PortalURL = pb.base() + "d/" + idStr(d.ID)
	}
	canEdit, err := s.can(ctx, p, auth.PermDocEdit, b.ID)
	if err != nil {
		return v, err
	}
	canReview, err := s.can(ctx, p, auth.PermDocReview, b.ID)
	if err != nil {
		return v, err
	}
	v.CanEdit = canEdit && disclosure.Can(d.State, disclosure.ActionEdit)
	v.CanReview = canReview && disclosure.Can(d.State, disclosure.ActionApprove)
	v.CanPublish = canReview && disclosure.Can(d.State, disclosure.ActionPublish)
	v.CanRetract = canReview && disclosure.Can(d.State, disclosure.ActionWithdraw)
	v.CanValid = canReview && d.State == disclosure.StatePublished && d.Kind.HasValidity() &&
		disclosure.CurrentValidity(d.Validity) != disclosure.ValidityAbolished
	if v.CanValid {
		pubs, _, err := s.store.BodyDocuments(ctx, b.ID, disclosure.StatePublished, 0, 500)
		if err != nil {
			return v, err
		}
		for _, o := range pubs {
			if o.ID != d.ID {
				v.Published = append(v.Published, o)
			}
		}
	}
	return v, nil
}

func (s *server) consoleDocument(w http.ResponseWriter, r *http.Request) error {
	d, err := s.documentFromPath(r)
	if err != nil {
		return err
	}
	v, err := s.documentPageView(r, d, d.Title)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_document", v)
}

// documentReviewForm is the 保密审查 page: the document as it will be
// published, the checklist, and the return form.
func (s *server) documentReviewForm(w http.ResponseWriter, r *http.Request) error {
	d, err := s.documentFromPath(r)
	if err != nil {
		return err
	}
	v, err := s.documentPageView(r, d, "审核："+d.Title)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_document_review", v)
}

func (s *server) documentApprove(w http.ResponseWriter, r *http.Request) error {
	d, err := s.documentFromPath(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return errBadRequest("表单无法读取。")
	}
	rev := disclosure.Review{Checked: r.PostForm["check"], Note: strings.TrimSpace(r.PostFormValue("note"))}
	if d.Interprets != 0 {
		if rev.RequiredElements, _, err = s.effectiveElements(r.Context(), d.BodyID); err != nil {
			return err
		}
		rev.Elements = r.PostForm["element"]
	}
	if err := disclosure.ValidateApproval(rev); err != nil {
		v, verr := s.documentPageView(r, d, "审核："+d.Title)
		if verr != nil {
			return verr
		}
		v.Errors = []string{err.Error()}
		return s.renderStatus(w, r, "console_document_review", http.StatusUnprocessableEntity, v)
	}
	if err := s.store.ApproveDocument(r.Context(), d.ID, rev, s.actor(r)); err != nil {
		return stateError(err)
	}
	s.notice(r, "审核通过，可以发布。")
	return seeOther(w, r, fmt.Sprintf("/admin/documents/%d", d.ID))
}

func (s *server) documentReturn(w http.ResponseWriter, r *http.Request) error {
	d, err := s.documentFromPath(r)
	if err != nil {
		return err
	}
	if err := s.store.ReturnDocument(r.Context(), d.ID, strings.TrimSpace(r.PostFormValue("reason")), s.actor(r)); err != nil {
		return stateError(err)
	}
	s.notice(r, "已退回采编人员修改。")
	return seeOther(w, r, fmt.Sprintf("/admin/documents/%d", d.ID))
}

func (s *server) documentPublish(w http.ResponseWriter, r *http.Request) error {
	d, err := s.documentFromPath(r)
	if err != nil {
		return err
	}
	no, err := s.store.PublishDocument(r.Context(), d.ID, s.actor(r))
	if err != nil {
		return stateError(err)
	}
	s.notice(r, "已发布，索引号 "+no+"。")
	return seeOther(w, r, fmt.Sprintf("/admin/documents/%d", d.ID))
}

func (s *server) documentWithdraw(w http.ResponseWriter, r *http.Request) error {
	d, err := s.documentFromPath(r)
	if err != nil {
		return err
	}
	if err := s.store.WithdrawDocument(r.Context(), d.ID, strings.TrimSpace(r.PostFormValue("reason")), s.actor(r)); err != nil {
		return stateError(err)
	}
	s.notice(r, "已撤回。公开页面保留并显示撤回原因。")
	return seeOther(w, r, fmt.Sprintf("/admin/documents/%d", d.ID))
}

// documentValidity marks a published 规章 or 规范性文件 as 已修改 or
// 已废止 from a date, optionally naming the replacing document.
func (s *server) documentValidity(w http.ResponseWriter, r *http.Request) error {
	d, err := s.documentFromPath(r)
	if err != nil {
		return err
	}
	ev, err := readValidityEvent(r.PostFormValue, d.ID)
	if err != nil {
		return err
	}
	if err := s.store.AddValidity(r.Context(), ev, s.actor(r)); err != nil {
		if isNotFound(err) {
			return errInvalid("替代文件须为本单位已发布的其他文件。")
		}
		return stateError(err)
	}
	s.notice(r, "有效性已更新为“"+ev.Status.Name()+"”。")
	return seeOther(w, r, fmt.Sprintf("/admin/documents/%d", d.ID))
}
