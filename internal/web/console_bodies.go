package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
)

type bodyRow struct {
	Body   body.Body
	Depth  int
	Indent string // full-width spaces, for <option> lists
}

func newBodyRow(b body.Body, depth int) bodyRow {
	return bodyRow{Body: b, Depth: depth, Indent: strings.Repeat("　", depth)}
}

type bodyListView struct {
	Page
	Rows []bodyRow
}

// bodyList shows the bodies the user may read, as an indented tree.
func (s *server) bodyList(w http.ResponseWriter, r *http.Request) error {
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
	v := bodyListView{Page: s.consolePage(r, "单位", "/admin/bodies")}
	for _, b := range bodies {
		v.Rows = append(v.Rows, newBodyRow(b, len(ancestorsOf(parent, b.ID))))
	}
	return s.render(w, r, "console_bodies", v)
}

type bodyView struct {
	Page
	Body        body.Body
	Parent      *body.Body
	Children    []body.Body
	Contacts    []contactLine
	CanEdit     bool
	CanCreate   bool
	CanSetHome  bool // 系统管理员 may make this body the site's front page
	CanOverview bool // 监督 or 单位管理员: the annual reports of the subtree
	IsHome      bool
	PortalURL   string
}

func (s *server) bodyView(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := principalFrom(ctx)
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	all, err := s.store.Bodies(ctx)
	if err != nil {
		return err
	}
	v := bodyView{Page: s.consolePage(r, b.Name, "/admin/bodies"), Body: b,
		Contacts: contactLines(b.Contact), PortalURL: "/b/" + b.Slug + "/"}
	for i := range all {
		if all[i].ID == b.ParentID {
			v.Parent = &all[i]
		}
		if all[i].ParentID == b.ID {
			v.Children = append(v.Children, all[i])
		}
	}
	if v.CanEdit, err = s.can(ctx, p, auth.PermBodyEdit, b.ID); err != nil {
		return err
	}
	if v.CanCreate, err = s.can(ctx, p, auth.PermBodyCreate, b.ID); err != nil {
		return err
	}
	if v.CanOverview, err = s.can(ctx, p, auth.PermReportApprove, b.ID); err != nil {
		return err
	}
	if v.CanSetHome, err = s.can(ctx, p, auth.PermPlatform, b.ID); err != nil {
		return err
	}
	if home, err := s.homeBody(ctx); err != nil {
		return err
	} else if home != nil {
		v.IsHome = home.ID == b.ID
	}
	return s.render(w, r, "console_body", v)
}

// bodySetHome makes the body's portal the site's front page.
func (s *server) bodySetHome(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	err = s.audited(r, func(r *http.Request) error {
		if err := s.store.SetMeta(r.Context(), HomeBodyKey, b.Slug); err != nil {
			return err
		}
		return s.record(r, principalFrom(r.Context()), "portal.home", b.ID, "body:"+strconv.FormatInt(b.ID, 10), "门户首页设为 "+b.Name)
	})
	if err != nil {
		return err
	}
	s.notice(r, "已将本单位的公开专栏设为网站首页。")
	return seeOther(w, r, "/admin/bodies/"+strconv.FormatInt(b.ID, 10))
}

type bodyEditView struct {
	Page
	Body     body.Body
	Identity siteForm // the body's own 网站标识, over the site's
	Errors   []fieldError
}

// bodyEditPage is the form for a body's contact details and identity.
func (s *server) bodyEditPage(r *http.Request, b body.Body, fe fieldErrors) (bodyEditView, error) {
	site, err := s.siteIdentity(r.Context())
	if err != nil {
		return bodyEditView{}, err
	}
	return bodyEditView{Page: s.consolePage(r, "修改联系信息和网站标识："+b.Name, "/admin/bodies"), Body: b,
		Identity: siteForm{Prefix: "site_", Site: b.Identity, Errors: fe, Fallback: &site}}, nil
}

func (s *server) bodyEditForm(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	v, err := s.bodyEditPage(r, b, nil)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_body_edit", v)
}

// contactChanges describes what changed, for the audit log.
func contactChanges(old, new body.Contact) string {
	var parts []string
	for i, l := range contactLines(old) {
		if n := contactLines(new)[i]; n.Value != l.Value {
			parts = append(parts, fmt.Sprintf("%s：%q→%q", l.Label, l.Value, n.Value))
		}
	}
	if len(parts) == 0 {
		return "无变化"
	}
	return strings.Join(parts, "；")
}

func (s *server) bodyEdit(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	f := readBodyEditForm(r.PostFormValue)
	c, identity := f.Contact, f.Identity
	errs, fe := f.problems()
	if len(errs) > 0 || len(fe) > 0 {
		b.Contact, b.Identity = c, identity
		v, err := s.bodyEditPage(r, b, fe)
		if err != nil {
			return err
		}
		for _, e := range errs {
			v.Errors = append(v.Errors, fieldError{Message: e})
		}
		v.Errors = append(v.Errors, v.Identity.summary()...)
		return s.renderStatus(w, r, "console_body_edit", http.StatusUnprocessableEntity, v)
	}
	if err := s.updateContact(r, b, c, identity); err != nil {
		return err
	}
	s.notice(r, "联系信息和网站标识已保存，政府信息公开指南和网站页脚已随之更新。")
	return seeOther(w, r, "/admin/bodies/"+strconv.FormatInt(b.ID, 10))
}

// updateContact saves new contact details and the body's own identity,
// and audits the change; the console form and the API share it.
func (s *server) updateContact(r *http.Request, b body.Body, c body.Contact, identity body.Site) error {
	detail := contactChanges(b.Contact, c)
	if identity != b.Identity {
		id, err := json.Marshal(identity)
		if err != nil {
			return err
		}
		detail += "；网站标识：" + string(id)
	}
	b.Contact, b.Identity = c, identity
	return s.audited(r, func(r *http.Request) error {
		if err := s.store.UpdateBody(r.Context(), b); err != nil {
			return err
		}
		return s.record(r, principalFrom(r.Context()), "body.edit", b.ID, "body:"+strconv.FormatInt(b.ID, 10), detail)
	})
}

type bodyNewView struct {
	Page
	Parent body.Body
	Body   body.Body
	Kinds  []kindOption
	Errors []string
}

type kindOption struct {
	Kind     body.Kind
	Name     string
	Selected bool
}

func kindOptions(sel body.Kind) []kindOption {
	var out []kindOption
	for _, k := range []body.Kind{body.Province, body.City, body.County, body.Township, body.Village, body.Department} {
		out = append(out, kindOption{Kind: k, Name: body.KindName(k), Selected: k == sel})
	}
	return out
}

func (s *server) bodyNewForm(w http.ResponseWriter, r *http.Request) error {
	parent, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	v := bodyNewView{Page: s.consolePage(r, "新建下级单位", "/admin/bodies"), Parent: parent,
		Kinds: kindOptions(body.Department)}
	return s.render(w, r, "console_body_new", v)
}

func (s *server) bodyCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	parent, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	b, errs := newBodyFromForm(r.PostFormValue, parent)
	if _, err := s.store.BodyBySlug(ctx, b.Slug); err == nil {
		errs = append(errs, "网址标识已被其他单位使用。")
	} else if !isNotFound(err) {
		return err
	}
	if len(errs) > 0 {
		v := bodyNewView{Page: s.consolePage(r, "新建下级单位", "/admin/bodies"), Parent: parent, Body: b,
			Kinds: kindOptions(b.Kind), Errors: errs}
		return s.renderStatus(w, r, "console_body_new", http.StatusUnprocessableEntity, v)
	}
	b.Created = s.now()
	var id int64
	err = s.audited(r, func(r *http.Request) error {
		var err error
		if id, err = s.store.CreateBody(r.Context(), b); err != nil {
			return err
		}
		// Logged against the parent: that is the body whose admins acted.
		return s.record(r, principalFrom(ctx), "body.create", parent.ID, "body:"+strconv.FormatInt(id, 10),
			fmt.Sprintf("在「%s」下新建「%s」", parent.Name, b.Name))
	})
	if err != nil {
		return err
	}
	s.notice(r, "已新建单位「"+b.Name+"」。")
	return seeOther(w, r, "/admin/bodies/"+strconv.FormatInt(id, 10))
}

// messages splits a joined validation error into its messages, each
// already in Chinese and meant for the person filling in the form.
func messages(err error) []string {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []string
		for _, e := range j.Unwrap() {
			out = append(out, messages(e)...)
		}
		return out
	}
	return []string{err.Error() + "。"}
}
