package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/catalogue"
	"github.com/gongkai/gongkai/internal/store"
)

// maxCatalogueFile bounds an uploaded catalogue workbook; a township's
// catalogue of a few hundred lines is well under 1 MB.
const maxCatalogueFile = 8 << 20

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// catalogueGroup is one domain's lines, for display.
type catalogueGroup struct {
	Domain string
	Lines  []catalogueLine
}

type catalogueLine struct {
	Item     catalogue.Item
	Channels string
	Tier     string
	// Level1Rows is how many lines share this 一级事项 (set on the first
	// of them, 0 on the rest), so the table can span rows as printed
	// catalogues do.
	Level1Rows int
	Docs       []docLink // published documents filed under the line (portal)
}

// groupCatalogue groups lines by domain in catalogue order.
func groupCatalogue(items []catalogue.Item) []catalogueGroup {
	var gs []catalogueGroup
	for _, it := range items {
		if len(gs) == 0 || gs[len(gs)-1].Domain != it.Domain {
			if i := slices.IndexFunc(gs, func(g catalogueGroup) bool { return g.Domain == it.Domain }); i >= 0 {
				gs[i].Lines = append(gs[i].Lines, newLine(it))
				continue
			}
			gs = append(gs, catalogueGroup{Domain: it.Domain})
		}
		g := &gs[len(gs)-1]
		g.Lines = append(g.Lines, newLine(it))
	}
	for gi := range gs {
		lines := gs[gi].Lines
		for i := 0; i < len(lines); {
			j := i
			for j < len(lines) && lines[j].Item.Level1 == lines[i].Item.Level1 {
				j++
			}
			lines[i].Level1Rows = j - i
			i = j
		}
	}
	return gs
}

func newLine(it catalogue.Item) catalogueLine {
	return catalogueLine{Item: it, Channels: catalogue.JoinList(it.Channels), Tier: catalogue.JoinList(it.Tier)}
}

type catalogueView struct {
	Page
	Body    body.Body
	Groups  []catalogueGroup
	Lines   int
	CanEdit bool
	Errors  []string
}

func (s *server) cataloguePage(r *http.Request, b body.Body) (catalogueView, error) {
	ctx := r.Context()
	items, err := s.store.CatalogueItems(ctx, b.ID)
	if err != nil {
		return catalogueView{}, err
	}
	v := catalogueView{Page: s.consolePage(r, "标准目录 - "+b.Name, "/admin/bodies"), Body: b,
		Groups: groupCatalogue(items), Lines: len(items)}
	v.CanEdit, err = s.can(ctx, principalFrom(ctx), auth.PermBodyEdit, b.ID)
	return v, err
}

// catalogueView shows a body's 标准目录 with the import and export forms.
func (s *server) catalogueList(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	v, err := s.cataloguePage(r, b)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_catalogue", v)
}

// catalogueExport sends the catalogue as an .xlsx workbook in the form
// catalogues circulate in: a header row of the field names.
func (s *server) catalogueExport(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	items, err := s.store.CatalogueItems(r.Context(), b.ID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := catalogue.WriteXLSX(&buf, items); err != nil {
		return err
	}
	name := b.Name + "政务公开事项标准目录.xlsx"
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", "attachment; filename=\"catalogue.xlsx\"; filename*=UTF-8''"+url.PathEscape(name))
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(buf.Bytes())
	return err
}

// catalogueImport replaces the catalogue with an uploaded workbook, all
// or nothing: every row is checked first, and the store writes in one
// transaction.
func (s *server) catalogueImport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	back := fmt.Sprintf("/admin/bodies/%d/catalogue", b.ID)
	r.Body = http.MaxBytesReader(w, r.Body, maxCatalogueFile+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return &Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
			Message: "上传的文件过大（不超过 8 MB）或表单无法读取。", Cause: err}
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		// A form sent without a file: nothing to import.
		s.notice(r, "请选择要导入的 .xlsx 文件。")
		return seeOther(w, r, back)
	}
	defer f.Close()
	items, rowErrs := catalogue.ReadXLSX(f)
	var errs []string
	for _, e := range rowErrs {
		errs = append(errs, e.Error())
	}
	if len(errs) == 0 {
		err = s.audited(r, func(r *http.Request) error {
			if err := s.store.ImportCatalogue(r.Context(), b.ID, items); err != nil {
				return err
			}
			return s.record(r, principalFrom(ctx), "catalogue.import", b.ID, "body:"+idStr(b.ID),
				fmt.Sprintf("%d 个事项", len(items)))
		})
		var inUse *store.ItemInUseError
		if errors.As(err, &inUse) {
			errs = append(errs, "导入的目录缺少已关联文件的事项（"+inUse.Item+"），请保留该事项或先取消文件关联。")
		} else if err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		v, err := s.cataloguePage(r, b)
		if err != nil {
			return err
		}
		v.Errors = append([]string{"未导入任何内容。"}, errs...)
		return s.renderStatus(w, r, "console_catalogue", http.StatusUnprocessableEntity, v)
	}
	s.notice(r, fmt.Sprintf("已导入标准目录，共 %d 个事项。", len(items)))
	return seeOther(w, r, back)
}

type catalogueFormView struct {
	Page
	Body      body.Body
	Item      catalogue.Item
	Action    string
	Domains   []string
	Channels  []checkOption
	Other     string // channels outside the usual list
	Audiences []checkOption
	Modes     []checkOption
	Tiers     []checkOption
	Errors    []string
}

type checkOption struct {
	Value   string
	Checked bool
}

func checkOptions(all, chosen []string) []checkOption {
	out := make([]checkOption, 0, len(all))
	for _, v := range all {
		out = append(out, checkOption{Value: v, Checked: slices.Contains(chosen, v)})
	}
	return out
}

func (s *server) catalogueForm(r *http.Request, b body.Body, it catalogue.Item, errs []string) catalogueFormView {
	title := "新增标准目录事项"
	action := fmt.Sprintf("/admin/bodies/%d/catalogue", b.ID)
	if it.ID != 0 {
		title = "修改标准目录事项"
		action = fmt.Sprintf("/admin/bodies/%d/catalogue/%d", b.ID, it.ID)
	}
	known := catalogue.Channels()
	var other []string
	for _, c := range it.Channels {
		if !slices.Contains(known, c) {
			other = append(other, c)
		}
	}
	return catalogueFormView{Page: s.consolePage(r, title+" - "+b.Name, "/admin/bodies"), Body: b, Item: it,
		Action: action, Domains: catalogue.Domains(), Channels: checkOptions(known, it.Channels),
		Other: catalogue.JoinList(other), Audiences: checkOptions(catalogue.Audiences, []string{it.Audience}),
		Modes: checkOptions(catalogue.Modes, []string{it.Mode}), Tiers: checkOptions(catalogue.Tiers, it.Tier), Errors: errs}
}

// catalogueItemFromPath loads {item} and checks it is the body's; the
// guard has checked the permission on the body.
func (s *server) catalogueItemFromPath(r *http.Request, b body.Body) (catalogue.Item, error) {
	id, err := pathID(r, "item")
	if err != nil {
		return catalogue.Item{}, err
	}
	it, err := s.store.CatalogueItem(r.Context(), id)
	if err != nil {
		return catalogue.Item{}, notFoundOr(err)
	}
	if it.BodyID != b.ID {
		return catalogue.Item{}, errNotFound()
	}
	return it, nil
}

func (s *server) catalogueNewForm(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	it := catalogue.Item{BodyID: b.ID, Subject: b.Name, Audience: "全社会", Mode: "主动",
		Channels: []string{"政府网站"}, Tier: []string{tierOf(b)}, Domain: r.URL.Query().Get("domain")}
	return s.render(w, r, "console_catalogue_item", s.catalogueForm(r, b, it, nil))
}

// tierOf is the 公开层级 a body's own lines usually carry.
func tierOf(b body.Body) string {
	if b.Kind == body.Township || b.Kind == body.Village {
		return "乡级"
	}
	return "县级"
}

func (s *server) catalogueEditForm(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	it, err := s.catalogueItemFromPath(r, b)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_catalogue_item", s.catalogueForm(r, b, it, nil))
}

func readCatalogueForm(r *http.Request) catalogue.Item {
	f := r.PostForm
	channels := append(f["channels"], catalogue.SplitList(f.Get("channels_other"))...)
	return catalogue.Normalize(catalogue.Item{Domain: f.Get("domain"), Level1: f.Get("level1"), Level2: f.Get("level2"),
		Content: f.Get("content"), Basis: f.Get("basis"), Timing: f.Get("timing"), Subject: f.Get("subject"),
		Channels: channels, Audience: f.Get("audience"), Mode: f.Get("mode"), Tier: f["tier"]})
}

// catalogueCreate adds a line; catalogueSave changes one.
func (s *server) catalogueCreate(w http.ResponseWriter, r *http.Request) error {
	return s.catalogueWrite(w, r, false)
}

func (s *server) catalogueSave(w http.ResponseWriter, r *http.Request) error {
	return s.catalogueWrite(w, r, true)
}

func (s *server) catalogueWrite(w http.ResponseWriter, r *http.Request, existing bool) error {
	ctx := r.Context()
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return errBadRequest("表单无法读取。")
	}
	it := readCatalogueForm(r)
	it.BodyID = b.ID
	if existing {
		cur, err := s.catalogueItemFromPath(r, b)
		if err != nil {
			return err
		}
		it.ID, it.Position = cur.ID, cur.Position
	}
	errs := catalogue.Validate(it)
	if len(errs) == 0 {
		err = s.audited(r, func(r *http.Request) error {
			if _, err := s.store.SaveCatalogueItem(r.Context(), it); err != nil {
				return err
			}
			return s.record(r, principalFrom(ctx), "catalogue.edit", b.ID, "body:"+idStr(b.ID),
				it.Domain+" / "+it.Level1+" / "+it.Level2)
		})
		if isConflict(err) {
			errs = append(errs, "本目录已有相同领域、一级事项和二级事项的事项")
		} else if err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		for i := range errs {
			errs[i] += "。"
		}
		return s.renderStatus(w, r, "console_catalogue_item", http.StatusUnprocessableEntity, s.catalogueForm(r, b, it, errs))
	}
	s.notice(r, "事项“"+it.Level2+"”已保存。")
	return seeOther(w, r, fmt.Sprintf("/admin/bodies/%d/catalogue", b.ID))
}

// catalogueDelete removes a line no document is attached to.
func (s *server) catalogueDelete(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	it, err := s.catalogueItemFromPath(r, b)
	if err != nil {
		return err
	}
	back := fmt.Sprintf("/admin/bodies/%d/catalogue", b.ID)
	err = s.audited(r, func(r *http.Request) error {
		if err := s.store.DeleteCatalogueItem(r.Context(), it.ID); err != nil {
			return err
		}
		return s.record(r, principalFrom(ctx), "catalogue.delete", b.ID, "body:"+idStr(b.ID),
			it.Domain+" / "+it.Level1+" / "+it.Level2)
	})
	if errors.Is(err, store.ErrItemInUse) {
		s.notice(r, "事项“"+it.Level2+"”已关联文件，不能删除。")
		return seeOther(w, r, back)
	} else if err != nil {
		return notFoundOr(err)
	}
	s.notice(r, "事项“"+it.Level2+"”已删除。")
	return seeOther(w, r, back)
}

// catalogueOptions lists the body's lines for the document form's
// select, with "none" first.
func (s *server) catalogueOptions(ctx context.Context, bodyID int64, selected int64) ([]option, error) {
	items, err := s.store.CatalogueItems(ctx, bodyID)
	if err != nil {
		return nil, err
	}
	out := []option{{Value: "", Name: "（不关联标准目录事项）", Selected: selected == 0}}
	for _, it := range items {
		out = append(out, option{Value: idStr(it.ID), Name: it.Domain + " / " + it.Level1 + " / " + it.Level2,
			Selected: it.ID == selected})
	}
	return out, nil
}

// formCatalogueItem reads the document form's catalogue_item field: set
// is false when the form has no such field (an older form, a client),
// so the link is left alone.
func (s *server) formCatalogueItem(ctx context.Context, r *http.Request, bodyID int64) (id int64, set bool, msg string) {
	if !r.PostForm.Has("catalogue_item") {
		return 0, false, ""
	}
	raw := r.PostForm.Get("catalogue_item")
	if raw == "" {
		return 0, true, ""
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return 0, false, "标准目录事项不正确。"
	}
	it, err := s.store.CatalogueItem(ctx, id)
	if err != nil || it.BodyID != bodyID {
		return 0, false, "标准目录事项不存在。"
	}
	return id, true, ""
}

// documentCatalogueSelected is the line the document form shows chosen:
// the posted one when re-showing a form, else the stored link.
func (s *server) documentCatalogueSelected(ctx context.Context, r *http.Request, docID int64) (int64, error) {
	if r.Method == http.MethodPost {
		id, _ := strconv.ParseInt(r.PostFormValue("catalogue_item"), 10, 64)
		return id, nil
	}
	if docID == 0 {
		return 0, nil
	}
	return s.store.DocumentCatalogueItem(ctx, docID)
}
