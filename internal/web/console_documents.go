package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/wordbody"
)

const (
	consoleDocPageSize = 30
	// maxAttachment bounds one uploaded file; government attachments are
	// scanned PDFs and office files, rarely beyond a few megabytes.
	maxAttachment = 20 << 20
)

type documentRow struct {
	Doc   disclosure.Document
	Late  bool
	State string
}

type stateOption struct {
	Value    disclosure.State
	Name     string
	Selected bool
}

type documentListView struct {
	Page
	Body    body.Body
	Rows    []documentRow
	States  []stateOption
	Total   int
	Pager   pager
	CanEdit bool
	// CanImport shows the 存量信息 import link: it publishes, so it
	// takes the reviewer's permission.
	CanImport bool
	// CodeProblem explains why publishing would fail for want of a valid
	// organisation code (the 前段 of every 索引号); "" when the code is fine.
	CodeProblem string
}

// lateNow flags a document that breached, or as a draft already
// breaches, the Art. 26 limit of 20 working days after 成文日期.
func (s *server) lateNow(d disclosure.Document) bool {
	if d.Published != nil {
		return disclosure.Late(s.cal, d.Written, d.Published)
	}
	if d.State == disclosure.StateWithdrawn {
		return false
	}
	now := s.now()
	return disclosure.Late(s.cal, d.Written, &now)
}

// documentList is a body's documents, filtered by state.
func (s *server) documentList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	state := disclosure.State(r.URL.Query().Get("state"))
	if state != "" && !slices.Contains(disclosure.States(), state) {
		return errBadRequest("状态筛选条件不正确。")
	}
	page := pageParam(r)
	docs, total, err := s.store.BodyDocuments(ctx, b.ID, state, (page-1)*consoleDocPageSize, consoleDocPageSize)
	if err != nil {
		return err
	}
	v := documentListView{Page: s.consolePage(r, "主动公开文件 - "+b.Name, "/admin/bodies"), Body: b, Total: total}
	if b.Code == "" {
		v.CodeProblem = disclosure.ErrNoBodyCode.Error() + "。请单位管理员在单位信息中填写。"
	} else if err := disclosure.ValidateBodyCode(b.Code); err != nil {
		v.CodeProblem = err.Error() + "，发布时无法生成索引号。"
	}
	v.CanEdit, err = s.can(ctx, principalFrom(ctx), auth.PermDocEdit, b.ID)
	if err != nil {
		return err
	}
	v.CanImport, err = s.can(ctx, principalFrom(ctx), auth.PermDocReview, b.ID)
	if err != nil {
		return err
	}
	v.States = append(v.States, stateOption{Name: "全部", Selected: state == ""})
	for _, st := range disclosure.States() {
		v.States = append(v.States, stateOption{Value: st, Name: st.Name(), Selected: st == state})
	}
	for _, d := range docs {
		v.Rows = append(v.Rows, documentRow{Doc: d, Late: s.lateNow(d), State: d.State.Name()})
	}
	v.Pager = newPager(page, total, consoleDocPageSize, pageURL(fmt.Sprintf("/admin/bodies/%d/documents", b.ID)))
	v.Pager.Unit = "件"
	if state != "" {
		q := "?state=" + url.QueryEscape(string(state)) + "&page="
		v.Pager.Prev = strings.Replace(v.Pager.Prev, "?page=", q, 1)
		v.Pager.Next = strings.Replace(v.Pager.Next, "?page=", q, 1)
	}
	return s.render(w, r, "console_documents", v)
}

type option struct {
	Value    string
	Name     string
	Selected bool
}

type documentFormView struct {
	Page
	Body      body.Body
	Doc       disclosure.Document
	Action    string
	Cancel    string
	Written   string
	Keywords  string
	Columns   []option
	Themes    []option
	Kinds     []option
	Formats   []option
	Policies  []option // documents this one may interpret (政策解读)
	Catalogue []option // 标准目录 lines the document may be filed under
	Errors    []string
	// SourceLabel names the body field in the words of its format;
	// FormatOpen unfolds the other formats when one of them is chosen.
	SourceLabel string
	FormatOpen  bool
	// Previewing: the form was sent with 预览正文, and Preview is the body
	// as the portal would show it; nothing was saved.
	Previewing bool
	Preview    template.HTML
	// WordImages counts the pictures of a Word file previewed: they are
	// kept only when the file is sent again with 保存草稿.
	WordImages int
}

// bodyFormats are the formats the form offers, in the editor's words;
// the first is the default and the only one shown unfolded.
var bodyFormats = []struct {
	f     disclosure.BodyFormat
	name  string
	label string
}{
	{disclosure.FormatText, "每行一段的文字（从 Word 复制粘贴，默认）", "正文（每行一段）"},
	{disclosure.FormatHTML, "网页代码（HTML）", "正文（网页代码）"},
	{disclosure.FormatMarkdown, "Markdown 标记", "正文（Markdown 标记）"},
}

func (s *server) documentForm(ctx context.Context, r *http.Request, title string, b body.Body, d disclosure.Document, errs []string) (documentFormView, error) {
	cols, err := s.store.Columns(ctx, b.ID)
	if err != nil {
		return documentFormView{}, err
	}
	v := documentFormView{Page: s.consolePage(r, title, "/admin/bodies"), Body: b, Doc: d, Errors: errs,
		Keywords: strings.Join(d.Keywords, "，")}
	if d.Written != nil {
		v.Written = d.Written.In(chinaTime).Format("2006-01-02")
	}
	depth := map[int64]int{}
	for _, c := range cols {
		if c.ParentID != 0 {
			depth[c.ID] = depth[c.ParentID] + 1
		}
		if c.Retired && c.ID != d.ColumnID {
			continue
		}
		v.Columns = append(v.Columns, option{Value: idStr(c.ID), Name: strings.Repeat("　", depth[c.ID]) + c.Name, Selected: c.ID == d.ColumnID})
	}
	v.Themes = append(v.Themes, option{Value: "", Name: "（未分类）", Selected: d.Theme == ""})
	for _, t := range disclosure.Themes() {
		name := t.Name
		if t.Parent != "" {
			name = "　" + name
		}
		v.Themes = append(v.Themes, option{Value: t.Code, Name: name, Selected: t.Code == d.Theme})
	}
	docs, _, err := s.store.BodyDocuments(ctx, b.ID, "", 0, 500)
	if err != nil {
		return documentFormView{}, err
	}
	selected, err := s.documentCatalogueSelected(ctx, r, d.ID)
	if err != nil {
		return documentFormView{}, err
	}
	if v.Catalogue, err = s.catalogueOptions(ctx, b.ID, selected); err != nil {
		return documentFormView{}, err
	}
	v.Policies = append(v.Policies, option{Value: "", Name: "（不是政策解读）", Selected: d.Interprets == 0})
	for _, p := range docs {
		if disclosure.CanInterpret(p, b.ID, d.ID) {
			v.Policies = append(v.Policies, option{Value: idStr(p.ID), Name: p.Title + "（" + p.State.Name() + "）",
				Selected: p.ID == d.Interprets})
		}
	}
	for _, k := range disclosure.Kinds() {
		v.Kinds = append(v.Kinds, option{Value: string(k), Name: k.Name(), Selected: k == d.Kind})
	}
	v.SourceLabel = bodyFormats[0].label
	for _, f := range bodyFormats {
		v.Formats = append(v.Formats, option{Value: string(f.f), Name: f.name, Selected: f.f == d.Format})
		if f.f == d.Format && f.f != disclosure.FormatText {
			v.SourceLabel, v.FormatOpen = f.label, true
		}
	}
	return v, nil
}

func (s *server) documentNewForm(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	d := disclosure.Document{BodyID: b.ID, Publisher: b.Name, PublicMode: "主动公开", Kind: disclosure.KindOther,
		Format: disclosure.FormatText}
	if c, err := s.store.ColumnBySlug(r.Context(), b.ID, "statutory"); err == nil {
		d.ColumnID = c.ID
	}
	v, err := s.documentForm(r.Context(), r, "新建文件", b, d, nil)
	if err != nil {
		return err
	}
	v.Action = fmt.Sprintf("/admin/bodies/%d/documents", b.ID)
	v.Cancel = v.Action
	return s.render(w, r, "console_document_form", v)
}

// parseMultipart reads a form that may carry an uploaded attachment; a
// plain URL-encoded post (no file) is accepted too.
func parseMultipart(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxAttachment+1<<20)
	err := r.ParseMultipartForm(1 << 20)
	if errors.Is(err, http.ErrNotMultipart) {
		return r.ParseForm()
	}
	if err != nil {
		return &Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
			Message: "上传的文件过大（单个附件不超过 20 MB）或表单无法读取。", Cause: err}
	}
	return checkMultipartText(r.MultipartForm)
}

// storeUpload puts the form's attachment, if any, in the blob store.
func (s *server) storeUpload(r *http.Request) (*disclosure.Attachment, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	f, h, err := r.FormFile("attachment")
	if errors.Is(err, http.ErrMissingFile) {
		return nil, nil
	}
	if err != nil {
		return nil, errBadRequest("附件无法读取。")
	}
	defer f.Close()
	if s.blobs == nil {
		return nil, errors.New("web: no blob store configured for attachments")
	}
	info, err := s.blobs.Put(r.Context(), f, maxAttachment)
	if errors.Is(err, blob.ErrTooLarge) {
		return nil, errInvalid("附件过大，单个附件不超过 20 MB。")
	}
	if err != nil {
		return nil, err
	}
	name := strings.TrimSpace(path.Base(strings.ReplaceAll(h.Filename, `\`, "/")))
	if name == "" || name == "." || name == "/" {
		name = "附件"
	}
	return &disclosure.Attachment{Hash: info.Hash, Name: name, Size: info.Size, ContentType: info.ContentType}, nil
}

func (s *server) documentCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	if err := parseMultipart(w, r); err != nil {
		return err
	}
	cols, err := s.store.Columns(ctx, b.ID)
	if err != nil {
		return err
	}
	sub, err := s.readDocumentSubmission(ctx, r, b, cols)
	if err != nil {
		return err
	}
	if len(sub.errs) > 0 || previewing(r) {
		return s.redisplayDocumentForm(w, r, "新建文件", fmt.Sprintf("/admin/bodies/%d/documents", b.ID), b, sub)
	}
	att, err := s.storeUpload(r)
	if err != nil {
		return err
	}
	a := s.actor(r)
	id, err := s.store.CreateDraft(ctx, sub.doc, a)
	if err != nil {
		return err
	}
	if err := s.completeDraft(ctx, id, sub, att, a); err != nil {
		return err
	}
	s.notice(r, "草稿已保存。")
	return seeOther(w, r, fmt.Sprintf("/admin/documents/%d", id))
}

func (s *server) documentEditForm(w http.ResponseWriter, r *http.Request) error {
	d, err := s.documentFromPath(r)
	if err != nil {
		return err
	}
	if !disclosure.Can(d.State, disclosure.ActionEdit) {
		return stateError(&disclosure.ErrTransition{From: d.State, Action: disclosure.ActionEdit})
	}
	b, err := s.store.Body(r.Context(), d.BodyID)
	if err != nil {
		return err
	}
	v, err := s.documentForm(r.Context(), r, "修改文件", b, d, nil)
	if err != nil {
		return err
	}
	v.Action = fmt.Sprintf("/admin/documents/%d", d.ID)
	v.Cancel = v.Action
	return s.render(w, r, "console_document_form", v)
}

func (s *server) documentSave(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	cur, err := s.documentFromPath(r)
	if err != nil {
		return err
	}
	if err := parseMultipart(w, r); err != nil {
		return err
	}
	b, err := s.store.Body(ctx, cur.BodyID)
	if err != nil {
		return err
	}
	cols, err := s.store.Columns(ctx, b.ID)
	if err != nil {
		return err
	}
	sub, err := s.readDocumentSubmission(ctx, r, b, cols)
	if err != nil {
		return err
	}
	sub.doc.ID = cur.ID
	if len(sub.errs) > 0 || previewing(r) {
		sub.doc.Attachments = cur.Attachments
		return s.redisplayDocumentForm(w, r, "修改文件", fmt.Sprintf("/admin/documents/%d", cur.ID), b, sub)
	}
	att, err := s.storeUpload(r)
	if err != nil {
		return err
	}
	a := s.actor(r)
	if err := s.store.SaveDraft(ctx, sub.doc, a); err != nil {
		return stateError(err)
	}
	if err := s.completeDraft(ctx, cur.ID, sub, att, a); err != nil {
		return err
	}
	s.notice(r, "已保存为新版本。")
	return seeOther(w, r, fmt.Sprintf("/admin/documents/%d", cur.ID))
}

// documentSubmission is what the new-document and edit forms post: the
// document, its catalogue item (when the field was sent) and the
// problems to show next to the form.
type documentSubmission struct {
	doc     disclosure.Document
	itemID  int64
	setItem bool
	errs    []string
	// images are the pictures of a Word file sent as the body, kept as
	// attachments when the draft is saved.
	images []wordbody.Image
}

func (s *server) readDocumentSubmission(ctx context.Context, r *http.Request, b body.Body, cols []disclosure.Column) (documentSubmission, error) {
	d, errs := readDocumentForm(r.PostForm, b.ID, cols)
	itemID, setItem, msg := s.formCatalogueItem(ctx, r, b.ID)
	if msg != "" {
		errs = append(errs, msg)
	}
	sub := documentSubmission{doc: d, itemID: itemID, setItem: setItem, errs: errs}
	var err error
	sub.images, err = wordBody(r, s.parser, s.log, &sub)
	return sub, err
}

// previewing: the form was sent with 预览正文, to be shown again with
// the body as the portal would show it, not saved.
func previewing(r *http.Request) bool { return r.PostForm.Get("preview") != "" }

// redisplayDocumentForm shows the form again with the person's input and
// what is wrong with it, or with the preview they asked for; action is
// where the form posts and where cancelling leads.
func (s *server) redisplayDocumentForm(w http.ResponseWriter, r *http.Request, title, action string, b body.Body, sub documentSubmission) error {
	v, err := s.documentForm(r.Context(), r, title, b, sub.doc, sub.errs)
	if err != nil {
		return err
	}
	v.Action = action
	v.Cancel = action
	status := http.StatusUnprocessableEntity
	if previewing(r) {
		// BodyHTML is the sanitiser's output (disclosure.RenderBody or
		// disclosure.SanitizeBody for a Word file).
		v.Previewing, v.Preview = true, template.HTML(sub.doc.BodyHTML)
		v.WordImages = len(sub.images)
		if len(sub.errs) == 0 {
			status = http.StatusOK
		}
	}
	return s.renderStatus(w, r, "console_document_form", status, v)
}

// completeDraft records what a saved draft carries besides its version:
// the catalogue item and a newly uploaded attachment.
func (s *server) completeDraft(ctx context.Context, docID int64, sub documentSubmission, att *disclosure.Attachment, a store.Actor) error {
	if sub.setItem {
		if err := s.store.SetDocumentCatalogueItem(ctx, docID, sub.itemID); err != nil {
			return err
		}
	}
	if att != nil {
		att.DocumentID = docID
		if _, err := s.store.AddAttachment(ctx, *att, a); err != nil {
			return stateError(err)
		}
	}
	return s.keepWordImages(ctx, docID, sub.images, a)
}

func (s *server) documentDetach(w http.ResponseWriter, r *http.Request) error {
	d, err := s.documentFromPath(r)
	if err != nil {
		return err
	}
	att, err := pathID(r, "att")
	if err != nil {
		return err
	}
	if err := s.store.RemoveAttachment(r.Context(), d.ID, att, s.actor(r)); err != nil {
		return stateError(notFoundOr(err))
	}
	s.notice(r, "附件已移除。")
	return seeOther(w, r, fmt.Sprintf("/admin/documents/%d", d.ID))
}

func (s *server) documentSubmit(w http.ResponseWriter, r *http.Request) error {
	d, err := s.documentFromPath(r)
	if err != nil {
		return err
	}
	if err := s.store.SubmitDocument(r.Context(), d.ID, s.actor(r)); err != nil {
		return stateError(err)
	}
	s.notice(r, "已送审。")
	return seeOther(w, r, fmt.Sprintf("/admin/documents/%d", d.ID))
}

// stateError turns a refused workflow step or a rule of the domain into
// a message for the person who tried; anything else passes through.
func stateError(err error) error {
	var te *disclosure.ErrTransition
	if errors.As(err, &te) {
		return &Error{Status: http.StatusConflict, Code: "state", Message: te.Message(), Cause: err}
	}
	for _, known := range []error{disclosure.ErrChecklistIncomplete, disclosure.ErrReasonRequired, disclosure.ErrNoBodyCode,
		disclosure.ErrPolicyNotPublished, disclosure.ErrBadPolicy, disclosure.ErrElementsIncomplete,
		disclosure.ErrValidityFinal, disclosure.ErrValidityStatus, disclosure.ErrValidityBackward, disclosure.ErrValidityKind} {
		if errors.Is(err, known) {
			return &Error{Status: http.StatusUnprocessableEntity, Code: "invalid", Message: known.Error(), Cause: err}
		}
	}
	if errors.Is(err, store.ErrNotFound) {
		return errNotFound()
	}
	return err
}
